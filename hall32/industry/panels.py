"""Dashboard panels of the industry app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from hall32.industry.models import Booking, Project, ProjectStatus, QualificationGrant, Quote
from hall32.industry.selectors import bookings as booking_selectors
from hall32.industry.selectors import equipment as equipment_selectors
from hall32.industry.selectors import projects as project_selectors


def engineer_panel(request: HttpRequest) -> dict[str, Any]:
    now = timezone.now()
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    day_end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    return {
        "today": list(
            booking_selectors.bookings_between(start=now, end=day_end)
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
        booking_selectors.bookings_of(user=request.user)
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
