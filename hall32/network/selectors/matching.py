"""Reads of the network app: matching (issue 11, in progress)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from hall32.core.models import Person
from hall32.network.models import CandidatePreference, CandidateProfile, CompanyRating, Introduction, Offer
from hall32.training import selectors as training_selectors

# candidate data (h12/offers) ---------------------------------------------------------------------


def admitted_candidates() -> QuerySet[Person]:
    """The people admitted for this intake who have no company yet (training's admissions)."""
    intake = training_selectors.admissions.current_intake()
    applications = training_selectors.admissions.admitted_without_company(school_year=intake)
    return Person.objects.filter(pk__in=applications.values("applicant_id")).order_by(
        "last_name", "first_name"
    )


def candidate_profile_of(*, person: Person) -> CandidateProfile | None:
    return CandidateProfile.objects.filter(person=person).first()


def candidate_wishes(*, person: Person) -> list[CandidatePreference]:
    return list(
        CandidatePreference.objects.filter(person=person).select_related("offer__company").order_by("rank")
    )


def offer_rateable_candidates(*, offer: Offer) -> QuerySet[Person]:
    """Whom the company may have met for the offer: those introduced to it, and the admitted
    candidates (met at a forum, an immersion day, a job dating)."""
    introduced = Introduction.objects.filter(offer=offer).values("person_id")
    admitted = admitted_candidates().values("pk")
    return Person.objects.filter(Q(pk__in=introduced) | Q(pk__in=admitted)).order_by(
        "last_name", "first_name"
    )


def candidate_was_met(*, offer: Offer, person: Person) -> bool:
    return (
        Introduction.objects.filter(offer=offer, person=person).exists()
        or admitted_candidates().filter(pk=person.pk).exists()
    )


def offer_ratings(*, offer: Offer) -> list[CompanyRating]:
    return list(
        CompanyRating.objects.filter(offer=offer)
        .select_related("person")
        .order_by("-rating", "person__last_name")
    )


# end of candidate data (h12/offers) --------------------------------------------------------------
