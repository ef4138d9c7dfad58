"""The candidates' side of matching: mobility and skills, ranked wishes among the open offers, and
the companies' ratings of the candidates they met; the pages and the API that keep them."""

import json

import pytest
from django.urls import reverse

from hall32.core.tests.factories import PersonFactory
from hall32.network.errors import NetworkError
from hall32.network.models import CandidatePreference, CompanyRating, Introduction, Offer
from hall32.network.services import matching as services
from hall32.network.tests.factories_offers import OfferFactory
from hall32.training import selectors as training_selectors
from hall32.training.models import Application, ApplicationStatus
from hall32.training.tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


def admitted(person=None):
    person = person or PersonFactory()
    Application.objects.create(
        reference=f"A-{person.pk}",
        applicant=person,
        course=CourseFactory(),
        school_year=training_selectors.admissions.current_intake(),
        status=ApplicationStatus.ADMITTED,
    )
    return person


# --- Profile --------------------------------------------------------------------------------------


def test_a_candidate_profile_keeps_mobility_and_clean_skills():
    person = PersonFactory()

    services.candidate_profile_save(person=person, has_car=True, max_km=40, skills="Soudure, soudure ;Plans")
    profile = services.candidate_profile_save(person=person, has_car=False, max_km=25, skills=["Plans"])

    assert (profile.has_car, profile.max_km, profile.skills) == (False, 25, ["Plans"])
    assert person.matching_profile == profile


def test_a_distance_beyond_200_km_is_refused():
    with pytest.raises(NetworkError) as refused:
        services.candidate_profile_save(person=PersonFactory(), has_car=True, max_km=500, skills=[])
    assert refused.value.field == "max_km"


# --- Wishes ---------------------------------------------------------------------------------------


def test_wishes_are_ranked_from_one_in_the_order_given_and_replace_the_previous():
    person = PersonFactory()
    first, second, third = OfferFactory.create_batch(3)
    services.candidate_preferences_set(person=person, offers=[third])

    services.candidate_preferences_set(person=person, offers=[second, first])

    ranked = list(CandidatePreference.objects.filter(person=person).values_list("offer", "rank"))
    assert ranked == [(second.pk, 1), (first.pk, 2)]


@pytest.mark.parametrize("status", [Offer.Status.DRAFT, Offer.Status.FILLED, Offer.Status.CLOSED])
def test_only_open_offers_can_be_wishes(status):
    offer = OfferFactory(status=status)

    with pytest.raises(NetworkError) as refused:
        services.candidate_preferences_set(person=PersonFactory(), offers=[offer])

    assert offer.reference in refused.value.message
    assert not CandidatePreference.objects.exists()


def test_an_offer_twice_in_the_wishes_is_refused():
    offer = OfferFactory()
    with pytest.raises(NetworkError):
        services.candidate_preferences_set(person=PersonFactory(), offers=[offer, offer])


# --- Ratings --------------------------------------------------------------------------------------


def test_a_company_rates_a_candidate_introduced_to_it_and_may_change_its_mind():
    offer = OfferFactory()
    person = PersonFactory()
    Introduction.objects.create(person=person, offer=offer)

    services.company_rating_set(offer=offer, person=person, rating=3, comment="Motivé")
    rating = services.company_rating_set(offer=offer, person=person, rating=5)

    assert CompanyRating.objects.get() == rating and rating.rating == 5


def test_an_admitted_candidate_can_be_rated_without_an_introduction():
    person = admitted()

    rating = services.company_rating_set(offer=OfferFactory(), person=person, rating=4)

    assert rating.person == person


def test_a_candidate_the_company_never_met_cannot_be_rated():
    with pytest.raises(NetworkError) as refused:
        services.company_rating_set(offer=OfferFactory(), person=PersonFactory(), rating=4)
    assert refused.value.field == "person"


@pytest.mark.parametrize("rating", [0, 6])
def test_a_rating_goes_from_one_to_five(rating):
    with pytest.raises(NetworkError) as refused:
        services.company_rating_set(offer=OfferFactory(), person=admitted(), rating=rating)
    assert refused.value.field == "rating"


# --- Pages ----------------------------------------------------------------------------------------


def test_the_coordinator_edits_a_candidate_s_profile_and_wishes(as_user, coordinator):
    person = PersonFactory()
    first, second = OfferFactory.create_batch(2)
    client = as_user(coordinator)
    url = reverse("network:candidate_wishes", args=[person.pk])

    shown = client.get(url)
    profile = client.post(
        url, {"part": "profile", "profile-has_car": "on", "profile-max_km": "45", "profile-skills": "Soudure"}
    )
    wishes = client.post(url, {"part": "wishes", "wishes-wish_1": second.pk, "wishes-wish_3": first.pk})

    assert shown.status_code == 200
    assert profile.status_code == 302 and person.matching_profile.max_km == 45
    assert wishes.status_code == 302
    assert list(CandidatePreference.objects.filter(person=person).values_list("offer", "rank")) == [
        (second.pk, 1),
        (first.pk, 2),
    ]


def test_the_offer_page_lets_the_coordinator_rate_a_candidate_met(as_user, coordinator):
    offer = OfferFactory()
    person = admitted()
    client = as_user(coordinator)

    page = client.get(offer.get_absolute_url())
    response = client.post(
        reverse("network:offer_rate", args=[offer.pk]),
        {"person": person.pk, "rating": "4", "comment": "Très bien"},
    )

    assert person in page.context["rating_form"].fields["person"].queryset
    assert response.status_code == 302
    assert CompanyRating.objects.get().comment == "Très bien"


@pytest.mark.parametrize("persona", ["outreach_officer", "trainer", "learner"])
def test_candidate_data_is_for_direction_and_coordination_only(as_user, request, persona):
    person = PersonFactory()
    client = as_user(request.getfixturevalue(persona))

    assert client.get(reverse("network:candidate_wishes", args=[person.pk])).status_code == 403
    assert client.get(f"/api/network/candidates/{person.pk}/wishes").status_code == 403


def test_the_outreach_officer_sees_an_offer_without_its_ratings(as_user, outreach_officer):
    offer = OfferFactory()
    CompanyRating.objects.create(offer=offer, person=admitted(PersonFactory(last_name="Secret")), rating=2)

    response = as_user(outreach_officer).get(offer.get_absolute_url())

    assert "Secret" not in response.content.decode()
    assert response.context["rating_form"] is None


# --- API ------------------------------------------------------------------------------------------


def test_the_api_keeps_profile_wishes_and_ratings(as_user, coordinator):
    person = admitted()
    offer = OfferFactory()
    client = as_user(coordinator)

    def put(url, body):
        return client.put(url, json.dumps(body), content_type="application/json")

    profile = put(
        f"/api/network/candidates/{person.pk}/profile", {"has_car": True, "max_km": 50, "skills": ["TIG"]}
    )
    wishes = put(f"/api/network/candidates/{person.pk}/wishes", {"offer_ids": [offer.pk]})
    rating = put(f"/api/network/offers/{offer.pk}/ratings", {"person_id": person.pk, "rating": 5})
    refused = put(f"/api/network/candidates/{person.pk}/wishes", {"offer_ids": [offer.pk + 1000]})

    assert profile.json()["max_km"] == 50
    assert wishes.json() == [{"rank": 1, "offer_id": offer.pk}]
    assert rating.json()["rating"] == 5
    assert client.get(f"/api/network/offers/{offer.pk}/ratings").json()[0]["person_id"] == person.pk
    assert refused.status_code == 422 and "offer_ids" in refused.json()["errors"]
