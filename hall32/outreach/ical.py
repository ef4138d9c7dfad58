"""iCalendar documents: one event, the public events feed, a class's forum rotation, an open-day
registration."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from hall32.core import ical
from hall32.outreach.models import ClassBooking, Event, VisitorRegistration

PRODID = "-//Hall 32//Informer//FR"


def _calendar(name: str) -> Calendar:
    return ical.new_calendar(name, prodid=PRODID)


def _vevent(event: Event, *, uid_suffix: str = "", summary: str | None = None) -> VEvent:
    item = VEvent()
    item.add("uid", f"event-{event.pk}{uid_suffix}@hall32")
    item.add("dtstamp", timezone.now())
    item.add("dtstart", ical.paris(event.start))
    item.add("dtend", ical.paris(event.end))
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
    return ical.to_ical(calendar)


def visit_ics(registration: VisitorRegistration) -> bytes:
    """An open day as registered for: the day, and the chosen guided-tour departure if any."""
    event = registration.event
    calendar = _calendar(event.title)
    item = _vevent(event, uid_suffix=f"-visit-{registration.pk}")
    if registration.tour_slot_id:
        tour = _("Visite guidée : départ à %(time)s.") % {"time": f"{registration.tour_slot.start:%H:%M}"}
        item.pop("description", None)
        item.add("description", f"{tour}\n\n{event.description}" if event.description else tour)
    calendar.add_component(item)
    return ical.to_ical(calendar)


def events_feed(events: Iterable[Event]) -> bytes:
    calendar = _calendar("Hall 32 – événements")
    for event in events:
        calendar.add_component(_vevent(event))
    return ical.to_ical(calendar)


def rotation_ics(booking: ClassBooking, cells: list[dict]) -> bytes:
    """A class's forum day, one entry per workshop."""
    event = booking.event
    day = ical.paris(event.start).date()
    calendar = _calendar(f"{event.title} – {booking.class_name}")
    for cell in cells:
        workshop, slot = cell["workshop"], cell["slot"]
        if workshop is None:
            continue
        item = VEvent()
        item.add("uid", f"forum-{event.pk}-{booking.pk}-{slot.pk}@hall32")
        item.add("dtstamp", timezone.now())
        item.add("dtstart", ical.paris_at(day, slot.start))
        item.add("dtend", ical.paris_at(day, slot.end))
        item.add("summary", f"{workshop.name} – {booking.class_name}")
        if workshop.room_id:
            item.add("location", str(workshop.room))
        calendar.add_component(item)
    return ical.to_ical(calendar)


def workshop_ics(event: Event, row: dict) -> bytes:
    """A workshop's forum day: one entry per slot where classes come, with the apprentices."""
    day = ical.paris(event.start).date()
    workshop = row["workshop"]
    calendar = _calendar(f"{event.title} – {workshop.name}")
    for cell in row["cells"]:
        if not cell["bookings"]:
            continue
        slot = cell["slot"]
        item = VEvent()
        item.add("uid", f"forum-{event.pk}-w{workshop.pk}-{slot.pk}@hall32")
        item.add("dtstamp", timezone.now())
        item.add("dtstart", ical.paris_at(day, slot.start))
        item.add("dtend", ical.paris_at(day, slot.end))
        classes = ", ".join(f"{b.class_name} ({b.school.name})" for b in cell["bookings"])
        item.add("summary", f"{workshop.name} – {classes}")
        if cell["apprentices"]:
            item.add("description", "Apprenti·e·s : " + ", ".join(cell["apprentices"]))
        if workshop.room_id:
            item.add("location", str(workshop.room))
        calendar.add_component(item)
    return ical.to_ical(calendar)
