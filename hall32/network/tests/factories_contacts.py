"""Factories for contacts' roles, interactions and follow-up tasks."""

import datetime as dt

import factory
from django.utils import timezone

from hall32.core.tests.factories import OrganisationFactory, PersonFactory
from hall32.network.models import ContactRole, FollowUpTask, Interaction


class ContactRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactRole

    organisation = factory.SubFactory(OrganisationFactory)
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..organisation"))
    role = ContactRole.Role.MAIN


class InteractionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interaction

    organisation = factory.SubFactory(OrganisationFactory)
    kind = Interaction.Kind.CALL
    happened_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=3))
    subject = factory.Sequence(lambda n: f"Appel de suivi {n}")


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpTask

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Relancer {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))
    remind_days_before = 1
