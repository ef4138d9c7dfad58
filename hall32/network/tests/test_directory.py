"""The Connecter landing page and the partner directory: search, filters by kind, stage, sector,
size and commune, exports, the mailing list of consenting contacts (as the role may read them) and
the offline map."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hall32.core.models import Organisation, Site
from hall32.core.roles import Role
from hall32.core.tests.factories import OrganisationFactory, PersonFactory, SchoolFactory
from hall32.network import selectors
from hall32.network.models import Partnership
from hall32.network.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db

Kind, Stage = Partnership.Kind, Partnership.Stage
URL = "/connecter/partenaires/"


@pytest.fixture
def partners():
    forez = OrganisationFactory(
        name="Tôlerie du Forez", city="Thiers", postcode="63300", sector="metalwork", siret="73282932000074"
    )
    PartnershipFactory(organisation=forez, kind=Kind.COMPANY, stage=Stage.PARTNER)
    arverne = OrganisationFactory(
        name="Usinage Arverne", city="Clermont-Ferrand", postcode="63000", sector="mechanics"
    )
    PartnershipFactory(
        organisation=arverne, kind=Kind.COMPANY, stage=Stage.PROSPECT, start=dt.date(2025, 1, 6)
    )
    PartnershipFactory(organisation=arverne, kind=Kind.INDUSTRY_CLIENT, stage=Stage.PARTNER)
    lycee = SchoolFactory(name="Lycée Blaise Pascal", city="Clermont-Ferrand", postcode="63000")
    PartnershipFactory(organisation=lycee, kind=Kind.SCHOOL, stage=Stage.PARTNER)
    OrganisationFactory(name="Sans partenariat")
    return {"forez": forez, "arverne": arverne, "lycee": lycee}


def names(response) -> list[str]:
    return [o.name for o in response.context["listing"].page.object_list]


def test_the_connecter_landing_page_shows_the_figures_and_links_to_the_directory(
    as_user, make_user, partners
):
    response = as_user(make_user(Role.OUTREACH_OFFICER)).get("/connecter/")

    assert response.status_code == 200
    assert response.context["counts"]["partners"] == 3
    assert response.context["counts"]["prospects"] == 1
    assert reverse("network:partner_directory") in response.content.decode()


def test_the_directory_lists_only_organisations_with_a_partnership(as_user, make_user, partners):
    response = as_user(make_user(Role.COORDINATOR)).get(URL)

    assert names(response) == ["Lycée Blaise Pascal", "Tôlerie du Forez", "Usinage Arverne"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "thiers"}, ["Tôlerie du Forez"]),
        ({"q": "732829"}, ["Tôlerie du Forez"]),
        ({"kind": "school"}, ["Lycée Blaise Pascal"]),
        ({"sector": "mechanics"}, ["Usinage Arverne"]),
        ({"city": "Clermont-Ferrand"}, ["Lycée Blaise Pascal", "Usinage Arverne"]),
        ({"size_band": "sme", "kind": "company"}, ["Tôlerie du Forez", "Usinage Arverne"]),
        # The kind and the stage are those of one same partnership.
        ({"kind": "company", "stage": "partner"}, ["Tôlerie du Forez"]),
        ({"kind": "industry_client", "stage": "prospect"}, []),
    ],
)
def test_the_directory_searches_and_filters(as_user, make_user, partners, query, expected):
    response = as_user(make_user(Role.COORDINATOR)).get(URL, query)

    assert names(response) == expected


def test_an_empty_result_says_what_to_do(as_user, make_user, partners):
    response = as_user(make_user(Role.COORDINATOR)).get(URL, {"q": "zzz"})

    assert "Aucun partenaire ne correspond" in response.content.decode()


def test_the_directory_sorts_by_commune(as_user, make_user, partners):
    response = as_user(make_user(Role.COORDINATOR)).get(URL, {"sort": "-city"})

    assert names(response)[0] == "Tôlerie du Forez"


def test_the_directory_exports_the_filtered_list_as_csv_and_xlsx(as_user, make_user, partners):
    client = as_user(make_user(Role.INDUSTRY_ENGINEER))

    as_csv = client.get(URL, {"city": "Clermont-Ferrand", "format": "csv"})
    as_xlsx = client.get(URL, {"city": "Clermont-Ferrand", "format": "xlsx"})

    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Organisation"
    assert [r[0] for r in rows[1:]] == ["Lycée Blaise Pascal", "Usinage Arverne"]
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert [c.value for c in sheet["A"]][1:] == ["Lycée Blaise Pascal", "Usinage Arverne"]


@pytest.mark.parametrize("role", [Role.TRAINER, Role.LEARNER, Role.CLIENT, Role.TEACHER, Role.COMPANY_TUTOR])
def test_people_outside_the_hub_staff_cannot_see_the_directory(as_user, make_user, role):
    assert as_user(make_user(role)).get(URL).status_code == 403


def test_the_mailing_list_has_the_consenting_contacts_of_the_filtered_partners(as_user, make_user, partners):
    PersonFactory(
        first_name="Anne",
        last_name="Roche",
        organisation=partners["forez"],
        consent_contact=True,
        job_title="DRH",
        email="anne@forez.example",
    )
    PersonFactory(first_name="Paul", last_name="Nolan", organisation=partners["forez"], consent_contact=False)
    PersonFactory(first_name="Inès", last_name="Vidal", organisation=partners["lycee"], consent_contact=True)

    response = as_user(make_user(Role.COORDINATOR)).get(reverse("network:mailing_list"), {"q": "forez"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        ["Nom", "Organisation", "Fonction", "Courriel", "Téléphone"],
        ["Anne Roche", "Tôlerie du Forez", "DRH", "anne@forez.example", rows[1][4]],
    ]


def test_the_mailing_list_comes_as_xlsx_too(as_user, make_user, partners):
    PersonFactory(last_name="Roche", organisation=partners["forez"], consent_contact=True)

    response = as_user(make_user(Role.OUTREACH_OFFICER)).get(
        reverse("network:mailing_list"), {"format": "xlsx"}
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2 and "Roche" in sheet["A2"].value


@pytest.mark.parametrize("role", [Role.INDUSTRY_ENGINEER, Role.TRAINER])
def test_roles_that_may_not_see_consents_get_no_mailing_list(as_user, make_user, role):
    assert as_user(make_user(role)).get(reverse("network:mailing_list")).status_code == 403


def test_the_mailing_list_leaves_out_minors_the_role_may_not_see(make_user, partners):
    PersonFactory(
        organisation=partners["lycee"], consent_contact=True, birth_date=dt.date.today().replace(year=2012)
    )
    officer = make_user(Role.OUTREACH_OFFICER)

    rows = selectors.mailing_list(organisations=Organisation.objects.all(), user=officer)

    assert rows == []  # a minor is no organisation contact (hall32.core.rules.organisation_contacts)


def test_the_map_places_partners_from_their_postcode_and_marks_the_hub(as_user, make_user, partners):
    Site.objects.create(name="Hall 32", postcode="63000", city="Clermont-Ferrand")
    OrganisationFactory(name="Nulle part", postcode="")
    response = as_user(make_user(Role.COORDINATOR)).get(URL, {"carte": "1"})

    partner_map = response.context["partner_map"]
    html = response.content.decode()
    assert len(partner_map.points) == 3 and partner_map.hub is not None
    assert all(0 <= p.x <= 1000 and 0 <= p.y <= partner_map.height for p in partner_map.points)
    assert "<svg" in html and "Tôlerie du Forez</title>" in html
    assert ("company", "Entreprise d'accueil d'apprentis") in partner_map.kinds


def test_the_directory_keeps_a_bounded_number_of_queries(as_user, make_user, django_assert_max_num_queries):
    for _ in range(30):
        PartnershipFactory(organisation=OrganisationFactory())
    client = as_user(make_user(Role.COORDINATOR))

    with django_assert_max_num_queries(12):
        client.get(URL)
    with django_assert_max_num_queries(12):
        client.get(URL, {"format": "csv"})
