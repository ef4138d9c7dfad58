"""Pôle Industrie: machines and their bookings, client projects, scheduling, the line simulator.

Anyone may read the equipment catalogue. Hub staff, learners and clients may book a machine, and
the services then ask for the machine's qualification. A client sees only its own company's
projects, quotes, deliverables and line studies.
"""

from typing import Any

import rules

from hall32.policy.predicates import (
    is_client,
    is_direction,
    is_hub_staff,
    is_industry_engineer,
    is_learner,
    register_model,
)

is_industry_manager = is_industry_engineer | is_direction


def _organisation_id(user: Any) -> int | None:
    person = getattr(user, "person", None)
    return getattr(person, "organisation_id", None)


@rules.predicate
def owns_booking(user: Any, booking: Any) -> bool:
    return booking is not None and booking.user_id is not None and booking.user_id == user.pk


@rules.predicate
def is_usage_booking(user: Any, booking: Any) -> bool:
    return booking is not None and booking.kind == "usage"


@rules.predicate
def is_project_client(user: Any, project: Any) -> bool:
    """The user works for the project's client company."""
    organisation = _organisation_id(user)
    return bool(project is not None and organisation and project.client_id == organisation)


@rules.predicate
def is_quote_client(user: Any, quote: Any) -> bool:
    return quote is not None and is_project_client(user, quote.project)


@rules.predicate
def is_line_client(user: Any, line: Any) -> bool:
    organisation = _organisation_id(user)
    if line is None or not organisation:
        return False
    return line.client_id == organisation or bool(line.project_id and line.project.client_id == organisation)


rules.set_perm("industry.book_equipment", is_hub_staff | is_learner | is_client)
rules.set_perm("industry.view_my_bookings", is_hub_staff | is_learner | is_client)
rules.set_perm("industry.view_booking_details", is_hub_staff)  # who booked, for which project
rules.set_perm("industry.book_for_others", is_industry_engineer)
rules.set_perm("industry.manage_equipment", is_industry_manager)
rules.set_perm("industry.grant_qualification", is_industry_engineer)
rules.set_perm("industry.view_qualifications", is_hub_staff)
rules.set_perm("industry.view_usage_report", is_industry_manager)
rules.set_perm("industry.modify_booking", is_industry_engineer | (owns_booking & is_usage_booking))

rules.set_perm("industry.view_projects", is_industry_manager)
rules.set_perm("industry.manage_projects", is_industry_manager)
rules.set_perm("industry.open_project", is_industry_manager | (is_client & is_project_client))
rules.set_perm("industry.view_my_projects", is_client)
rules.set_perm("industry.request_project", is_client)
rules.set_perm("industry.open_quote", is_industry_manager | (is_client & is_quote_client))
rules.set_perm("industry.decide_quote", is_industry_manager | (is_client & is_quote_client))

rules.set_perm("industry.schedule_jobs", is_industry_manager)
rules.set_perm("industry.simulate_lines", is_industry_manager)
rules.set_perm("industry.open_line", is_industry_manager | (is_client & is_line_client))

register_model(
    "industry.equipment",
    view=rules.always_allow,
    add=is_industry_manager,
    change=is_industry_manager,
    delete=is_direction,
)
for model in ["qualification", "qualificationgrant", "maintenanceplan", "booking"]:
    register_model(
        f"industry.{model}",
        view=is_hub_staff,
        add=is_industry_manager,
        change=is_industry_manager,
        delete=is_direction,
    )
for model in [
    "project",
    "projectstep",
    "timeentry",
    "deliverable",
    "quote",
    "quoteline",
    "schedulerun",
    "scheduledoperation",
    "lineconfiguration",
    "linemodule",
    "simulationrun",
]:
    register_model(
        f"industry.{model}",
        view=is_industry_manager,
        add=is_industry_manager,
        change=is_industry_manager,
        delete=is_direction,
    )
