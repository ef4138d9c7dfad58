"""iCalendar documents: one event, the public events feed, a class's forum rotation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from hall32.outreach.models import ClassBooking, Event


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Hall 32//Informer//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _vevent(event: Event, *, uid_suffix: str = "", summary: str | None = None) -> VEvent:
    item = VEvent()
    item.add("uid", f"event-{event.pk}{uid_suffix}@hall32")
    item.add("dtstamp", timezone.now())
    item.add("dtstart", event.start)
    item.add("dtend", event.end)
    item.add("summary", summary or event.title)
    place = ", ".join(
        p for p in [event.place_label, event.address, f"{event.postcode} {event.city}".strip()] if p
    )
    if place:
        item.add("location", place)
    item.add("url", f"{settings.SITE_URL}{event.get_absolute_url()}")
    if event.description:
        item.add("description", event.description)
    if event.status == Event.Status.CANCELLED:
        item.add("status", "CANCELLED")
    return item


def event_ics(event: Event, *, booking: ClassBooking | None = None) -> bytes:
    calendar = _calendar(event.title)
    summary = f"{event.title} – {booking.class_name}" if booking else None
    calendar.add_component(
        _vevent(event, uid_suffix=f"-booking-{booking.pk}" if booking else "", summary=summary)
    )
    return calendar.to_ical()


def events_feed(events: Iterable[Event]) -> bytes:
    calendar = _calendar("Hall 32 – événements")
    for event in events:
        calendar.add_component(_vevent(event))
    return calendar.to_ical()


def rotation_ics(booking: ClassBooking, cells: list[dict]) -> bytes:
    """A class's forum day, one entry per workshop."""
    event = booking.event
    day = timezone.localtime(event.start).date()
    calendar = _calendar(f"{event.title} – {booking.class_name}")
    zone = timezone.get_current_timezone()
    for cell in cells:
        workshop, slot = cell["workshop"], cell["slot"]
        if workshop is None:
            continue
        item = VEvent()
        item.add("uid", f"forum-{event.pk}-{booking.pk}-{slot.pk}@hall32")
        item.add("dtstamp", timezone.now())
        item.add("dtstart", dt.datetime.combine(day, slot.start, tzinfo=zone))
        item.add("dtend", dt.datetime.combine(day, slot.end, tzinfo=zone))
        item.add("summary", f"{workshop.name} – {booking.class_name}")
        if workshop.room_id:
            item.add("location", str(workshop.room))
        calendar.add_component(item)
    return calendar.to_ical()


def workshop_ics(event: Event, row: dict) -> bytes:
    """A workshop's forum day: one entry per slot where classes come, with the apprentices."""
    day = timezone.localtime(event.start).date()
    workshop = row["workshop"]
    calendar = _calendar(f"{event.title} – {workshop.name}")
    zone = timezone.get_current_timezone()
    for cell in row["cells"]:
        if not cell["bookings"]:
            continue
        slot = cell["slot"]
        item = VEvent()
        item.add("uid", f"forum-{event.pk}-w{workshop.pk}-{slot.pk}@hall32")
        item.add("dtstamp", timezone.now())
        item.add("dtstart", dt.datetime.combine(day, slot.start, tzinfo=zone))
        item.add("dtend", dt.datetime.combine(day, slot.end, tzinfo=zone))
        classes = ", ".join(f"{b.class_name} ({b.school.name})" for b in cell["bookings"])
        item.add("summary", f"{workshop.name} – {classes}")
        if cell["apprentices"]:
            item.add("description", "Apprenti·e·s : " + ", ".join(cell["apprentices"]))
        if workshop.room_id:
            item.add("location", str(workshop.room))
        calendar.add_component(item)
    return calendar.to_ical()
