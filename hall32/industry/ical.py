"""iCalendar documents: a machine's busy windows, a user's bookings, one booking's invitation."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Event as VEvent

from hall32.core import ical
from hall32.industry.models import Booking

PRODID = "-//Hall 32//Innover//FR"


def _vevent(booking: Booking, *, details: bool) -> VEvent:
    item = VEvent()
    item.add("uid", f"booking-{booking.pk}@hall32")
    item.add("dtstamp", timezone.now())
    item.add("dtstart", ical.paris(booking.start))
    item.add("dtend", ical.paris(booking.end))
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
    return item


def bookings_ics(name: str, bookings: Iterable[Booking], *, details: bool) -> bytes:
    """One event per booking; without `details` (a machine's public feed) only the busy window."""
    calendar = ical.new_calendar(name, prodid=PRODID)
    for booking in bookings:
        calendar.add_component(_vevent(booking, details=details))
    return ical.to_ical(calendar)


def booking_invitation(booking: Booking, *, address: str, name: str) -> bytes:
    """One booking as an invitation to the person it is for: METHOD:REQUEST while it stands,
    METHOD:CANCEL once cancelled. The UID is the feed's, so the calendar updates the same entry."""
    cancelled = booking.status == Booking.Status.CANCELLED
    calendar = ical.new_calendar(
        f"Hall 32 – {booking.equipment.name}", prodid=PRODID, method="CANCEL" if cancelled else "REQUEST"
    )
    item = _vevent(booking, details=True)
    # Each message must outrank the one before it (RFC 5546): the seconds since the booking was
    # made grow with each save (a move), and a cancellation outranks anything sent the same second.
    age = max(0, int((booking.updated_at - booking.created_at).total_seconds()))
    item.add("sequence", age + (1 if cancelled else 0))
    item.add("organizer", ical.organizer())
    item.add("attendee", ical.attendee(address, name))
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    item.add("url", f"{settings.SITE_URL}{booking.get_absolute_url()}")
    calendar.add_component(item)
    return ical.to_ical(calendar)
