"""When machines may be booked: the workshop's opening hours, the slot grid, how far ahead.

A machine that needs someone beside it is booked within opening hours, one day at a time; a
machine that runs unattended (a 3D printer, say) may run through nights and weekends.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

OPEN_WEEKDAYS = frozenset({0, 1, 2, 3, 4})  # Monday to Friday
OPENS = dt.time(7, 30)
CLOSES = dt.time(19, 0)
SLOT_MINUTES = 15
WEEKS_AHEAD = 16  # bookings open this far ahead
MAINTENANCE_WEEKS_AHEAD = 26  # maintenance windows exist further ahead, so none lands on a booking
MAX_UNATTENDED_DAYS = 14


def on_grid(moment: dt.datetime) -> bool:
    local = timezone.localtime(moment)
    return local.second == 0 and local.microsecond == 0 and local.minute % SLOT_MINUTES == 0


def booking_problems(
    *, start: dt.datetime, end: dt.datetime, now: dt.datetime, unattended: bool, check_past: bool = True
) -> dict[str, list[str]]:
    """The rules of time every booking obeys, as {field: [messages]} (empty: all is well)."""
    problems: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    if end <= start:
        add("end", _("La fin doit être après le début."))
        return problems
    if not on_grid(start):
        add("start", _("Les réservations se font au quart d'heure (9:00, 9:15, 9:30…)."))
    if not on_grid(end):
        add("end", _("Les réservations se font au quart d'heure (9:00, 9:15, 9:30…)."))
    if check_past and start < now - dt.timedelta(minutes=SLOT_MINUTES):
        add("start", _("Ce créneau est déjà passé."))
    if start > now + dt.timedelta(weeks=WEEKS_AHEAD):
        add("start", _("On réserve au plus %(n)s semaines à l'avance.") % {"n": WEEKS_AHEAD})
    if unattended:
        if end - start > dt.timedelta(days=MAX_UNATTENDED_DAYS):
            add("end", _("Une réservation dure au plus %(n)s jours.") % {"n": MAX_UNATTENDED_DAYS})
        return problems
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    if local_start.date() != local_end.date():
        add("end", _("Cette machine demande une présence : réservez-la sur une seule journée."))
    elif local_start.weekday() not in OPEN_WEEKDAYS:
        add("start", _("L'atelier est fermé le week-end pour les machines qui demandent une présence."))
    elif local_start.time() < OPENS or local_end.time() > CLOSES:
        add(
            "start",
            _("Cette machine demande une présence : réservez-la entre %(o)s et %(c)s.")
            % {"o": OPENS.strftime("%H:%M"), "c": CLOSES.strftime("%H:%M")},
        )
    return problems


def closed_windows(start: dt.datetime, end: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """The closed periods (nights, weekends) between two moments, as aware datetimes."""
    tz = timezone.get_current_timezone()
    windows: list[tuple[dt.datetime, dt.datetime]] = []
    day = timezone.localtime(start).date() - dt.timedelta(days=1)
    last = timezone.localtime(end).date() + dt.timedelta(days=1)
    closed_from = None
    while day <= last:
        opening = dt.datetime.combine(day, OPENS, tzinfo=tz)
        closing = dt.datetime.combine(day, CLOSES, tzinfo=tz)
        if day.weekday() in OPEN_WEEKDAYS:
            if closed_from is not None:
                windows.append((closed_from, opening))
            closed_from = closing
        elif closed_from is None:
            closed_from = dt.datetime.combine(day, dt.time(0, 0), tzinfo=tz)
        day += dt.timedelta(days=1)
    if closed_from is not None:
        windows.append((closed_from, dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=tz)))
    return [(max(s, start), min(e, end)) for s, e in windows if e > start and s < end]
