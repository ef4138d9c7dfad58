"""Machines, qualifications and preventive maintenance.

A maintenance plan's windows are bookings (kind maintenance), generated MAINTENANCE_WEEKS_AHEAD
weeks ahead, further than anyone may book: extending them weekly never lands on a booking, and a
new or changed plan that would is refused, naming the bookings in its way.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hall32.core.dates import add_months, long_date
from hall32.core.models import Person, User
from hall32.core.services import validated_save
from hall32.industry import hours
from hall32.industry.errors import IndustryError
from hall32.industry.models import Booking, Equipment, MaintenancePlan, Qualification, QualificationGrant
from hall32.industry.services.bookings import describe


@transaction.atomic
def equipment_save(*, equipment: Equipment) -> Equipment:
    return validated_save(equipment)


@transaction.atomic
def qualification_save(*, qualification: Qualification) -> Qualification:
    return validated_save(qualification)


@transaction.atomic
def qualification_grant(
    *, qualification: Qualification, person: Person, granted_on: dt.date, by: User, notes: str = ""
) -> QualificationGrant:
    """Grant a qualification after training; it expires after the qualification's validity."""
    if granted_on > timezone.localdate():
        raise IndustryError(
            _("Une habilitation s'accorde après la formation, pas à l'avance."), field="granted_on"
        )
    if person.erased_at is not None:
        raise IndustryError(_("Cette personne a été effacée."), field="person")
    expires = add_months(granted_on, qualification.validity_months) if qualification.validity_months else None
    if expires is not None and expires < timezone.localdate():
        raise IndustryError(
            _("Accordée le %(d)s, elle aurait déjà expiré : vérifiez la date.")
            % {"d": long_date(granted_on)},
            field="granted_on",
        )
    grant = QualificationGrant(
        qualification=qualification,
        person=person,
        granted_on=granted_on,
        expires_on=expires,
        granted_by=by,
        notes=notes.strip(),
    )
    return validated_save(grant)


@transaction.atomic
def qualification_revoke(*, grant: QualificationGrant, on: dt.date | None = None) -> QualificationGrant:
    if grant.revoked_on is not None:
        raise IndustryError(_("Cette habilitation est déjà retirée."))
    grant.revoked_on = on or timezone.localdate()
    grant.save(update_fields=["revoked_on", "updated_at"])
    return grant


def maintenance_windows(
    plan: MaintenancePlan, *, start: dt.date, end: dt.date
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The plan's windows whose day falls in [start, end]."""
    tz = timezone.get_current_timezone()
    windows = []
    day = plan.first_date
    step = dt.timedelta(weeks=max(1, plan.every_weeks))
    if day < start:
        day += step * ((start - day).days // step.days)
    last = min(end, plan.until) if plan.until else end
    while day <= last:
        if day >= start:
            begin = dt.datetime.combine(day, plan.start_time, tzinfo=tz)
            windows.append((begin, begin + dt.timedelta(minutes=plan.duration_minutes)))
        day += step
    return windows


def _horizon() -> dt.date:
    return timezone.localdate() + dt.timedelta(weeks=hours.MAINTENANCE_WEEKS_AHEAD)


@transaction.atomic
def maintenance_plan_save(*, plan: MaintenancePlan, by: User | None) -> MaintenancePlan:
    """Create or change a plan, and (re)generate its future windows. Refused if a window would
    overlap a booking, naming the first ones in the way."""
    if plan.duration_minutes < hours.SLOT_MINUTES or plan.duration_minutes % hours.SLOT_MINUTES:
        raise IndustryError(
            _("La durée se compte en quarts d'heure (15, 30, 45… minutes)."), field="duration_minutes"
        )
    if plan.start_time.minute % hours.SLOT_MINUTES or plan.start_time.second:
        raise IndustryError(_("L'heure de début tombe sur un quart d'heure."), field="start_time")
    if plan.until and plan.until < plan.first_date:
        raise IndustryError(_("La fin doit suivre la première date."), field="until")
    Equipment.objects.select_for_update().get(pk=plan.equipment_id)  # bookings of this machine wait
    validated_save(plan)
    now = timezone.now()
    plan.bookings.filter(start__gt=now, status=Booking.Status.CONFIRMED).delete()
    if not plan.is_active:
        return plan
    windows = [
        (s, e) for s, e in maintenance_windows(plan, start=timezone.localdate(), end=_horizon()) if s > now
    ]
    in_the_way: list[Booking] = []
    for start, end in windows:
        in_the_way += list(
            Booking.objects.confirmed().filter(equipment_id=plan.equipment_id).overlapping(start, end)[:3]
        )
        if len(in_the_way) >= 3:
            break
    if in_the_way:
        raise IndustryError(
            _(
                "Ces créneaux de maintenance chevauchent %(list)s. Déplacez ces réservations ou changez le plan."
            )
            % {"list": " ; ".join(describe(b, viewer=by) for b in in_the_way[:3])},
            field="first_date",
            code="overlap",
        )
    Booking.objects.bulk_create(
        Booking(
            equipment_id=plan.equipment_id,
            kind=Booking.Kind.MAINTENANCE,
            start=start,
            end=end,
            title=plan.name,
            user=by if by and by.pk else None,
            maintenance_plan=plan,
        )
        for start, end in windows
    )
    return plan


@transaction.atomic
def maintenance_plan_stop(*, plan: MaintenancePlan) -> MaintenancePlan:
    """Stop a plan: its future windows are freed, its past ones kept as history."""
    plan.is_active = False
    plan.save(update_fields=["is_active", "updated_at"])
    plan.bookings.filter(start__gt=timezone.now(), status=Booking.Status.CONFIRMED).delete()
    return plan


def maintenance_extend() -> int:
    """Weekly: add each active plan's windows up to the horizon (idempotent). A window that would
    overlap something is skipped and left for an engineer to see on the calendar."""
    created = 0
    today, horizon = timezone.localdate(), _horizon()
    for plan in MaintenancePlan.objects.filter(is_active=True).select_related("equipment"):
        with transaction.atomic():
            Equipment.objects.select_for_update().get(pk=plan.equipment_id)
            existing = set(plan.bookings.values_list("start", flat=True))
            for start, end in maintenance_windows(plan, start=today, end=horizon):
                if start in existing or start <= timezone.now():
                    continue
                if (
                    Booking.objects.confirmed()
                    .filter(equipment_id=plan.equipment_id)
                    .overlapping(start, end)
                    .exists()
                ):
                    continue
                Booking.objects.create(
                    equipment_id=plan.equipment_id,
                    kind=Booking.Kind.MAINTENANCE,
                    start=start,
                    end=end,
                    title=plan.name,
                    maintenance_plan=plan,
                )
                created += 1
    return created
