import pytest

from hall32.core import audit, services
from hall32.core.models import AuditEntry, Organisation, Person
from hall32.core.roles import Role
from hall32.core.tests.factories import OrganisationFactory, PersonFactory


def entries_for(obj):
    return AuditEntry.objects.filter(object_id=str(obj.pk), content_type__model=obj._meta.model_name)


def test_creating_a_person_records_who_when_and_the_values(make_user):
    author = make_user(Role.COORDINATOR)

    with audit.acting_as(author):
        person = services.person_save(person=Person(first_name="Léa", last_name="Martin", gender="F"))

    entry = entries_for(person).get()
    assert entry.action == "create"
    assert entry.actor == author
    assert entry.actor_label == author.username
    assert entry.changes["first_name"] == [None, "Léa"]
    assert entry.at is not None


def test_updating_a_person_records_only_the_changed_fields_before_and_after(make_user):
    person = PersonFactory(first_name="Léa", phone="0600000000")
    author = make_user(Role.DIRECTION)

    with audit.acting_as(author):
        person.phone = "0639980000"
        services.person_save(person=person)

    entry = entries_for(person).filter(action="update").get()
    assert entry.changes == {"phone": ["0600000000", "0639980000"]}
    assert entry.actor == author


def test_saving_without_change_records_nothing(db):
    person = PersonFactory()
    before = entries_for(person).count()

    services.person_save(person=Person.objects.get(pk=person.pk))

    assert entries_for(person).count() == before


def test_deleting_a_person_records_the_values_it_had(db):
    person = PersonFactory(last_name="Dupuis")
    pk = person.pk

    person.delete()

    entry = AuditEntry.objects.get(object_id=str(pk), action="delete", content_type__model="person")
    assert entry.changes["last_name"] == ["Dupuis", None]
    assert entry.actor_label == audit.SYSTEM_LABEL


def test_changes_made_through_a_page_are_attributed_to_the_signed_in_user(as_user, make_user):
    author = make_user(Role.COORDINATOR)
    person = PersonFactory(first_name="Inès")

    response = as_user(author).post(
        f"/annuaire/personnes/{person.pk}/modifier/",
        {"first_name": "Inès", "last_name": "Garcia", "gender": "F", "birth_date": "2008-04-02"},
    )

    assert response.status_code == 302
    entry = entries_for(person).get(action="update")
    assert entry.actor == author
    assert entry.changes["last_name"][1] == "Garcia"


def test_account_passwords_never_enter_the_audit_trail(make_user):
    user = make_user(Role.TRAINER)

    user.set_password("un-autre-mot-de-passe-9")
    user.save()

    for entry in AuditEntry.objects.filter(content_type__model="user"):
        assert "password" not in entry.changes


def test_organisations_are_not_personal_data_and_are_not_audited(db):
    OrganisationFactory()

    assert not AuditEntry.objects.filter(content_type__model="organisation").exists()
    assert not audit.is_registered(Organisation)


def test_only_direction_reads_the_audit_trail(as_user, make_user):
    PersonFactory(first_name="Zoé")

    response = as_user(make_user(Role.DIRECTION)).get("/audit/?q=Zoé")
    assert response.status_code == 200
    assert "Zoé" in response.content.decode()

    for role in [Role.COORDINATOR, Role.TRAINER, Role.LEARNER]:
        assert as_user(make_user(role)).get("/audit/").status_code == 403


@pytest.mark.django_db
def test_the_audit_page_keeps_a_bounded_number_of_queries(as_user, make_user, django_assert_max_num_queries):
    for _ in range(30):
        PersonFactory()
    client = as_user(make_user(Role.DIRECTION))

    with django_assert_max_num_queries(12):
        client.get("/audit/")
