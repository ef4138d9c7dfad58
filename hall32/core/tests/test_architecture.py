"""The import rules of the house style (docs/architecture.md, ../shared/style.md), read from the
code's own imports with `ast`: every module of hall32 that is not a test or a migration.

Rules 1-3 and 5 count every import, those inside functions too (a lazy import is still a
dependency); the circle rule counts module-level imports only (and those of a function the
module calls as it loads), since a lazy import runs after both modules are loaded. An import under `if TYPE_CHECKING:` never runs: it counts for the
dependency rules, not for the circle.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # the hall32 package
CORE = "core"
# The shared apps: the domain every app shares, and the web kit every app's pages and API use.
SHARED_APPS = frozenset({CORE, "web"})
MISSION_APPS = frozenset({"outreach", "training", "industry", "network", "impact"})
# What a mission app may import from another: its reads and its writes.
PUBLIC_LAYERS = frozenset({"selectors", "services"})
SOLVER_PACKAGES = frozenset({"optimisation", "simulation"})


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    line: int
    target: str  # the module imported (a name imported from a module counts as the module)
    lazy: bool  # inside a function, or under `if TYPE_CHECKING:`

    def __str__(self) -> str:
        return f"{self.module} (line {self.line}) imports {self.target}"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of hall32 but its tests and migrations, by dotted name."""
    found = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        found[_module_name(path)] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    package = package[: len(package) - node.level + 1]
    return ".".join([*package, *([node.module] if node.module else [])])


@cache
def imports_of(module: str) -> tuple[Import, ...]:
    path = modules()[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found: list[Import] = []
    # A function the module calls as it loads (`_register_routers()`) imports at load time too.
    run_on_load = {
        statement.value.func.id
        for statement in tree.body
        if isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Call)
        and isinstance(statement.value.func, ast.Name)
    }

    def visit(node: ast.AST, lazy: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                found.extend(Import(module, child.lineno, alias.name, lazy) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = _resolve(module, is_package, child)
                for alias in child.names:
                    # `from hall32.training import selectors` imports the module hall32.training.selectors.
                    submodule = f"{base}.{alias.name}"
                    found.append(
                        Import(module, child.lineno, submodule if submodule in modules() else base, lazy)
                    )
            inner = (
                lazy
                or (
                    isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
                    and not (node is tree and getattr(child, "name", None) in run_on_load)
                )
                or (isinstance(child, ast.If) and _is_type_checking(child))
            )
            visit(child, inner)

    visit(tree, False)
    return tuple(found)


def all_imports() -> list[Import]:
    return [imp for module in modules() for imp in imports_of(module)]


def _app(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "hall32" and len(parts) > 1 else None


def is_demo(module: str) -> bool:
    """Demo code: the demo app, the one place allowed to reach into every app's models."""
    return module == "hall32.demo" or module.startswith("hall32.demo.")


def report(broken: list[str]) -> str:
    return "\n".join(["", *broken])


def test_core_and_the_web_kit_import_no_mission_app_directly_or_through_a_module_outside_the_apps():
    """Followed through the modules that belong to no app (hall32.api, a shared permissions
    package...): core reaching a mission app through one of them depends on it all the same."""
    broken = []
    for start in (m for m in modules() if _app(m) in SHARED_APPS and not is_demo(m)):
        seen = {start}
        frontier: list[tuple[str, list[Import]]] = [(start, [])]
        while frontier:
            module, path = frontier.pop()
            for imp in imports_of(module):
                if _app(imp.target) in MISSION_APPS:
                    broken.append(" -> ".join(str(step) for step in [*path, imp]))
                elif (
                    imp.target.startswith("hall32.")
                    and _app(imp.target) not in SHARED_APPS
                    and imp.target in modules()
                    and imp.target not in seen
                ):
                    seen.add(imp.target)
                    frontier.append((imp.target, [*path, imp]))
    assert not broken, report(broken)


def _layer(target: str) -> str | None:
    parts = target.split(".")
    return parts[2] if len(parts) > 2 else None


def test_a_mission_app_reads_and_writes_another_only_through_its_selectors_and_services():
    broken = [
        str(imp)
        for imp in all_imports()
        if _app(imp.module) in MISSION_APPS
        and not is_demo(imp.module)
        and _app(imp.target) in MISSION_APPS
        and _app(imp.target) != _app(imp.module)
        and _layer(imp.target) not in PUBLIC_LAYERS
    ]
    assert not broken, report(broken)


def _in_solver(module: str) -> bool:
    return bool(SOLVER_PACKAGES & set(module.split(".")))


def test_optimisation_and_simulation_import_neither_django_nor_the_rest_of_hall32():
    """Plain Python, tested without a database: the service that calls a solver loads, validates,
    translates and stores."""
    broken = [
        str(imp)
        for imp in all_imports()
        if _in_solver(imp.module)
        and (
            imp.target.split(".")[0] == "django"
            or (imp.target.split(".")[0] == "hall32" and not _in_solver(imp.target))
        )
    ]
    assert not broken, report(broken)


def _module_level_graph() -> dict[str, list[Import]]:
    graph: dict[str, list[Import]] = {}
    for module in modules():
        edges = []
        for imp in imports_of(module):
            if imp.lazy:
                continue
            target = imp.target
            while target and target not in modules():  # a name imported from a module
                target = target.rpartition(".")[0]
            if target and target != module:
                edges.append(Import(imp.module, imp.line, target, imp.lazy))
        graph[module] = edges
    return graph


def circles(graph: dict[str, list[Import]]) -> list[list[Import]]:
    """One circle per strongly connected component (Tarjan), as the imports that close it."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for edge in graph[v]:
            w = edge.target
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(component)

    for v in graph:
        if v not in index:
            strong(v)

    found = []
    for component in components:
        members = set(component)
        # Walk from the first module back to it within the component: one concrete circle.
        start = min(members)
        paths = {start: []}
        queue = [start]
        circle: list[Import] = []
        while queue and not circle:
            v = queue.pop(0)
            for edge in graph[v]:
                if edge.target == start:
                    circle = [*paths[v], edge]
                    break
                if edge.target in members and edge.target not in paths:
                    paths[edge.target] = [*paths[v], edge]
                    queue.append(edge.target)
        found.append(circle)
    return found


def test_no_circle_of_module_level_imports():
    broken = [" -> ".join(str(edge) for edge in circle) for circle in circles(_module_level_graph())]
    assert not broken, report(broken)


def test_nothing_outside_the_demo_app_imports_it():
    broken = [
        str(imp)
        for imp in all_imports()
        if not is_demo(imp.module) and (imp.target == "hall32.demo" or imp.target.startswith("hall32.demo."))
    ]
    assert not broken, report(broken)


# --- The reader itself ------------------------------------------------------------------------


def test_the_reader_finds_lazy_relative_type_checking_and_load_time_imports(tmp_path, monkeypatch):
    package = tmp_path / "hall32" / "training"
    package.mkdir(parents=True)
    (tmp_path / "hall32" / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "selectors.py").write_text("")
    (package / "views.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "from . import selectors\n"
        "if TYPE_CHECKING:\n"
        "    from hall32.core.models import Person\n"
        "def view():\n"
        "    from hall32.industry.models import Booking\n"
        "def _load():\n"
        "    from hall32.training import views\n"
        "_load()\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path / "hall32")
    modules.cache_clear()
    imports_of.cache_clear()
    try:
        found = {(imp.line, imp.target, imp.lazy) for imp in imports_of("hall32.training.views")}
    finally:
        modules.cache_clear()
        imports_of.cache_clear()
    assert found == {
        (1, "typing", False),
        (2, "hall32.training.selectors", False),
        (4, "hall32.core.models", True),
        (6, "hall32.industry.models", True),
        (8, "hall32.training.views", False),
    }


def test_the_circle_finder_names_the_imports_that_close_a_circle():
    a_to_b = Import("hall32.a", 3, "hall32.b", False)
    b_to_a = Import("hall32.b", 7, "hall32.a", False)
    graph = {"hall32.a": [a_to_b], "hall32.b": [b_to_a], "hall32.c": []}
    assert circles(graph) == [[a_to_b, b_to_a]]


@pytest.mark.parametrize(
    ("module", "demo"),
    [
        ("hall32.demo", True),
        ("hall32.demo.training", True),
        ("hall32.core.demo_data", False),
        ("hall32.training.demo", False),
        ("hall32.training.selectors", False),
        ("hall32.core.demographics", False),
    ],
)
def test_demo_code_is_told_by_its_dotted_name(module, demo):
    assert is_demo(module) is demo


def test_the_layers_of_a_split_app_name_a_subject_the_same_way():
    """A package split by subject (models/bookings.py) finds that subject under the same name in
    another layer (services/bookings.py, selectors/bookings.py or views/bookings.py)."""
    broken = []
    for models_dir in sorted(ROOT.glob("*/models")):
        if not models_dir.is_dir():
            continue
        app = models_dir.parent
        subjects = {p.stem for p in models_dir.glob("*.py")} - {"__init__"}
        elsewhere = {
            p.stem for layer in ("services", "selectors", "views") for p in (app / layer).glob("*.py")
        }
        broken += [f"{app.name}/models/{name}.py" for name in sorted(subjects - elsewhere)]
    assert not broken, report(broken)


SKELETON = (
    "models",
    "services",
    "selectors",
    "views",
    "forms",
    "filters",
    "urls",
    "api",
    "tasks",
    "admin",
    "errors",
)


@pytest.mark.parametrize("app", ["core", "outreach", "training", "industry", "network", "impact"])
def test_every_domain_app_has_the_same_skeleton(app):
    folder = ROOT / app
    missing = [
        name for name in SKELETON if not (folder / f"{name}.py").exists() and not (folder / name).is_dir()
    ]
    missing += [f"templates/{app}"] * (not (folder / "templates" / app).is_dir())
    missing += ["tests"] * (not (folder / "tests").is_dir())
    assert not missing, missing
