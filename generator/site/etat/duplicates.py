"""Possible duplicates, as groups: offers of different structures, open to residents of the same communes,
whose names and descriptions are the same or alike.

A dense département publishes the same national service from every antenna, word for word: counted by
pairs, 1,000 copies make 500,000 pairs; as groups (the connected offers), they make a few groups whose
size is the number of offers. So:

1. Offers with the same name and text (folded) form a class; inside it, offers are connected when their
   zones share a commune (a commune → first offer index, never offer × offer). The same national text
   on disjoint zones (each antenna its own territory) is therefore not a duplicate.
2. Offers that are alike without being the same are compared one representative per connected part,
   blocked by thématique and département (as before): their score is the mean of the names' and the
   texts' similarity, from `SEUIL` on.
3. A group is a connected part with at least two structures. ``doublons_ecartes`` works pair by pair: an
   offer listing another is never connected to it directly; listing every other member leaves the group.
"""

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from generator.model.territoires import Referentiel
from generator.pipeline.enrich import OffreVue

SEUIL = 80  # similarity score (0-100) from which two offers are listed as possible duplicates


@dataclass(frozen=True)
class Membre:
    id: str
    score: int  # its similarity to the closest other member (100: the same name and text)


@dataclass(frozen=True)
class Groupe:
    membres: tuple[Membre, ...]  # by id
    thematiques: tuple[str, ...]  # the thématiques its members share with one another

    @property
    def score(self) -> int:
        return max(m.score for m in self.membres)

    @property
    def ident(self) -> str:
        return self.membres[0].id


class _Union:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def groupes(vues: list[OffreVue], ref: Referentiel, seuil: int = SEUIL) -> list[Groupe]:
    public = sorted((v for v in vues if v.public), key=lambda v: v.id)
    n = len(public)
    names = [utils.default_process(v.offre.nom) for v in public]
    texts = [utils.default_process(v.offre.description[:600]) for v in public]
    zones = [ref.zone_communes(v.offre.zone_eligibilite) for v in public]
    index = {v.id: i for i, v in enumerate(public)}
    ecartes = {(index[v.id], index[o]) for v in public for o in v.offre.doublons_ecartes or [] if o in index}
    ecartes |= {(b, a) for a, b in ecartes}
    links = _Union(n)
    score = [0] * n

    def link(a: int, b: int, s: int) -> None:
        links.union(a, b)
        score[a], score[b] = max(score[a], s), max(score[b], s)

    # 1. The same name and text: connected through shared communes.
    classes: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in range(n):
        classes[(names[i], texts[i])].append(i)
    for members in classes.values():
        if len(members) < 2 or len({public[i].structure_id for i in members}) < 2:
            continue
        if _any_ecarte(members, ecartes):
            _pairwise(members, public, zones, ecartes, link)
            continue
        first_of: dict[str, int] = {}
        everywhere = [i for i in members if zones[i] is None]
        for i in members:
            for c in (zones[i] or ()):
                j = first_of.setdefault(c, i)
                if j != i:
                    link(i, j, 100)
        for i in everywhere[1:]:
            link(i, everywhere[0], 100)
        if everywhere:
            for i in members:
                if zones[i] is not None and zones[i]:
                    link(i, everywhere[0], 100)
    # 2. Alike but not the same: one representative per connected part of each class.
    representatives = sorted({links.find(i) for i in range(n)})
    _alike(representatives, public, names, texts, zones, ref, ecartes, seuil, link)
    # 3. Groups: connected parts with at least two structures.
    parts: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        parts[links.find(i)].append(i)
    out = []
    for members in parts.values():
        if len(members) < 2 or len({public[i].structure_id for i in members}) < 2:
            continue
        shared = set.intersection(*({t.value for t in public[i].offre.thematiques} for i in members))
        if not shared:
            shared = {t.value for i in members for t in public[i].offre.thematiques}
        out.append(Groupe(tuple(Membre(public[i].id, score[i]) for i in sorted(members, key=lambda i: public[i].id)), tuple(sorted(shared))))
    return sorted(out, key=lambda g: (-g.score, -len(g.membres), g.ident))


def _any_ecarte(members: list[int], ecartes: set[tuple[int, int]]) -> bool:
    inside = set(members)
    return any(a in inside and b in inside for a, b in ecartes)


def _overlap(a: frozenset | None, b: frozenset | None) -> bool:
    return a is None or b is None or not a.isdisjoint(b)


def _pairwise(members, public, zones, ecartes, link) -> None:
    """A class some of whose members set each other aside: its pairs, one by one (such classes are small)."""
    for x, a in enumerate(members):
        for b in members[x + 1 :]:
            if public[a].structure_id != public[b].structure_id and (a, b) not in ecartes and _overlap(zones[a], zones[b]):
                link(a, b, 100)


def _alike(candidates, public, names, texts, zones, ref, ecartes, seuil, link) -> None:
    """Pairs of similar offers among `candidates`, blocked by thématique and département of the zone."""
    depts = {
        i: {"*"} if zones[i] is None else {ref.communes[c]["departement"] for c in zones[i] if c in ref.communes}
        for i in candidates
    }
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in candidates:
        for t in public[i].offre.thematiques:
            for d in depts[i]:
                blocks[(t.value, d)].append(i)
    national: dict[str, list[int]] = defaultdict(list)
    for (t, d), members in blocks.items():
        if d == "*":
            national[t].extend(members)
    seen: set[tuple[int, int]] = set()
    # A pair reaches `seuil` only if its names reach 2·seuil − 100: names (short) are compared first, in C,
    # and texts only for the pairs whose names are close.
    cutoff = max(0, 2 * seuil - 101)
    for (t, d), members in blocks.items():
        block = sorted(set(members if d == "*" else members + national.get(t, [])))
        choices = [names[i] for i in block]
        for x, a in enumerate(block[:-1]):
            for _, name_score, j in process.extract(names[a], choices[x + 1 :], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
                b = block[x + 1 + j]
                if (a, b) in seen or public[a].structure_id == public[b].structure_id or (a, b) in ecartes:
                    continue
                seen.add((a, b))
                if not _overlap(zones[a], zones[b]):
                    continue
                s = round(0.5 * name_score + 0.5 * fuzz.token_set_ratio(texts[a], texts[b]))
                if s >= seuil:
                    link(a, b, s)
