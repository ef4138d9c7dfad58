"""Contacts' roles at an organisation: the services' rules, who may manage them, the section on
the organisation page, the API, and what GDPR erasure and export do with them."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from hall32.core import services as core_services
from hall32.core.models import AuditEntry
from hall32.core.tests.factories import OrganisationFactory, PersonFactory
from hall32.network.errors import Conflict, NetworkError
from hall32.network.models import ContactRole, Interaction
from hall32.network.services import contacts as services
from hall32.network.tests.factories_contacts import ContactRoleFactory, InteractionFactory

pytestmark = pytest.mark.django_db

Role = ContactRole.Role


def test_a_person_of_the_organisation_gets_a_role_and_the_same_open_role_twice_is_refused():
    org = OrganisationFactory()
    person = PersonFactory(organisation=org)

    role = services.contact_role_add(organisation=org, person=person, role=Role.HR)

    assert (role.person, role.role, role.end) == (person, Role.HR, None)
    with pytest.raises(Conflict) as refusal:
        services.contact_role_add(organisation=org, person=person, role=Role.HR)
    assert refusal.value.field == "role"
    assert services.contact_role_add(organisation=org, person=person, role=Role.TUTOR).role == Role.TUTOR


def test_a_person_of_another_organisation_cannot_take_a_role_here():
    org = OrganisationFactory()
    stranger = PersonFactory(organisation=OrganisationFactory())

    with pytest.raises(NetworkError) as refusal:
        services.contact_role_add(organisation=org, person=stranger, role=Role.MAIN)

    assert refusal.value.field == "person"
    assert not ContactRole.objects.exists()


def test_an_ended_role_can_be_given_again_and_ending_twice_is_refused():
    contact = ContactRoleFactory(role=Role.DIRECTOR, start=dt.date(2020, 1, 1))

    ended = services.contact_role_end(contact=contact, on=dt.date(2024, 6, 30))

    assert ended.end == dt.date(2024, 6, 30)
    with pytest.raises(NetworkError):
        services.contact_role_end(contact=ended)
    again = services.contact_role_add(
        organisation=contact.organisation, person=contact.person, role=Role.DIRECTOR
    )
    assert again.pk != contact.pk


def test_an_organisation_has_one_privileged_contact_at_a_time():
    first = ContactRoleFactory(is_primary=True)
    org = first.organisation
    second = services.contact_role_add(
        organisation=org, person=PersonFactory(organisation=org), role=Role.HR, is_primary=True
    )
    first.refresh_from_db()
    assert (first.is_primary, second.is_primary) == (False, True)

    services.contact_role_mark_primary(contact=first)

    assert list(ContactRole.objects.filter(is_primary=True)) == [first]


def test_a_new_person_is_recorded_at_the_organisation_with_their_role():
    org = OrganisationFactory()

    contact = services.contact_create(
        organisation=org, first_name="Inès", last_name="Roche", role=Role.MAIN, email="ines@example.org"
    )

    assert contact.person.organisation == org and contact.person.email == "ines@example.org"


def test_roles_are_audited():
    contact = ContactRoleFactory()
    services.contact_role_end(contact=contact)

    entries = AuditEntry.objects.filter(content_type__model="contactrole", object_id=str(contact.pk))
    actions = list(entries.order_by("pk").values_list("action", flat=True))

    assert actions == ["create", "update"]


@pytest.mark.parametrize("persona", ["direction", "coordinator", "outreach_officer"])
def test_managers_and_outreach_officers_add_a_contact_from_the_organisation_page(persona, request, as_user):
    org = OrganisationFactory()
    person = PersonFactory(organisation=org)
    client = as_user(request.getfixturevalue(persona))

    page = client.get(org.get_absolute_url())
    assert "Rôles des contacts" in page.content.decode()
    response = client.post(
        reverse("network:contact_add", args=[org.pk]), {"person": person.pk, "role": Role.TECHNICAL}
    )

    assert response.status_code == 302
    assert ContactRole.objects.get().role == Role.TECHNICAL


def test_a_new_person_can_be_typed_in_and_a_form_without_anyone_says_so(as_user, coordinator):
    org = OrganisationFactory()
    client = as_user(coordinator)
    url = reverse("network:contact_add", args=[org.pk])

    empty = client.post(url, {"role": Role.MAIN})
    created = client.post(url, {"first_name": "Léa", "last_name": "Martin", "role": Role.MAIN})

    assert "Choisissez une personne" in empty.content.decode()
    assert created.status_code == 302
    assert ContactRole.objects.get().person.last_name == "Martin"


def test_an_engineer_sees_the_contacts_but_may_not_change_them(as_user, engineer):
    contact = ContactRoleFactory()
    client = as_user(engineer)

    page = client.get(contact.organisation.get_absolute_url()).content.decode()

    assert contact.person.full_name in page and "Ajouter un contact" not in page
    assert client.get(reverse("network:contact_add", args=[contact.organisation.pk])).status_code == 403
    assert (
        client.post(reverse("network:contact_end", args=[contact.pk]), {"confirm": "on"}).status_code == 403
    )


def test_a_trainer_sees_no_network_section_on_the_organisation_page(as_user, trainer):
    contact = ContactRoleFactory()
    InteractionFactory(organisation=contact.organisation, subject="Visite de l'atelier")

    page = as_user(trainer).get(contact.organisation.get_absolute_url()).content.decode()

    assert "Rôles des contacts" not in page and "Visite de l'atelier" not in page and "Historique" not in page


def test_ending_a_role_asks_for_confirmation_first(as_user, coordinator):
    contact = ContactRoleFactory()
    client = as_user(coordinator)
    url = reverse("network:contact_end", args=[contact.pk])

    assert client.post(url, {}).status_code == 200  # the confirmation page again
    contact.refresh_from_db()
    assert contact.end is None
    client.post(url, {"confirm": "on"})
    contact.refresh_from_db()
    assert contact.end == timezone.localdate()


def test_the_api_lists_adds_and_ends_contacts(as_user, outreach_officer):
    org = OrganisationFactory()
    person = PersonFactory(organisation=org)
    client = as_user(outreach_officer)
    url = f"/api/network/organisations/{org.pk}/contacts"

    created = client.post(url, {"person_id": person.pk, "role": "hr"}, content_type="application/json")
    again = client.post(url, {"person_id": person.pk, "role": "hr"}, content_type="application/json")
    unknown = client.post(url, {"person_id": 999999, "role": "hr"}, content_type="application/json")
    listed = client.get(url).json()
    ended = client.post(
        f"/api/network/contacts/{created.json()['id']}/end", {}, content_type="application/json"
    )

    assert created.status_code == 201 and listed[0]["name"] == person.full_name
    assert again.status_code == 409 and "role" in again.json()["errors"]
    assert unknown.status_code == 422 and "person_id" in unknown.json()["errors"]
    assert ended.json()["end"] == timezone.localdate().isoformat()


def test_the_api_refuses_contacts_to_a_trainer(as_user, trainer):
    org = OrganisationFactory()

    assert as_user(trainer).get(f"/api/network/organisations/{org.pk}/contacts").status_code == 403


def test_erasing_a_person_leaves_nothing_of_them_in_contacts_and_interactions(direction):
    contact = ContactRoleFactory()
    person = contact.person
    interaction = InteractionFactory(organisation=contact.organisation)
    interaction.contacts.add(person)

    core_services.person_erase(person=person, by=direction)

    assert not ContactRole.objects.filter(person=person).exists()
    assert not Interaction.contacts.through.objects.filter(person=person).exists()
    assert Interaction.objects.filter(pk=interaction.pk).exists()  # the hub's record stays


def test_a_person_s_export_holds_their_roles_and_the_interactions_they_attended(direction):
    contact = ContactRoleFactory(role=Role.TUTOR)
    interaction = InteractionFactory(organisation=contact.organisation, subject="Bilan de période")
    interaction.contacts.add(contact.person)

    data = core_services.person_export(person=contact.person, by=direction)["connecter_contacts"]

    assert data["rôles_de_contact"][0]["rôle"] == Role.TUTOR.label
    assert [i["objet"] for i in data["échanges"]] == ["Bilan de période"]
