"""iCalendar feeds: a machine's busy windows, and a user's bookings."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from hall32.industry.models import Booking


def bookings_ics(name: str, bookings: Iterable[Booking], *, details: bool) -> bytes:
    """One event per booking; without `details` (a machine's public feed) only the busy window."""
    calendar = Calendar()
    calendar.add("prodid", "-//Hall 32//Innover//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    stamp = timezone.now()
    for booking in bookings:
        item = VEvent()
        item.add("uid", f"booking-{booking.pk}@hall32")
        item.add("dtstamp", stamp)
        item.add("dtstart", booking.start)
        item.add("dtend", booking.end)
        if booking.kind == Booking.Kind.MAINTENANCE:
            summary = f"{booking.equipment.code} – maintenance : {booking.title}"
        elif details:
            summary = f"{booking.equipment.code} – {booking.title or booking.get_kind_display()}"
        else:
            summary = f"{booking.equipment.code} – {booking.get_kind_display()}"
        item.add("summary", summary)
        item.add("location", f"Hall 32 – {booking.equipment.name}")
        if details and booking.project_id:
            item.add("description", f"{booking.project.reference} – {booking.project.title}")
        calendar.add_component(item)
    return calendar.to_ical()
