"""The core app's dashboard panels."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from hall32.core import selectors
from hall32.core.schoolyear import SchoolYear, school_years


def directory_panel(request: HttpRequest) -> dict[str, Any]:
    current = SchoolYear.of(timezone.localdate())
    years = school_years(current.start_year - 3, current.start_year)
    partners = selectors.partner_companies_by_year(years=years)
    return {"counts": selectors.directory_counts(), "partners": list(partners.items())}


def audit_panel(request: HttpRequest) -> dict[str, Any]:
    return {"entries": list(selectors.audit_entries()[:8])}


def profile_panel(request: HttpRequest) -> dict[str, Any]:
    return {}
