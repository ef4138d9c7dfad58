"""Factories of the offers and of the candidates' side (factories_matching builds on them)."""

import datetime as dt

import factory
from django.utils import timezone

from hall32.core.tests.factories import OrganisationFactory, PersonFactory
from hall32.network.models import CandidatePreference, CandidateProfile, CompanyRating, Offer, Partnership
from hall32.network.tests.factories import PartnershipFactory


class NetworkCompanyFactory(OrganisationFactory):
    """A company of the hub's network: it hosts apprentices (a partner since 2019)."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def partnership(self, create, extracted, **kwargs):
        if create and extracted is not False:
            PartnershipFactory(organisation=self, kind=Partnership.Kind.COMPANY)


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    reference = factory.Sequence(lambda n: f"OFF-2026-{n + 1:04d}")
    company = factory.SubFactory(NetworkCompanyFactory)
    title = factory.Sequence(lambda n: f"Technicien·ne de maintenance {n}")
    postcode = "63000"
    city = "Clermont-Ferrand"
    start_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=120))
    places = 2
    status = Offer.Status.OPEN


class TutorFactory(PersonFactory):
    job_title = "Responsable maintenance"


class CandidateProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateProfile

    person = factory.SubFactory(PersonFactory)


class CandidatePreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidatePreference

    person = factory.SubFactory(PersonFactory)
    offer = factory.SubFactory(OfferFactory)
    rank = 1


class CompanyRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyRating

    offer = factory.SubFactory(OfferFactory)
    person = factory.SubFactory(PersonFactory)
    rating = 4
