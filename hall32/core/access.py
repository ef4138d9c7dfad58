"""Who sees whom in the directory, and which of their fields: least privilege per role and per field.

Each grant says: users for whom `who` holds see the people of one kind that `people(user)` returns
(the people they work with), and of those people only `fields`. A user sees a person when at
least one grant covers them, and the union of those grants' fields. Pages, the API and the admin
read the answer here, so the three agree; docs/access.md is the same matrix in words, and a test
holds the two together.

Core knows no mission app: hall32/core/rules.py registers the grants that rest on core records
(managers, oneself, staff colleagues, organisation contacts), and the rules modules of training,
outreach and industry (hall32/<app>/rules.py) register the grants that rest on their relations (a trainer's learners, a
tutor's apprentices, an outreach officer's visitors, an engineer's machine users).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

if TYPE_CHECKING:
    from hall32.core.models import PersonQuerySet

# The groups of fields a grant opens, in the order pages show them.
FIELD_GROUPS: dict[str, tuple[str, ...]] = {
    "name": ("first_name", "last_name"),
    "work": ("organisation", "job_title"),
    "email": ("email",),
    "phone": ("phone",),
    "civil": ("birth_date", "gender"),
    "address": ("address", "postcode", "city"),
    "guardians": (),  # the person's guardians and wards, with their contacts
    "consents": ("consent_contact", "consent_image", "consent_updated_at"),
    "account": (),  # the person's account: login and roles
}
ALL = frozenset(FIELD_GROUPS)
NOTHING: frozenset[str] = frozenset()

# people(user) returns the Person rows of that kind the user works with, or None for everyone.
Scope = Callable[[Any], "QuerySet[Any] | None"]


@dataclass(frozen=True)
class Grant:
    kind: str
    who: Callable[[Any], bool]
    people: Scope
    fields: frozenset[str]


_grants: list[Grant] = []


def grant(kind: str, *, who: Callable[[Any], bool], people: Scope, fields: Iterable[str]) -> None:
    """Let users for whom `who` holds see the people of `kind` that `people(user)` returns, and only
    `fields` of them (group names of FIELD_GROUPS)."""
    opened = frozenset(fields)
    unknown = opened - ALL
    if unknown:
        raise ValueError(f"unknown field groups: {sorted(unknown)}")
    _grants.append(Grant(kind=kind, who=who, people=people, fields=opened))


def grants() -> list[Grant]:
    return list(_grants)


def _person_model() -> Any:
    from hall32.core.models import Person

    return Person


def _active_grants(user: Any) -> list[tuple[Grant, QuerySet[Any] | None]]:
    """The grants that apply to the user, with their scopes (lazy querysets: building them costs
    no query)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return []
    return [(g, g.people(user)) for g in _grants if g.who(user)]


def _ids(scope: QuerySet[Any]) -> QuerySet[Any]:
    return scope.values("pk")


def people_visible_to(user: Any) -> PersonQuerySet:
    """The people the user may find in the directory (erased people are never listed)."""
    people = _person_model().objects.all()
    active = _active_grants(user)
    if not active:
        return people.none()
    if any(scope is None for _grant, scope in active):
        return people
    condition = Q()
    for _grant, scope in active:
        condition |= Q(pk__in=_ids(scope))
    return people.filter(condition)


def sees_everyone(user: Any) -> bool:
    return any(scope is None for _grant, scope in _active_grants(user))


def visible_fields(user: Any, person: Any) -> frozenset[str]:
    """The groups of fields of `person` the user may read (empty: the person is not theirs to see)."""
    if person is None or person.pk is None:
        return NOTHING
    return visible_fields_many(user, [person]).get(person.pk, NOTHING)


def visible_fields_many(user: Any, people: Iterable[Any]) -> dict[int, frozenset[str]]:
    """visible_fields for a page of people: one query per grant, not one per person."""
    ids = {p.pk for p in people if p is not None and p.pk is not None}
    result: dict[int, set[str]] = {pk: set() for pk in ids}
    if not ids:
        return {}
    active = _active_grants(user)
    if any(scope is None and found.fields == ALL for found, scope in active):
        return dict.fromkeys(ids, ALL)  # sees everyone, every field: no query
    for found, scope in active:
        covered = ids if scope is None else set(scope.filter(pk__in=ids).values_list("pk", flat=True))
        for pk in covered:
            result[pk] |= found.fields
    return {pk: frozenset(fields) for pk, fields in result.items()}


def creatable_fields(user: Any) -> frozenset[str]:
    """The fields a user fills in when creating a person: those of the people they work with
    (not of their own record)."""
    if sees_everyone(user):
        return ALL
    opened: set[str] = set()
    for found, _scope in _active_grants(user):
        if found.kind != "self":
            opened |= found.fields
    return frozenset(opened)


def can_see(user: Any, person: Any) -> bool:
    """The `core.view_person` rule: with no person, whether the user sees every person (the admin's
    list asks this)."""
    if person is None:
        return sees_everyone(user)
    return bool(visible_fields(user, person))


def masked(person: Any, fields: frozenset[str]) -> dict[str, Any]:
    """The person's values the fields allow, for the API and exports: hidden ones are None."""
    values: dict[str, Any] = {}
    for group, names in FIELD_GROUPS.items():
        for name in names:
            if name == "organisation":
                value = person.organisation.name if person.organisation_id else ""
            else:
                value = getattr(person, name)
            values[name] = value if group in fields else None
    return values
