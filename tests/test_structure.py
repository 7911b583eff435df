"""The package's shape: no import cycles between modules, small modules, tests that mirror the tree."""
import ast
import pkgutil
from pathlib import Path

import framing
from tests.conftest import ROOT

PACKAGE = Path(framing.__file__).parent
MAX_LINES = 420  # the "about 400"; data files are not modules


def _modules() -> dict[str, Path]:
    found = {}
    for info in pkgutil.walk_packages(framing.__path__, "framing."):
        spec = info.module_finder.find_spec(info.name)
        found[info.name] = Path(spec.origin)
    return found


def _imports(name: str, path: Path, modules: dict[str, Path], top_level_only: bool) -> set[str]:
    """The framing modules ``name`` imports (``from framing.x import y`` counts framing.x.y when it is a module)."""
    tree = ast.parse(path.read_text("utf-8"))
    nodes = tree.body if top_level_only else ast.walk(tree)
    out = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            base = node.module
            out |= {f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return {m for m in out if m in modules and m != name}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                return stack[stack.index(n):] + [n]
            if n not in state and (found := visit(n)):
                return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_no_module_imports_itself_back_even_lazily():
    modules = _modules()
    graph = {m: _imports(m, p, modules, top_level_only=False) for m, p in modules.items()}
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


def test_the_cycle_finder_finds_one():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_nothing_outside_the_cli_imports_it():
    modules = _modules()
    for m, p in modules.items():
        if not m.startswith("framing.cli") and m != "framing.__main__":
            assert not {i for i in _imports(m, p, modules, False) if i.startswith("framing.cli")}, m


def test_modules_are_small_and_say_what_they_own():
    for m, p in _modules().items():
        lines = p.read_text("utf-8").count("\n")
        assert lines <= MAX_LINES, f"{m}: {lines} lines"
        if p.name != "__main__.py":
            assert ast.get_docstring(ast.parse(p.read_text("utf-8"))), f"{m} has no docstring"


def test_tests_mirror_the_package():
    """Every test file in a subfolder of tests/ sits where a package of the same name is."""
    for d in (ROOT / "tests").rglob("*"):
        if d.is_dir() and d.name not in ("__pycache__", "fixtures", "golden", "robustness") \
                and "fixtures" not in d.parts and "golden" not in d.parts:
            rel = d.relative_to(ROOT / "tests")
            assert (PACKAGE / rel / "__init__.py").exists(), f"tests/{rel} mirrors no package framing/{rel}"
