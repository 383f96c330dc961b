"""`catalogue new`: write a new offer file from a few answers (or options, for scripts).

The file is written only when it is valid: the same model and checks as `catalogue validate`.
"""

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from generator.contribute import reponses
from generator.contribute.yamlio import dump
from generator.model import communes
from generator.model.offre import Offre
from generator.model.slug import slugify
from generator.model.structure import Structure
from generator.model.suggest import did_you_mean
from generator.model.territoires import referentiel
from generator.model.vocab import ModeAccueil
from generator.pipeline.checks import run as checks
from generator.pipeline.checks.context import Context
from generator.pipeline.load import STRUCTURE_FILE, read
from generator.pipeline.problems import key_of
from generator.pipeline.validate import model_findings, today


@dataclass
class Answers:
    structure: str | None = None
    nom: str | None = None
    description: str | None = None
    thematiques: list[str] | None = None
    publics: list[str] | None = None
    zone: list[str] | None = None
    a_distance: bool = False
    adresse: str | None = None
    code_postal: str | None = None
    commune: str | None = None
    code_insee: str | None = None
    telephone: str | None = None
    courriel: str | None = None
    mobilisable_par: list[str] | None = None
    langues: list[str] | None = None  # languages spoken on site besides French; [] once asked and left empty


class Refused(Exception):
    """The answers do not make a valid offer; the message says why, in French."""


def find_commune(code_postal: str, commune: str | None) -> str | None:
    """The INSEE code of the commune with that postal code (and name, when several share it)."""
    ref = referentiel()
    matches = communes.par_code_postal(ref, code_postal)
    if commune and len(matches) > 1:
        matches = [c for c in matches if communes.correspond(commune, ref.communes[c]["nom"])] or matches
    return matches[0] if len(matches) == 1 else None


def build(answers: Answers, offers: Path) -> tuple[Path, str]:
    """(path, YAML text) of the new offer, or Refused with every problem."""
    folder = offers / (answers.structure or "")
    if not answers.structure or not (folder / STRUCTURE_FILE).is_file():
        known = sorted(p.name for p in offers.iterdir() if (p / STRUCTURE_FILE).is_file()) if offers.is_dir() else []
        raise Refused(
            f"structure inconnue « {answers.structure or ''} »{did_you_mean(answers.structure, known)} — "
            f"décrire d'abord la structure dans {offers.name}/<structure>/{STRUCTURE_FILE} (voir docs/contribuer)"
        )
    data: dict = {
        "nom": answers.nom,
        "description": answers.description,
        "thematiques": answers.thematiques,
        "publics": answers.publics or None,
        "zone_eligibilite": answers.zone,
        "modes_accueil": [ModeAccueil.A_DISTANCE.value] if answers.a_distance else [ModeAccueil.EN_PRESENTIEL.value],
        "mobilisable_par": answers.mobilisable_par or None,
        "telephone": answers.telephone,
        "courriel": answers.courriel,
        "langues": answers.langues or None,
        "date_maj": today(),
    }
    if answers.adresse:
        code_insee = answers.code_insee or (find_commune(answers.code_postal or "", answers.commune))
        nom_commune = answers.commune or (referentiel().communes.get(code_insee or "", {}).get("nom"))
        data["lieux"] = [
            {"adresse": answers.adresse, "code_postal": answers.code_postal, "commune": nom_commune, "code_insee": code_insee}
        ]
        if answers.a_distance:
            data["modes_accueil"] = [ModeAccueil.EN_PRESENTIEL.value, ModeAccueil.A_DISTANCE.value]
    data = {k: v for k, v in data.items() if v is not None}
    try:
        offre = Offre.model_validate(data)
    except ValidationError as exc:
        raise Refused("\n".join(f"{key_of(f.loc)} : {f.message}" for f in model_findings(exc, Offre))) from None
    structure = _structure(folder)
    errors = [f for f in checks.run_offre(offre, Context(today(), referentiel(), structure)) if f.severity == "erreur"]
    if errors:
        raise Refused("\n".join(f"{key_of(f.loc)} : {f.message}" for f in errors))
    stem = slugify(offre.nom) or "offre"
    path = folder / f"{stem}.yml"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.yml"
        n += 1
    return path, dump(offre)


def _structure(folder: Path) -> Structure | None:
    source = read(folder / STRUCTURE_FILE, STRUCTURE_FILE)
    try:
        return Structure.model_validate(source.data) if source.data is not None else None
    except ValidationError:
        return None


# ----- questions -----------------------------------------------------------------------------------


def _question(prompt: Callable[[str], str], say: Callable[[str], None], text: str, read: Callable[[str], tuple]):
    """Ask until `read` accepts the answer: each refusal says why (and what to write), then asks again. In a
    list, what was understood is kept: the next answer only adds what was missing (Entrée: that is all)."""
    kept: list[str] = []
    while True:
        typed = prompt(text).strip()
        if kept and not typed:
            return kept
        value, error = read(typed)
        if isinstance(value, list) and kept:
            value = list(dict.fromkeys(kept + value))
        if error is None:
            return value
        say(f"  → {error}")
        if isinstance(value, list) and value:
            kept = value
            say(f"  (déjà retenu : {', '.join(value)} — taper ce qui manque, ou Entrée si c'est tout)")


def _texte(name: str, minimum: int) -> Callable[[str], tuple]:
    def read(text: str) -> tuple:
        if len(text) < minimum:
            return None, f"au moins {minimum} caractères"
        return text, reponses.champ(name, text)
    return read


def _facultatif(name: str) -> Callable[[str], tuple]:
    def read(text: str) -> tuple:
        return (text or None), (reponses.champ(name, text) if text else None)
    return read


def ask(answers: Answers, offers: Path, prompt: Callable[[str], str] = input, say: Callable[[str], None] = print,
        departements: list[str] | None = None) -> Answers:
    """Fill the missing answers by asking, in French. Each answer is checked as it is given: a wrong one is
    asked again with the reason and a suggestion, and every answer already given is kept."""
    known = sorted(p.name for p in offers.iterdir() if (p / STRUCTURE_FILE).is_file()) if offers.is_dir() else []
    ref = referentiel()
    if answers.structure not in known:
        if answers.structure:
            say(f"Structure inconnue « {answers.structure} »{did_you_mean(answers.structure, known)}")
        say("Structures : " + ", ".join(known))
        answers.structure = _question(prompt, say, "Structure (nom du dossier) : ", lambda t: (
            (t, None) if t in known else (None, f"structure inconnue « {t} »{did_you_mean(t, known)}")))
    if not answers.nom:
        answers.nom = _question(prompt, say, "Nom de l'offre (court et parlant) : ", _texte("nom", 3))
    if not answers.description:
        answers.description = _question(prompt, say, "Description, en phrases simples : ", _texte("description", 5))
    if answers.thematiques is None:
        say("Thématiques :\n" + reponses.liste_thematiques())
        answers.thematiques = _question(
            prompt, say, "Thématiques (numéros de la liste ou mots, séparés par des virgules, ex. 12, permis) : ", reponses.thematiques)
    if answers.publics is None:
        answers.publics = _question(
            prompt, say, "Publics (ex. demandeurs d'emploi, jeunes ; Entrée : tous publics) : ", reponses.publics)
    if answers.zone is None:
        answers.zone = _question(
            prompt, say, "Zone d'éligibilité (communes par nom ou code postal, département comme 91, ou france) : ",
            lambda t: reponses.zone(t, ref, departements))
    if answers.adresse is None and not answers.a_distance:
        answers.a_distance = prompt("L'offre est-elle uniquement à distance ? (o/N) : ").strip().lower().startswith("o")
        if not answers.a_distance:
            answers.adresse = _question(prompt, say, "Adresse (numéro et voie) : ", lambda t: (
                (t, None) if len(t) >= 3 else (None, "indiquer le numéro et la voie, ex. 4 rue de la Gare")))
    if answers.adresse and not answers.code_insee:
        _lieu(answers, ref, prompt, say)
    if answers.telephone is None:
        answers.telephone = _question(prompt, say, "Téléphone (Entrée pour passer) : ", _facultatif("telephone"))
    if answers.courriel is None:
        answers.courriel = _question(prompt, say, "Courriel (Entrée pour passer) : ", _facultatif("courriel"))
    if answers.langues is None:
        answers.langues = _question(
            prompt, say, "Langues parlées sur place en plus du français (noms ou codes, ex. arabe, anglais ; Entrée pour passer) : ",
            reponses.langues_parlees)
    return answers


def _lieu(answers: Answers, ref, prompt: Callable[[str], str], say: Callable[[str], None]) -> None:
    """The place's postal code, then its commune among those of the postal code (by number or name)."""
    def code_postal(text: str) -> tuple:
        if not re.fullmatch(r"\d{5}", text):
            return None, "code postal à 5 chiffres attendu, ex. 91100"
        if not communes.par_code_postal(ref, text):
            return None, f"aucune commune n'a le code postal {text} : le vérifier"
        return text, None

    if not answers.code_postal or code_postal(answers.code_postal)[1]:
        answers.code_postal = _question(prompt, say, "Code postal : ", code_postal)
    choix = sorted(communes.par_code_postal(ref, answers.code_postal), key=lambda c: ref.communes[c]["nom"])
    if answers.commune:
        named = [c for c in choix if communes.correspond(answers.commune, ref.communes[c]["nom"])]
        if len(named) == 1:
            answers.code_insee = named[0]
    if not answers.code_insee and len(choix) == 1:
        answers.code_insee = choix[0]
        say(f"Commune : {ref.communes[choix[0]]['nom']}")
    if not answers.code_insee:
        say("Communes du code postal " + answers.code_postal + " :\n" + "\n".join(
            f"  {n}. {ref.communes[c]['nom']}" for n, c in enumerate(choix, 1)))

        def commune(text: str) -> tuple:
            if text.isdigit() and 1 <= int(text) <= len(choix):
                return choix[int(text) - 1], None
            named = [c for c in choix if communes.correspond(text, ref.communes[c]["nom"])]
            if named:
                return named[0], None
            return None, f"« {text} » n'a pas le code postal {answers.code_postal} : donner le numéro de la liste"
        answers.code_insee = _question(prompt, say, "Commune (numéro ou nom) : ", commune)
    answers.commune = ref.communes[answers.code_insee]["nom"]


def interpret(answers: Answers, departements: list[str] | None = None) -> dict[str, str]:
    """Options given as a person writes them (`--zone Massy`, `--langue arabe`, `--public "demandeurs
    d'emploi"`, `--thematique permis`) turned into codes; {field: message} for those that cannot be."""
    errors = {}
    ref = referentiel()
    for attr, reader in (("thematiques", reponses.thematiques), ("publics", reponses.publics),
                         ("zone", lambda t: reponses.zone(t, ref, departements)), ("langues", reponses.langues_parlees)):
        given = getattr(answers, attr)
        if given:
            value, error = reader(", ".join(given))
            if error:
                errors[attr] = error
            else:
                setattr(answers, attr, value)
    return errors


def reprendre(answers: Answers) -> str:
    """The command that gives all these answers again (printed when the offer is refused: nothing is lost)."""
    out = ["catalogue", "new"]
    for name, option in (("structure", "--structure"), ("nom", "--nom"), ("description", "--description"),
                         ("adresse", "--adresse"), ("code_postal", "--code-postal"), ("commune", "--commune"),
                         ("code_insee", "--code-insee"), ("telephone", "--telephone"), ("courriel", "--courriel")):
        if getattr(answers, name):
            out += [option, getattr(answers, name)]
    for name, option in (("thematiques", "--thematique"), ("publics", "--public"), ("zone", "--zone"),
                         ("mobilisable_par", "--mobilisable-par"), ("langues", "--langue")):
        for value in getattr(answers, name) or []:
            out += [option, value]
    if answers.a_distance:
        out.append("--a-distance")
    return " ".join(shlex.quote(part) for part in out)
