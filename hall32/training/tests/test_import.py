"""Learner import from CSV and XLSX: all or nothing, every error located."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from hall32.core.models import Guardianship, Person
from hall32.core.roles import Role
from hall32.training.importing import read_learners
from hall32.training.models import Enrolment
from hall32.training.tests.factories import CohortFactory, xlsx

GOOD = (
    "nom;prenom;date_naissance;genre;courriel;telephone;code_postal;commune;statut;responsable_nom;"
    "responsable_prenom;responsable_courriel;responsable_telephone\n"
    "Martin;Léa;14/03/2010;F;lea.martin@example.org;0639980101;63000;Clermont-Ferrand;apprenti;Martin;Anne;"
    "anne.martin@example.org;0639980102\n"
    "Roux;Tom;02/11/2007;M;tom.roux@example.org;;63100;Clermont-Ferrand;scolaire;;;;\n"
)
BAD = (
    "nom;prenom;date_naissance;genre;courriel;code_postal\n"
    "Martin;Léa;14/03/2010;F;lea.martin@example.org;63000\n"
    "Roux;;31/02/2008;M;pas-un-courriel;63100\n"
    "Petit;Zoé;01/01/2013;Z;zoe@example.org;6300\n"
)
START = dt.date(2026, 9, 7)


def test_a_good_file_is_read_whole():
    result = read_learners(GOOD.encode(), "liste.csv", start=START)

    assert result.ok
    assert [(r.last_name, r.status, r.has_guardian) for r in result.rows] == [
        ("Martin", "apprentice", True),
        ("Roux", "student", False),
    ]


def test_every_bad_cell_is_located_with_its_reason():
    result = read_learners(BAD.encode(), "liste.csv", start=START)

    located = {(e.line, e.column_name) for e in result.errors}
    assert (2, "responsable_nom") in located or (2, "date_naissance") in located  # a minor without guardian
    assert {(3, "prenom"), (3, "date_naissance"), (3, "courriel")} <= located
    assert {(4, "date_naissance"), (4, "genre"), (4, "code_postal")} <= located
    too_young = next(e for e in result.errors if e.line == 4 and e.column_name == "date_naissance")
    assert "moins de 15 ans" in too_young.reason and too_young.column == 3
    assert not result.ok


def test_unknown_or_missing_columns_are_refused():
    result = read_learners(b"nom;naissance;pointure\nMartin;2010-01-01;42\n", "x.csv", start=START)

    reasons = [e.reason for e in result.errors]
    assert any("Prénom" in r and "absente" in r for r in reasons) and any("inconnue" in r for r in reasons)


def test_an_xlsx_file_with_real_dates_is_read():
    content = xlsx(
        [
            ["nom", "prenom", "date_naissance", "responsable_nom", "responsable_courriel"],
            ["Martin", "Léa", dt.datetime(2010, 3, 14), "Martin", "anne@example.org"],
        ]
    )

    result = read_learners(content, "liste.xlsx", start=START)

    assert result.ok and result.rows[0].birth_date == dt.date(2010, 3, 14)


@pytest.mark.django_db
def test_the_command_imports_a_good_file(tmp_path):
    cohort = CohortFactory(code="BAC-TEST-2026-1")
    path = tmp_path / "liste.csv"
    path.write_text(GOOD, encoding="utf-8")

    call_command("import_learners", str(path), cohort="BAC-TEST-2026-1", verbosity=0)

    assert Enrolment.objects.filter(cohort=cohort).count() == 2
    lea = Person.objects.get(email="lea.martin@example.org")
    assert Guardianship.objects.filter(child=lea, guardian__email="anne.martin@example.org").exists()


@pytest.mark.django_db
def test_the_command_prints_each_error_and_writes_nothing(tmp_path, capsys):
    CohortFactory(code="BAC-TEST-2026-1")
    path = tmp_path / "liste.csv"
    path.write_text(BAD, encoding="utf-8")
    people = Person.objects.count()

    with pytest.raises(CommandError, match="rien n'a été importé"):
        call_command("import_learners", str(path), cohort="BAC-TEST-2026-1")

    printed = capsys.readouterr().err
    assert f"{path}:3:2: prenom" in printed
    assert f"{path}:4:3: date_naissance" in printed
    assert Person.objects.count() == people and not Enrolment.objects.exists()


@pytest.mark.django_db
def test_the_command_exits_non_zero_as_manage_py_runs_it(tmp_path, capsys):
    from hall32.training.management.commands.import_learners import Command

    CohortFactory(code="BAC-TEST-2026-1")
    path = tmp_path / "liste.csv"
    path.write_text(BAD, encoding="utf-8")

    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["manage.py", "import_learners", str(path), "--cohort", "BAC-TEST-2026-1"])

    assert exited.value.code == 1
    assert f"{path}:4:3: date_naissance" in capsys.readouterr().err


@pytest.mark.django_db
def test_the_page_previews_then_imports_on_confirmation(as_user, make_user):
    cohort = CohortFactory()
    client = as_user(make_user(Role.COORDINATOR))
    upload = io.BytesIO(GOOD.encode())
    upload.name = "liste.csv"

    preview = client.post(f"/former/promotions/{cohort.pk}/importer/", {"file": upload})
    assert preview.context["plan"].ok and not Enrolment.objects.exists()

    client.post(
        f"/former/promotions/{cohort.pk}/importer/", {"upload": preview.context["upload"], "confirm": "1"}
    )
    assert Enrolment.objects.filter(cohort=cohort).count() == 2


@pytest.mark.django_db
def test_the_page_shows_the_errors_and_offers_no_import(as_user, make_user):
    cohort = CohortFactory()
    upload = io.BytesIO(BAD.encode())
    upload.name = "liste.csv"

    response = as_user(make_user(Role.COORDINATOR)).post(
        f"/former/promotions/{cohort.pk}/importer/", {"file": upload}
    )

    body = response.content.decode()
    assert "Ligne 3, colonne 2 (prenom)" in body
    assert 'name="confirm"' not in body
    assert not Enrolment.objects.exists()


@pytest.mark.django_db
def test_bulk_enrolment_is_all_or_nothing(as_user, make_user):
    cohort = CohortFactory()
    ok = Person.objects.create(first_name="A", last_name="B", birth_date=dt.date(2009, 1, 1))
    too_young = Person.objects.create(first_name="C", last_name="D", birth_date=dt.date(2013, 1, 1))
    client = as_user(make_user(Role.COORDINATOR))

    response = client.post(
        f"/former/promotions/{cohort.pk}/inscrire/",
        {"learners": [ok.pk, too_young.pk], "status": "apprentice"},
    )
    assert "L6222-1" in response.content.decode()
    assert not Enrolment.objects.exists()

    client.post(f"/former/promotions/{cohort.pk}/inscrire/", {"learners": [ok.pk], "status": "apprentice"})
    assert Enrolment.objects.filter(cohort=cohort, person=ok).exists()
