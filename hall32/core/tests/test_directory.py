"""The directory: lists that search, filter, sort and paginate; forms with errors by the field."""

import pytest

from hall32.core.models import Organisation
from hall32.core.roles import Role
from hall32.core.tests.factories import OrganisationFactory, PersonFactory, SchoolFactory


@pytest.fixture
def staff_client(as_user, make_user):
    return as_user(make_user(Role.COORDINATOR))


def names(response):
    return [o.name for o in response.context["listing"].page.object_list]


def test_the_list_searches_filters_and_sorts(staff_client):
    OrganisationFactory(name="Forges du Sancy", city="Issoire")
    OrganisationFactory(name="Ateliers de la Dore", city="Thiers")
    SchoolFactory(name="Collège Jules-Ferry (Riom)", city="Riom")

    assert names(staff_client.get("/annuaire/organisations/?q=sancy")) == ["Forges du Sancy"]
    assert names(staff_client.get("/annuaire/organisations/?kind=school")) == ["Collège Jules-Ferry (Riom)"]
    assert names(staff_client.get("/annuaire/organisations/?sort=-city")) == [
        "Ateliers de la Dore",
        "Collège Jules-Ferry (Riom)",
        "Forges du Sancy",
    ]


def test_the_list_paginates_by_25(staff_client):
    for index in range(30):
        OrganisationFactory(name=f"Entreprise {index:02d}")

    first = staff_client.get("/annuaire/organisations/")
    second = staff_client.get("/annuaire/organisations/?page=2")

    assert len(names(first)) == 25
    assert len(names(second)) == 5
    assert "page 1 sur 2" in first.content.decode()


def test_an_htmx_request_gets_only_the_results(staff_client):
    OrganisationFactory(name="Forges du Sancy")

    response = staff_client.get(
        "/annuaire/organisations/?q=forges", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="list-results"
    )

    body = response.content.decode()
    assert "Forges du Sancy" in body
    assert "<html" not in body


def test_an_empty_list_says_what_to_do(staff_client):
    response = staff_client.get("/annuaire/organisations/")
    assert "Ajoutez une première organisation" in response.content.decode()

    response = staff_client.get("/annuaire/organisations/?q=zzz")
    assert "Aucune organisation ne correspond" in response.content.decode()


def test_list_pages_keep_a_bounded_number_of_queries(staff_client, django_assert_max_num_queries):
    for _ in range(40):
        org = OrganisationFactory()
        PersonFactory(organisation=org)

    with django_assert_max_num_queries(10):
        staff_client.get("/annuaire/organisations/")
    with django_assert_max_num_queries(10):
        staff_client.get("/annuaire/personnes/")


def test_a_bad_siret_is_refused_next_to_its_field_and_nothing_is_saved(staff_client):
    response = staff_client.post(
        "/annuaire/organisations/nouvelle/",
        {"name": "Tôlerie du Forez", "kind": "company", "siret": "12345678901234"},
    )

    assert response.status_code == 200
    assert "siret" in response.context["form"].errors
    assert 'id="id_siret_error"' in response.content.decode()
    assert not Organisation.objects.filter(name="Tôlerie du Forez").exists()


def test_creating_an_organisation_shows_a_message_and_its_page(staff_client):
    response = staff_client.post(
        "/annuaire/organisations/nouvelle/",
        {
            "name": "Tôlerie du Forez",
            "kind": "company",
            "siret": "732 829 320 00074",
            "postcode": "63300",
            "city": "Thiers",
        },
        follow=True,
    )

    organisation = Organisation.objects.get(name="Tôlerie du Forez")
    assert organisation.siret == "73282932000074"
    assert response.redirect_chain[-1][0] == f"/annuaire/organisations/{organisation.pk}/"
    assert "Organisation créée." in response.content.decode()


def test_deleting_an_organisation_needs_confirmation(as_user, make_user):
    organisation = OrganisationFactory()
    client = as_user(make_user(Role.DIRECTION))

    page = client.get(f"/annuaire/organisations/{organisation.pk}/supprimer/")
    assert page.status_code == 200
    client.post(f"/annuaire/organisations/{organisation.pk}/supprimer/", {})
    assert Organisation.objects.filter(pk=organisation.pk).exists()

    client.post(f"/annuaire/organisations/{organisation.pk}/supprimer/", {"confirm": "on"})
    assert not Organisation.objects.filter(pk=organisation.pk).exists()


def test_a_trainer_s_directory_costs_the_same_queries_for_5_or_40_learners(as_user, make_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hall32.training.tests.factories import CohortFactory, EnrolmentFactory

    trainer = make_user(Role.TRAINER)
    cohort = CohortFactory()
    cohort.trainers.add(trainer.person)
    client = as_user(trainer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/annuaire/personnes/").status_code == 200
        return len(captured)

    for _ in range(5):
        EnrolmentFactory(cohort=cohort)
    few = queries()
    for _ in range(35):
        EnrolmentFactory(cohort=cohort)
    many = queries()

    assert many == few
