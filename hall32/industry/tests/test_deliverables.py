"""Uploading a project deliverable: its kind is read from its content, its size is capped, and the
reason for a refusal is written next to the field."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hall32.industry.models import Deliverable
from hall32.industry.services import projects as services
from hall32.industry.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def post(client, project, name, content):
    return client.post(
        reverse("industry:deliverable_create", args=[project.pk]),
        {"title": "Rapport d'essais", "kind": "report", "file": SimpleUploadedFile(name, content)},
    )


def test_a_pdf_report_is_stored(as_user, engineer):
    project = ProjectFactory()

    response = post(as_user(engineer), project, "rapport.pdf", PDF)

    assert response.status_code == 302
    assert Deliverable.objects.get(project=project).file.read() == PDF


def test_an_html_page_is_refused_next_to_the_field_and_nothing_is_stored(as_user, engineer):
    project = ProjectFactory()

    response = post(as_user(engineer), project, "rapport.html", b"<html><script>alert(1)</script></html>")

    page = response.content.decode()
    assert response.status_code == 200 and 'id="id_file_error"' in page
    assert "ce type de fichier n&#x27;est pas accepté" in page
    assert not Deliverable.objects.exists()


def test_an_html_page_named_like_a_pdf_is_refused(as_user, engineer):
    project = ProjectFactory()

    response = post(as_user(engineer), project, "rapport.pdf", b"<html><script>alert(1)</script></html>")

    assert "n&#x27;est pas un vrai fichier PDF" in response.content.decode()
    assert not Deliverable.objects.exists()


def test_a_file_over_the_cap_is_refused_with_the_limit_in_french(as_user, engineer, settings):
    settings.HALL32_DELIVERABLE_MAX_MB = 1
    project = ProjectFactory()

    response = post(as_user(engineer), project, "piece.stl", b"\x00" * (2 * 1024 * 1024))

    page = response.content.decode()
    assert 'id="id_file_error"' in page and "1 Mo au plus" in page
    assert not Deliverable.objects.exists()


def test_the_form_says_which_files_it_takes_and_how_big_by_default(as_user, engineer):
    project = ProjectFactory()

    page = as_user(engineer).get(reverse("industry:deliverable_create", args=[project.pk])).content.decode()

    assert "PDF, PNG, JPEG" in page and "20 Mo au plus" in page
    assert 'accept=".pdf,' in page


def test_the_service_refuses_a_bad_file_too_whatever_calls_it():
    deliverable = Deliverable(
        project=ProjectFactory(),
        title="Script",
        kind="file",
        file=SimpleUploadedFile("outil.exe", b"MZ\x90\x00" + b"\x00" * 100),
    )

    with pytest.raises(ValidationError, match="n.est pas accepté"):
        services.deliverable_save(deliverable=deliverable)

    assert not Deliverable.objects.exists()


def test_editing_a_deliverable_does_not_check_its_stored_file_again(as_user, engineer):
    project = ProjectFactory()
    post(as_user(engineer), project, "rapport.pdf", PDF)
    deliverable = Deliverable.objects.get()

    response = as_user(engineer).post(
        reverse("industry:deliverable_edit", args=[project.pk, deliverable.pk]),
        {"title": "Rapport final", "kind": "report"},
    )

    assert response.status_code == 302
    deliverable.refresh_from_db()
    assert deliverable.title == "Rapport final" and deliverable.file.read() == PDF
