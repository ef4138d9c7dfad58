"""Impact figures: every number is computed from the other apps' selectors, never typed in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone

from hall32.core import selectors as core_selectors
from hall32.core.schoolyear import SchoolYear, school_years
from hall32.network import selectors as network_selectors


def years_to_date() -> list[SchoolYear]:
    return school_years(settings.HUB_FIRST_SCHOOL_YEAR, SchoolYear.of(timezone.localdate()).start_year)


def key_figures(*, years: list[SchoolYear]) -> dict[str, Any]:
    from hall32.industry import selectors as industry_selectors

    partners = network_selectors.partner_companies_by_year(years=years)
    satisfaction, rated = industry_selectors.satisfaction()
    return {
        "years": years,
        "partner_companies": [partners[y] for y in years],
        "directory": core_selectors.directory_counts(),
        "founders": list(core_selectors.founders().values_list("name", flat=True)),
        "industry": {
            "clients": industry_selectors.client_return(),
            "satisfaction": satisfaction,
            "rated": rated,
        },
    }
