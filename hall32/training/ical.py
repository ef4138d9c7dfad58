"""iCalendar: a learner's timetable."""

from __future__ import annotations

from django.utils import timezone
from icalendar import Event as VEvent

from hall32.core import ical


def timetable_ics(person, sessions) -> bytes:
    calendar = ical.new_calendar(f"Hall 32 – {person.first_name}", prodid="-//Hall 32//Former//FR")
    for session in sessions:
        item = VEvent()
        item.add("uid", f"session-{session.pk}-{person.pk}@hall32")
        item.add("dtstamp", timezone.now())
        item.add("dtstart", ical.paris_at(session.date, session.start))
        item.add("dtend", ical.paris_at(session.date, session.end))
        item.add("summary", session.title)
        if session.room_id:
            item.add("location", f"Hall 32 – {session.room.name}")
        if session.trainer_id:
            item.add("description", f"Formateur·rice : {session.trainer.full_name}")
        calendar.add_component(item)
    return ical.to_ical(calendar)
