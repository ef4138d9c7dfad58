"""Reads of the network app: the hub's partners (companies with a partnership over a period)."""

from __future__ import annotations

from hall32.core.models import Organisation
from hall32.core.schoolyear import SchoolYear


def partner_companies_count(*, year: SchoolYear) -> int:
    """Companies whose partnership with the hub covers part of the school year."""
    return Organisation.objects.companies().partners_during(year.start, year.end).count()


def partner_companies_by_year(*, years: list[SchoolYear]) -> dict[SchoolYear, int]:
    return {year: partner_companies_count(year=year) for year in years}
