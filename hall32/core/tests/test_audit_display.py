"""The audit trail reads like a record, not a database dump: field labels, readable values, the time
in Paris in the locale's format, the object linked when it exists and the reader may open it, and
the kind of object chosen from a list; in a number of queries that does not grow with the page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from hall32.core import audit, services
from hall32.core.audit_display import _cheap_name, audited_types, describe, readable
from hall32.core.models import AuditEntry, Guardianship, Person
from hall32.core.roles import Role
from hall32.core.tests.factories import PersonFactory
from hall32.training.tests.factories import EnrolmentFactory, contract_for

pytestmark = pytest.mark.django_db

consent_field = Person._meta.get_field("consent_updated_at")


def _latest(instance) -> AuditEntry:
    return (
        AuditEntry.objects.select_related("content_type")
        .filter(object_id=str(instance.pk), content_type__model=instance._meta.model_name)
        .latest("at", "id")
    )


def _changes(row) -> dict[str, tuple[str, str]]:
    return {c.label: (c.before, c.after) for c in row.changes}


@pytest.fixture
def changed(direction):
    person = PersonFactory(first_name="Léa", phone="0600000000", gender="F", birth_date=dt.date(2009, 6, 1))
    with audit.acting_as(direction):
        person.phone = "0639980000"
        person.gender = "M"
        person.consent_image = True
        person.birth_date = dt.date(2009, 7, 1)
        services.person_save(person=person)
    return person


def test_changes_show_field_labels_and_readable_values(changed, direction):
    row = describe([_latest(changed)], user=direction)[0]

    assert _changes(row) == {
        "Téléphone": ("0600000000", "0639980000"),
        "Genre": ("Femme", "Homme"),
        "Accepte l'usage de son image": ("non", "oui"),
        "Date de naissance": ("1er juin 2009", "1er juillet 2009"),
        "Consentements mis à jour le": (
            "(vide)",
            readable(consent_field, changed.consent_updated_at.isoformat(), {}),
        ),
    }
    assert row.type_label == "Personne"


def test_a_recorded_moment_is_shown_in_paris_time():
    # Stored in UTC: 10:00 on 1 July is noon in Paris (summer time), 10:00 on 1 January is 11:00.
    assert readable(consent_field, "2026-07-01T10:00:00+00:00", {}) == "01/07/2026 12:00"
    assert readable(consent_field, "2026-01-01T10:00:00+00:00", {}) == "01/01/2026 11:00"


def test_the_entry_time_is_in_paris_in_the_locales_format(changed, direction):
    entry = _latest(changed)
    entry.at = dt.datetime(2026, 1, 15, 23, 30, tzinfo=dt.UTC)

    assert describe([entry], user=direction)[0].when == "16/01/2026 00:30"
    with translation.override("en"):
        english = describe([entry], user=direction)[0]
    assert english.when == "01/16/2026 12:30 a.m."
    assert ("Phone", ("0600000000", "0639980000")) in _changes(english).items()
    assert _changes(english)["Gender"] == ("Woman", "Man")


def test_a_foreign_key_shows_the_name_of_the_record(direction):
    child, mother = PersonFactory(first_name="Léa"), PersonFactory(first_name="Inès", last_name="Roux")

    link = Guardianship.objects.create(child=child, guardian=mother, relationship="mother")

    changes = _changes(describe([_latest(link)], user=direction)[0])
    assert changes["Responsable"] == ("(vide)", "Inès Roux")
    assert changes["Lien"] == ("(vide)", "Mère")


def test_a_record_whose_name_needs_more_queries_is_named_by_its_number():
    enrolment = EnrolmentFactory()

    assert _cheap_name(type(enrolment).objects.get(pk=enrolment.pk)) is None
    assert _cheap_name(
        type(enrolment).objects.select_related("person", "cohort").get(pk=enrolment.pk)
    ) == str(enrolment)


def test_the_object_is_linked_when_it_exists_and_the_reader_may_see_it(changed, direction, make_user):
    gone = PersonFactory()
    pk = gone.pk
    gone.delete()
    deleted = AuditEntry.objects.select_related("content_type").get(object_id=str(pk), action="delete")
    entry = _latest(changed)

    assert [r.url for r in describe([entry, deleted], user=direction)] == [changed.get_absolute_url(), None]
    assert describe([entry], user=make_user(Role.LEARNER))[0].url is None


def test_an_erased_history_shows_erased_values(changed, direction):
    audit.redact_history(changed)

    row = describe([_latest(changed)], user=direction)[0]

    assert _changes(row)["Téléphone"] == ("[effacé]", "[effacé]")


def test_the_audit_page_and_the_history_card_show_labels_not_column_names(changed, direction, as_user):
    client = as_user(direction)

    for url in ("/audit/", changed.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Téléphone" in page and "<code>phone</code>" not in page
        assert "Homme" in page


def test_the_kind_of_object_is_chosen_from_the_kinds_the_trail_holds(changed, direction, as_user):
    contract = contract_for(EnrolmentFactory().person)
    with audit.acting_as(direction):
        contract.rhythm = "3 semaines au centre"
        contract.save()

    assert ("core.person", "Personne") in audited_types()
    assert ("training.contract", "Contrat d'apprentissage") in audited_types()
    assert "core.organisation" not in dict(audited_types())
    client = as_user(direction)
    page = client.get("/audit/").content.decode()
    assert '<select name="model"' in page and '<option value="core.person">Personne</option>' in page
    listed = client.get("/audit/?model=training.contract").context["rows"]
    assert {r.entry.content_type.model for r in listed} == {"contract"}
    assert listed[0].url == contract.get_absolute_url()


def test_the_audit_page_takes_the_same_queries_for_a_few_entries_or_many(direction, as_user):
    def fill(n: int) -> None:
        for _ in range(n):
            child, parent = PersonFactory(), PersonFactory()
            Guardianship.objects.create(child=child, guardian=parent)
            contract = contract_for(EnrolmentFactory(person=child).person)
            with audit.acting_as(direction):
                contract.rhythm = "Une semaine sur deux"
                contract.save()
                services.person_save(person=Person.objects.get(pk=child.pk))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/audit/")
        assert response.status_code == 200
        return len([q for q in captured.captured_queries if "django_session" not in q["sql"]])

    AuditEntry.objects.all().delete()  # the accounts' own creation: the same kinds on both pages
    client = as_user(direction)
    fill(2)
    few = queries()
    fill(12)

    assert queries() == few
    assert len(client.get("/audit/").context["rows"]) == 50
