"""Partnership agreements kept as documents: uploaded with their kind read from the content, listed on
the organisation's page, downloaded through a permission check only, deleted after a confirmation."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hall32.core.models import AuditEntry
from hall32.core.roles import Role
from hall32.core.tests.factories import OrganisationFactory
from hall32.network.models import Agreement
from hall32.network.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, org, name="convention.pdf", content=PDF, **extra):
    data = {"title": "Convention 2025", "signed_on": "2025-01-15", "valid_until": "2027-01-14", **extra}
    data["file"] = SimpleUploadedFile(name, content)
    return client.post(reverse("network:agreement_create", args=[org.pk]), data)


def test_a_coordinator_files_a_signed_pdf_and_it_shows_on_the_organisation_page(as_user, make_user):
    org = OrganisationFactory()
    partnership = PartnershipFactory(organisation=org)
    client = as_user(make_user(Role.COORDINATOR))

    response = upload(client, org, partnership=partnership.pk)

    agreement = Agreement.objects.get(organisation=org)
    assert response.status_code == 302
    assert agreement.partnership == partnership and agreement.file.read() == PDF
    page = client.get(org.get_absolute_url()).content.decode()
    assert "Convention 2025" in page and reverse("network:agreement_file", args=[agreement.pk]) in page
    assert AuditEntry.objects.filter(action="create", object_id=str(agreement.pk)).exists()


def test_an_html_page_named_like_a_pdf_is_refused_next_to_the_field(as_user, make_user):
    org = OrganisationFactory()

    response = upload(as_user(make_user(Role.COORDINATOR)), org, content=b"<html><script>x</script></html>")

    assert response.status_code == 200 and "file" in response.context["form"].errors
    assert not Agreement.objects.exists()


def test_a_validity_before_the_signature_is_refused(as_user, make_user):
    org = OrganisationFactory()

    response = upload(as_user(make_user(Role.COORDINATOR)), org, valid_until="2024-01-01")

    assert response.status_code == 200 and not Agreement.objects.exists()


def test_another_organisations_partnership_cannot_be_chosen(as_user, make_user):
    org = OrganisationFactory()
    other = PartnershipFactory()

    response = upload(as_user(make_user(Role.COORDINATOR)), org, partnership=other.pk)

    assert "partnership" in response.context["form"].errors and not Agreement.objects.exists()


def make_agreement(org=None) -> Agreement:
    org = org or OrganisationFactory()
    return Agreement.objects.create(
        organisation=org, title="Convention", file=SimpleUploadedFile("convention.pdf", PDF)
    )


def test_the_file_is_downloaded_by_the_network_staff_as_an_attachment(as_user, make_user):
    agreement = make_agreement()

    response = as_user(make_user(Role.OUTREACH_OFFICER)).get(
        reverse("network:agreement_file", args=[agreement.pk])
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("role", [Role.TRAINER, Role.CLIENT, Role.COMPANY_TUTOR, Role.TEACHER])
def test_others_cannot_download_an_agreement(as_user, make_user, role):
    agreement = make_agreement()

    assert (
        as_user(make_user(role)).get(reverse("network:agreement_file", args=[agreement.pk])).status_code
        == 403
    )


def test_the_file_is_not_served_from_a_public_media_url(client):
    agreement = make_agreement()

    assert client.get(agreement.file.url).status_code == 404


def test_deleting_an_agreement_asks_for_confirmation_then_removes_it_and_its_file(
    as_user, make_user, django_capture_on_commit_callbacks
):
    agreement = make_agreement()
    path = agreement.file.path
    client = as_user(make_user(Role.DIRECTION))
    url = reverse("network:agreement_delete", args=[agreement.pk])

    assert client.post(url, {}).status_code == 200 and Agreement.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirm": "on"}, follow=True)

    assert "supprimée" in response.content.decode()
    assert not Agreement.objects.exists()
    assert not os.path.exists(path)


def test_an_outreach_officer_may_read_but_not_file_or_delete_agreements(as_user, make_user):
    agreement = make_agreement()
    client = as_user(make_user(Role.OUTREACH_OFFICER))

    assert (
        client.get(reverse("network:agreement_create", args=[agreement.organisation_id])).status_code == 403
    )
    assert (
        client.post(reverse("network:agreement_delete", args=[agreement.pk]), {"confirm": "on"}).status_code
        == 403
    )
