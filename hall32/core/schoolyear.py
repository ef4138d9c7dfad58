"""School years (1 September to 31 August), the unit of every yearly figure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, order=True)
class SchoolYear:
    start_year: int

    @classmethod
    def of(cls, day: date) -> SchoolYear:
        return cls(day.year if day.month >= 9 else day.year - 1)

    @property
    def start(self) -> date:
        return date(self.start_year, 9, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 8, 31)

    @property
    def label(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}"

    def __str__(self) -> str:
        return self.label

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    def next(self) -> SchoolYear:
        return SchoolYear(self.start_year + 1)


def school_years(first: int, last: int) -> list[SchoolYear]:
    return [SchoolYear(y) for y in range(first, last + 1)]


def school_year_case(field: str, years: list[SchoolYear]):
    """An ORM expression giving the school year (its start year) of a date field, None outside."""
    from django.db.models import Case, IntegerField, Value, When

    return Case(
        *[
            When(**{f"{field}__gte": y.start, f"{field}__lte": y.end}, then=Value(y.start_year))
            for y in years
        ],
        default=None,
        output_field=IntegerField(),
    )
