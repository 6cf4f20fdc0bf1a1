"""The layout's rules, checked: a pure Hugo layer, no import cycles, one registry.

* ``hugo/`` imports nothing of Sphinx, docutils, ablog, MyST or sphinx-design:
  a fresh interpreter imports every module of it and looks at ``sys.modules``;
* no module imports a module that imports it back (directly or through
  others), counting a package's ``__init__`` as imported with each of its
  submodules, as Python does;
* no import inside a function, but the one that keeps ``import
  sphinxcontrib_linkerdblog`` free of Sphinx;
* every built-in shortcode comes from a module the catalog lists, and every
  module that defines ``SHORTCODES`` is listed.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "sphinxcontrib_linkerdblog"
NAME = "sphinxcontrib_linkerdblog"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports(name: str, path: Path) -> list[tuple[str, bool]]:
    """(module imported, inside a function) for each import of our own modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    base = name.split(".") if is_package else name.split(".")[:-1]
    functions = {
        id(sub)
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        for sub in ast.walk(node)
    }
    typing_only = {
        id(sub)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for sub in ast.walk(node)
    }
    found: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue  # never runs: no cycle through it
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                prefix = base[: len(base) - node.level + 1]
                module = ".".join([*prefix, *(node.module or "").split(".")]).strip(".")
            else:
                module = node.module or ""
            targets = [module] + [f"{module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        for target in targets:
            if target in MODULES:
                found.append((target, id(node) in functions))
    return found


def graph() -> dict[str, set[str]]:
    """Module -> the modules it imports when it runs.  Importing ``a.b.c`` from
    outside ``a.b`` first runs ``a/b/__init__``, so that package counts as
    imported too; a module's own packages are already running when it runs."""
    edges: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        own = {".".join(name.split(".")[:end]) for end in range(1, name.count(".") + 1)}
        targets: set[str] = set()
        for target, in_function in imports(name, path):
            if in_function:
                continue
            parts = target.split(".")
            targets.update(".".join(parts[:end]) for end in range(2, len(parts) + 1))
        edges[name] = {t for t in targets if t in MODULES and t != name and t not in own}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_pure_layer_imports_no_sphinx() -> None:
    hugo = sorted(name for name in MODULES if name.startswith(f"{NAME}.hugo."))
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in hugo)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sphinx', 'docutils', 'ablog', 'myst_parser', 'sphinx_design', 'jinja2'))\n"
        "print(' '.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert len(hugo) >= 10
    assert result.stdout.strip() == ""


def test_no_import_cycles() -> None:
    edges = graph()
    assert sum(len(targets) for targets in edges.values()) > 200  # the graph is real
    assert cycles(edges) == []


def test_no_imports_inside_functions() -> None:
    inside = [
        (name, target)
        for name, path in MODULES.items()
        for target, in_function in imports(name, path)
        if in_function
    ]
    assert inside == [(NAME, f"{NAME}.extension")]  # the thin entry point, see __init__


def test_every_shortcode_module_is_listed() -> None:
    from sphinxcontrib_linkerdblog.shortcodes import catalog

    listed = {module.__name__ for module in catalog.HANDLER_MODULES}
    defining = {
        name for name, path in MODULES.items() if "\nSHORTCODES = " in path.read_text("utf-8")
    }
    assert listed == defining
    names = catalog.builtin_shortcodes()
    assert {"figure", "ref", "relref", "tweet", "x", "youtube", "vimeo", "gist"} <= set(names)
