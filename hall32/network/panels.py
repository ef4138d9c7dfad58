"""The network app's dashboard panel (the hub's network, and its partner companies year by year)
and its section of core's organisation page (the organisation's partnerships)."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from hall32.core import selectors as core_selectors
from hall32.core.models import Organisation
from hall32.core.schoolyear import SchoolYear, school_years
from hall32.network import selectors, services
from hall32.network.models import Partnership
from hall32.network.selectors import contacts as contact_selectors


def directory_panel(request: HttpRequest) -> dict[str, Any]:
    current = SchoolYear.of(timezone.localdate())
    years = school_years(current.start_year - 3, current.start_year)
    partners = selectors.partner_companies_by_year(years=years)
    return {"counts": core_selectors.directory_counts(), "partners": list(partners.items())}


def organisation_partnerships(request: HttpRequest, organisation: Organisation) -> dict[str, Any] | None:
    """The organisation's partnerships, on core's organisation page, for those who may see them."""
    if not request.user.has_perm("network.view_partnership"):
        return None
    # partners: the buttons to open, move and end a partnership, and the agreements kept.
    partnerships = list(selectors.partnerships_of(organisation=organisation))
    user = request.user
    return {
        "organisation": organisation,
        "partnerships": [(p, _next_stages(p), _endable(p)) for p in partnerships],
        "can_manage": user.has_perm("network.manage_partnerships"),
        "agreements": list(selectors.agreements_of(organisation=organisation))
        if user.has_perm("network.view_agreement")
        else None,
        "can_add_agreement": user.has_perm("network.add_agreement"),
        "can_delete_agreement": user.has_perm("network.delete_agreement"),
    }


# contacts: the organisation page's contacts, interactions and timeline sections, and the
# dashboard's "my tasks" panel.


def organisation_contacts(request: HttpRequest, organisation: Organisation) -> dict[str, Any] | None:
    if not request.user.has_perm("network.view_contacts"):
        return None
    return {
        "organisation": organisation,
        "roles": list(contact_selectors.contact_roles_of(organisation=organisation)),
        "may_manage": request.user.has_perm("network.manage_contacts"),
    }


def organisation_followup(request: HttpRequest, organisation: Organisation) -> dict[str, Any] | None:
    if not request.user.has_perm("network.view_interactions"):
        return None
    shown = 5
    recent = list(contact_selectors.interactions_of(organisation=organisation)[: shown + 1])
    return {
        "organisation": organisation,
        "interactions": recent[:shown],
        "more": len(recent) > shown,
        "tasks": list(contact_selectors.open_tasks_of(organisation=organisation)[:10]),
        "may_add": request.user.has_perm("network.add_interaction"),
        "today": timezone.localdate(),
    }


def organisation_timeline(request: HttpRequest, organisation: Organisation) -> dict[str, Any] | None:
    if not request.user.has_perm("network.view_timeline"):
        return None
    entries = contact_selectors.organisation_timeline(organisation=organisation, user=request.user)
    return {"organisation": organisation, "entries": entries[:8]}


def my_tasks_panel(request: HttpRequest) -> dict[str, Any] | None:
    if not request.user.has_perm("network.view_my_tasks"):
        return None
    tasks = contact_selectors.my_tasks(user=request.user, done_limit=0)
    return {"tasks": (tasks.overdue + tasks.today + tasks.upcoming)[:5], "today": timezone.localdate()}


def _endable(partnership: Partnership) -> bool:
    """A partnership still open, or a partner with a planned end (it may end earlier)."""
    return partnership.end is None or partnership.stage == Partnership.Stage.PARTNER


def _next_stages(partnership: Partnership) -> list[tuple[str, str]]:
    """The stages a partnership may move to from the page (lapsing is « Terminer »)."""
    if partnership.end is not None and partnership.stage != Partnership.Stage.PARTNER:
        return []
    nexts = services.NEXT_STAGES[partnership.stage] - {Partnership.Stage.LAPSED}
    return [(s.value, str(s.label)) for s in Partnership.Stage if s in nexts]
