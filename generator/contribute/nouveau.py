"""`catalogue new`: write a new offer file from a few answers (or options, for scripts).

The file is written only when it is valid: the same model and checks as `catalogue validate`.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from generator.contribute.yamlio import dump
from generator.model import langues
from generator.model.offre import Offre
from generator.model.slug import slugify
from generator.model.structure import Structure
from generator.model.suggest import did_you_mean
from generator.model.territoires import referentiel
from generator.model.vocab import ModeAccueil, Public, Thematique
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
    matches = [c for c, v in ref.communes.items() if code_postal in v["codes_postaux"]]
    if commune and len(matches) > 1:
        wanted = slugify(commune)
        matches = [c for c in matches if slugify(ref.communes[c]["nom"]) == wanted] or matches
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


def _codes(raw: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\s]+", raw) if part.strip()]


def ask(answers: Answers, offers: Path, prompt: Callable[[str], str] = input, say: Callable[[str], None] = print) -> Answers:
    """Fill the missing answers by asking, in French; each answer is checked before the next question."""
    known = sorted(p.name for p in offers.iterdir() if (p / STRUCTURE_FILE).is_file()) if offers.is_dir() else []
    while answers.structure not in known:
        if answers.structure:
            say(f"Structure inconnue « {answers.structure} »{did_you_mean(answers.structure, known)}")
        say("Structures : " + ", ".join(known))
        answers.structure = prompt("Structure (nom du dossier) : ").strip()
    while not answers.nom or len(answers.nom) < 3:
        answers.nom = prompt("Nom de l'offre (court et parlant) : ").strip()
    while not answers.description or len(answers.description) < 5:
        answers.description = prompt("Description, en phrases simples : ").strip()
    valid = {t.value for t in Thematique}
    while not answers.thematiques or any(t not in valid for t in answers.thematiques):
        for t in answers.thematiques or []:
            if t not in valid:
                say(f"Thématique inconnue « {t} »{did_you_mean(t, valid)}")
        answers.thematiques = _codes(prompt("Thématiques (codes séparés par des virgules, ex. mobilite--preparer-un-permis) : "))
    publics = {p.value for p in Public}
    while answers.publics is None or any(p not in publics for p in answers.publics):
        for p in answers.publics or []:
            if p not in publics:
                say(f"Public inconnu « {p} »{did_you_mean(p, publics)}")
        answers.publics = _codes(prompt("Publics (ex. demandeurs-emploi, jeunes ; Entrée : tous-publics) : ")) or [Public.TOUS_PUBLICS.value]
    ref = referentiel()
    while not answers.zone or any(ref.kind(z) is None for z in answers.zone):
        answers.zone = _codes(prompt("Zone d'éligibilité (codes INSEE, SIREN d'EPCI, département ou france, ex. 91) : "))
    if answers.adresse is None and not answers.a_distance:
        distance = prompt("L'offre est-elle uniquement à distance ? (o/N) : ").strip().lower()
        answers.a_distance = distance.startswith("o")
        if not answers.a_distance:
            answers.adresse = prompt("Adresse (numéro et voie) : ").strip()
            while not answers.code_insee:
                answers.code_postal = prompt("Code postal : ").strip()
                answers.commune = prompt("Commune : ").strip()
                answers.code_insee = find_commune(answers.code_postal, answers.commune)
                if not answers.code_insee:
                    say("Commune introuvable pour ce code postal : vérifier l'orthographe.")
    if answers.telephone is None:
        answers.telephone = prompt("Téléphone (Entrée pour passer) : ").strip() or None
    if answers.courriel is None:
        answers.courriel = prompt("Courriel (Entrée pour passer) : ").strip() or None
    known_languages = set(langues.codes())
    while answers.langues is None or any(code not in known_languages for code in answers.langues):
        for code in answers.langues or []:
            if code not in known_languages:
                say(f"Langue inconnue « {code} »{langues.conseil(code)}")
        answers.langues = _codes(prompt("Langues parlées sur place en plus du français (codes séparés par des virgules, ex. ar, en ; Entrée pour passer) : "))
    return answers
