"""iCalendar: a learner's timetable."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent


def timetable_ics(person, sessions) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Hall 32//Former//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Hall 32 – {person.first_name}")
    zone = timezone.get_current_timezone()
    for session in sessions:
        item = VEvent()
        item.add("uid", f"session-{session.pk}-{person.pk}@hall32")
        item.add("dtstamp", timezone.now())
        item.add("dtstart", dt.datetime.combine(session.date, session.start, tzinfo=zone))
        item.add("dtend", dt.datetime.combine(session.date, session.end, tzinfo=zone))
        item.add("summary", session.title)
        if session.room_id:
            item.add("location", f"Hall 32 – {session.room.name}")
        if session.trainer_id:
            item.add("description", f"Formateur·rice : {session.trainer.full_name}")
        calendar.add_component(item)
    return calendar.to_ical()
