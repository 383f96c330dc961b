"""The site-wide context shared by every page: the catalogue's indexes, the territories, the security policy."""

import copy
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from generator import i18n, urls
from generator.i18n import _
from generator.model.slug import fold
from generator.model.structure import Structure
from generator.model.territoire import Territoire
from generator.model.territoires import Referentiel
from generator.model.vocab import Categorie, Thematique
from generator.pipeline.enrich import OffreVue
from generator.site.centres import Centres

# The partners' tools (état de l'offre, the proposal form) exist in French only, like the editorial pages.
FRENCH_ONLY_SECTIONS = {"etat", "contribuer"}


@dataclass
class Site:
    territoire: Territoire
    ref: Referentiel
    vues: list[OffreVue]
    structures: dict[str, Structure]
    today: date
    base_url: str
    generated: date
    css: list[str]  # Material's compiled CSS, relative to the site root
    offres_dir: str = "offers"  # the offers' folder in the repository (forge links)
    centres: Centres = field(init=False)
    by_id: dict[str, OffreVue] = field(init=False)
    publiques: list[OffreVue] = field(init=False)
    a_distance: list[OffreVue] = field(init=False)  # public offers without any place
    # What the pages of one paginated list share (its sorted offers), computed once per process: `memo`.
    _memo: dict = field(init=False, repr=False)

    def __post_init__(self):
        self.by_id = {v.id: v for v in self.vues}
        self.publiques = [v for v in self.vues if v.public]
        self.a_distance = [v for v in self.publiques if not v.offre.lieux]
        self.centres = Centres(self.ref, self._points())
        self.by_structure: dict[str, list[OffreVue]] = {}
        self.by_partner: dict[str, list[OffreVue]] = {}
        self.by_categorie: dict[Categorie, list[OffreVue]] = {}
        self.by_thematique: dict[str, list[OffreVue]] = {}
        self.by_commune: dict[str, list[OffreVue]] = {}
        self.by_departement: dict[str, list[OffreVue]] = {}
        self._cards: dict[tuple[str, str], dict] = {}
        self._memo = {}
        self._territoires: list[tuple[str, str]] | None = None  # `territoire_codes`
        for v in self.publiques:
            for name, keys in _index_keys(v).items():
                index = getattr(self, name)
                for key in keys:
                    index.setdefault(key, []).append(v)

    def _points(self) -> list[tuple[str, float, float]]:
        """The catalogue's places with a position (`centres`): the offers' and the structures'."""
        points = [p for v in self.vues for p in _places(v)]
        for s in self.structures.values():
            if s.latitude is not None and s.longitude is not None:
                points.append((s.code_insee, s.latitude, s.longitude))
        return points

    def updated(self, changed: list[OffreVue]) -> "Site":
        """A new site where `changed` replace the offers of the same id (or join the site), its indexes
        updated for those offers only instead of computed again (`catalogue serve`, after an edit: the
        same indexes, in the same order, as a new `Site` of all the offers would have)."""
        new = copy.copy(self)
        ids = {v.id for v in changed}
        olds = [self.by_id[k] for k in ids if k in self.by_id]
        new.by_id = {**self.by_id, **{v.id: v for v in changed}}
        new.vues = [new.by_id[k] for k in sorted(new.by_id)]
        new.publiques = [v for v in new.vues if v.public]
        new.a_distance = [v for v in new.publiques if not v.offre.lieux]
        if sorted(p for v in olds for p in _places(v)) != sorted(p for v in changed for p in _places(v)):
            new.centres = Centres(new.ref, new._points())
        rank = {v.id: i for i, v in enumerate(new.vues)}
        before = [_index_keys(v) for v in olds if v.public]
        after = [(v, _index_keys(v)) for v in changed if v.public]
        for name in _INDEXES:
            index = dict(getattr(self, name))
            keys = {k for kk in before for k in kk[name]} | {k for _v, kk in after for k in kk[name]}
            moved = False
            for key in keys:
                members = [u for u in index.get(key, []) if u.id not in ids] + [v for v, kk in after if key in kk[name]]
                members.sort(key=lambda u: rank[u.id])
                moved |= (index[key][0].id if key in index else None) != (members[0].id if members else None)
                if members:
                    index[key] = members
                else:
                    index.pop(key, None)
            if moved:  # a key's place: where its first offer puts it, as when the index is built
                index = dict(sorted(index.items(), key=lambda kv: (rank[kv[1][0].id], _index_keys(kv[1][0])[name].index(kv[0]))))
            setattr(new, name, index)
        new._cards = {k: c for k, c in self._cards.items() if k[1] not in ids}  # an offer's card: computed once
        new._memo = {}
        return new

    def memo(self, key: tuple, compute):
        """`compute()`, computed once for `key` (the pages of a list each need the whole sorted list)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def tile_origin(self) -> str:
        t = self.territoire.tuiles
        if not t:
            return ""
        m = re.match(r"^(https://[^/{}]+)", t.url)
        return m.group(1) if m else ""

    @property
    def csp(self) -> str:
        return csp(self.tile_origin)

    def commun(self, url: str, titre: str, description: str = "", section: str = "") -> dict:
        """What every page's layout needs: `url` is the page's address in every language (relative to
        the language's root), `root` leads to that root, `site_root` to the site's (assets, data)."""
        traduite = section not in FRENCH_ONLY_SECTIONS
        root, site_root = urls.relroot(url), urls.relroot(i18n.prefix() + url)
        return {
            "root": root,
            "site_root": site_root,
            "urls": urls.for_browser(root, site_root),
            "lang": i18n.current(),
            "langues": i18n.switcher(url if traduite else ""),
            "url": url,
            "titre": titre,
            "site_nom": self.territoire.nom,
            "meta_description": description,
            "csp": self.csp,
            "css": self.css,
            "section": section,
            "canonical": (self.base_url.rstrip("/") + "/" + url) if self.base_url else "",
        }


_INDEXES = ("by_structure", "by_partner", "by_categorie", "by_thematique", "by_commune", "by_departement")


def _index_keys(v: OffreVue) -> dict[str, list]:
    """Under which keys each index of the site lists a public offer, in that order."""
    return {
        "by_structure": [v.structure_id],
        "by_partner": [p for p in v.offre.partenaires or [] if p != v.structure_id],
        "by_categorie": list(v.categories),
        "by_thematique": [Thematique(t).value for t in dict.fromkeys(v.offre.thematiques)],
        "by_commune": list(v.communes),
        "by_departement": list(v.departements),
    }


def _places(v: OffreVue) -> list[tuple[str, float, float]]:
    return [(lieu.code_insee, lieu.latitude, lieu.longitude) for lieu in v.offre.lieux if lieu.latitude is not None and lieu.longitude is not None]


def csp(tile_origin: str = "") -> str:
    """The pages' Content-Security-Policy. Trusted Types: no string reaches an HTML or script sink
    (innerHTML, new Worker…) unless the page's one policy, « default », lets it through; only the pages
    with a map or a search create it (static/confiance.js), for Leaflet's own markup and Pagefind's worker."""
    img = "'self' data:" + (f" {tile_origin}" if tile_origin else "")
    return (
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
        f"img-src {img}; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "require-trusted-types-for 'script'; trusted-types default"
    )


def zone_label(site: Site, codes: list[str]) -> list[str]:
    """The zone's codes as people read them (an unknown code as it is)."""
    kinds = [(site.ref.kind(code), code) for code in codes]
    return [_("Toute la France") if kind == "france" else territoire_nom(site, kind, code) for kind, code in kinds]



def tuiles(site: Site) -> dict:
    t = site.territoire.tuiles
    return {"url": t.url, "attribution": t.attribution} if t else {"url": "", "attribution": ""}


def by_name(v: OffreVue) -> tuple[str, str]:
    """Alphabetical order of offers, as a French reader expects it: accents and case ignored."""
    return (_collation_key(v.offre.nom), v.id)


_collation_key = lru_cache(maxsize=None)(fold)


def territoire_codes(site: Site) -> list[tuple[str, str]]:
    """(kind, code) of the territory pages: each département of the territory and each of its EPCI
    (computed once per site: 0.1 s; `Site.updated` keeps them, the territory is the same)."""
    if site._territoires is None:
        site._territoires = _territoire_codes(site)
    return list(site._territoires)


def _territoire_codes(site: Site) -> list[tuple[str, str]]:
    out = [("departement", d) for d in sorted(site.territoire.departements) if d in site.ref.departements]
    deps = set(site.territoire.departements)
    epcis = sorted(
        code
        for code, e in site.ref.epci.items()
        if any(site.ref.communes.get(m, {}).get("departement") in deps for m in e["membres"])
    )
    out += [("epci", e) for e in epcis]
    return out


def located(site: Site, kind: str, code: str) -> list[OffreVue]:
    """The public offers with a place in a territory (département or EPCI), by id."""
    if kind == "departement":
        return list(site.by_departement.get(code, []))
    found = {v.id: v for m in site.ref.epci[code]["membres"] for v in site.by_commune.get(m, [])}
    return [found[k] for k in sorted(found)]


def territoire_nom(site: Site, kind: str | None, code: str) -> str:
    nom = site.ref.nom(code)
    return f"{nom} ({code})" if kind == "departement" else nom
