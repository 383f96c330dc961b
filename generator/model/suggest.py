"""« Vouliez-vous dire … ? » — the closest known value to a typo."""

from collections.abc import Iterable

from rapidfuzz import fuzz, process, utils


def _score(a: str, b: str, **kwargs) -> float:
    # Words in any order ("mobilite--permis" ~ "mobilite--preparer-un-permis") and plain typos ("desciption").
    return 0.6 * fuzz.token_set_ratio(a, b) + 0.4 * fuzz.ratio(a, b)


def closest(value: object, choices: Iterable[str], cutoff: float = 60) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    match = process.extractOne(value, list(choices), scorer=_score, processor=utils.default_process, score_cutoff=cutoff)
    return match[0] if match else None


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    best = closest(value, choices)
    return f" : vouliez-vous dire « {best} » ?" if best else ""
