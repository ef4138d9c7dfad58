"""Outreach: events, class bookings, forum planning, open days, reach statistics."""

from typing import Any

import rules

from hall32.policy.predicates import (
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


rules.set_perm("outreach.view_events", is_hub_staff)
rules.set_perm("outreach.manage_events", is_outreach_manager)
rules.set_perm("outreach.plan_forum", is_outreach_manager)
rules.set_perm("outreach.view_reach", is_hub_staff)
# Whoever from the hub stands at the open-day desk ticks the visitors who arrive.
rules.set_perm("outreach.check_in_visitors", is_hub_staff)
rules.set_perm("outreach.view_my_bookings", is_teacher)
rules.set_perm("outreach.view_classbooking", is_hub_staff | booked_it)
rules.set_perm("outreach.cancel_classbooking", is_outreach_manager | booked_it)
rules.set_perm("outreach.add_classbooking", is_outreach_manager)
rules.set_perm("outreach.change_classbooking", is_outreach_manager)
rules.set_perm("outreach.delete_classbooking", is_direction)

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
