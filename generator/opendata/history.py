"""What the change feed knows: when each record last changed, and which records left the published set.

- Modification dates come from Git: one ``git log --name-status`` over the offers' folder, parsed once
  (never one call per file), gives the date of the last commit that touched each file, as it landed on
  the published branch (first parent: a merged pull request counts at the date of its merge). An
  offer's date is the later of its file's and its structure's (whose contact and hours it publishes). Outside a Git
  checkout, or for a file Git does not know yet, the record's ``date_maj`` stands in. In a shallow
  clone the boundary commits are ignored (they would show every file as just added).
- Records that left the published set within `WINDOW_DAYS` days before the publication date, each
  with its date and reason: a file deleted from the repository (« supprimee », date of the commit
  that deleted it), an offer suspended or archived (« suspendue », « archivee », date of the last
  change of its file) or no longer verified (« perimee », the day it became so). Deleted files are
  read back from Git in one ``git cat-file --batch`` call, to give their data·inclusion ids.
"""

import subprocess
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import yaml
from pydantic import ValidationError

from generator.model.offre import Offre
from generator.model.structure import Structure
from generator.model.vocab import Statut
from generator.opendata import datainclusion as di
from generator.pipeline.checks.check_fraicheur import frequence
from generator.pipeline.enrich import OffreVue, fraicheur
from generator.pipeline.load import STRUCTURE_FILE
from generator.pipeline.validate import Catalogue

WINDOW_DAYS = 90  # how long a record that left the published set stays listed in the change feed
REASONS = {
    "supprimee": "fiche supprimée du catalogue",
    "suspendue": "offre suspendue",
    "archivee": "offre archivée",
    "perimee": "offre périmée (pas vérifiée depuis plus de trois fois sa fréquence de mise à jour)",
}
_TIMEOUT = 120


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=timezone.utc)


@dataclass
class History:
    """Facts read from Git, by record id (« structure/offre » for an offer, « structure » for a structure)."""

    modified: dict[str, datetime] = field(default_factory=dict)  # date of the last commit that changed the file
    deleted: dict[str, tuple[datetime, str]] = field(default_factory=dict)  # (date of deletion, « commit:path » before it)
    folder: Path | None = None  # the offers' folder, in a Git checkout

    def modification(self, ident: str, date_maj: date) -> datetime:
        """When the record last changed: its file's last commit, else its date_maj."""
        return self.modified.get(ident) or midnight(date_maj)


@dataclass(frozen=True)
class Suppression:
    id: str
    type: str  # « offre » or « structure »
    date: datetime
    raison: str  # a key of REASONS
    ids_data_inclusion: tuple[str, ...]


def _record_id(rel: str) -> str | None:
    """« structure/offre » or « structure » for a catalogue file path relative to the offers' folder."""
    parts = rel.split("/")
    if len(parts) != 2 or not parts[1].endswith(".yml") or parts[0].startswith("."):
        return None
    return parts[0] if parts[1] == STRUCTURE_FILE else f"{parts[0]}/{parts[1][:-4]}"


def _git(offres: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        run = subprocess.run(["git", "-c", "core.quotePath=false", "-C", str(offres), *args], input=stdin,
                             capture_output=True, timeout=_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return None
    return run.stdout if run.returncode == 0 else None


def read(offres: Path) -> History:
    """The Git history of the offers' folder (an empty History outside a Git checkout)."""
    if _git(offres, "rev-parse", "--is-inside-work-tree") is None:
        return History()
    shallow: set[str] = set()
    info = _git(offres, "rev-parse", "--is-shallow-repository", "--git-path", "shallow")
    if info:
        lines = info.decode().split("\n")
        if lines[0].strip() == "true" and len(lines) > 1:
            path = Path(lines[1].strip())
            path = path if path.is_absolute() else offres / path
            try:
                shallow = set(path.read_text(encoding="utf-8").split())
            except OSError:
                pass
    out = _git(offres, "log", "--first-parent", "--diff-merges=first-parent", "--no-renames", "--name-status", "--relative",
               "--format=%x00%H %P %cI", "--", ".")
    history = History(folder=offres)
    if not out:
        return history
    seen: set[str] = set()
    for block in out.decode("utf-8", "replace").split("\0")[1:]:
        head, _, body = block.partition("\n")
        commit, *rest = head.split(" ")
        if not rest or commit in shallow:
            continue
        parents, moment = rest[:-1], datetime.fromisoformat(rest[-1]).astimezone(timezone.utc)
        for line in body.splitlines():
            status, _, rel = line.partition("\t")
            ident = _record_id(rel)
            if ident is None or ident in seen:
                continue
            seen.add(ident)  # newest first: the first event of a file is its last change
            if status.startswith("D"):
                if not (offres / rel).exists():
                    history.deleted[ident] = (moment, f"{parents[0]}:{rel}" if parents else "")
            else:
                history.modified[ident] = moment
    # An offer's published record also carries its structure's contact, hours and id: a change of the
    # structure's file changes its offers too.
    for ident, moment in list(history.modified.items()):
        folder = ident.split("/", 1)[0]
        if "/" in ident and history.modified.get(folder, moment) > moment:
            history.modified[ident] = history.modified[folder]
    return history


def _last_contents(offres: Path, refs: list[str]) -> dict[str, str]:
    """The text of each « commit:path » (the content of a file before its deletion), in one git call."""
    refs = [r for r in refs if r]
    if not refs:
        return {}
    prefix = _git(offres, "rev-parse", "--show-prefix")
    prefix_text = prefix.decode().strip() if prefix else ""
    wanted = [r.replace(":", ":" + prefix_text, 1) for r in refs]
    out = _git(offres, "cat-file", "--batch", stdin=("\n".join(wanted) + "\n").encode())
    if out is None:
        return {}
    texts, pos = {}, 0
    for ref in refs:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            texts[ref] = out[pos : pos + size].decode("utf-8", "replace")
            pos += size + 1
    return texts


def _load(model, text: str | None):
    try:
        return model.model_validate(yaml.safe_load(text)) if text else None
    except (yaml.YAMLError, ValidationError, TypeError, ValueError):
        return None


def expiry_day(date_maj: date, freq: int) -> date:
    """The first day on which an offer verified on `date_maj` is « périmée » (pipeline.enrich.fraicheur's rule)."""
    day = date_maj + timedelta(days=int(3 * freq * 30.4375))
    while fraicheur(date_maj, freq, day) == "perimee":
        day -= timedelta(days=1)
    while fraicheur(date_maj, freq, day) != "perimee":
        day += timedelta(days=1)
    return day


def publication_date(commit: datetime, cat: Catalogue, today: date) -> datetime:
    """The date of the published data: the last commit, or the latest day <= `today` on which the
    published set changed by time alone (an active offer became « périmée »), whichever is later.

    The same commit built on the same day gives the same date (and the same files); a build whose
    published set differs, because offers expired meanwhile, gives a later date.
    """
    latest = None
    for ident, offre in cat.offres.items():
        structure = cat.structures.get(ident.split("/", 1)[0])
        if offre.statut != Statut.ACTIVE or structure is None:
            continue
        day = expiry_day(offre.date_maj, frequence(offre, structure))
        if day <= today and (latest is None or day > latest):
            latest = day
    commit = commit if commit.tzinfo else commit.replace(tzinfo=timezone.utc)
    return max(commit, midnight(latest)) if latest else commit


def suppressions(history: History, vues: list[OffreVue], structures: dict[str, Structure], source: str,
                 generated: datetime) -> list[Suppression]:
    """Records that left the published set since `generated` - WINDOW_DAYS, newest first (ties by id)."""
    since = generated - timedelta(days=WINDOW_DAYS)
    out: list[Suppression] = []
    for v in vues:
        if v.public:
            continue
        if v.offre.statut == Statut.ACTIVE:
            moment, raison = midnight(expiry_day(v.offre.date_maj, v.frequence_maj)), "perimee"
        else:
            moment, raison = history.modification(v.id, v.offre.date_maj), v.offre.statut.value
        if moment >= since:
            ids = tuple(r["id"] for r in di.service_records(source, v.id, v.offre, v.structure, None))
            out.append(Suppression(v.id, "offre", moment, raison, ids))
    gone = {k: d for k, d in history.deleted.items() if d[0] >= since}
    texts = _last_contents(history.folder, [ref for _, ref in gone.values()]) if history.folder and gone else {}
    for ident, (moment, ref) in gone.items():
        folder = ident.split("/", 1)[0]
        structure = structures.get(folder) or _load(Structure, texts.get(gone.get(folder, (None, ""))[1]))
        if "/" in ident:
            offre = _load(Offre, texts.get(ref))
            if offre is not None and structure is not None:
                ids = tuple(r["id"] for r in di.service_records(source, ident, offre, structure, None))
            else:
                ids = (di.service_id(source, ident, None, structure),)
            out.append(Suppression(ident, "offre", moment, "supprimee", ids))
        else:
            out.append(Suppression(ident, "structure", moment, "supprimee", (di.structure_ref(source, folder, structure),)))
    return sorted(out, key=lambda s: (-s.date.timestamp(), s.id))
