"""Step 1 — load: find the catalogue's files and parse them with libyaml.

Parsing keeps the YAML node tree next to the data, so that any problem found later (by the model
or by a check) can be given the line and column of the field it is about. YAML features that
hurt partners or the build are refused here: duplicate keys, anchors and aliases, yes/no
booleans, octal numbers.
"""

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.adapters.yaml_composer import Loader, yaml_message
from generator.model.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_PROBLEMS
from generator.pipeline.problems import Finding, Loc, Problem, key_of

STRUCTURE_FILE = "structure.yml"
EXTENSIONS = (".yml", ".yaml")
# Below this many brackets and list or key indicators, a file cannot nest deep enough to exhaust the
# stack of libyaml's composer (measured: 20,000 levels compose, 25,000 crash the process); above, the
# nesting is measured on the parser's events (no recursion) before composing.
SAFE_OPENERS = 2000
DEPTH_MESSAGE = f"valeur trop imbriquée (plus de {MAX_DEPTH} niveaux)"
_OPENING_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s:#'"][^:#]*:\s+)?(["'])(.*)$""")


def _unclosed_quote(lines: list[str], last: int) -> tuple[int, int] | None:
    """Line and column of a value that opens a quote and never closes it on its line."""
    for number, line in enumerate(lines[:last], 1):
        match = _OPENING_QUOTE.match(line)
        if match:
            quote, rest = match.groups()
            rest = rest.replace("\\" + quote, "") if quote == '"' else rest.replace("''", "")
            if quote not in rest:
                return number, match.start(1) + 1
    return None


_OPENING_BRACKET = re.compile(r"^\s*(?:-\s+)?(?:[^\s:#'\"][^:#]*:\s+)?([\[{])")


def _unclosed_bracket(lines: list[str], last: int) -> tuple[int, int] | None:
    """Line and column of a [list] or {group} opened and not closed on its line."""
    for number, line in enumerate(lines[:last], 1):
        match = _OPENING_BRACKET.match(line)
        if match:
            opening = match.group(1)
            closing = "]" if opening == "[" else "}"
            if line.count(opening) > line.count(closing):
                return number, match.start(1) + 1
    return None


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, int, int]:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    quote = _unclosed_quote(lines, line)
    if quote:
        return "guillemet non fermé : fermer le guillemet ouvert sur cette ligne", *quote
    bracket = _unclosed_bracket(lines, line)
    if bracket:
        return "crochet ou accolade non fermé : fermer la liste avec « ] » (ou le groupe avec « } »)", *bracket
    if 0 < line <= len(lines) and "\t" in lines[line - 1]:
        return "tabulation interdite : indenter avec des espaces", line, lines[line - 1].index("\t") + 1
    return yaml_message(exc), line, column


@dataclass(slots=True)
class Source:
    """One parsed file: its data, its node tree (for positions) and its load problems."""

    path: Path
    rel: str
    data: dict[str, Any] | None = None
    node: yaml.Node | None = None
    problems: list[Problem] = field(default_factory=list)
    _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(default_factory=dict)  # mapping node → its keys

    def locate(self, loc: Loc) -> tuple[int, int]:
        """Line and column (1-based) of the deepest node of `loc` that exists in the file (each mapping is
        indexed once: locating every problem of a file stays linear)."""
        node = self.node
        if node is None:
            return 1, 1
        mark = node.start_mark
        for part in loc:
            child = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                keys = self._keys.get(id(node))
                if keys is None:
                    keys = self._keys[id(node)] = {}
                    for key_node, value_node in node.value:
                        keys.setdefault(key_node.value, (key_node, value_node))
                if part in keys:
                    key_node, child = keys[part]
                    mark = key_node.start_mark
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                child = node.value[part]
                mark = child.start_mark
            if child is None:
                break
            node = child
        return mark.line + 1, mark.column + 1

    def problem(self, finding: Finding) -> Problem:
        line, column = self.locate(finding.loc)
        return Problem(self.rel, line, column, key_of(finding.loc), finding.message, finding.severity)

    def add(self, message: str, line: int = 1, column: int = 1, key: str = "") -> None:
        self.problems.append(Problem(self.rel, line, column, key, message))

    def report(self) -> list[Problem]:
        """The file's problems, in order; past `MAX_PROBLEMS`, one line counts the rest."""
        problems = sorted(self.problems)
        if len(problems) <= MAX_PROBLEMS:
            return problems
        rest = len(problems) - MAX_PROBLEMS
        more = Problem(self.rel, problems[MAX_PROBLEMS].line, problems[MAX_PROBLEMS].column, "",
                       f"et {rest} autres problèmes dans ce fichier : corriger ceux-ci, puis vérifier de nouveau")
        return [*problems[:MAX_PROBLEMS], more]


def name_problem(name: str) -> str | None:
    """Why a file or folder name cannot be used, or None."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return "nom illisible (il n'est pas écrit en UTF-8) : renommer le fichier ou le dossier"
    if not name.isprintable():
        return "nom avec des caractères de contrôle ou invisibles : renommer le fichier ou le dossier"
    return None


def too_deep(text: str) -> tuple[int, int] | None:
    """Where the document nests deeper than `MAX_DEPTH`, found without composing it, or None."""
    if sum(text.count(s) for s in ("[", "{", "- ", "-\n", "? ")) < SAFE_OPENERS:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1, event.start_mark.column + 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass  # the composer says what is wrong, at this depth at most
    return None


def read(path: Path, rel: str) -> Source:
    """Read and parse one YAML file; never raises on bad content."""
    source = Source(path, rel)
    bad_name = name_problem(rel)
    if bad_name:
        source.add(bad_name)
        return source
    if not path.name.endswith(EXTENSIONS):
        source.add(f"extension « {path.suffix} » : renommer le fichier en « {path.stem}{path.suffix.lower()} » (en minuscules)")
        return source
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            source.add("lien symbolique refusé : le fichier doit être un vrai fichier du dépôt")
            return source
        if not stat.S_ISREG(info.st_mode):
            source.add("ce n'est pas un fichier ordinaire (dossier, tube, périphérique…) : le supprimer ou le renommer")
            return source
        if info.st_size > MAX_FILE_BYTES:
            source.add(f"fichier trop gros ({info.st_size // 1000} ko) : {MAX_FILE_BYTES // 1000} ko au plus")
            return source
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as exc:
        source.add(f"fichier illisible ({exc.strerror})")
        return source
    if raw.startswith(b"\xef\xbb\xbf"):
        source.add("le fichier commence par une marque BOM : l'enregistrer en « UTF-8 » sans BOM")
        return source
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        source.add("caractère illisible : le fichier doit être enregistré en UTF-8", line, column)
        return source
    deep = too_deep(text)
    if deep:
        source.add(DEPTH_MESSAGE, *deep)
        return source
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            source.add("fichier vide")
            return source
        source.node = node
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        source.add(*_syntax_problem(exc, text))
        return source
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        source.add(yaml_message(exc), line, exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1)
        return source
    except yaml.YAMLError as exc:
        source.add(yaml_message(exc))
        return source
    except RecursionError:
        source.add(DEPTH_MESSAGE)
        return source
    except (ValueError, TypeError, OverflowError) as exc:  # a scalar the constructors cannot read
        source.add(f"valeur illisible ({exc})")
        return source
    finally:
        loader.dispose()
    for bad_node, key, message in loader.findings:
        source.add(message, bad_node.start_mark.line + 1, bad_node.start_mark.column + 1, key)
    if not isinstance(data, dict):
        source.add("le fichier doit contenir des champs de la forme « nom: valeur », un par ligne")
        return source
    source.data = data
    return source


def discover(paths: list[Path], root: Path) -> list[Path]:
    """The YAML files under the given paths (files or folders), sorted; also every entry that looks
    like one but cannot be read as one (« offre.YML », a link to a folder, a pipe named « x.yml »), so
    that validation says why instead of passing over it. Links to folders are never followed."""
    found: set[Path] = set()
    for p in paths:
        if p.is_dir() and not p.is_symlink():
            for folder, dirs, names in os.walk(p):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found.update(Path(folder, d) for d in dirs if os.path.islink(os.path.join(folder, d)))
                found.update(Path(folder, n) for n in names if n.lower().endswith(EXTENSIONS))
        else:
            found.add(p)
    return sorted(found)


def relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix() if not path.is_symlink() else (
            path.parent.resolve().relative_to(root.resolve()) / path.name
        ).as_posix()
    except ValueError:
        return path.as_posix()
