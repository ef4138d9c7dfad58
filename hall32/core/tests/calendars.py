"""Checks shared by the tests of every iCal document the hub serves or sends."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

PARIS = "Europe/Paris"


def _onsets(component) -> set[dt.date]:
    days = {component["DTSTART"].dt.date()}
    rdates = component.get("RDATE", [])
    for rdate in rdates if isinstance(rdates, list) else [rdates]:
        days |= {period.dt.date() for period in rdate.dts}
    return days


def parse_paris(body: bytes | str) -> Calendar:
    """Parse an iCal document and hold it to RFC 5545: each TZID its events use comes with its
    VTIMEZONE. Every time is in Paris, and the Paris VTIMEZONE has the switch to summer time
    (+01:00 → +02:00, in March) and back (in October) of each year the events fall in."""
    calendar = Calendar.from_ical(body)
    moments = [
        event[key]
        for event in calendar.walk("VEVENT")
        for key in ("DTSTART", "DTEND")
        if key in event and isinstance(event[key].dt, dt.datetime)
    ]
    used = {m.params.get("TZID") for m in moments}
    assert used <= {PARIS}, f"times outside Paris: {used}"
    zones = {str(tz["TZID"]): tz for tz in calendar.walk("VTIMEZONE")}
    if not moments:
        return calendar
    assert PARIS in zones, "TZID=Europe/Paris is used without its VTIMEZONE"
    summer = [c for c in zones[PARIS].walk("DAYLIGHT") if c["TZOFFSETTO"].td == dt.timedelta(hours=2)]
    winter = [
        c
        for c in zones[PARIS].walk("STANDARD")
        if c["TZOFFSETFROM"].td == dt.timedelta(hours=2) and c["TZOFFSETTO"].td == dt.timedelta(hours=1)
    ]
    assert summer and winter, "the Paris VTIMEZONE lacks summer or winter time"
    to_summer = set().union(*(_onsets(c) for c in summer))
    to_winter = set().union(*(_onsets(c) for c in winter))
    for year in {m.dt.year for m in moments}:
        assert any(d.year == year and d.month == 3 for d in to_summer), f"no March {year} change"
        assert any(d.year == year and d.month == 10 for d in to_winter), f"no October {year} change"
    return calendar


def events(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))
