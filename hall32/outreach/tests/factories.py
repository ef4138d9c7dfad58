import datetime as dt

import factory
from django.utils import timezone

from hall32.core.tests.factories import PersonFactory, SchoolFactory
from hall32.outreach.models import ClassBooking, Event, EventKind, ForumSlot, Workshop


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Forum des métiers {n}")
    slug = factory.Sequence(lambda n: f"forum-{n}")
    kind = EventKind.FORUM
    status = Event.Status.PUBLISHED
    start = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=20))
    end = factory.LazyAttribute(lambda e: e.start + dt.timedelta(hours=6))
    capacity = 60
    venue = "Hall 32"
    city = "Clermont-Ferrand"


class ClassBookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClassBooking

    event = factory.SubFactory(EventFactory)
    school = factory.SubFactory(SchoolFactory)
    teacher = factory.SubFactory(PersonFactory)
    class_name = factory.Sequence(lambda n: f"3e {n}")
    pupils = 24
    girls = 12
    boys = 12
    status = ClassBooking.Status.CONFIRMED


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Atelier {n}")
    capacity = 30


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumSlot

    event = factory.SubFactory(EventFactory)
    start = dt.time(9, 0)
    end = dt.time(9, 40)
