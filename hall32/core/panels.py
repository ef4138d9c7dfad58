"""The core app's dashboard panels."""

from typing import Any

from django.http import HttpRequest

from hall32.core import selectors


def audit_panel(request: HttpRequest) -> dict[str, Any]:
    return {"entries": list(selectors.audit_entries()[:8])}


def profile_panel(request: HttpRequest) -> dict[str, Any]:
    return {}
