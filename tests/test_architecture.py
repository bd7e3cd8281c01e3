"""The architecture holds: no import cycle and no upward import in lcnews/ (docs/ARCHITECTURE.md).

Every module under lcnews/ is parsed (ast, nothing imported); every import statement counts,
including those inside functions and ``if TYPE_CHECKING:``. The layer order below mirrors the doc.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lcnews"

# Lowest first. A module may import its own layer (without cycles) and the layers below it. Each
# entry names a module and everything under it, except "lcnews" (the package's own __init__ only).
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("lcnews", "lcnews.items", "lcnews.site", "lcnews.outcome", "lcnews.health", "lcnews.profiles")),
    ("core", ("lcnews.extract", "lcnews.coverage", "lcnews.history")),
    ("db", ("lcnews.db",)),
    ("crawl", ("lcnews.spiders", "lcnews.pipelines", "lcnews.middlewares", "lcnews.settings", "lcnews.frontier")),
    ("app", ("lcnews.runner", "lcnews.reextract", "lcnews.export", "lcnews.datasette", "lcnews.testsite")),
    ("cli", ("lcnews.cli", "lcnews.__main__")),
]
# The offline replica shares no code with what it tests.
STANDALONE = ("lcnews.testsite",)
# Third-party frameworks the pure core and the database layer never import.
FRAMEWORKS = ("scrapy", "twisted", "itemadapter", "click", "datasette")
PURE = ("lcnews.extract", "lcnews.db")
# Only these talk to SQLite directly (all SQL lives in lcnews.db; the Datasette plugin registers
# SQL functions on Datasette's connections).
SQLITE_USERS = ("lcnews.db", "lcnews.datasette")
MAX_LINES = 500
LONG_FILE_MARK = "# Long file:"  # within the first lines of a longer file, with the reason


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _within(name: str, prefixes: Iterable[str]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def imports_of(name: str, path: Path, known: Iterable[str]) -> set[str]:
    """Every module (top-level name for third-party ones, full name for lcnews) ``path`` imports."""
    modules = set(known)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                out.add(sub if sub in modules else target)
    return out


def graph() -> dict[str, set[str]]:
    """lcnews module → the lcnews modules it imports (parent packages implied by Python are not edges)."""
    return {n: {m for m in imports_of(n, p, MODULES) if m in MODULES and m != n} for n, p in MODULES.items()}


def find_cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def layer_of(name: str) -> int:
    best, depth = -1, -1
    for i, (_, prefixes) in enumerate(LAYERS):
        for p in prefixes:
            matches = name == p if p == "lcnews" else _within(name, (p,))
            if matches and len(p) > depth:
                best, depth = i, len(p)
    return best


def upward_imports(edges: Mapping[str, Iterable[str]]) -> list[str]:
    return sorted(
        f"{a} ({LAYERS[layer_of(a)][0]}) imports {b} ({LAYERS[layer_of(b)][0]})"
        for a, targets in edges.items()
        for b in targets
        if layer_of(b) > layer_of(a)
    )


# --- the checks on lcnews ------------------------------------------------------------------------


def test_every_module_has_a_layer() -> None:
    assert [n for n in MODULES if layer_of(n) < 0] == []


def test_no_import_cycle() -> None:
    assert find_cycles(graph()) == []


def test_no_upward_import() -> None:
    assert upward_imports(graph()) == []


def test_replica_imports_nothing_else_of_lcnews() -> None:
    bad = [(a, b) for a, bs in graph().items() if _within(a, STANDALONE) for b in bs if not _within(b, STANDALONE)]
    assert bad == []


@pytest.mark.parametrize("name", sorted(n for n in MODULES if _within(n, PURE)))
def test_core_and_db_import_no_framework(name: str) -> None:
    found = {m for m in imports_of(name, MODULES[name], MODULES) if _within(m, FRAMEWORKS)}
    assert found == set()


def test_sqlite_only_in_the_database_layer() -> None:
    users = sorted(
        n
        for n, p in MODULES.items()
        if "sqlite3" in imports_of(n, p, MODULES) or "sqlite_utils" in imports_of(n, p, MODULES)
    )
    assert [n for n in users if not _within(n, SQLITE_USERS)] == []


@pytest.mark.parametrize("path", sorted(MODULES.values()), ids=lambda p: str(p.relative_to(ROOT)))
def test_long_files_say_why(path: Path) -> None:
    rel = str(path.relative_to(ROOT))
    lines = path.read_text(encoding="utf-8").splitlines()
    if len(lines) <= MAX_LINES:
        return
    assert any(line.startswith(LONG_FILE_MARK) for line in lines[:5]), f"{rel}: {len(lines)} lines, no reason given"


# --- the checkers themselves -------------------------------------------------------------------


def test_a_cycle_is_found() -> None:
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_an_upward_import_is_found() -> None:
    assert upward_imports({"lcnews.extract.dom": {"lcnews.db.store"}}) == [
        "lcnews.extract.dom (core) imports lcnews.db.store (db)"
    ]


def test_relative_and_function_level_imports_are_seen(tmp_path: Path) -> None:
    pkg = tmp_path / "lcnews" / "testsite"
    pkg.mkdir(parents=True)
    (pkg / "a.py").write_text("from . import b\n\ndef f():\n    from lcnews.db import fts\n", encoding="utf-8")
    known = {"lcnews.testsite.b", "lcnews.db.fts"}
    assert imports_of("lcnews.testsite.a", pkg / "a.py", known) == known
