"""What every app's API router shares: the bounds of dates and years, page numbers, choices as
named enums, and the permission check. hall32/api.py mounts the routers; they import this module
rather than hall32.api, which imports them.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query
from ninja.pagination import PageNumberPagination
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from hall32.core.schoolyear import SchoolYear

# --- Bounds every endpoint shares ----------------------------------------------------------------

# Years the API takes (school years, dates, times): from a little before the hub opened to a few
# years ahead. Nothing is recorded outside them, and a year such as 19594 or -3 would only travel
# on to the date arithmetic or the database and fail there. The last year is reckoned when the
# process starts (and documented so in the schema); each deployment moves it on.
YEAR_MARGIN = 5
FIRST_ACCEPTED_YEAR = settings.HUB_FIRST_SCHOOL_YEAR - YEAR_MARGIN
LAST_ACCEPTED_YEAR = SchoolYear.of(timezone.localdate()).start_year + YEAR_MARGIN

StartYear = Annotated[
    int,
    Field(
        ge=FIRST_ACCEPTED_YEAR,
        le=LAST_ACCEPTED_YEAR,
        description="Année de début de l'année scolaire (2024 pour 2024-2025).",
    ),
]


def _out_of_range() -> PydanticCustomError:
    return PydanticCustomError(
        "out_of_range",
        _("Date hors des limites\u00a0: entre {first} et {last}."),
        {"first": FIRST_ACCEPTED_YEAR, "last": LAST_ACCEPTED_YEAR},
    )


# The offsets in use on Earth (the database takes few more: PostgreSQL stops at ±15:59).
OFFSETS = (dt.timedelta(hours=-12), dt.timedelta(hours=14))


def _moment_in_range(value: dt.datetime) -> dt.datetime:
    """An aware moment (a time without offset is a Paris time) within the accepted years."""
    offset = value.utcoffset()
    if offset is not None and not OFFSETS[0] <= offset <= OFFSETS[1]:
        raise PydanticCustomError("offset", _("Décalage horaire impossible\u00a0: entre -12:00 et +14:00."))
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        year = value.astimezone(dt.UTC).year
    except OverflowError:  # 0001-01-01T00:00+01:00 has no UTC time
        raise _out_of_range() from None
    if not FIRST_ACCEPTED_YEAR <= year <= LAST_ACCEPTED_YEAR:
        raise _out_of_range()
    return value


def _day_in_range(value: dt.date) -> dt.date:
    if not FIRST_ACCEPTED_YEAR <= value.year <= LAST_ACCEPTED_YEAR:
        raise _out_of_range()
    return value


_RANGE = f"entre {FIRST_ACCEPTED_YEAR} et {LAST_ACCEPTED_YEAR}"
# The descriptions document the bounds in the schema; a required query parameter takes its own.
MOMENT_HELP = f"Date et heure ISO 8601 ({_RANGE}, décalage de -12:00 à +14:00 ; sans, heure de Paris)."
Moment = Annotated[dt.datetime, AfterValidator(_moment_in_range), Field(description=MOMENT_HELP)]
MomentQuery = Query[Moment, {"description": MOMENT_HELP}]
Day = Annotated[dt.date, AfterValidator(_day_in_range), Field(description=f"Date ISO 8601 ({_RANGE}).")]


class Pages(PageNumberPagination):
    """ninja's page numbers, up to a page the database can still skip to (page=10**33 overflowed
    its OFFSET); a page past the end is empty."""

    MAX_PAGE = 10_000

    class Input(PageNumberPagination.Input):
        page: int = Field(1, ge=1, le=10_000)  # MAX_PAGE


def api_enum(name: str, choices: type[models.Choices]) -> type[StrEnum]:
    """A model's choices under a name of their own in the OpenAPI schema: several models call
    theirs `Status` or `Kind`, and schema components of the same name overwrite each other (a
    schedule's status was documented with a booking's values)."""
    return StrEnum(name, {member.name: member.value for member in choices})  # type: ignore[return-value]


def require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    """The API's permission check: the same rules as the pages and the admin."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied
