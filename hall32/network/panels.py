"""The network app's dashboard panel (the hub's network, and its partner companies year by year)
and its section of core's organisation page (the organisation's partnerships)."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from hall32.core import selectors as core_selectors
from hall32.core.models import Organisation
from hall32.core.schoolyear import SchoolYear, school_years
from hall32.network import selectors


def directory_panel(request: HttpRequest) -> dict[str, Any]:
    current = SchoolYear.of(timezone.localdate())
    years = school_years(current.start_year - 3, current.start_year)
    partners = selectors.partner_companies_by_year(years=years)
    return {"counts": core_selectors.directory_counts(), "partners": list(partners.items())}


def organisation_partnerships(request: HttpRequest, organisation: Organisation) -> dict[str, Any] | None:
    """The organisation's partnerships, on core's organisation page, for those who may see them."""
    if not request.user.has_perm("network.view_partnership"):
        return None
    return {"partnerships": list(selectors.partnerships_of(organisation=organisation))}
