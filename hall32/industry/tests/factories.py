"""factory_boy factories for the Pôle Industrie records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from hall32.core.tests.factories import OrganisationFactory, PersonFactory
from hall32.industry.models import (
    Booking,
    Equipment,
    LineConfiguration,
    LineModule,
    Project,
    ProjectKind,
    ProjectStatus,
    Qualification,
    QualificationGrant,
)


class QualificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Qualification

    code = factory.Sequence(lambda n: f"habilitation-{n}")
    name = factory.Sequence(lambda n: f"Habilitation {n}")
    validity_months = 24


class EquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Equipment

    code = factory.Sequence(lambda n: f"m{n}")
    name = factory.Sequence(lambda n: f"Machine {n}")
    category = Equipment.Category.ADDITIVE_POLYMER
    hourly_rate = Decimal("40.00")
    runs_unattended = True


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QualificationGrant

    qualification = factory.SubFactory(QualificationFactory)
    person = factory.SubFactory(PersonFactory)
    granted_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=700))


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    equipment = factory.SubFactory(EquipmentFactory)
    start = factory.LazyFunction(lambda: next_monday_at(10))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=2))
    title = "Essai"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    reference = factory.Sequence(lambda n: f"PI-2025-{n:03d}")
    title = factory.Sequence(lambda n: f"Prototype {n}")
    client = factory.SubFactory(OrganisationFactory)
    kind = ProjectKind.PART
    status = ProjectStatus.IN_PROGRESS
    requested_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=60))


class LineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LineConfiguration

    name = factory.Sequence(lambda n: f"Ligne {n}")
    horizon_hours = 200
    warmup_hours = 10
    replications = 3


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LineModule

    line = factory.SubFactory(LineFactory)
    position = factory.Sequence(lambda n: n)
    name = factory.Sequence(lambda n: f"Module {n}")
    kind = LineModule.Kind.MACHINING
    distribution = "exponential"
    p1 = 10.0


def next_monday_at(hour: int, minute: int = 0, *, weeks: int = 1) -> dt.datetime:
    """A Monday at least a few days ahead, at a given local time (inside opening hours)."""
    today = timezone.localdate()
    monday = today + dt.timedelta(days=7 * weeks - today.weekday())
    return timezone.make_aware(dt.datetime.combine(monday, dt.time(hour, minute)))
