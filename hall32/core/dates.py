"""Calendar arithmetic on dates (months and years, clamped to the end of the month), and the one
way each language writes a date."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language


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


# --- Writing dates -----------------------------------------------------------------------------
# One way per language, everywhere: « 1er décembre 2026 » in French (the first day is "1er"),
# "1 December 2026" in English; with the weekday « mardi 1er décembre 2026 »; with the time
# « 1er décembre 2026, 14:30 ». Agenda lines use the compact « mar. 1er déc. » / "Tue 1 Dec".


def _french() -> bool:
    return (get_language() or "fr").startswith("fr")


def _local(value: dt.date) -> dt.date:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _day(value: dt.date) -> str:
    return "1er" if value.day == 1 and _french() else str(value.day)


def long_date(value: dt.date | None, *, weekday: bool = False, year: bool = True) -> str:
    """« 1er décembre 2026 », "1 December 2026"; weekday=True: « mardi 1er décembre 2026 »."""
    if value is None or value == "":
        return ""
    value = _local(value)
    text = f"{_day(value)} {date_format(value, 'F Y' if year else 'F')}"
    return f"{date_format(value, 'l')} {text}" if weekday else text


def long_datetime(value: dt.datetime | None, *, weekday: bool = False) -> str:
    """« 1er décembre 2026, 14:30 », "1 December 2026, 14:30" (Paris time)."""
    if value is None or value == "":
        return ""
    value = _local(value)
    return f"{long_date(value, weekday=weekday)}, {date_format(value, 'H:i')}"


def short_date(value: dt.date | None, *, year: bool = False, time: bool = False, month: bool = True) -> str:
    """« mar. 1er déc. », "Tue 1 Dec" (year=True adds the year, time=True the time; month=False
    leaves the month out, for the columns of a week: « mar. 1er », "Tue 1")."""
    if value is None or value == "":
        return ""
    value = _local(value)
    if _french():
        text = f"{date_format(value, 'D')}. {_day(value)}"
        text += f" {date_format(value, 'N')}" if month else ""
    else:
        text = f"{date_format(value, 'D')} {value.day}"
        text += f" {date_format(value, 'M')}" if month else ""
    if year:
        text += f" {value.year}"
    if time and isinstance(value, dt.datetime):
        text += f", {date_format(value, 'H:i')}"
    return text
