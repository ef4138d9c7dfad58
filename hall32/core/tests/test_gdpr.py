import json

import pytest

from hall32.core import audit, services
from hall32.core.errors import DomainError
from hall32.core.models import AuditEntry, Guardianship, Person
from hall32.core.roles import Role
from hall32.core.tests.factories import PersonFactory


@pytest.fixture
def minor_with_parent(db):
    child = PersonFactory(first_name="Noé", last_name="Lambert", birth_date="2010-02-03", phone="0639981111")
    parent = PersonFactory(first_name="Anne", last_name="Lambert", phone="0639982222")
    services.guardian_add(child=child, guardian=parent, relationship=Guardianship.Relationship.MOTHER)
    return child, parent


def test_the_export_holds_the_person_their_guardians_and_their_history(minor_with_parent, make_user):
    child, _parent = minor_with_parent
    manager = make_user(Role.COORDINATOR)

    data = services.person_export(person=child, by=manager)

    assert data["personne"]["first_name"] == "Noé"
    assert data["personne"]["responsables"][0]["nom"] == "Anne Lambert"
    assert data["historique"][0]["action"] == "create"
    assert AuditEntry.objects.filter(action="export", object_id=str(child.pk), actor=manager).exists()


def test_a_user_downloads_their_own_data_but_not_someone_elses(as_user, make_user):
    me = make_user(Role.LEARNER)
    other = PersonFactory()
    client = as_user(me)

    mine = client.post(f"/annuaire/personnes/{me.person.pk}/export/")
    theirs = client.post(f"/annuaire/personnes/{other.pk}/export/")

    assert mine.status_code == 200
    assert mine["Content-Disposition"].startswith("attachment;")
    assert json.loads(mine.content)["personne"]["id"] == me.person.pk
    assert theirs.status_code == 403


def test_erasure_blanks_the_person_redacts_history_and_closes_the_account(minor_with_parent, make_user):
    child, parent = minor_with_parent
    account = make_user(Role.LEARNER, person=child)
    with audit.acting_as(None):
        child.phone = "0639983333"
        services.person_save(person=child)
    director = make_user(Role.DIRECTION)

    services.person_erase(person=child, by=director)

    child.refresh_from_db()
    account.refresh_from_db()
    assert child.erased_at is not None
    assert "Lambert" not in child.full_name
    assert child.phone == child.email == child.postcode == ""
    assert child.birth_date.isoformat() == "2010-01-01"  # the year stays for statistics
    assert child.gender == "F"
    assert not Guardianship.objects.filter(child=child).exists()
    assert not account.is_active and not account.has_usable_password()
    history = AuditEntry.objects.filter(content_type__model="person", object_id=str(child.pk))
    dumped = json.dumps([e.changes for e in history]) + " ".join(e.object_repr for e in history)
    assert "Lambert" not in dumped and "0639981111" not in dumped and "0639983333" not in dumped
    assert history.filter(action="erase", actor=director).exists()
    assert Person.objects.get(pk=parent.pk).erased_at is None


def test_erasing_twice_is_refused_with_a_message(minor_with_parent, make_user):
    child, _ = minor_with_parent
    services.person_erase(person=child, by=None)

    with pytest.raises(DomainError, match="déjà"):
        services.person_erase(person=child, by=None)


def test_only_direction_may_erase_and_it_asks_for_confirmation_first(as_user, make_user, minor_with_parent):
    child, _ = minor_with_parent

    assert (
        as_user(make_user(Role.COORDINATOR))
        .post(f"/annuaire/personnes/{child.pk}/effacer/", {"confirm": "on"})
        .status_code
        == 403
    )

    client = as_user(make_user(Role.DIRECTION))
    unconfirmed = client.post(f"/annuaire/personnes/{child.pk}/effacer/", {})
    assert unconfirmed.status_code == 200
    assert "confirm" in unconfirmed.context["form"].errors
    child.refresh_from_db()
    assert child.erased_at is None

    confirmed = client.post(f"/annuaire/personnes/{child.pk}/effacer/", {"confirm": "on"}, follow=True)
    child.refresh_from_db()
    assert child.erased_at is not None
    assert "effacées" in confirmed.content.decode()
