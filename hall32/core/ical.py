"""What every iCalendar document of the hub shares: Paris wall-clock times (TZID=Europe/Paris) and
the VTIMEZONE that RFC 5545 requires for each TZID used, built by icalendar from zoneinfo.

Calendar clients that meet a TZID without its VTIMEZONE guess, and some (Outlook, older phones)
guess UTC: the event then shows an hour or two off. Each app builds its events with `paris()` or
`paris_at()` and serialises with `to_ical()`.
"""

from __future__ import annotations

import datetime as dt
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, vCalAddress


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def paris(moment: dt.datetime) -> dt.datetime:
    """An aware datetime (the database gives UTC) as Paris wall-clock time."""
    return moment.astimezone(zone())


def paris_at(day: dt.date, time: dt.time) -> dt.datetime:
    """A Paris wall-clock time on `day` (sessions and forum slots store a date and a time)."""
    return dt.datetime.combine(day, time, tzinfo=zone())


def new_calendar(name: str, *, prodid: str, method: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def organizer() -> vCalAddress:
    """The hub as the organiser of an invitation (the no-reply sender of its e-mails)."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL or "")
    organiser = vCalAddress(f"mailto:{address}")
    organiser.params["cn"] = name or "Hall 32"
    return organiser


def attendee(address: str, name: str) -> vCalAddress:
    person = vCalAddress(f"mailto:{address}")
    person.params["cn"] = name
    person.params["role"] = "REQ-PARTICIPANT"
    person.params["rsvp"] = "FALSE"  # the organiser's address takes no replies
    return person


def _span(calendar: Calendar) -> tuple[dt.date, dt.date] | None:
    moments = [
        value.dt
        for event in calendar.walk("VEVENT")
        for key in ("dtstart", "dtend")
        if (value := event.get(key)) is not None and isinstance(value.dt, dt.datetime)
    ]
    if not moments:
        return None
    return dt.date(min(moments).year, 1, 1), dt.date(max(moments).year + 1, 1, 1)


def to_ical(calendar: Calendar) -> bytes:
    """The document, with a VTIMEZONE for every TZID its events use. The time zone is described
    over the whole years the events span, so each of those years' two DST changes is in it."""
    span = _span(calendar)
    if span is not None:
        calendar.add_missing_timezones(first_date=span[0], last_date=span[1])
    return calendar.to_ical()
