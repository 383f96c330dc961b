"""`catalogue geocode`: fill missing coordinates from the Base Adresse Nationale (BAN).

Every answer (found or not) is cached in the repository (cache/geocodage.json), so builds and
tests never need the network. Lookups all happen before any file is written: offline, nothing
changes.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from generator.contribute.yamlio import edit, place
from generator.model.structure import Structure
from generator.model.types import Lieu
from generator.pipeline.load import STRUCTURE_FILE

CACHE = Path("cache/geocodage.json")
MIN_SCORE = 0.5


class GeocoderOffline(Exception):
    """The geocoding service cannot be reached."""


class Geocoder(Protocol):
    def locate(self, query: str, code_insee: str) -> tuple[float, float] | None:
        """(latitude, longitude) of an address in the given commune, or None. Raises GeocoderOffline."""


class BanGeocoder:
    """The national address base through geopy's BANFrance."""

    def __init__(self, timeout: float = 10):
        from geopy.geocoders import BANFrance

        self._ban = BANFrance(user_agent="catalogue-insertion", timeout=timeout)

    def locate(self, query: str, code_insee: str) -> tuple[float, float] | None:
        from geopy.exc import GeopyError

        try:
            location = self._ban.geocode(query, exactly_one=True)
        except (GeopyError, OSError) as exc:
            raise GeocoderOffline(str(exc)) from None
        if location is None:
            return None
        props = location.raw.get("properties", {})
        # A hit in another commune, or a weak one, is worse than no coordinates.
        if props.get("citycode") != code_insee or props.get("score", 0) < MIN_SCORE:
            return None
        return round(location.latitude, 6), round(location.longitude, 6)


def query_of(address: dict) -> str:
    return f"{address['adresse']}, {address['code_postal']} {address['commune']}"


@dataclass
class Report:
    filled: list[str] = field(default_factory=list)  # "file: lieux[0]"
    not_found: list[str] = field(default_factory=list)
    offline: bool = False
    asked: int = 0  # lookups sent to the service (the others came from the cache)


def _targets(path: Path) -> list[tuple[tuple, dict]]:
    """(location in the document, address) of each address of the file that lacks coordinates."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, OSError):
        return []  # `catalogue validate` reports broken files; nothing to geocode in them
    if not isinstance(data, dict):
        return []
    candidates = [((), data)] if path.name == STRUCTURE_FILE else [(("lieux", i), lieu) for i, lieu in enumerate(data.get("lieux") or [])]
    return [
        (loc, address)
        for loc, address in candidates
        if isinstance(address, dict)
        and address.get("latitude") is None
        and all(address.get(k) for k in ("adresse", "code_postal", "commune", "code_insee"))
    ]


def geocode(files: list[Path], geocoder: Geocoder, cache_path: Path = CACHE) -> Report:
    cache: dict[str, list[float] | None] = json.loads(cache_path.read_text("utf-8")) if cache_path.is_file() else {}
    report = Report()
    plan = [(path, loc, address) for path in files for loc, address in _targets(path)]
    for _, _, address in plan:
        query = query_of(address)
        if query in cache:
            continue
        try:
            found = geocoder.locate(query, str(address["code_insee"]))
        except GeocoderOffline:
            report.offline = True
            return report  # nothing written: neither the cache nor the files
        report.asked += 1
        cache[query] = list(found) if found else None
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    cache_path.write_text(json.dumps(cache, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for path, loc, address in plan:
        where = f"{path}: {'.'.join(map(str, loc)) or 'adresse'}"
        hit = cache[query_of(address)]
        if hit is None:
            report.not_found.append(where)
            continue

        def change(document, loc=loc, hit=hit) -> bool:
            target = document
            for part in loc:
                target = target[part]
            model = Structure if not loc else Lieu
            place(target, model, "latitude", hit[0])
            place(target, model, "longitude", hit[1])
            return True

        edit(path, change)
        report.filled.append(where)
    return report
