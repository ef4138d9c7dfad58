"""Role predicates shared by every app's rules (hall32/<app>/rules.py)."""

from __future__ import annotations

from typing import Any

import rules

from hall32.core.roles import STAFF_ROLES, Role


def has_role(*names: str) -> rules.Predicate:
    """True when the user holds at least one of the roles."""
    wanted = frozenset(names)

    @rules.predicate(name=f"has_role({','.join(sorted(wanted))})")
    def predicate(user: Any) -> bool:
        return bool(getattr(user, "is_authenticated", False) and user.roles & wanted)

    return predicate


is_authenticated = rules.is_authenticated
is_direction = has_role(Role.DIRECTION)
is_coordinator = has_role(Role.COORDINATOR)
is_outreach_officer = has_role(Role.OUTREACH_OFFICER)
is_industry_engineer = has_role(Role.INDUSTRY_ENGINEER)
is_trainer = has_role(Role.TRAINER)
is_learner = has_role(Role.LEARNER)
is_guardian = has_role(Role.GUARDIAN)
is_company_tutor = has_role(Role.COMPANY_TUTOR)
is_client = has_role(Role.CLIENT)
is_teacher = has_role(Role.TEACHER)
is_referral_partner = has_role(Role.REFERRAL_PARTNER)

is_hub_staff = has_role(*STAFF_ROLES)
is_manager = is_direction | is_coordinator


def register_model(
    model_label: str,
    *,
    view: rules.Predicate,
    add: rules.Predicate,
    change: rules.Predicate,
    delete: rules.Predicate,
) -> None:
    """Register the four Django model permissions of `app.model` (used by the admin too). A name
    registered twice is an error (rules.add_perm raises KeyError): a generic rule must never
    silently replace an object-level one."""
    app, model = model_label.split(".")
    for action, predicate in {"view": view, "add": add, "change": change, "delete": delete}.items():
        rules.add_perm(f"{app}.{action}_{model}", predicate)
