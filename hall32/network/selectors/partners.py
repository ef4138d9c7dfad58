"""Reads of the network app: partnerships, and the hub's partner companies over a period."""

from __future__ import annotations

from hall32.core.models import Organisation
from hall32.core.schoolyear import SchoolYear
from hall32.network.models import Partnership, PartnershipQuerySet


def partnerships_of(*, organisation: Organisation) -> PartnershipQuerySet:
    return Partnership.objects.filter(organisation=organisation).order_by("kind", "-start")


def partner_companies_count(*, year: SchoolYear) -> int:
    """Companies that were partners of the hub (founder or host of apprentices) for part of the
    school year, each counted once whatever the number of its partnerships."""
    return (
        Partnership.objects.partners_during(year.start, year.end)
        .filter(kind__in=Partnership.PARTNER_COMPANY_KINDS, organisation__kind=Organisation.Kind.COMPANY)
        .values("organisation")
        .distinct()
        .count()
    )


def partner_companies_by_year(*, years: list[SchoolYear]) -> dict[SchoolYear, int]:
    return {year: partner_companies_count(year=year) for year in years}
