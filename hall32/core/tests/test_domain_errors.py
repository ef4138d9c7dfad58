"""Each app refuses with its own error type (a subclass of DomainError), so that a caller can tell
whose rule said no, while pages and the API still show every refusal the same way."""

import ast
import importlib
from pathlib import Path

import pytest

from hall32.core import errors
from hall32.industry import errors as industry_errors
from hall32.outreach import errors as outreach_errors
from hall32.training import errors as training_errors

ROOT = Path(__file__).resolve().parents[2]
APPS = {
    "training": training_errors.TrainingError,
    "industry": industry_errors.IndustryError,
    "outreach": outreach_errors.OutreachError,
}


def raised_types(app: str) -> set[type]:
    """The exception types raised (raise X(...)) in the app's services and API modules."""
    files = [*(ROOT / app / "services").glob("*.py"), ROOT / app / "services.py", ROOT / app / "api.py"]
    found = set()
    for file in files:
        if not file.exists():
            continue
        module = importlib.import_module(".".join(file.relative_to(ROOT.parent).with_suffix("").parts))
        for node in ast.walk(ast.parse(file.read_text())):
            if (
                isinstance(node, ast.Raise)
                and isinstance(node.exc, ast.Call)
                and isinstance(node.exc.func, ast.Name)
            ):
                raised = getattr(module, node.exc.func.id, None)
                if isinstance(raised, type):
                    found.add(raised)
    return found


@pytest.mark.parametrize("app", APPS)
def test_an_apps_services_refuse_with_its_own_error_type(app):
    refusals = {t for t in raised_types(app) if issubclass(t, errors.DomainError)}

    assert refusals and all(issubclass(t, APPS[app]) for t in refusals), refusals


@pytest.mark.parametrize(("kind", "status"), [("Conflict", 409), ("Forbidden", 403), ("NotFound", 404)])
@pytest.mark.parametrize("app", APPS)
def test_an_apps_kinds_of_refusal_keep_the_shared_status(app, kind, status):
    module = importlib.import_module(f"hall32.{app}.errors")
    error = getattr(module, kind)("Non.")

    assert isinstance(error, APPS[app]) and isinstance(error, getattr(errors, kind))
    assert error.status_code == status and error.as_dict()["detail"] == "Non."
