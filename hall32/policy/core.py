"""Core: organisations, people, sites, audit, jobs, GDPR."""

from typing import Any

import rules

from hall32.policy.predicates import (
    is_direction,
    is_hub_staff,
    is_industry_engineer,
    is_manager,
    is_outreach_officer,
    register_model,
)


@rules.predicate
def is_self(user: Any, person: Any) -> bool:
    return person is not None and getattr(user, "person_id", None) == person.pk


@rules.predicate
def owns_job(user: Any, job: Any) -> bool:
    return job is not None and job.created_by_id == user.pk


rules.set_perm("core.access_admin", is_manager)
rules.set_perm("core.view_dashboard", rules.is_authenticated)
rules.set_perm("core.view_directory", is_hub_staff)

register_model(
    "core.organisation",
    view=is_hub_staff,
    add=is_manager | is_outreach_officer | is_industry_engineer,
    change=is_manager | is_outreach_officer | is_industry_engineer,
    delete=is_direction,
)
register_model(
    "core.person",
    view=is_hub_staff | is_self,
    add=is_manager | is_outreach_officer,
    change=is_manager | is_outreach_officer,
    delete=is_direction,
)
register_model("core.guardianship", view=is_hub_staff, add=is_manager, change=is_manager, delete=is_manager)
register_model("core.site", view=is_hub_staff, add=is_direction, change=is_direction, delete=is_direction)
register_model("core.room", view=is_hub_staff, add=is_direction, change=is_direction, delete=is_direction)
register_model("core.user", view=is_direction, add=is_direction, change=is_direction, delete=is_direction)
register_model(
    "core.auditentry",
    view=is_direction,
    add=rules.always_deny,
    change=rules.always_deny,
    delete=rules.always_deny,
)
register_model(
    "core.job",
    view=is_hub_staff | owns_job,
    add=is_hub_staff,
    change=rules.always_deny,
    delete=is_direction,
)

# GDPR: anyone may export their own data; managers export on request; only direction erases.
rules.set_perm("core.export_person", is_manager | is_self)
rules.set_perm("core.erase_person", is_direction)
