"""No production module imports the demo: read from the code's own imports."""

import ast
from pathlib import Path

HALL32 = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_only_the_demo_app_and_tests_import_the_demo():
    importers = [
        str(path.relative_to(HALL32.parent))
        for path in HALL32.rglob("*.py")
        if "tests" not in path.parts
        and path.relative_to(HALL32).parts[0] != "demo"
        and any(name == "hall32.demo" or name.startswith("hall32.demo.") for name in imported_modules(path))
    ]

    assert importers == []
