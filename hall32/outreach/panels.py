"""Dashboard panels and GDPR export of the outreach app."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from hall32.core.models import Person
from hall32.core.schoolyear import SchoolYear
from hall32.outreach import selectors
from hall32.outreach.models import ClassBooking, EventStaff, VisitorRegistration
from hall32.training import selectors as training_selectors


def upcoming_panel(request: HttpRequest) -> dict[str, Any]:
    events = list(
        selectors.staff_events()
        .filter(end__gte=timezone.now())
        .exclude(status="cancelled")
        .order_by("start")[:6]
    )
    year = SchoolYear.of(timezone.localdate())
    stats = selectors.reach_statistics(years=[year])[year.start_year]["total"]
    return {"events": events, "year": year, "reach": stats}


def teacher_panel(request: HttpRequest) -> dict[str, Any]:
    return selectors.teacher_dashboard(user=request.user)


def public_panel(request: HttpRequest) -> dict[str, Any]:
    return {
        "events": list(selectors.public_events()[:3]),
        "trades": list(training_selectors.tension_trades()[:4]),
    }


def gdpr_export(person: Person) -> dict[str, Any]:
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
