"""The network API for partners: the directory with the page's filters, an organisation's
partnerships (list, open, change stage, end) and its agreements."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hall32.core.roles import Role
from hall32.core.tests.factories import OrganisationFactory, SchoolFactory
from hall32.network.models import Agreement, Partnership
from hall32.network.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db

Stage = Partnership.Stage


@pytest.fixture
def api(as_user, make_user):
    return as_user(make_user(Role.COORDINATOR))


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_the_directory_answers_the_filtered_partners_with_their_partnerships(api):
    PartnershipFactory(organisation=OrganisationFactory(name="Tôlerie du Forez", city="Thiers"))
    PartnershipFactory(organisation=SchoolFactory(name="Lycée Blaise Pascal"), kind="school")
    OrganisationFactory(name="Sans partenariat")

    everyone = api.get("/api/network/partners").json()
    schools = api.get("/api/network/partners", {"kind": "school"}).json()

    assert [p["name"] for p in everyone["items"]] == ["Lycée Blaise Pascal", "Tôlerie du Forez"]
    assert [p["name"] for p in schools["items"]] == ["Lycée Blaise Pascal"]
    assert everyone["items"][1]["partnerships"][0]["stage"] == "partner"


def test_a_partnership_is_opened_moved_and_ended_through_the_api(api):
    org = OrganisationFactory()
    base = f"/api/network/organisations/{org.pk}/partnerships"

    created = post(api, base, {"kind": "company", "start": "2024-02-01"})
    pk = created.json()["id"]
    moved = post(api, f"/api/network/partnerships/{pk}/stage", {"stage": "partner", "on": "2024-06-01"})
    ended = post(api, f"/api/network/partnerships/{pk}/end", {"on": "2025-06-30"})
    listed = api.get(base)

    assert created.status_code == 201 and created.json()["stage"] == "prospect"
    assert moved.json()["start"] == "2024-06-01"
    assert (ended.json()["stage"], ended.json()["end"]) == ("lapsed", "2025-06-30")
    assert [p["id"] for p in listed.json()] == [pk]


def test_the_api_refuses_a_second_open_partnership_and_a_stage_that_does_not_follow(api):
    p = PartnershipFactory(stage=Stage.PARTNER)

    again = post(
        api,
        f"/api/network/organisations/{p.organisation_id}/partnerships",
        {"kind": "company", "start": "2024-02-01"},
    )
    back = post(api, f"/api/network/partnerships/{p.pk}/stage", {"stage": "prospect"})

    assert again.status_code == 409 and "kind" in again.json()["errors"]
    assert back.status_code == 400 and "stage" in back.json()["errors"]


def test_only_managers_write_partnerships_and_trainers_read_nothing(as_user, make_user):
    p = PartnershipFactory(stage=Stage.PROSPECT)
    officer = as_user(make_user(Role.OUTREACH_OFFICER))

    assert post(officer, f"/api/network/partnerships/{p.pk}/stage", {"stage": "partner"}).status_code == 403
    assert officer.get(f"/api/network/organisations/{p.organisation_id}/partnerships").status_code == 200
    trainer = as_user(make_user(Role.TRAINER))
    assert trainer.get("/api/network/partners").status_code == 403


def test_the_agreements_of_an_organisation_link_to_the_protected_download(api, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    org = OrganisationFactory()
    agreement = Agreement.objects.create(
        organisation=org,
        title="Convention",
        signed_on=dt.date(2025, 1, 15),
        file=SimpleUploadedFile("convention.pdf", b"%PDF-1.7\n"),
    )

    response = api.get(f"/api/network/organisations/{org.pk}/agreements")

    assert response.json() == [
        {
            "id": agreement.pk,
            "title": "Convention",
            "partnership_id": None,
            "signed_on": "2025-01-15",
            "valid_until": None,
            "file_name": "convention.pdf",
            "download_url": f"/connecter/conventions/{agreement.pk}/fichier/",
        }
    ]
