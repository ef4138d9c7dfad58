"""The outreach app's entries in the registry of personal fields (hall32.core.gdpr),
and its part of a person's GDPR export.

Reach figures count classes, pupils and visitors: erasure keeps those counts and blanks what
identifies or describes the person, and gives their secret links a new value (the old ones die).
"""

from __future__ import annotations

from typing import Any

from hall32.core import gdpr
from hall32.core.models import Person
from hall32.outreach.models import (
    ApprenticeAvailability,
    ClassBooking,
    Event,
    EventStaff,
    ForumPlan,
    PlanStaffing,
    TourAssignment,
    VisitorRegistration,
    Workshop,
)


def register() -> None:
    gdpr.register("informer", export=export)
    personal = gdpr.personal_data
    personal(
        Event,
        owners=[],
        keep=[
            "title",
            "slug",
            "kind",
            "status",
            "is_public",
            "description",
            "start",
            "end",
            "room",
            "host",
            "venue",
            "address",
            "postcode",
            "city",
            "capacity",
            "for_pupils",
            "for_parents",
            "for_teachers",
            "for_job_seekers",
            "registration_open",
            "staff",
        ],
    )
    personal(EventStaff, owners=["person"], keep=["event", "role"])
    personal(
        ClassBooking,
        owners=["teacher"],
        erase={"needs": gdpr.BLANK, "token": gdpr.NEW_TOKEN},
        keep=[
            "event",
            "school",
            "booked_by",
            "level",
            "class_name",
            "pupils",
            "girls",
            "boys",
            "status",
            "requested_at",
            "confirmed_at",
            "cancelled_at",
            "reminder_sent_at",
            "arrival",
            "departure",
        ],
    )
    personal(
        Workshop,
        owners=[],
        keep=["event", "name", "trade", "capacity", "room", "min_apprentices", "apprentices"],
    )
    personal(
        ApprenticeAvailability, owners=["apprentice"], keep=["event", "max_tours", "slots", "tour_slots"]
    )
    personal(
        ForumPlan,
        owners=[],
        keep=[
            "event",
            "status",
            "objective",
            "bound",
            "greedy_objective",
            "seconds",
            "reasons",
            "is_current",
            "job",
            "created_by",
        ],
    )
    personal(PlanStaffing, owners=["apprentice"], keep=["plan", "workshop", "slot"])
    personal(
        VisitorRegistration,
        owners=["person"],
        erase={"token": gdpr.NEW_TOKEN},
        keep=[
            "event",
            "visitor_kind",
            "young_people",
            "girls",
            "parents",
            "level",
            "course",
            "tour_slot",
            "attended",
            "cancelled_at",
        ],
    )
    personal(TourAssignment, owners=["apprentice"], keep=["slot"])


def export(person: Person) -> dict[str, Any]:
    """What the app holds about `person`, for the GDPR export (core.services.person_export)."""
    return {
        "réservations_de_classe": [
            {
                "événement": b.event.title,
                "date": b.event.start.isoformat(),
                "classe": b.class_name,
                "établissement": b.school.name,
                "statut": b.get_status_display(),
            }
            for b in ClassBooking.objects.filter(teacher=person).select_related("event", "school")
        ],
        "inscriptions_portes_ouvertes": [
            {
                "événement": r.event.title,
                "date": r.event.start.isoformat(),
                "jeunes": r.young_people,
                "parents": r.parents,
                "annulée": bool(r.cancelled_at),
                "venu": r.attended,
            }
            for r in VisitorRegistration.objects.filter(person=person).select_related("event")
        ],
        "événements_animés": [
            {
                "événement": s.event.title,
                "date": s.event.start.isoformat(),
                "rôle": s.get_role_display(),
            }
            for s in EventStaff.objects.filter(person=person).select_related("event")
        ],
    }
