"""Calendar arithmetic on dates (months and years, clamped to the end of the month)."""

from __future__ import annotations

import datetime as dt


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def long_date(day: dt.date, *, weekday: bool = False, year: bool = True) -> str:
    """A date spelt out in the active language: « mardi 1er décembre 2026 » in French (the first
    of the month is « 1er »), "Tuesday 1 December 2026" in English."""
    from django.utils.formats import date_format
    from django.utils.translation import get_language

    number = str(day.day)
    if day.day == 1 and (get_language() or "fr").startswith("fr"):
        number = "1er"
    parts = [date_format(day, "l")] if weekday else []
    parts += [number, date_format(day, "F")]
    if year:
        parts.append(str(day.year))
    return " ".join(parts)
