"""Pôle Industrie: machines and their bookings, client projects, scheduling, the line simulator.

Anyone may read the equipment catalogue. Hub staff, learners and clients may book a machine, and
the services then ask for the machine's qualification. A client sees only its own company's
projects, quotes, deliverables and line studies.
"""

from typing import Any

import rules

from hall32.core import access
from hall32.core.predicates import (
    is_client,
    is_direction,
    is_hub_staff,
    is_industry_engineer,
    is_learner,
    is_manager,
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


rules.add_perm("industry.book_equipment", is_hub_staff | is_learner | is_client)
rules.add_perm("industry.view_my_bookings", is_hub_staff | is_learner | is_client)
rules.add_perm("industry.view_booking_details", is_hub_staff)  # who booked, for which project
rules.add_perm("industry.book_for_others", is_industry_engineer)
rules.add_perm("industry.manage_equipment", is_industry_manager)
rules.add_perm("industry.grant_qualification", is_industry_engineer)
# Who holds which machine qualification names learners: the Pôle Industrie's engineers and the
# hub's managers, not every staff member (docs/access.md, `machine_user`).
rules.add_perm("industry.view_qualifications", is_industry_manager | is_manager)
rules.add_perm("industry.view_usage_report", is_industry_manager)
rules.add_perm("industry.modify_booking", is_industry_engineer | (owns_booking & is_usage_booking))

rules.add_perm("industry.view_projects", is_industry_manager)
rules.add_perm("industry.manage_projects", is_industry_manager)
rules.add_perm("industry.open_project", is_industry_manager | (is_client & is_project_client))
rules.add_perm("industry.view_my_projects", is_client)
rules.add_perm("industry.request_project", is_client)
rules.add_perm("industry.open_quote", is_industry_manager | (is_client & is_quote_client))
rules.add_perm("industry.decide_quote", is_industry_manager | (is_client & is_quote_client))

rules.add_perm("industry.schedule_jobs", is_industry_manager)
rules.add_perm("industry.simulate_lines", is_industry_manager)
rules.add_perm("industry.open_line", is_industry_manager | (is_client & is_line_client))

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


# --- People and their fields (hall32.core.access) --------------------------------------------


def _people() -> Any:
    from hall32.core.models import Person

    return Person.objects


def _machine_users(user: Any) -> Any:
    """People who hold a machine qualification or booked a machine."""
    from django.db.models import Q

    return _people().filter(Q(qualification_grants__isnull=False) | Q(user__industry_bookings__isnull=False))


def _engineers_of_my_company(user: Any) -> Any:
    """The engineers who lead the projects of the client user's company."""
    organisation = _organisation_id(user)
    if not organisation:
        return _people().none()
    return _people().filter(user__led_industry_projects__client_id=organisation)


access.grant(
    "machine_user", who=is_industry_engineer, people=_machine_users, fields=("name", "work", "email")
)
access.grant(
    "project_engineer",
    who=is_client,
    people=_engineers_of_my_company,
    fields=("name", "work", "email", "phone"),
)
