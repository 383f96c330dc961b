"""« Préparer un parcours » (/parcours/): the page, and the data it reads in the browser.

The référent gives the person's commune, her needs and her constraints; parcours.js answers per need
with the eligible offers, free places first, then distance, then open when she is available. The page
reads the data written here at build (the same for every language), never the offer pages: per need, the
category's file of the person's département and its national file — a plan with three needs downloads
six small files, whatever the size of the catalogue.

``besoins/<categorie>/<dep>.json``: the category's public offers whose zone reaches a commune of the
département ``dep`` (an offer over several départements is in each); ``besoins/<categorie>/france.json``
those open to all France (and only there: the page reads both files, an offer is never twice). The files
follow the search index's filters (`Referentiel.eligibility_filters`: « eligibilite-<dep> »,
« eligibilite » for « france »). An entry, in this order (short keys):

    [id, nom, structure, thematiques, zone, publics, age_min, age_max, gratuit, places, lieux,
     a_distance, telephone, mobilisable_par, modes_mobilisation, horaires]

* ``zone``: the codes the offer's zone covers (`Referentiel.covered_codes`, the rule of the search page:
  a commune is eligible when its own code, its EPCI, its département or « france » is among them);
* ``gratuit``: 1 free, 0 paying, null unknown; ``places``: [total, disponibles, date, à confirmer] or null;
* ``lieux``: [[lat, lon, schedule, commune, adresse, code postal], …] (position of the commune's centre
  when the place has none); ``horaires``: the offer's schedule — schedules are indices into the file's
  ``horaires`` table (`horaires.schedule`, as in the geo/ files), -1 when unknown.

A file over 1 MB is cut into parts ``<dep>-1.json``, ``<dep>-2.json``… (`geo.in_parts`, as the geo/ files of a
dense département), each with its own ``horaires`` table.

``besoins/index.json``: the files of each category (``fichiers``: the départements with offers, and
« france », or their parts) and the labels of the ways in (modes de mobilisation) in each language. For « Ma sélection »,
which knows only offer ids (of any page, stored in the browser or shared in a link),
``besoins/offres/<structure>.json`` gives the file of each of the structure's public offers
(``{"<id>": "<categorie>/<dep>"}``, the file without its part: the page reads the parts in turn): a few
hundred bytes, whatever the size of the catalogue.
"""

import json
from functools import partial
from pathlib import Path

from generator import files, i18n, urls
from generator.i18n import _
from generator.model import horaires
from generator.model.territoires import ELIGIBILITE, FRANCE
from generator.model.vocab import Categorie, ModeMobilisation, Public, Thematique, categorie_of
from generator.pipeline.enrich import OffreVue
from generator.site.context import Site
from generator.site.formatting import json_script, telephone_fr
from generator.site.search.geo import in_parts, part_names, part_order, position, schedule_index
from generator.site.search.records import dumps

# The form's choices; parcours-regles.js holds the same values (tied by tests/site/test_parcours.py).
# Half-days the person may be available (value in the URL, minutes of the day).
DEMI_JOURNEES = {"matin": (8 * 60, 12 * 60), "apres-midi": (13 * 60 + 30, 18 * 60)}
JOURS = ["lu", "ma", "me", "je", "ve", "sa"]
# How far she can go: « sans voiture » is the smaller default radius.
RAYONS = [("sans-voiture", 5), ("10", 10), ("20", 20), ("30", 30), ("50", 50)]
RAYON_DEFAUT = "20"
# The modules parcours.js imports (directly or not), preloaded by the page: fetched at once, not level by level.
MODULES = ["lib.js", "parcours-regles.js", "parcours-offre.js", "imprimer.js", "recherche-geo.js", "territoires.js"]


def entry(site: Site, vue: OffreVue, categorie: Categorie, schedules: dict[str, int], table: list) -> list:
    """One offer in its category's file (see the module's docstring)."""
    o, s = vue.offre, vue.structure
    default = o.horaires_accueil or s.horaires_accueil
    lieux = []
    for lieu in o.lieux:
        pos = [round(x, 4) for x in position(site, lieu)[0]] or [None, None]
        lieux.append([*pos, schedule_index(lieu.horaires_accueil or default, schedules, table), lieu.commune, lieu.adresse, lieu.code_postal])
    p = o.places
    phone = o.telephone or s.telephone
    return [
        vue.id,
        o.nom,
        s.nom,
        [t for t in dict.fromkeys(o.thematiques) if categorie_of(t) == categorie],
        site.ref.covered_codes(o.zone_eligibilite),
        [pub.value for pub in o.publics or []],
        o.age_min,
        o.age_max,
        None if o.frais is None else int(o.frais.value == "gratuit"),
        [p.total, p.disponibles, p.date.isoformat(), int(vue.places_a_confirmer)] if p else None,
        lieux,
        int(not o.lieux or "a-distance" in [m.value for m in o.modes_accueil]),
        telephone_fr(phone) if phone else "",
        [m.value for m in o.mobilisable_par or []],
        [m.value for m in o.modes_mobilisation or []],
        schedule_index(default, schedules, table),
    ]


def fichiers(site: Site, vue: OffreVue) -> list[str]:
    """The files of its categories an offer goes in: « france » alone when open to all France, else the
    départements its zone reaches (the search index's filters, `Referentiel.eligibility_filters`)."""
    filters = site.ref.eligibility_filters(vue.offre.zone_eligibilite)
    if ELIGIBILITE in filters:
        return [FRANCE]
    return sorted(f.removeprefix(ELIGIBILITE + "-") for f in filters)


def write_besoins(site: Site, out: Path, edited: list[OffreVue] | None = None) -> list[Path]:
    """besoins/<categorie>/<dep>.json and france.json for every category, besoins/offres/<structure>.json and
    besoins/index.json (see the module's docstring). `edited` (`catalogue serve`, after an edit: the edited
    offers, as they were and as they are): only the files that hold or held them, the files left empty removed."""
    folder = out / urls.BESOINS
    written: list[Path] = []
    previous = _index(folder) if edited is not None else {}
    of: dict[str, list[str]] = {}  # an offer's files, computed when needed

    def files_of(v: OffreVue) -> list[str]:
        if v.id not in of:
            of[v.id] = fichiers(site, v)
        return of[v.id]

    # What to write again: every file, or (after an edit) those of the edited offers, by category (`fichiers`,
    # not `files_of`: `edited` holds an offer as it was and as it is, under the same id).
    touched = None if edited is None else {c: {f for v in edited if c in v.categories for f in fichiers(site, v)} for v in edited for c in v.categories}
    structures = None if edited is None else {v.structure_id for v in edited}
    index: dict[str, list[str]] = {}
    selection: dict[str, dict[str, str]] = {}  # structure → {offer id: its file}
    for c in sorted(Categorie, key=lambda c: c.value):  # every category: a need without offers reads an empty file
        vues = site.by_categorie.get(c, [])
        for v in vues:
            owner = v.id.split("/", 1)[0]
            if structures is None or owner in structures:
                selection.setdefault(owner, {}).setdefault(v.id, f"{c.value}/{files_of(v)[0]}")
        bases = None if touched is None else touched.get(c, set())
        if bases == set() and previous.get(c.value):  # `catalogue serve`: the category's files as the last update left them
            index[c.value] = previous[c.value]
            continue
        if bases and c.value not in previous:  # no list of its files from the last update: all of them
            bases = None
        groups: dict[str, list[OffreVue]] = {FRANCE: []}
        for v in vues:
            for f in files_of(v):
                groups.setdefault(f, []).append(v)
        kept = [n for n in previous.get(c.value, []) if part_order(n)[0] not in bases] if bases else []
        index[c.value] = kept
        for f, group in sorted(groups.items()):
            if bases and f not in bases:
                continue
            parts = in_parts(group, partial(_entries, site, c))
            for name, (table, data) in zip(part_names(f, parts), parts):
                files.write(folder / c.value / f"{name}.json", dumps({"horaires": table, "offres": data}))
                written.append(folder / c.value / f"{name}.json")
                index[c.value].append(name)
        index[c.value].sort(key=part_order)
        _remove_others(folder / c.value, {f"{name}.json" for name in index[c.value]})
    for structure, ids in selection.items():
        files.write(folder / "offres" / f"{structure}.json", dumps(ids))
    if structures is None:
        _remove_others(folder / "offres", {f"{s}.json" for s in selection})
    else:  # a structure left without public offers
        for s in structures - set(selection):
            (folder / "offres" / f"{s}.json").unlink(missing_ok=True)
    # The ways in (modes de mobilisation) in each language of the interface, for the cards.
    modes = {}
    for lang in i18n.languages():
        with i18n.speaking(lang):
            modes[lang] = {m.value: _(m.label) for m in ModeMobilisation}
    files.write(folder / "index.json", dumps({"fichiers": index, "modes": modes}))
    written += [folder / "offres" / f"{s}.json" for s in selection] + [folder / "index.json"]
    return written


def _entries(site: Site, c: Categorie, vues: list[OffreVue]) -> tuple[list, list]:
    """The hours table and the entries of one file of category `c`."""
    schedules: dict[str, int] = {}
    table: list = []
    return table, [entry(site, v, c, schedules, table) for v in vues]


def _index(folder: Path) -> dict[str, list[str]]:
    """The files of each category, as the last build or update wrote them (besoins/index.json)."""
    try:
        return json.loads((folder / "index.json").read_text(encoding="utf-8"))["fichiers"]
    except (OSError, ValueError, KeyError):
        return {}


def _remove_others(folder: Path, keep: set[str]) -> None:
    """The files of an earlier build (`catalogue serve`) that no offer needs any more."""
    if folder.is_dir():
        for p in folder.glob("*.json"):
            if p.name not in keep:
                p.unlink(missing_ok=True)


def _options(enum, exclude=()) -> list[dict]:
    return [{"value": e.value, "label": _(e.label)} for e in enum if e.value not in exclude]


def besoins() -> list[dict]:
    """The 16 categories, in the order of their names, each with its thématiques."""
    cats = sorted(Categorie, key=lambda c: _(c.label).casefold())
    return [
        {
            "value": c.value,
            "label": _(c.label),
            "thematiques": sorted(
                ({"value": t.value, "label": _(t.label)} for t in Thematique if categorie_of(t) == c),
                key=lambda t: t["label"].casefold(),
            ),
        }
        for c in cats
    ]


def parcours_view(site: Site) -> dict:
    liste = besoins()
    libelles = {
        "besoins": {b["value"]: b["label"] for b in liste} | {t["value"]: t["label"] for b in liste for t in b["thematiques"]},
    }
    return {
        **site.commun(urls.PARCOURS, _("Préparer un parcours"),
                      description=_("Les offres ouvertes à une personne, besoin par besoin, près de chez elle : à imprimer ou à partager en un lien."),
                      section="parcours"),
        "besoins": liste,
        "publics": _options(Public, exclude={Public.TOUS_PUBLICS.value}),
        "rayons": [{"value": v, "label": _("Sans voiture (%(km)s km)") % {"km": km} if v == "sans-voiture" else _("%(km)s km") % {"km": km}}
                   for v, km in RAYONS],
        "rayon_defaut": RAYON_DEFAUT,
        "jours": [{"code": code, "nom": _(nom).capitalize()} for code, nom in zip(JOURS, horaires.JOURS)],
        "demi_journees": [{"value": "matin", "label": _("matin")}, {"value": "apres-midi", "label": _("après-midi")}],
        "libelles": json_script(libelles),
        "modules": MODULES,
    }


def jobs(site: Site, renderer, out: Path) -> list:
    """The page in every language, and its data (for `catalogue build`'s pool of jobs)."""
    return [partial(renderer.page, "parcours.html", partial(parcours_view, site), lang) for lang in i18n.languages()] + [
        partial(write_besoins, site, out)
    ]
