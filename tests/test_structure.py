"""The package's shape: no import cycles, no module over 600 lines, a first line that says why.

Read from the source with ``ast`` (nothing is imported): every ``import`` and
``from ... import`` anywhere in a module counts, at module level, inside a function or
under ``if TYPE_CHECKING:`` alike, since an import placed in a function to dodge a cycle
is still a cycle, and a type that needs one wants a small Protocol instead.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "firstsession"
MAX_LINES = 600
GENERATED = "firstsession.app.generated"



def module_name(path: Path, src: Path = SRC) -> str:
    """``src/firstsession/pdf/common.py`` -> ``firstsession.pdf.common`` (a package's
    ``__init__.py`` is the package itself)."""
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules(root: Path = PACKAGE) -> dict[str, Path]:
    """Every module under ``root``: dotted name -> file."""
    return {module_name(path, root.parent): path for path in sorted(root.rglob("*.py"))}


def short(name: str) -> str:
    return name.removeprefix("firstsession.") if name != "firstsession" else name


def imported_modules(name: str, path: Path, known: set[str]) -> Iterator[str]:
    """The modules of ours that module ``name`` (the file at ``path``) imports anywhere.

    ``import a.b.c`` is an edge to ``a.b.c``; ``from a.b import c`` is an edge to
    ``a.b.c`` when that is a module of ours (a submodule), else to ``a.b``. Relative
    imports are resolved against ``name``'s package. ``importlib.import_module(...)``
    counts too: a constant name as itself (also joined with ``+``), and an f-string such as
    ``f"firstsession.app.steps.{name}"`` as every module that prefix and one of the
    module's own string constants make (the names it chooses from). Only modules in
    ``known`` count.
    """
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    strings = {
        node.value for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_import_module(node.func) and node.args:
            text, whole = _module_text(node.args[0])
            if whole and text in known:
                yield text
            elif not whole and text:
                yield from sorted(known & {text + s for s in strings})
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in known:
                    yield submodule
                elif base in known:
                    yield base


def _module_text(expr: ast.expr) -> tuple[str, bool]:
    """The module name an expression spells: (the name, True) when it is all constant
    text (``"firstsession.b"``, ``"firstsession." + "b"``), else (its constant start,
    False) (``f"firstsession.{x}"``, ``"firstsession." + x``); ("", False) if unknown."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value, True
    if isinstance(expr, ast.JoinedStr) and expr.values:
        head = expr.values[0]
        if isinstance(head, ast.Constant) and isinstance(head.value, str):
            return head.value, False
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        left, left_whole = _module_text(expr.left)
        if not left_whole:
            return left, False
        right, right_whole = _module_text(expr.right)
        return left + right, right_whole
    return "", False


def _is_import_module(func: ast.expr) -> bool:
    """``importlib.import_module``, ``import_module`` or ``__import__``."""
    if isinstance(func, ast.Attribute):
        return func.attr == "import_module"
    return isinstance(func, ast.Name) and func.id in ("import_module", "__import__")


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the modules of ours it imports (never itself)."""
    modules = all_modules(root)
    known = set(modules)
    return {
        name: {m for m in imported_modules(name, path, known) if m != name}
        for name, path in modules.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The graph's strongly connected components of two or more modules (each a set of
    modules that import each other, directly or through the others), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):  # Tarjan's algorithm, without recursion
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def a_loop(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """One loop through ``component``, as the modules in import order (first == last)."""
    members = set(component)
    start = component[0]
    # Breadth-first from start's imports back to start, inside the component.
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for child in sorted(graph[node] & members):
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [start, *reversed(path[:-1]), start] if len(path) > 1 else [
                        start, node, start]
                if child not in came_from:
                    came_from[child] = node
                    following.append(child)
        frontier = following
    return component  # not reached: a component always has a loop through each member


def describe(graph: dict[str, set[str]], component: list[str]) -> str:
    return (
        "{" + ", ".join(short(m) for m in component) + "}, e.g. "
        + " -> ".join(short(m) for m in a_loop(graph, component))
    )


def first_statement_docstring(path: Path) -> str | None:
    """The module's docstring if its first statement is one, else None."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    if not tree.body:
        return None
    first = tree.body[0]
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        return first.value.value
    return None


def summary_problem(docstring: str | None) -> str | None:
    """Why a docstring's first line is not a one-line summary, or None when it is one."""
    if docstring is None:
        return "its first statement is not a docstring"
    first = docstring.strip("\n").split("\n", 1)[0].strip()
    if len(first.split()) < 3:
        return f"its docstring's first line is too short to say what it is for: {first!r}"
    if not first.endswith((".", "!", "?")):
        return f"its docstring's first line runs on into the next: {first!r}"
    return None


def in_generated(name: str) -> bool:
    return name.startswith(GENERATED + ".")


# -- the tests ----------------------------------------------------------------------------


def test_the_package_has_no_import_cycle() -> None:
    """No modules of ours import each other, directly or round a loop, however the
    import is written or wherever it stands (inside a function too)."""
    graph = import_graph()
    found = [describe(graph, c) for c in cycles(graph)]
    assert not found, "import cycles: " + "; ".join(found)


def test_no_module_is_over_600_lines() -> None:
    """Every module is at most 600 lines, except generated code."""
    sizes = {
        short(name): len(path.read_text(encoding="utf-8").splitlines())
        for name, path in all_modules().items()
        if not in_generated(name)
    }
    big = {name: n for name, n in sizes.items() if n > MAX_LINES}
    assert not big, f"over {MAX_LINES} lines"


def test_every_module_begins_with_a_docstring_saying_what_it_is_for() -> None:
    """Each module's first statement is a docstring whose first line is one sentence of
    its own (PEP 257's summary line); generated modules are exempt."""
    problems: dict[str, str] = {}
    for name, path in all_modules().items():
        if in_generated(name):
            continue
        problem = summary_problem(first_statement_docstring(path))
        if problem is not None:
            problems[short(name)] = problem
    assert not problems


# -- the checker itself, on small made-up packages -----------------------------------------


def _package(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / "firstsession" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "firstsession"


@pytest.mark.parametrize(
    ("importer", "statement"),
    [
        ("a.py", "from firstsession.b import x\n"),
        ("a.py", "import firstsession.b\n"),
        ("a.py", "from firstsession import b\n"),
        ("a.py", "from . import b\n"),
        ("a.py", "from .b import x\n"),
        ("a.py", "def f():\n    from firstsession.b import x\n    return x\n"),
        ("a.py", "import typing\nif typing.TYPE_CHECKING:\n    import firstsession.b\n"),
        ("sub/a.py", "from ..b import x\n"),
        ("sub/a.py", "from firstsession.sub import c\n"),
        ("a.py", "import importlib\nimportlib.import_module('firstsession.b')\n"),
        ("a.py", "import importlib\nM = ('b',)\nimportlib.import_module(f'firstsession.{M[0]}')"),
        ("a.py", "import importlib\nimportlib.import_module('firstsession.' + 'b')\n"),
        ("a.py", "import importlib\nM = ('b',)\nimportlib.import_module('firstsession.' + M[0])\n"),
    ],
)
def test_an_import_written_any_way_makes_a_cycle_seen(
    tmp_path: Path, importer: str, statement: str
) -> None:
    """A loop closed by any form of import (absolute, relative, ``from package import
    submodule``, inside a function, under TYPE_CHECKING) is found and named."""
    back = "from firstsession.a import y\n" if importer == "a.py" else (
        "from firstsession.sub.a import y\n")
    files = {"__init__.py": '"""P."""\n', "b.py": back, "sub/__init__.py": ""}
    if "import c" in statement:
        files["sub/c.py"] = "import firstsession.b\n"
        files["b.py"] = "from firstsession.sub import a\n"
    files[importer] = statement
    root = _package(tmp_path / "src", files)
    graph = import_graph(root)
    found = cycles(graph)
    assert found, graph
    assert " -> " in describe(graph, found[0])


def test_a_package_without_a_loop_has_no_cycle(tmp_path: Path) -> None:
    """Imports that only go one way (and a package importing its own submodules) are
    not a cycle."""
    root = _package(tmp_path / "src", {
        "__init__.py": "",
        "a.py": "from firstsession import b\nfrom firstsession.sub import c\n",
        "b.py": "import json\n",
        "sub/__init__.py": "from firstsession.sub.c import x\n",
        "sub/c.py": "from firstsession.b import z\n",
    })
    assert cycles(import_graph(root)) == []


@pytest.mark.parametrize(
    ("text", "fine"),
    [
        ('"""Saving the sheet so nothing is lost."""\n', True),
        ('"""Saving the sheet so nothing is lost.\n\nMore words.\n"""\n', True),
        ('"""Saving the sheet, so that nothing\ntyped is ever lost."""\n', False),
        ('"""Saving."""\n', False),
        ("import os\n", False),
        ("# a comment\nx = 1\n", False),
    ],
)
def test_a_first_line_must_be_a_sentence_of_its_own(
    tmp_path: Path, text: str, fine: bool
) -> None:
    """The first-line rule: a docstring first, whose first line is a whole sentence."""
    path = tmp_path / "m.py"
    path.write_text(text, encoding="utf-8")
    assert (summary_problem(first_statement_docstring(path)) is None) is fine
