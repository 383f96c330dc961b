"""Answers of `catalogue new` read the way a person writes them: each reader takes the text typed and gives
back the value for the file and, when something is wrong, a French message with the reason and a
suggestion (then nothing is kept from that answer and the question is asked again).

- thématiques: numbers of the list `liste_thematiques` shows, codes, or words of their names;
- publics: codes or names (« demandeurs d'emploi »), separated by commas only;
- zone: « france », départements, EPCI, communes by INSEE code, postal code or name;
- languages: codes or names (« arabe » → ar);
- telephone, e-mail: the model's own rule and message.
"""

import re

from pydantic import ValidationError

from generator.model import communes, langues
from generator.model.communes import normaliser
from generator.model.offre import Offre
from generator.model.suggest import closest
from generator.model.territoires import FRANCE, Referentiel
from generator.model.vocab import Public, Thematique, categorie_of
from generator.pipeline.checks import rules

Lu = tuple[list[str], str | None]


def items(text: str) -> list[str]:
    """« a, b ; c » → [a, b, c]: answers are separated by commas or semicolons (never by spaces)."""
    return [part.strip() for part in re.split(r"[,;]", text or "") if part.strip()]


def _dedup(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


# ----- thématiques ------------------------------------------------------------------------------------------


def thematiques_numerotees() -> list[Thematique]:
    """The thématiques in the order of the numbered list: by category, then by name."""
    return sorted(Thematique, key=lambda t: (normaliser(categorie_of(t).label), normaliser(t.label)))


def liste_thematiques() -> str:
    out, categorie = [], None
    for n, t in enumerate(thematiques_numerotees(), 1):
        c = categorie_of(t).label
        if c != categorie:
            out.append(f"{c} :")
            categorie = c
        out.append(f"  {n:2d}. {t.label}")
    return "\n".join(out)


def _mots(t: Thematique) -> list[str]:
    return normaliser(f"{categorie_of(t).label} {t.label} {t.value.replace('-', ' ')}").split()


def _contient(mots: list[str], words: list[str]) -> bool:
    """Every word typed starts a word of the name (« permis », « repar »)."""
    return all(any(m.startswith(w) for m in mots) for w in words)


def thematiques(text: str) -> Lu:
    numbered = thematiques_numerotees()
    codes = {t.value for t in Thematique}
    out, errors = [], []
    for item in items(text):
        if item.isdigit():
            n = int(item)
            if 1 <= n <= len(numbered):
                out.append(numbered[n - 1].value)
            else:
                errors.append(f"« {item} » : numéro de la liste attendu, de 1 à {len(numbered)}")
            continue
        if item in codes:
            out.append(item)
            continue
        words = normaliser(item).split() if "--" not in item else []  # a code with a typo is not words
        found = [t for t in numbered if _contient(_mots(t), words)] if words else []
        if len(found) == 1:
            out.append(found[0].value)
        elif found:
            choix = ", ".join(f"{numbered.index(t) + 1}. {t.label}" for t in found[:8])
            errors.append(f"« {item} » correspond à {len(found)} thématiques ({choix}{'…' if len(found) > 8 else ''}) : donner le numéro")
        else:
            near = closest(item, codes)
            errors.append(f"thématique inconnue « {item} »" + (f" : vouliez-vous dire « {near} » ?" if near else " : donner un numéro de la liste"))
    if not out and not errors:
        errors.append("au moins une thématique : un numéro de la liste ou des mots de son nom")
    return _dedup(out), " ; ".join(errors) or None


# ----- publics ----------------------------------------------------------------------------------------------


def publics(text: str) -> Lu:
    by_name = {normaliser(p.label): p.value for p in Public} | {normaliser(p.value): p.value for p in Public}
    out, errors = [], []
    for item in items(text):
        code = by_name.get(normaliser(item))
        if code is None:
            words = normaliser(item).split()
            found = [p.value for p in Public if _contient(normaliser(f"{p.label} {p.value}").split(), words)]
            code = found[0] if len(found) == 1 else None
        if code:
            out.append(code)
        else:
            near = closest(item, [p.label for p in Public])
            hint = f" : vouliez-vous dire « {near} » ?" if near else ""
            errors.append(f"public inconnu « {item} »{hint} (publics : {', '.join(p.label for p in Public)})")
    if errors:
        return _dedup(out), " ; ".join(errors)
    out = _dedup(out) or [Public.TOUS_PUBLICS.value]
    broken = [message for path, message in rules.problems({"publics": out}) if path == ("publics",)]
    return ([], broken[0]) if broken else (out, None)


# ----- zone -------------------------------------------------------------------------------------------------


def zone(text: str, ref: Referentiel, departements: list[str] | None = None) -> Lu:
    out, errors = [], []
    for item in items(text):
        key = normaliser(item)
        if key == FRANCE or key == "toute la france":
            out.append(FRANCE)
            continue
        if ref.kind(item) in ("departement", "epci"):
            out.append(item)
            continue
        territoire = [c for c, v in ref.departements.items() if normaliser(v["nom"]) == key]
        territoire += [c for c, v in ref.epci.items() if normaliser(v["nom"]) == key]
        if len(territoire) == 1:
            out.append(territoire[0])
            continue
        found, error = _communes(item, ref, departements)
        out += found
        if error:
            errors.append(error)
    if not out and not errors:
        errors.append("au moins un territoire : « france », un département (ex. 91), une commune (nom ou code postal)")
    return _dedup(out), " ; ".join(errors) or None


def _nommer(ref: Referentiel, codes: list[str]) -> str:
    return ", ".join(f"{ref.communes[c]['nom']} ({ref.communes[c]['departement']}) : {c}" for c in codes[:6])


def _communes(item: str, ref: Referentiel, departements: list[str] | None) -> tuple[list[str], str | None]:
    """The communes meant by an INSEE code, a postal code (all its communes) or a name."""
    if re.fullmatch(r"\d{5}", item):
        par_cp = communes.par_code_postal(ref, item)
        if item in ref.communes and par_cp and item not in par_cp:
            return [], (f"« {item} » est le code INSEE de {ref.communes[item]['nom']} et le code postal de "
                        f"{', '.join(ref.communes[c]['nom'] for c in par_cp)} : écrire le nom de la commune")
        if item in ref.communes:
            return [item], None
        if par_cp:
            return par_cp, None
        return [], f"« {item} » n'est ni un code INSEE ni un code postal connu"
    if item in ref.communes:
        return [item], None  # Corsica: 2A004
    found = communes.par_nom(ref, item, departements) if departements else communes.par_nom(ref, item)
    if len(found) == 1:
        return found, None
    if found:
        return [], f"plusieurs communes s'appellent « {item} » ({_nommer(ref, found)}) : écrire son code INSEE"
    ailleurs = communes.par_nom(ref, item) if departements else []
    proches = communes.commencant(ref, item, departements)
    message = f"commune inconnue « {item} »" + (f" dans les départements du catalogue ({', '.join(departements)})" if departements else "")
    if proches:
        message += " : vouliez-vous dire " + " ou ".join(f"« {ref.communes[c]['nom']} »" for c in proches) + " ?"
    elif ailleurs:
        message += f" ; hors du catalogue : {_nommer(ref, ailleurs)} (écrire son code INSEE s'il s'agit bien d'elle)"
    else:
        message += " : vérifier l'orthographe, ou écrire son code postal ou son code INSEE"
    return [], message


# ----- languages ----------------------------------------------------------------------------------------------


def langues_parlees(text: str) -> Lu:
    out, errors = [], []
    for item in items(text):
        code = langues.depuis_saisie(item)
        if code:
            out.append(code)
        else:
            errors.append(f"langue inconnue « {item} »{langues.conseil(item)}")
    return _dedup(out), " ; ".join(errors) or None


# ----- one field, by the model's rule -----------------------------------------------------------------------


def champ(name: str, value: str) -> str | None:
    """The model's message about `value` for the field `name` of an offer, or None when it is right."""
    from generator.pipeline.validate import model_findings

    try:
        Offre.model_validate({name: value})
    except ValidationError as exc:
        for f in model_findings(exc, Offre):
            if f.loc and f.loc[0] == name:
                return f.message
    return None
