"""Dashboard panels of the outreach app."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from hall32.core.schoolyear import SchoolYear
from hall32.outreach import selectors
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
