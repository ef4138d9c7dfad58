"""The learner import's plan: who is created, who is found again and what changes for them, which
lines are refused; the page's preview and confirmation, and the command's --dry-run."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from hall32.core.errors import DomainError
from hall32.core.models import Guardianship, Person
from hall32.core.roles import Role
from hall32.training.importing import read_learners
from hall32.training.models import Enrolment
from hall32.training.services.imports import learners_import, learners_import_plan
from hall32.training.tests.factories import CohortFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db

HEADER = "Nom;Prénom;Date de naissance;E-mail;Portable;Responsable nom;Responsable e-mail\n"


def plan_for(cohort, text):
    result = read_learners(text.encode(), "liste.csv", start=cohort.start_date)
    return result, learners_import_plan(cohort=cohort, result=result)


def lea(**kwargs):
    values = {"first_name": "Léa", "last_name": "Martin", "birth_date": dt.date(2007, 3, 14)}
    return Person.objects.create(**(values | kwargs))


def test_a_person_found_by_name_and_birth_date_gets_the_new_email_and_the_plan_says_so():
    cohort = CohortFactory()
    person = lea(email="lea.old@example.org")

    result, plan = plan_for(cohort, HEADER + "Martin;Léa;14/03/2007;lea.new@example.org;;;\n")

    [planned] = plan.to_update
    assert planned.person == person and planned.matched_by == "identity" and not plan.to_create
    assert [(c.attribute, c.old, c.new) for c in planned.changes] == [
        ("email", "lea.old@example.org", "lea.new@example.org")
    ]
    learners_import(cohort=cohort, result=result, by=None, expected=plan.fingerprint)
    person.refresh_from_db()
    assert person.email == "lea.new@example.org"
    assert Enrolment.objects.filter(cohort=cohort, person=person).exists()


def test_an_empty_cell_never_erases_and_a_differing_name_is_kept_and_said():
    cohort = CohortFactory()
    person = lea(first_name="Lea", email="lea@example.org", phone="06 39 98 01 01")

    result, plan = plan_for(cohort, HEADER + "MARTIN;Léa;14/03/2007;LEA@example.org;;;\n")

    [planned] = plan.to_update
    assert planned.matched_by == "email" and planned.changes == []
    assert [(c.attribute, c.old, c.new) for c in planned.kept] == [("first_name", "Lea", "Léa")]
    learners_import(cohort=cohort, result=result, by=None, expected=plan.fingerprint)
    person.refresh_from_db()
    assert (person.first_name, person.phone) == ("Lea", "06 39 98 01 01")


def test_a_phone_written_differently_is_no_change_but_a_new_one_is():
    cohort = CohortFactory()
    lea(email="lea@example.org", phone="06 39 98 01 01")

    _result, same = plan_for(cohort, HEADER + "Martin;Léa;14/03/2007;lea@example.org;0639980101;;\n")
    _result, new = plan_for(cohort, HEADER + "Martin;Léa;14/03/2007;lea@example.org;07 00 00 00 01;;\n")

    assert same.to_update[0].changes == []
    assert [(c.old, c.new) for c in new.to_update[0].changes] == [("06 39 98 01 01", "07 00 00 00 01")]


def test_an_email_that_belongs_to_someone_born_another_day_is_refused_and_nothing_is_written():
    cohort = CohortFactory()
    lea(email="famille.martin@example.org", birth_date=dt.date(2005, 1, 1))
    people = Person.objects.count()

    result, plan = plan_for(
        cohort,
        HEADER
        + "Roux;Tom;02/11/2007;tom@example.org;;;\nMartin;Hugo;14/03/2007;famille.martin@example.org;;;\n",
    )

    [refused] = plan.refused
    assert (refused.line, refused.column, refused.column_name) == (3, 4, "E-mail")
    with pytest.raises(DomainError):
        learners_import(cohort=cohort, result=result, by=None)
    assert Person.objects.count() == people and not Enrolment.objects.exists()


def test_someone_already_in_the_cohort_is_updated_not_refused():
    cohort = CohortFactory()
    person = lea(email="lea@example.org")
    EnrolmentFactory(cohort=cohort, person=person)

    result, plan = plan_for(
        cohort, HEADER + "Martin;Léa;14/03/2007;lea@example.org;0639980101;;\nRoux;Tom;02/11/2007;;;;\n"
    )

    assert plan.ok and plan.to_update[0].already_enrolled
    outcome = learners_import(cohort=cohort, result=result, by=None, expected=plan.fingerprint)
    assert (outcome.created, outcome.updated, len(outcome.enrolments)) == (1, 1, 1)
    person.refresh_from_db()
    assert person.phone == "0639980101"
    assert Enrolment.objects.filter(cohort=cohort).count() == 2


def test_siblings_share_one_new_guardian():
    cohort = CohortFactory()
    text = (
        HEADER
        + "Martin;Léa;14/03/2010;;;Martin;anne@example.org\nMartin;Hugo;02/05/2011;;;Martin;anne@example.org\n"
    )

    result, plan = plan_for(cohort, text)
    learners_import(cohort=cohort, result=result, by=None, expected=plan.fingerprint)

    assert plan.to_create[1].guardian_from_line == 2
    anne = Person.objects.get(email="anne@example.org")
    assert Guardianship.objects.filter(guardian=anne).count() == 2


def test_a_guardian_email_that_is_the_learner_s_own_is_refused():
    cohort = CohortFactory()

    _result, plan = plan_for(
        cohort, HEADER + "Martin;Léa;14/03/2010;lea@example.org;;Martin;lea@example.org\n"
    )

    [refused] = plan.refused
    assert refused.column_name == "Responsable e-mail"


def test_the_import_writes_nothing_when_the_data_changed_since_the_preview():
    cohort = CohortFactory()
    person = lea(email="lea@example.org")
    result, plan = plan_for(cohort, HEADER + "Martin;Léa;14/03/2007;lea@example.org;0639980101;;\n")
    Person.objects.filter(pk=person.pk).update(phone="07 11 11 11 11")  # someone edits her meanwhile

    with pytest.raises(DomainError) as refused:
        learners_import(cohort=cohort, result=result, by=None, expected=plan.fingerprint)

    assert refused.value.code == "stale"
    person.refresh_from_db()
    assert person.phone == "07 11 11 11 11" and not Enrolment.objects.exists()


# --- The page -----------------------------------------------------------------------------------


def upload(text: str, name: str = "liste.csv", encoding: str = "utf-8"):
    file = io.BytesIO(text.encode(encoding))
    file.name = name
    return file


@pytest.fixture
def coordinator_client(as_user, make_user):
    return as_user(make_user(Role.COORDINATOR))


def test_the_preview_shows_who_is_created_who_changes_and_what_is_refused(coordinator_client):
    cohort = CohortFactory()
    lea(email="lea.old@example.org")
    text = (
        "Nom;Prénom;Date de naissance;E-mail\n"
        "Martin;Léa;14/03/2007;lea.new@example.org\n"
        "Roux;Tom;02/11/2007;tom@example.org\n"
        "Petit;;01/01/2007;zoe@example.org\n"
    )

    response = coordinator_client.post(
        f"/former/promotions/{cohort.pk}/importer/", {"file": upload(text, encoding="cp1252")}
    )

    body = response.content.decode()
    assert "À créer" in body and "ROUX Tom" in body
    assert "Déjà dans Hall 32" in body and "lea.old@example.org → lea.new@example.org" in body
    assert "Ligne 4, colonne 2 (Prénom)" in body
    assert 'name="confirm"' not in body
    assert not Enrolment.objects.exists() and Person.objects.count() == 2  # Léa and the coordinator


def test_confirming_writes_what_was_previewed(coordinator_client):
    cohort = CohortFactory()
    person = lea(email="lea.old@example.org")
    text = "Nom;Prénom;Date de naissance;E-mail\nMartin;Léa;14/03/2007;lea.new@example.org\nRoux;Tom;02/11/2007;\n"
    preview = coordinator_client.post(f"/former/promotions/{cohort.pk}/importer/", {"file": upload(text)})

    response = coordinator_client.post(
        f"/former/promotions/{cohort.pk}/importer/",
        {"upload": preview.context["upload"], "confirm": "1"},
        follow=True,
    )

    assert "1 personne créée, 1 mise à jour, 2 inscriptions" in response.content.decode()
    person.refresh_from_db()
    assert person.email == "lea.new@example.org"
    assert Enrolment.objects.filter(cohort=cohort).count() == 2


def test_a_confirmation_with_a_tampered_or_foreign_file_writes_nothing(
    coordinator_client, as_user, make_user
):
    cohort = CohortFactory()
    text = "Nom;Prénom;Date de naissance\nRoux;Tom;02/11/2007\n"
    token = coordinator_client.post(
        f"/former/promotions/{cohort.pk}/importer/", {"file": upload(text)}
    ).context["upload"]
    url = f"/former/promotions/{cohort.pk}/importer/"

    tampered = coordinator_client.post(url, {"upload": token[:-3] + "abc", "confirm": "1"}, follow=True)
    other_cohort = coordinator_client.post(
        f"/former/promotions/{CohortFactory().pk}/importer/", {"upload": token, "confirm": "1"}, follow=True
    )
    other_user = as_user(make_user(Role.COORDINATOR)).post(
        url, {"upload": token, "confirm": "1"}, follow=True
    )

    for response in (tampered, other_cohort, other_user):
        assert "L&#x27;aperçu a expiré" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_a_second_confirmation_of_the_same_preview_changes_nothing(coordinator_client):
    cohort = CohortFactory()
    text = "Nom;Prénom;Date de naissance\nRoux;Tom;02/11/2007\n"
    url = f"/former/promotions/{cohort.pk}/importer/"
    token = coordinator_client.post(url, {"file": upload(text)}).context["upload"]
    coordinator_client.post(url, {"upload": token, "confirm": "1"})

    again = coordinator_client.post(url, {"upload": token, "confirm": "1"})

    assert "Les données ont changé depuis l&#x27;aperçu" in again.content.decode()
    assert Person.objects.filter(last_name="Roux").count() == 1
    assert Enrolment.objects.filter(cohort=cohort).count() == 1


def test_a_five_thousand_character_name_on_the_page_is_a_line_error(coordinator_client):
    cohort = CohortFactory()
    text = f"Nom;Prénom;Date de naissance\n{'A' * 5000};Tom;02/11/2007\n"

    response = coordinator_client.post(f"/former/promotions/{cohort.pk}/importer/", {"file": upload(text)})

    assert response.status_code == 200
    assert "Ligne 2, colonne 1 (Nom) : trop long" in response.content.decode()
    assert not Person.objects.filter(first_name="Tom").exists()


def test_a_web_page_posing_as_a_learner_list_is_refused_next_to_the_field(coordinator_client):
    cohort = CohortFactory()

    response = coordinator_client.post(
        f"/former/promotions/{cohort.pk}/importer/", {"file": upload("<html><script>x</script></html>")}
    )

    body = response.content.decode()
    assert 'id="id_file_error"' in body and "n&#x27;est pas un vrai fichier CSV" in body


# --- The command --------------------------------------------------------------------------------


def test_the_command_dry_run_prints_the_plan_and_writes_nothing(tmp_path, capsys):
    cohort = CohortFactory(code="BAC-TEST-2026-1")
    lea(email="lea.old@example.org")
    path = tmp_path / "liste.csv"
    path.write_bytes(
        "Nom;Prénom;Né(e) le;E-mail\nMartin;Léa;14/03/2007;lea.new@example.org\nRoux;Tom;02/11/2007;\n".encode(
            "cp1252"
        )
    )

    call_command("import_learners", str(path), cohort=cohort.code, dry_run=True)

    out = capsys.readouterr().out
    assert f"{path}:3: à créer : ROUX Tom" in out
    assert (
        f"{path}:2: à mettre à jour : MARTIN Léa (courriel : lea.old@example.org → lea.new@example.org)"
        in out
    )
    assert "rien n'a été écrit" in out
    assert not Enrolment.objects.exists() and not Person.objects.filter(last_name="Roux").exists()


def test_the_command_reports_a_refused_line_as_file_line_column(tmp_path, capsys):
    cohort = CohortFactory(code="BAC-TEST-2026-1")
    path = tmp_path / "liste.csv"
    path.write_text(f"first_name,last_name,birth_date\nTom,{'R' * 5000},2007-11-02\n", encoding="utf-8")

    with pytest.raises(CommandError, match="rien n'a été importé"):
        call_command("import_learners", str(path), cohort=cohort.code, dry_run=True)

    assert f"{path}:2:2: last_name : trop long" in capsys.readouterr().err
