"""Apprenticeship offers: the rules of their services, their pages and their API."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from hall32.core import audit
from hall32.core.models import AuditEntry
from hall32.core.tests.factories import OrganisationFactory, PersonFactory, SchoolFactory
from hall32.network.errors import NetworkError
from hall32.network.models import CompanyRating, Offer
from hall32.network.selectors import offers as selectors
from hall32.network.services import offers as services
from hall32.network.tests.factories_offers import NetworkCompanyFactory, OfferFactory
from hall32.training import selectors as training_selectors
from hall32.training.tests.factories import CourseFactory

pytestmark = pytest.mark.django_db

SOON = dt.timedelta(days=90)


def new_offer(**fields):
    values = {
        "company": fields.pop("company", None) or NetworkCompanyFactory(),
        "title": "Technicien·ne de maintenance",
        "postcode": "63000",
        "start_date": timezone.localdate() + SOON,
        "places": 2,
    }
    values.update(fields)
    return Offer(**values)


# --- Services -------------------------------------------------------------------------------------


def test_a_new_offer_gets_a_reference_its_commune_and_its_course_codes():
    course = CourseFactory(rncp_code="RNCP35323")

    offer = services.offer_create(
        offer=new_offer(course=course, required_skills=["Soudure", " soudure ", "Plans"])
    )

    assert offer.reference == f"OFF-{timezone.localdate().year}-0001"
    assert offer.city == "Clermont-Ferrand"
    assert offer.rncp_code == "RNCP35323"
    assert offer.trade == course.trade
    assert offer.required_skills == ["Soudure", "Plans"]


def test_an_offer_is_refused_for_an_organisation_that_is_not_a_company():
    with pytest.raises(NetworkError) as refused:
        services.offer_create(offer=new_offer(company=SchoolFactory()))
    assert refused.value.field == "company"


def test_an_offer_is_refused_for_a_company_outside_the_network():
    with pytest.raises(NetworkError) as refused:
        services.offer_create(offer=new_offer(company=OrganisationFactory()))
    assert refused.value.field == "company"
    assert "partenariat" in refused.value.message


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"postcode": "6300"}, "postcode"),
        ({"postcode": "00001"}, "postcode"),
        ({"postcode": "63200"}, "city"),  # several communes: which one must be said
        ({"start_date": dt.date(2020, 9, 1)}, "start_date"),
        ({"places": 0}, "places"),
        ({"places": 51}, "places"),
        ({"tutor_capacity": 0}, "tutor_capacity"),
        ({"places": 3, "tutor_capacity": 2}, "places"),
        ({"rome_code": "12345"}, "rome_code"),
        ({"status": Offer.Status.FILLED}, "status"),
    ],
)
def test_an_offer_breaking_a_rule_is_refused_on_its_field(fields, field):
    with pytest.raises(NetworkError) as refused:
        services.offer_create(offer=new_offer(**fields))
    assert refused.value.field == field
    assert not Offer.objects.exists()


def test_the_tutor_must_work_for_the_offer_s_company():
    company = NetworkCompanyFactory()
    elsewhere = PersonFactory(organisation=NetworkCompanyFactory())

    with pytest.raises(NetworkError) as refused:
        services.offer_create(offer=new_offer(company=company, tutor=elsewhere))

    assert refused.value.field == "tutor"
    offer = services.offer_create(offer=new_offer(company=company, tutor=PersonFactory(organisation=company)))
    assert offer.tutor.organisation == company


def test_more_than_two_apprentices_per_tutor_is_a_warning_on_the_offer():
    offer = OfferFactory(tutor_capacity=3, places=3)

    warnings = selectors.offer_warnings(offer=offer)

    assert any("maîtres d'apprentissage" in w for w in warnings)


def test_an_offer_already_started_can_still_be_edited_without_moving_its_start():
    offer = OfferFactory(start_date=dt.date(2024, 9, 1))
    offer.title = "Nouveau titre"

    services.offer_update(offer=offer)

    assert Offer.objects.get(pk=offer.pk).title == "Nouveau titre"
    offer.start_date = dt.date(2024, 10, 1)
    with pytest.raises(NetworkError):
        services.offer_update(offer=offer)


def test_an_offer_moves_between_statuses_along_the_allowed_steps():
    offer = OfferFactory(status=Offer.Status.DRAFT)

    services.offer_set_status(offer=offer, status=Offer.Status.OPEN)
    services.offer_set_status(offer=offer, status=Offer.Status.FILLED)
    with pytest.raises(NetworkError):
        services.offer_set_status(offer=offer, status=Offer.Status.DRAFT)
    services.offer_set_status(offer=offer, status=Offer.Status.CLOSED)
    services.offer_set_status(offer=offer, status=Offer.Status.DRAFT)

    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.DRAFT


def test_an_offer_whose_start_has_passed_cannot_be_opened():
    offer = OfferFactory(status=Offer.Status.DRAFT, start_date=dt.date(2024, 9, 1))

    with pytest.raises(NetworkError) as refused:
        services.offer_set_status(offer=offer, status=Offer.Status.OPEN)

    assert refused.value.field == "start_date"


# --- Pages ----------------------------------------------------------------------------------------


def test_the_offer_list_searches_filters_and_sorts(as_user, coordinator):
    OfferFactory(title="Soudeur", postcode="63200", city="Riom")
    OfferFactory(title="Usineur", status=Offer.Status.DRAFT)

    client = as_user(coordinator)
    response = client.get(reverse("network:offer_list"), {"q": "soudeur", "sort": "-start"})
    by_status = client.get(reverse("network:offer_list"), {"status": "draft"})
    by_city = client.get(reverse("network:offer_list"), {"city": "632"})

    assert [o.title for o in response.context["listing"].page] == ["Soudeur"]
    assert [o.title for o in by_status.context["listing"].page] == ["Usineur"]
    assert [o.title for o in by_city.context["listing"].page] == ["Soudeur"]


def test_the_offer_list_reads_in_a_few_queries_whatever_the_number_of_offers(
    as_user, coordinator, django_assert_max_num_queries
):
    OfferFactory.create_batch(12, tutor=PersonFactory())
    client = as_user(coordinator)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("network:offer_list"))

    assert response.status_code == 200


def test_the_offer_list_exports_the_filtered_offers_as_csv_and_xlsx(as_user, coordinator):
    OfferFactory(title="Soudeur")
    OfferFactory(title="=cmd")
    client = as_user(coordinator)

    csv = client.get(reverse("network:offer_list"), {"q": "Soudeur", "export": "csv"})
    xlsx = client.get(reverse("network:offer_list"), {"export": "xlsx"})
    dangerous = client.get(reverse("network:offer_list"), {"q": "cmd", "export": "csv"})

    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2 and "Soudeur" in lines[1]
    assert xlsx.content.startswith(b"PK")
    assert "'=cmd" in dangerous.content.decode("utf-8-sig")


def test_an_empty_offer_list_says_how_to_add_one(as_user, coordinator):
    response = as_user(coordinator).get(reverse("network:offer_list"))

    assert "Nouvelle offre" in response.content.decode()
    assert "Aucune offre pour l'instant" in response.content.decode()


def test_the_coordinator_creates_an_offer_from_the_form(as_user, coordinator):
    company = NetworkCompanyFactory()
    start = (timezone.localdate() + SOON).isoformat()

    response = as_user(coordinator).post(
        reverse("network:offer_create"),
        {
            "company": company.pk,
            "title": "Électrotechnicien·ne",
            "postcode": "63000",
            "start_date": start,
            "places": 2,
            "required_skills": "habilitation électrique, lecture de schémas",
        },
    )

    offer = Offer.objects.get()
    assert response.status_code == 302 and response["Location"] == offer.get_absolute_url()
    assert offer.required_skills == ["habilitation électrique", "lecture de schémas"]


def test_a_refused_offer_shows_the_reason_next_to_the_field(as_user, coordinator):
    response = as_user(coordinator).post(
        reverse("network:offer_create"),
        {
            "company": NetworkCompanyFactory().pk,
            "title": "X",
            "postcode": "00001",
            "start_date": "2099-09-01",
            "places": 1,
        },
    )

    assert response.status_code == 200
    assert "inconnu" in " ".join(response.context["form"].errors["postcode"])
    assert not Offer.objects.exists()


def test_the_offer_page_shows_places_company_and_tutor(as_user, outreach_officer):
    company = NetworkCompanyFactory(name="Forges du Centre")
    offer = OfferFactory(
        company=company, tutor=PersonFactory(organisation=company, last_name="Tuteur"), places=3
    )

    response = as_user(outreach_officer).get(offer.get_absolute_url())

    page = response.content.decode()
    assert "Forges du Centre" in page and "Tuteur" in page
    assert response.context["manager"] is False


def test_closing_an_offer_asks_for_a_confirmation_first(as_user, coordinator):
    offer = OfferFactory()
    client = as_user(coordinator)
    url = reverse("network:offer_status", args=[offer.pk, "closed"])

    asked = client.get(url)
    unconfirmed = client.post(url, {})
    confirmed = client.post(url, {"confirm": "on"})

    assert asked.status_code == 200 and unconfirmed.status_code == 200
    assert confirmed.status_code == 302
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.CLOSED


def test_filling_an_offer_is_one_button_with_a_message(as_user, coordinator):
    offer = OfferFactory()

    response = as_user(coordinator).post(
        reverse("network:offer_status", args=[offer.pk, "filled"]), follow=True
    )

    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.FILLED
    assert "Offre pourvue." in response.content.decode()


@pytest.mark.parametrize("persona", ["engineer", "trainer", "learner", "tutor", "client_user", "outsider"])
def test_people_outside_placement_do_not_see_the_offers(as_user, request, persona):
    offer = OfferFactory()
    client = as_user(request.getfixturevalue(persona))

    assert client.get(reverse("network:offer_list")).status_code == 403
    assert client.get(offer.get_absolute_url()).status_code == 403


def test_an_outreach_officer_reads_offers_but_does_not_write_them(as_user, outreach_officer):
    offer = OfferFactory()
    client = as_user(outreach_officer)

    assert client.get(reverse("network:offer_list")).status_code == 200
    assert client.get(reverse("network:offer_create")).status_code == 403
    assert client.post(reverse("network:offer_status", args=[offer.pk, "filled"])).status_code == 403


def test_the_connect_menu_lists_the_offers_for_the_coordinator(as_user, coordinator):
    response = as_user(coordinator).get("/")

    assert reverse("network:offer_list") in response.content.decode()


# --- API ------------------------------------------------------------------------------------------


def test_the_api_lists_filters_creates_and_closes_offers(as_user, coordinator):
    OfferFactory(title="Soudeur", status=Offer.Status.DRAFT)
    company = NetworkCompanyFactory()
    client = as_user(coordinator)

    listed = client.get("/api/network/offers", {"status": "draft"})
    created = client.post(
        "/api/network/offers",
        json.dumps(
            {
                "company_id": company.pk,
                "title": "Usineur",
                "postcode": "63000",
                "start_date": (timezone.localdate() + SOON).isoformat(),
                "places": 1,
            }
        ),
        content_type="application/json",
    )
    closed = client.post(
        f"/api/network/offers/{created.json()['id']}/status",
        json.dumps({"status": "closed"}),
        content_type="application/json",
    )

    assert [o["title"] for o in listed.json()["items"]] == ["Soudeur"]
    assert created.status_code == 201 and created.json()["city"] == "Clermont-Ferrand"
    assert closed.json()["status"] == "closed"


def test_the_api_refuses_a_bad_offer_with_the_field_named(as_user, coordinator):
    response = as_user(coordinator).post(
        "/api/network/offers",
        json.dumps(
            {
                "company_id": OrganisationFactory().pk,
                "title": "X",
                "postcode": "63000",
                "start_date": "2030-09-01",
            }
        ),
        content_type="application/json",
    )

    assert response.status_code in (400, 409, 422)
    assert "company" in response.json()["errors"]


def test_the_api_hides_offers_from_a_trainer(as_user, trainer):
    assert as_user(trainer).get("/api/network/offers").status_code == 403


def test_the_training_catalogue_finds_a_course_by_its_rncp_code_with_or_without_prefix():
    course = CourseFactory(rncp_code="RNCP35323")

    assert training_selectors.course_with_rncp(code="rncp35323") == course
    assert training_selectors.course_with_rncp(code="35323") == course
    assert training_selectors.course_with_rncp(code="") is None


def test_offers_and_company_ratings_are_audited():
    offer = services.offer_create(offer=new_offer())

    assert audit.is_registered(Offer) and audit.is_registered(CompanyRating)
    assert AuditEntry.objects.filter(object_id=str(offer.pk), action="create").exists()


def test_the_offers_api_list_reads_in_a_few_queries(as_user, coordinator, django_assert_max_num_queries):
    OfferFactory.create_batch(10)
    client = as_user(coordinator)

    with django_assert_max_num_queries(10):
        response = client.get("/api/network/offers")

    assert response.json()["count"] == 10


def test_the_offer_list_filters_by_start_period(as_user, coordinator):
    soon = OfferFactory(start_date=timezone.localdate() + dt.timedelta(days=30))
    later = OfferFactory(start_date=timezone.localdate() + dt.timedelta(days=300))
    client = as_user(coordinator)

    within_3 = client.get(reverse("network:offer_list"), {"start": "3"})
    after_6 = client.get(reverse("network:offer_list"), {"start": "later"})

    assert list(within_3.context["listing"].page) == [soon]
    assert list(after_6.context["listing"].page) == [later]


def test_the_coordinator_edits_an_offer_and_the_rules_still_hold(as_user, coordinator):
    offer = OfferFactory(places=2)
    client = as_user(coordinator)
    data = {
        "company": offer.company.pk,
        "title": "Titre modifié",
        "postcode": "63000",
        "start_date": offer.start_date.isoformat(),
        "places": 3,
        "tutor_capacity": 2,
    }

    refused = client.post(reverse("network:offer_edit", args=[offer.pk]), data)
    saved = client.post(reverse("network:offer_edit", args=[offer.pk]), {**data, "tutor_capacity": 3})

    assert refused.status_code == 200 and "places" in refused.context["form"].errors
    assert saved.status_code == 302
    offer.refresh_from_db()
    assert (offer.title, offer.places, offer.reference) == ("Titre modifié", 3, offer.reference)
