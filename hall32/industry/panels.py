"""Dashboard panels and GDPR export/erasure of the industry app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from hall32.core.models import Person
from hall32.industry.models import Booking, Project, ProjectStatus, QualificationGrant, Quote, TimeEntry
from hall32.industry.selectors import equipment as equipment_selectors
from hall32.industry.selectors import projects as project_selectors


def engineer_panel(request: HttpRequest) -> dict[str, Any]:
    now = timezone.now()
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    day_end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    return {
        "today": list(
            equipment_selectors.bookings_between(start=now, end=day_end)
            .exclude(kind=Booking.Kind.MAINTENANCE)
            .order_by("start")[:6]
        ),
        "open_projects": Project.objects.open().count(),
        "requests": Project.objects.filter(status=ProjectStatus.REQUEST).count(),
        "quotes_waiting": Quote.objects.filter(status=Quote.Status.SENT).count(),
        "expiring": QualificationGrant.objects.expiring(today).count(),
        "returning": project_selectors.client_return(),
        "opened": settings.HUB_FIRST_SCHOOL_YEAR,
    }


def bookings_panel(request: HttpRequest) -> dict[str, Any] | None:
    if not request.user.has_perm("industry.view_my_bookings"):
        return None
    upcoming = list(
        equipment_selectors.bookings_of(user=request.user)
        .filter(status=Booking.Status.CONFIRMED, end__gt=timezone.now())
        .order_by("start")[:5]
    )
    held = list(
        equipment_selectors.grants_of(user=request.user)
        .filter(revoked_on__isnull=True)
        .order_by("qualification__name")
    )
    return {"bookings": upcoming, "grants": held, "today": timezone.localdate()}


def client_panel(request: HttpRequest) -> dict[str, Any] | None:
    projects = list(project_selectors.projects_list(user=request.user).order_by("-requested_on")[:6])
    waiting = list(
        Quote.objects.filter(project__in=[p.pk for p in projects], status=Quote.Status.SENT).select_related(
            "project"
        )
    )
    organisation = request.user.person.organisation if request.user.person_id else None
    return {"projects": projects, "quotes": waiting, "organisation": organisation}


def gdpr_export(person: Person) -> dict[str, Any]:
    user = getattr(person, "user", None)
    bookings = (
        Booking.objects.filter(user=user).select_related("equipment") if user else Booking.objects.none()
    )
    return {
        "habilitations": [
            {
                "habilitation": g.qualification.name,
                "accordée_le": g.granted_on.isoformat(),
                "expire_le": g.expires_on.isoformat() if g.expires_on else None,
                "retirée_le": g.revoked_on.isoformat() if g.revoked_on else None,
            }
            for g in QualificationGrant.objects.filter(person=person).select_related("qualification")
        ],
        "réservations_machines": [
            {
                "machine": b.equipment.name,
                "début": b.start.isoformat(),
                "fin": b.end.isoformat(),
                "objet": b.title,
                "statut": b.get_status_display(),
            }
            for b in bookings
        ],
        "temps_passés": [
            {"projet": t.project.reference, "jour": t.day.isoformat(), "heures": str(t.hours)}
            for t in (TimeEntry.objects.filter(engineer=user).select_related("project") if user else [])
        ],
        "projets_comme_contact": [
            {"projet": p.reference, "intitulé": p.title} for p in Project.objects.filter(contact=person)
        ],
    }
