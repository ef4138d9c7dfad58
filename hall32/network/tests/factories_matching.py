"""Factories for matching: offers, candidates (admitted applications without a contract), runs."""

import datetime as dt

import factory

from hall32.core.schoolyear import SchoolYear
from hall32.core.tests.factories import OrganisationFactory, PersonFactory
from hall32.network.models import CandidatePreference, CompanyRating, Introduction
from hall32.network.tests import factories_offers as offer_factories
from hall32.training.tests.factories import ApplicationFactory, CourseFactory

START = dt.date(2026, 9, 7)


class OfferFactory(offer_factories.OfferFactory):
    """An offer of a course starting on START, from any company (the rules of offers are not the
    subject here), with one place."""

    reference = factory.Sequence(lambda n: f"OFF-M{n:04d}")
    company = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Apprenti·e usineur·se {n}")
    course = factory.SubFactory(CourseFactory)
    start_date = START
    places = 1
    contact_email = factory.Sequence(lambda n: f"rh{n}@entreprise.example")


class ProfileFactory(offer_factories.CandidateProfileFactory):
    has_car = True
    max_km = 40


def candidate(
    course, *, postcode="63000", birth_date=dt.date(2005, 3, 14), max_km=40, has_car=True, **person
):
    """An admitted learner without a contract for this school year, with a placement profile."""
    application = ApplicationFactory(
        course=course,
        applicant=PersonFactory(birth_date=birth_date, **person),
        sought_postcode=postcode,
        desired_start=START,
        school_year=SchoolYear.of(dt.date.today()).start_year,
    )
    ProfileFactory(person=application.applicant, max_km=max_km, has_car=has_car)
    return application.applicant


def wish(person, offer, rank):
    return CandidatePreference.objects.create(person=person, offer=offer, rank=rank)


def rating(offer, person, mark):
    return CompanyRating.objects.create(offer=offer, person=person, rating=mark)


class IntroductionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Introduction

    person = factory.SubFactory(PersonFactory)
    offer = factory.SubFactory(OfferFactory)
    status = Introduction.Status.PROPOSED
