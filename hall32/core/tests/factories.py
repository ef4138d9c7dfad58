"""factory_boy factories for the core records."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth.models import Group

from hall32.core.models import Organisation, Person, Room, Site, User

TEST_PASSWORD = "un-mot-de-passe-de-test-1"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Entreprise {n}")
    kind = Organisation.Kind.COMPANY
    size_band = Organisation.SizeBand.SME
    postcode = "63000"
    city = "Clermont-Ferrand"


class SchoolFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Collège {n}")
    kind = Organisation.Kind.SCHOOL
    size_band = ""
    school_kind = Organisation.SchoolKind.COLLEGE


class AgencyFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Mission Locale {n}")
    kind = Organisation.Kind.AGENCY
    size_band = ""
    agency_kind = Organisation.AgencyKind.MISSION_LOCALE


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Prénom{n}")
    last_name = factory.Sequence(lambda n: f"Nom{n}")
    gender = Person.Gender.FEMALE
    birth_date = dt.date(1990, 5, 17)
    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    postcode = "63000"
    city = "Clermont-Ferrand"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"utilisateur{n}")
    person = factory.SubFactory(PersonFactory)
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.groups.add(*[Group.objects.get_or_create(name=str(r))[0] for r in extracted])


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    name = factory.Sequence(lambda n: f"Site {n}")


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    site = factory.SubFactory(SiteFactory)
    name = factory.Sequence(lambda n: f"Atelier {n}")
    kind = Room.Kind.WORKSHOP
    capacity = 16
