"""Outreach: events, class bookings, forum planning, open days, reach statistics."""

from typing import Any

import rules

from hall32.core import access
from hall32.core.predicates import (
    is_direction,
    is_hub_staff,
    is_manager,
    is_outreach_officer,
    is_teacher,
    register_model,
)

is_outreach_manager = is_manager | is_outreach_officer


@rules.predicate
def booked_it(user: Any, booking: Any) -> bool:
    if booking is None:
        return False
    if booking.booked_by_id == user.pk:
        return True
    return bool(getattr(user, "person_id", None) and booking.teacher_id == user.person_id)


rules.add_perm("outreach.view_events", is_hub_staff)
rules.add_perm("outreach.manage_events", is_outreach_manager)
rules.add_perm("outreach.plan_forum", is_outreach_manager)
rules.add_perm("outreach.view_reach", is_hub_staff)


@rules.predicate
def staffs_event(user: Any, event: Any) -> bool:
    pid = getattr(user, "person_id", None)
    return event is not None and pid is not None and event.staffing.filter(person_id=pid).exists()


# The open-day desk names the families who registered: the outreach team, and the hub's staff
# listed on that day's team (who stand at the desk), tick the visitors who arrive.
rules.add_perm("outreach.check_in_visitors", is_outreach_manager | (is_hub_staff & staffs_event))
rules.add_perm("outreach.view_my_bookings", is_teacher)
rules.add_perm("outreach.view_classbooking", is_hub_staff | booked_it)
rules.add_perm("outreach.cancel_classbooking", is_outreach_manager | booked_it)
rules.add_perm("outreach.add_classbooking", is_outreach_manager)
rules.add_perm("outreach.change_classbooking", is_outreach_manager)
rules.add_perm("outreach.delete_classbooking", is_direction)

register_model(
    "outreach.event",
    view=is_hub_staff,
    add=is_outreach_manager,
    change=is_outreach_manager,
    delete=is_direction,
)
for model in [
    "eventstaff",
    "workshop",
    "forumslot",
    "tourslot",
    "eventtally",
    "visitorregistration",
]:
    register_model(
        f"outreach.{model}",
        view=is_hub_staff,
        add=is_outreach_manager,
        change=is_outreach_manager,
        delete=is_outreach_manager,
    )


# --- People and their fields (hall32.core.access) --------------------------------------------


def _people() -> Any:
    from hall32.core.models import Person

    return Person.objects


def _apprentices_in_outreach(user: Any) -> Any:
    """Apprentices who run workshops, guide tours or staff the hub's events."""
    from django.db.models import Q

    return _people().filter(
        Q(event_staffing__isnull=False)
        | Q(outreach_availabilities__isnull=False)
        | Q(tour_assignments__isnull=False)
        | Q(forum_workshops__isnull=False)
    )


def _visitors(user: Any) -> Any:
    """People registered for an open day, and teachers who booked a class."""
    from django.db.models import Q

    from hall32.outreach.models import ClassBooking, VisitorRegistration

    return _people().filter(
        Q(pk__in=VisitorRegistration.objects.values("person"))
        | Q(pk__in=ClassBooking.objects.values("teacher"))
    )


access.grant(
    "outreach_apprentice",
    who=is_outreach_officer,
    people=_apprentices_in_outreach,
    fields=("name", "work", "email"),
)
access.grant(
    "visitor", who=is_outreach_officer, people=_visitors, fields=("name", "email", "phone", "consents")
)
