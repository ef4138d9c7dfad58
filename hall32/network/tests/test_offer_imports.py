"""Offer imports: La bonne alternance's job export (JSON) and CSV, previewed, then written all or
nothing; the same file twice updates the offers instead of creating them again."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from hall32.network.errors import NetworkError
from hall32.network.importing import read_offers
from hall32.network.models import Offer
from hall32.network.services.imports import offers_import, offers_import_plan
from hall32.network.tests.factories_offers import NetworkCompanyFactory
from hall32.training.tests.factories import CourseFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
SIRET = "73282932000074"


def read(name: str, **kwargs):
    return read_offers((DATA / name).read_bytes(), name, **kwargs)


@pytest.fixture
def company():
    return NetworkCompanyFactory(name="Industries du Centre", siret=SIRET)


# --- Reading --------------------------------------------------------------------------------------


def test_the_lba_reader_takes_the_jobs_of_each_list_and_skips_companies_without_offers():
    result = read("lba_jobs.json")

    assert result.errors == []
    assert result.skipped == 1
    by_id = {row.external_id: row for row in result.rows}
    matcha = by_id["matcha:66a1f0c2e4b0a1b2c3d4e5f6"]
    assert (matcha.siret, matcha.postcode, matcha.places, matcha.rome_code) == (SIRET, "63200", 2, "H2903")
    assert matcha.rhythm == "2 semaines / 2 semaines"
    assert matcha.wanted_skills == ["Lecture de plans", "Rigueur"]
    assert "Niveau visé : 4 (BAC...)" in matcha.requirements
    assert str(matcha.start_date) == "2027-09-06"
    assert by_id["peJob:187XKQW"].places == 1  # no quantity: one place


def test_the_lba_reader_locates_a_job_s_fields_at_their_line_in_the_file():
    result = read("lba_jobs.json")
    matcha = next(row for row in result.rows if row.external_id.startswith("matcha"))

    line, _column, name = matcha.where["postcode"]

    assert name == "matchas[0].place.zipCode"
    assert '"zipCode": "63200"' in (DATA / "lba_jobs.json").read_text().splitlines()[line - 1]


def test_a_json_file_that_is_not_a_lba_export_is_refused_saying_what_is_expected():
    result = read("not_lba.json")

    assert result.rows == []
    [error] = result.errors
    assert "La bonne alternance" in error.reason and "matchas" in error.reason


def test_broken_json_is_refused_at_its_line_and_column():
    result = read_offers(b'{\n  "matchas": [\n    {"id": }\n  ]\n}', "x.json")

    [error] = result.errors
    assert (error.line, error.column) == (3, 12)


def test_the_csv_reader_takes_french_and_english_headers():
    french = read("offers.csv")
    english = read("offers_errors.csv")

    assert french.errors == []
    assert [r.external_id for r in french.rows] == ["A-1", "A-2"]
    first = french.rows[0]
    assert first.required_skills == ["habilitation électrique", "lecture de schémas"]
    assert (first.tutor_capacity, first.rncp_code, first.status) == (2, "RNCP37950", "open")
    assert french.rows[1].status == "draft"
    assert [r.external_id for r in english.rows][:2] == ["B-1", "B-2"]


def test_the_csv_reader_names_the_line_and_column_of_each_bad_value():
    result = read("offers_errors.csv")

    located = [(e.line, e.column, e.column_name) for e in result.errors]
    assert located == [(4, 2, "title"), (4, 5, "start date"), (4, 6, "places")]


def test_a_csv_without_a_required_column_is_refused_on_its_header():
    result = read_offers("Intitulé;Code postal\nSoudeur;63000\n".encode(), "x.csv")

    reasons = " ".join(e.reason for e in result.errors)
    assert "Identifiant" in reasons and "Début" in reasons
    assert result.rows == []


# --- Plan and writes ------------------------------------------------------------------------------


def test_importing_a_lba_export_creates_its_offers_for_the_company_of_that_siret(company):
    result = read("lba_jobs.json")

    outcome = offers_import(result=result, by=None)

    assert (outcome.created, outcome.updated) == (2, 0)
    offer = Offer.objects.get(external_id="matcha:66a1f0c2e4b0a1b2c3d4e5f6")
    assert (offer.company, offer.source, offer.city, offer.places) == (company, Offer.Source.LBA, "Riom", 2)
    assert offer.reference.startswith("OFF-")


def test_importing_the_same_file_again_updates_and_creates_nothing(company):
    offers_import(result=read("lba_jobs.json"), by=None)
    Offer.objects.filter(external_id__startswith="matcha").update(places=1, title="Ancien titre")

    plan = offers_import_plan(result=read("lba_jobs.json"))
    outcome = offers_import(result=read("lba_jobs.json"), by=None)

    assert len(plan.to_create) == 0 and len(plan.to_update) == 2
    changed = next(p for p in plan.to_update if p.row.external_id.startswith("matcha")).changed
    assert "places" in changed and "intitulé du poste" in changed
    assert (outcome.created, outcome.updated) == (0, 2)
    assert Offer.objects.count() == 2
    assert Offer.objects.get(external_id__startswith="matcha").places == 2


def test_an_unknown_siret_refuses_the_whole_file_naming_line_and_field(company):
    with pytest.raises(NetworkError) as refused:
        offers_import(result=read("lba_unknown_siret.json"), by=None)

    assert "matchas[0].company.siret" in refused.value.message
    assert "35600000000048" in refused.value.message
    assert not Offer.objects.exists()


def test_one_bad_line_refuses_every_line_of_the_csv(company):
    plan = offers_import_plan(result=read("offers_errors.csv"))

    assert plan.refused
    with pytest.raises(NetworkError):
        offers_import(result=read("offers_errors.csv"), by=None)
    assert not Offer.objects.exists()


def test_the_offers_rules_refuse_a_line_on_its_column(company):
    content = "id;title;siret;postcode;start date\nC-1;Soudeur;73282932000074;99999;01/09/2030\n"

    plan = offers_import_plan(result=read_offers(content.encode(), "x.csv"))

    [error] = plan.refused
    assert (error.line, error.column, error.column_name) == (2, 4, "postcode")
    assert "inconnu" in error.reason


def test_a_csv_line_finds_its_course_by_the_rncp_code(company):
    course = CourseFactory(rncp_code="RNCP37950")

    offers_import(result=read("offers.csv"), by=None)

    offer = Offer.objects.get(external_id="A-1")
    assert offer.course == course and offer.trade == course.trade
    assert Offer.objects.get(external_id="A-2").status == Offer.Status.DRAFT


def test_a_plan_that_changed_since_the_preview_writes_nothing(company):
    plan = offers_import_plan(result=read("offers.csv"))
    offers_import(result=read("offers.csv"), by=None, expected=plan.fingerprint)
    Offer.objects.filter(external_id="A-1").update(places=1)

    with pytest.raises(NetworkError) as refused:
        offers_import(result=read("offers.csv"), by=None, expected=plan.fingerprint)

    assert refused.value.code == "stale"


# --- Command --------------------------------------------------------------------------------------


def test_the_command_dry_run_prints_the_plan_and_writes_nothing(company):
    out = io.StringIO()

    call_command("import_offers", str(DATA / "lba_jobs.json"), "--dry-run", stdout=out)

    assert "à créer" in out.getvalue() and "--dry-run" in out.getvalue()
    assert not Offer.objects.exists()


def test_the_command_imports_a_csv_file(company):
    call_command("import_offers", str(DATA / "offers.csv"), "--format", "csv", stdout=io.StringIO())

    assert Offer.objects.filter(source=Offer.Source.CSV).count() == 2


def test_the_command_fails_naming_file_line_and_column(company):
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_offers", str(DATA / "offers_errors.csv"), stdout=io.StringIO(), stderr=err)

    assert "offers_errors.csv:4:2: title" in err.getvalue()
    assert not Offer.objects.exists()


# --- Page and API ---------------------------------------------------------------------------------


def test_the_import_page_previews_then_writes_on_confirmation(as_user, coordinator, company):
    client = as_user(coordinator)
    upload = SimpleUploadedFile("lba.json", (DATA / "lba_jobs.json").read_bytes(), "application/json")

    preview = client.post(reverse("network:offer_import"), {"file": upload})

    assert preview.status_code == 200 and not Offer.objects.exists()
    assert "Confirmer l'import" in preview.content.decode()
    done = client.post(reverse("network:offer_import"), {"confirm": "1", "upload": preview.context["upload"]})
    assert done.status_code == 302
    assert Offer.objects.count() == 2


def test_the_import_page_lists_the_refused_lines_and_offers_no_confirmation(as_user, coordinator, company):
    upload = SimpleUploadedFile("offres.csv", (DATA / "offers_errors.csv").read_bytes(), "text/csv")

    preview = as_user(coordinator).post(reverse("network:offer_import"), {"file": upload})

    page = preview.content.decode()
    assert "le 1er septembre" in page
    assert "Confirmer l'import" not in page


def test_an_outreach_officer_cannot_import_offers(as_user, outreach_officer):
    assert as_user(outreach_officer).get(reverse("network:offer_import")).status_code == 403


def test_the_api_import_dry_runs_then_writes(as_user, coordinator, company):
    client = as_user(coordinator)
    content = (DATA / "offers.csv").read_bytes()

    dry = client.post(
        "/api/network/offers/import",
        {"file": SimpleUploadedFile("o.csv", content, "text/csv"), "dry_run": "true"},
    )
    written = client.post(
        "/api/network/offers/import", {"file": SimpleUploadedFile("o.csv", content, "text/csv")}
    )

    assert dry.status_code == 200 and dry.json()["written"] is False and dry.json()["created"] == 2
    assert written.json()["written"] is True
    assert Offer.objects.count() == 2


def test_the_api_import_answers_422_with_the_located_errors(as_user, coordinator, company):
    content = (DATA / "offers_errors.csv").read_bytes()

    response = as_user(coordinator).post(
        "/api/network/offers/import", {"file": SimpleUploadedFile("o.csv", content, "text/csv")}
    )

    assert response.status_code == 422
    assert "ligne 4, colonne 2 (title) : valeur obligatoire manquante" in response.json()["errors"]["file"]
