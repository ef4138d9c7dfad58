"""The iCal helper every app uses: Paris wall-clock times with their VTIMEZONE; feed secrets kept as
digests; dates written out in full in e-mails."""

import datetime as dt

from django.utils import translation
from icalendar import Calendar
from icalendar import Event as VEvent

from hall32.core import ical, tokens
from hall32.core.emails import long_day
from hall32.core.tests.calendars import parse_paris


def _one_event(start: dt.datetime) -> bytes:
    calendar = ical.new_calendar("Essai", prodid="-//Hall 32//Essai//FR")
    item = VEvent()
    item.add("uid", "essai@hall32")
    item.add("dtstamp", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    item.add("dtstart", ical.paris(start))
    item.add("dtend", ical.paris(start + dt.timedelta(hours=2)))
    calendar.add_component(item)
    return ical.to_ical(calendar)


def test_a_utc_time_from_the_database_is_written_as_paris_wall_clock_time_with_its_vtimezone():
    body = _one_event(dt.datetime(2026, 7, 6, 7, 30, tzinfo=dt.UTC))

    calendar = parse_paris(body)

    assert b"DTSTART;TZID=Europe/Paris:20260706T093000" in body
    start = calendar.walk("VEVENT")[0]["DTSTART"].dt
    assert start.utcoffset() == dt.timedelta(hours=2)


def test_the_vtimezone_covers_every_year_the_events_span():
    calendar = ical.new_calendar("Deux ans", prodid="-//Hall 32//Essai//FR")
    for uid, start in [("a", dt.datetime(2026, 12, 1, 9)), ("b", dt.datetime(2027, 6, 1, 9))]:
        item = VEvent()
        item.add("uid", uid)
        item.add("dtstart", ical.paris_at(start.date(), start.time()))
        calendar.add_component(item)

    parse_paris(ical.to_ical(calendar))  # March and October of 2026 and of 2027


def test_a_winter_time_keeps_its_one_hour_offset():
    body = _one_event(dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC))

    parse_paris(body)

    assert b"DTSTART;TZID=Europe/Paris:20261201T090000" in body


def test_an_empty_feed_needs_no_vtimezone():
    body = ical.to_ical(ical.new_calendar("Vide", prodid="-//Hall 32//Essai//FR"))

    assert Calendar.from_ical(body).walk("VTIMEZONE") == []


def test_a_feed_secret_is_unguessable_and_only_its_digest_is_kept():
    raw, digest = tokens.issue()
    other, _ = tokens.issue()

    assert len(raw) >= 43 and raw != other
    assert raw not in digest and len(digest) == tokens.DIGEST_LENGTH
    assert tokens.matches(raw, digest) and not tokens.matches(other, digest)


def test_the_first_of_the_month_is_written_1er_in_french():
    with translation.override("fr"):
        assert long_day(dt.date(2026, 12, 1)) == "mardi 1er décembre 2026"
        assert long_day(dt.date(2026, 12, 2)) == "mercredi 2 décembre 2026"
    with translation.override("en"):
        assert "1" in long_day(dt.date(2026, 12, 1)) and "1er" not in long_day(dt.date(2026, 12, 1))
