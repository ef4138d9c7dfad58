"""Reads of the core app: directory lists, people's records, the audit trail, key figures."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from hall32.core import access, duplicates
from hall32.core.models import AuditEntry, Job, Organisation, Person, User


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.annotate(
        people_count=Count("people", filter=Q(people__erased_at__isnull=True))
    )


def person_list(*, user: Any) -> QuerySet[Person]:
    """The directory as the user may read it: the people they work with (hall32.core.access)."""
    return access.people_visible_to(user).active().select_related("organisation")


def people_of(*, organisation: Organisation, user: Any) -> QuerySet[Person]:
    return person_list(user=user).filter(organisation=organisation).order_by("last_name", "first_name")


def person_detail(*, pk: int) -> Person:
    return (
        Person.objects.select_related("organisation")
        .prefetch_related("guardianships__guardian", "wards__child")
        .get(pk=pk)
    )


def audit_entries() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.select_related("content_type", "actor")


def audit_entries_for(*, instance: Any) -> QuerySet[AuditEntry]:
    from django.contrib.contenttypes.models import ContentType

    return audit_entries().filter(
        content_type=ContentType.objects.get_for_model(type(instance)), object_id=str(instance.pk)
    )


def hub_organisation() -> Organisation | None:
    """The hub's own organisation record (settings.HUB_UAI), or None before it is entered."""
    return Organisation.objects.filter(uai=settings.HUB_UAI).first() if settings.HUB_UAI else None


def founders() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_founder=True)


def directory_counts() -> dict[str, int]:
    counts = Organisation.objects.aggregate(
        organisations=Count("id"),
        companies=Count("id", filter=Q(kind=Organisation.Kind.COMPANY)),
        schools=Count("id", filter=Q(kind=Organisation.Kind.SCHOOL)),
        agencies=Count("id", filter=Q(kind=Organisation.Kind.AGENCY)),
    )
    counts["people"] = Person.objects.active().count()
    return counts


def user_for_person(*, person: Person) -> User | None:
    return User.objects.filter(person=person).first()


def job_get(*, pk: int) -> Job:
    return Job.objects.get(pk=pk)


# partners: duplicate organisations (the rule is in core.duplicates) -------------------------------


def organisation_duplicate_of(
    *, name: str, postcode: str, siret: str = "", uai: str = "", exclude_pk: int | None = None
) -> tuple[Organisation, str] | None:
    """The organisation that `name`, `postcode`, `siret` and `uai` would duplicate, and the field
    that says so ("siret", "uai" or "name"), or None."""
    others = Organisation.objects.exclude(pk=exclude_pk) if exclude_pk else Organisation.objects.all()
    for field_name, value in (("siret", siret), ("uai", uai)):
        same = others.filter(**{field_name: value}).first() if value else None
        if same is not None:
            return same, field_name
    if postcode and name.strip():
        for other in others.filter(postcode=postcode).only("pk", "name", "city", "postcode"):
            if duplicates.names_are_close(name, other.name):
                return other, "name"
    return None


def organisation_merge_search(*, kept: Organisation, q: str) -> QuerySet[Organisation]:
    """The organisations one may merge into `kept`, found by name, city or SIRET."""
    found = Organisation.objects.exclude(pk=kept.pk)
    for word in q.split()[:5]:
        found = found.filter(Q(name__icontains=word) | Q(city__icontains=word) | Q(siret__startswith=word))
    return found.order_by("name", "pk")
