"""Reads about machines: the catalogue, free machines, qualifications, maintenance plans."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from hall32.core.models import User
from hall32.industry.models import Booking, Equipment, MaintenancePlan, QualificationGrant

CATEGORY_COLOURS: dict[str, str] = {
    Equipment.Category.ADDITIVE_METAL: "#8c3b00",
    Equipment.Category.ADDITIVE_POLYMER: "#b35c00",
    Equipment.Category.ELECTRONICS: "#1f6f43",
    Equipment.Category.ROBOTICS: "#5b3f9e",
    Equipment.Category.MACHINING: "#0b5c8a",
    Equipment.Category.METROLOGY: "#5a5a5a",
}
KIND_COLOURS: dict[str, str] = {Booking.Kind.MAINTENANCE: "#a11d2b", Booking.Kind.SCHEDULED: "#37474f"}


def equipment_catalogue() -> QuerySet[Equipment]:
    return Equipment.objects.filter(is_active=True).select_related("qualification", "room")


def equipment_all() -> QuerySet[Equipment]:
    return Equipment.objects.select_related("qualification", "room").annotate(
        upcoming=Count(
            "bookings",
            filter=Q(bookings__status=Booking.Status.CONFIRMED, bookings__end__gt=timezone.now())
            & ~Q(bookings__kind=Booking.Kind.MAINTENANCE),
        )
    )


def free_equipment(
    *, start: dt.datetime, end: dt.datetime, category: str = "", qualified_for: User | None = None
) -> list[Equipment]:
    """Machines in service with no confirmed booking or maintenance over [start, end)."""
    busy = Booking.objects.confirmed().overlapping(start, end).values("equipment_id")
    machines = equipment_catalogue().exclude(pk__in=busy)
    if category:
        machines = machines.filter(category=category)
    found = list(machines)
    if qualified_for is not None:
        held = qualifications_held(user=qualified_for, on=timezone.localtime(start).date())
        for machine in found:
            # A flag for the page, on the instance: not a field.
            machine.user_qualified = machine.qualification_id is None or machine.qualification_id in held  # type: ignore[attr-defined]
    return found


def qualifications_held(*, user: User, on: dt.date | None = None) -> set[int]:
    if not user.person_id:
        return set()
    day = on or timezone.localdate()
    return set(
        QualificationGrant.objects.valid_on(day)
        .filter(person_id=user.person_id)
        .values_list("qualification_id", flat=True)
    )


def grants_of(*, user: User) -> QuerySet[QualificationGrant]:
    if user.person_id is None:  # an account without a personal record holds no qualification
        return QualificationGrant.objects.none()
    return QualificationGrant.objects.filter(person_id=user.person_id).select_related("qualification")


def grants_list() -> QuerySet[QualificationGrant]:
    return QualificationGrant.objects.select_related("qualification", "person", "granted_by")


def maintenance_plans(*, equipment: Equipment) -> QuerySet[MaintenancePlan]:
    return equipment.maintenance_plans.annotate(
        upcoming=Count("bookings", filter=Q(bookings__start__gt=timezone.now(), bookings__status="confirmed"))
    )
