"""Core's permissions: organisations, people, sites, audit, jobs, GDPR. Registered by
CoreConfig.ready(); each mission app registers its own in hall32/<app>/rules.py.

Who sees which people, and which of their fields, is the matrix of hall32.core.access: the grants
below rest on core records only; training, outreach and industry add theirs in their modules.
"""

from typing import Any

import rules
from django.db.models import QuerySet
from django.utils import timezone

from hall32.core import access
from hall32.core.predicates import (
    is_client,
    is_direction,
    is_hub_staff,
    is_industry_engineer,
    is_manager,
    is_outreach_officer,
    register_model,
)
from hall32.core.roles import STAFF_ROLES


def _people() -> Any:
    from hall32.core.models import Person

    return Person.objects


def _self(user: Any) -> QuerySet[Any]:
    return _people().filter(pk=user.person_id) if user.person_id else _people().none()


def _staff(user: Any) -> QuerySet[Any]:
    return _people().filter(user__is_active=True, user__groups__name__in=sorted(STAFF_ROLES))


def organisation_contacts(*, kinds: tuple[str, ...] | None = None) -> QuerySet[Any]:
    """Adults attached to an organisation (a company's, school's or agency's people): never a
    minor, whatever the record says."""
    from hall32.core.models import years_before

    contacts = (
        _people()
        .filter(organisation__isnull=False)
        .exclude(birth_date__gt=years_before(timezone.localdate(), 18))
    )
    return contacts.filter(organisation__kind__in=kinds) if kinds else contacts


def _colleagues(user: Any) -> QuerySet[Any]:
    organisation_id = user.person.organisation_id if user.person_id else None
    return (
        organisation_contacts().filter(organisation_id=organisation_id)
        if organisation_id
        else _people().none()
    )


WORK_CONTACT = ("name", "work", "email", "phone")

access.grant("everyone", who=is_manager, people=lambda user: None, fields=access.ALL)
access.grant("self", who=rules.is_authenticated, people=_self, fields=access.ALL)
access.grant("staff", who=is_hub_staff, people=_staff, fields=WORK_CONTACT)
access.grant(
    "contact",
    who=is_outreach_officer,
    people=lambda user: organisation_contacts(),
    fields=(*WORK_CONTACT, "consents"),
)
access.grant(
    "company_contact",
    who=is_industry_engineer,
    people=lambda user: organisation_contacts(kinds=("company",)),
    fields=WORK_CONTACT,
)
access.grant("colleague", who=is_client, people=_colleagues, fields=WORK_CONTACT)


@rules.predicate
def sees_person(user: Any, person: Any) -> bool:
    return access.can_see(user, person)


@rules.predicate
def edits_person(user: Any, person: Any) -> bool:
    """Managers edit anyone; an outreach officer edits the contacts they work with (and only the
    fields they see: the form is cut to them)."""
    if person is None:
        return False
    return is_outreach_officer(user) and organisation_contacts().filter(pk=person.pk).exists()


@rules.predicate
def is_self(user: Any, person: Any) -> bool:
    return person is not None and getattr(user, "person_id", None) == person.pk


@rules.predicate
def owns_job(user: Any, job: Any) -> bool:
    return job is not None and job.created_by_id == user.pk


rules.add_perm("core.access_admin", is_manager)
rules.add_perm("core.view_dashboard", rules.is_authenticated)
rules.add_perm("core.view_directory", is_hub_staff)

register_model(
    "core.organisation",
    view=is_hub_staff,
    add=is_manager | is_outreach_officer | is_industry_engineer,
    change=is_manager | is_outreach_officer | is_industry_engineer,
    delete=is_direction,
)
# partners: merging two organisations moves every app's links, which is the managers' to do.
rules.add_perm("core.merge_organisation", is_manager)
register_model(
    "core.person",
    view=sees_person,
    add=is_manager | is_outreach_officer,
    change=is_manager | edits_person,
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
rules.add_perm("core.export_person", is_manager | is_self)
rules.add_perm("core.erase_person", is_direction)
