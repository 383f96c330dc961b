"""The code's shape: no import cycle (imports inside functions included), no module over 400 lines,
and packages that follow the pipeline (a lower layer never imports a higher one)."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator"
MAX_LINES = 400
# Each package may import only those listed after it (and itself): the tree is the architecture.
BASE = {"paths", "files", "i18n", "adapters"}
LAYERS = {
    "paths": set(),
    "files": set(),
    "i18n": set(),
    "adapters": {"paths", "i18n", "model"},
    "model": BASE,
    "urls": BASE | {"model"},
    "pipeline": BASE | {"model", "urls"},
    "opendata": BASE | {"model", "urls", "pipeline"},
    "site": BASE | {"model", "urls", "pipeline", "opendata"},
    "contribute": BASE | {"model", "urls", "pipeline", "opendata", "site"},
    "cli": BASE | {"model", "urls", "pipeline", "opendata", "site", "contribute"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path, known: dict[str, Path], name: str = "") -> set[str]:
    """Every generator module this file imports, at the top or inside a function."""
    name = name or module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            targets = [mod] + [f"{mod}.{a.name}" for a in node.names]
        else:
            continue
        out |= {t for t in targets if t in known and t != name}
    return out


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(path, known) for name, path in known.items()}


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(g[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycle():
    assert cycles(graph()) == []


def test_cycle_detection_sees_imports_inside_functions(tmp_path):
    (tmp_path / "a.py").write_text("def f():\n    from generator import b\n")
    (tmp_path / "b.py").write_text("from .a import f\n")
    known = {"generator.a": tmp_path / "a.py", "generator.b": tmp_path / "b.py"}
    g = {name: imports(path, known, name) for name, path in known.items()}
    assert cycles(g) == [["generator.a", "generator.b"]]


def test_layers_follow_the_pipeline():
    wrong = []
    for name, targets in graph().items():
        layer = name.split(".")[1] if "." in name else ""
        if layer not in LAYERS:
            continue
        for t in targets:
            other = t.split(".")[1] if "." in t else ""
            if other != layer and other in LAYERS and other not in LAYERS[layer]:
                wrong.append(f"{name} → {t}")
    assert wrong == []


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_size(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_every_package_is_a_layer():
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    assert packages | modules == set(LAYERS)
