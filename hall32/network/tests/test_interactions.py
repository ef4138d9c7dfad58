"""Interactions with an organisation: the services' rules, who may record, change and delete
them, the list page (search, filters, sort, export), the organisation page, and the API."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from hall32.core.roles import Role
from hall32.core.tests.factories import OrganisationFactory, PersonFactory
from hall32.network.errors import NetworkError
from hall32.network.models import FollowUpTask, Interaction
from hall32.network.services import contacts as services
from hall32.network.tests.factories_contacts import InteractionFactory

pytestmark = pytest.mark.django_db

Kind = Interaction.Kind


def _new(org, owner, **extra):
    values = {
        "organisation": org,
        "kind": Kind.MEETING,
        "happened_at": timezone.now(),
        "subject": "Présentation de l'apprentissage",
        "owner": owner,
    }
    return services.interaction_create(**{**values, **extra})


def test_an_interaction_is_recorded_with_the_people_of_the_organisation_who_were_there(outreach_officer):
    org = OrganisationFactory()
    present = PersonFactory(organisation=org)

    interaction = _new(org, outreach_officer, contacts=[present])

    assert list(interaction.contacts.all()) == [present]
    assert interaction.owner == outreach_officer


def test_someone_from_another_organisation_cannot_be_listed_as_present(outreach_officer):
    org = OrganisationFactory()
    stranger = PersonFactory(organisation=OrganisationFactory())

    with pytest.raises(NetworkError) as refusal:
        _new(org, outreach_officer, contacts=[stranger])

    assert refusal.value.field == "contacts"
    assert not Interaction.objects.exists()


def test_the_owner_must_be_someone_who_follows_partners(trainer, outreach_officer):
    org = OrganisationFactory()

    with pytest.raises(NetworkError) as refusal:
        _new(org, trainer)
    assert refusal.value.field == "owner"
    with pytest.raises(NetworkError) as blank:
        _new(org, outreach_officer, subject="  ")
    assert blank.value.field == "subject"


def test_the_form_records_an_interaction_and_its_follow_up_task_with_the_user_as_default_owner(
    as_user, outreach_officer
):
    org = OrganisationFactory()
    person = PersonFactory(organisation=org)
    client = as_user(outreach_officer)
    url = reverse("network:interaction_create", args=[org.pk])

    form = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "kind": Kind.VISIT,
            "happened_at": "2026-11-20T14:30",
            "subject": "Visite de l'atelier",
            "contacts": [person.pk],
            "owner": outreach_officer.pk,
            "task_title": "Envoyer la convention",
            "task_due_on": "2026-12-15",
            "task_remind_days_before": "2",
        },
    )

    assert f'value="{outreach_officer.pk}" selected' in form
    assert response.status_code == 302
    interaction = Interaction.objects.get()
    local = timezone.localtime(interaction.happened_at)
    assert (local.hour, local.minute, str(local.tzinfo)) == (14, 30, "Europe/Paris")
    task = FollowUpTask.objects.get()
    assert (task.interaction, task.due_on, task.owner) == (
        interaction,
        dt.date(2026, 12, 15),
        outreach_officer,
    )


def test_a_follow_up_task_without_a_due_date_is_refused_next_to_the_field(as_user, coordinator):
    org = OrganisationFactory()
    response = as_user(coordinator).post(
        reverse("network:interaction_create", args=[org.pk]),
        {"kind": Kind.CALL, "happened_at": "2026-11-20T09:00", "subject": "Appel", "owner": coordinator.pk}
        | {"task_title": "Rappeler"},
    )

    assert response.status_code == 200 and "Indiquez pour quand" in response.content.decode()
    assert not Interaction.objects.exists()


def test_only_its_owner_or_a_manager_changes_an_interaction(as_user, make_user, coordinator):
    owner = make_user(Role.OUTREACH_OFFICER)
    colleague = make_user(Role.OUTREACH_OFFICER)
    interaction = InteractionFactory(owner=owner, subject="Avant")
    url = reverse("network:interaction_edit", args=[interaction.pk])
    data = {"kind": Kind.CALL, "happened_at": "2026-11-20T09:00", "subject": "Après", "owner": owner.pk}

    seen = as_user(colleague).get(url)
    refused = as_user(colleague).post(url, data)
    changed = as_user(coordinator).post(url, data)

    assert seen.status_code == 200 and "disabled" in seen.content.decode()
    assert refused.status_code == 403
    assert changed.status_code == 302
    interaction.refresh_from_db()
    assert interaction.subject == "Après"


def test_deleting_an_interaction_asks_first_and_keeps_its_tasks(as_user, outreach_officer):
    interaction = InteractionFactory(owner=outreach_officer)
    task = services.task_create(
        organisation=interaction.organisation,
        title="Relancer",
        due_on=timezone.localdate(),
        owner=outreach_officer,
        interaction=interaction,
    )
    client = as_user(outreach_officer)
    url = reverse("network:interaction_delete", args=[interaction.pk])

    assert client.post(url, {}).status_code == 200
    assert client.post(url, {"confirm": "on"}).status_code == 302

    assert not Interaction.objects.exists()
    task.refresh_from_db()
    assert task.interaction is None


def test_the_list_searches_filters_sorts_and_exports(as_user, coordinator, outreach_officer):
    org = OrganisationFactory(name="Forges du Livradois")
    InteractionFactory(organisation=org, kind=Kind.VISIT, subject="Visite des forges", owner=outreach_officer)
    InteractionFactory(kind=Kind.CALL, subject="Appel au lycée", owner=coordinator)
    client = as_user(coordinator)
    url = reverse("network:interaction_list")

    everything = client.get(url).content.decode()
    searched = client.get(url, {"q": "Livradois"}).content.decode()
    by_kind = client.get(url, {"kind": Kind.CALL}).content.decode()
    by_owner = client.get(url, {"owner": outreach_officer.pk, "sort": "organisation"}).content.decode()
    csv = client.get(url, {"export": "csv", "kind": Kind.VISIT})
    xlsx = client.get(url, {"export": "xlsx"})

    assert "Visite des forges" in everything and "Appel au lycée" in everything
    assert "Visite des forges" in searched and "Appel au lycée" not in searched
    assert "Appel au lycée" in by_kind and "Visite des forges" not in by_kind
    assert "Visite des forges" in by_owner and "Appel au lycée" not in by_owner
    text = csv.content.decode("utf-8-sig")
    assert "Visite des forges" in text and "Appel au lycée" not in text
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_list_filters_by_period_and_says_when_nothing_matches(as_user, coordinator):
    InteractionFactory(subject="Ancien", happened_at=timezone.make_aware(dt.datetime(2024, 3, 1, 10)))
    InteractionFactory(subject="Récent", happened_at=timezone.make_aware(dt.datetime(2026, 3, 1, 10)))
    client = as_user(coordinator)
    url = reverse("network:interaction_list")

    page = client.get(url, {"since": "2025-01-01", "until": "2026-12-31"}).content.decode()
    empty = client.get(url, {"q": "introuvable"}).content.decode()

    assert "Récent" in page and "Ancien" not in page
    assert "Aucun échange ne correspond" in empty


def test_the_list_keeps_its_queries_few(as_user, coordinator, django_assert_max_num_queries):
    for _ in range(5):
        interaction = InteractionFactory(owner=coordinator)
        interaction.contacts.add(PersonFactory(organisation=interaction.organisation))
    client = as_user(coordinator)
    client.get(reverse("network:interaction_list"))

    with django_assert_max_num_queries(14):
        client.get(reverse("network:interaction_list"))


@pytest.mark.parametrize("persona", ["trainer", "teacher", "client_user", "tutor", "learner"])
def test_the_list_and_my_tasks_are_closed_to_everyone_outside_the_network_team(persona, request, as_user):
    client = as_user(request.getfixturevalue(persona))

    assert client.get(reverse("network:interaction_list")).status_code == 403
    assert client.get(reverse("network:my_tasks")).status_code == 403
    assert client.get("/api/network/interactions").status_code == 403


def test_the_organisation_page_shows_its_recent_interactions(as_user, engineer):
    interaction = InteractionFactory(subject="Essai de la presse")

    page = as_user(engineer).get(interaction.organisation.get_absolute_url()).content.decode()

    assert "Essai de la presse" in page and "Nouvel échange" in page


def test_the_api_creates_filters_updates_and_deletes_interactions(as_user, outreach_officer):
    org = OrganisationFactory()
    person = PersonFactory(organisation=org)
    client = as_user(outreach_officer)
    body = {
        "organisation_id": org.pk,
        "kind": "call",
        "happened_at": "2026-11-20T10:00",
        "subject": "Premier appel",
        "contact_ids": [person.pk],
    }

    created = client.post("/api/network/interactions", body, content_type="application/json")
    pk = created.json()["id"]
    listed = client.get("/api/network/interactions", {"kind": "call", "organisation_id": org.pk}).json()
    other = client.get("/api/network/interactions", {"kind": "visit"}).json()
    changed = client.put(
        f"/api/network/interactions/{pk}", body | {"subject": "Appel"}, content_type="application/json"
    )
    deleted = client.delete(f"/api/network/interactions/{pk}")

    assert created.status_code == 201 and created.json()["owner_id"] == outreach_officer.pk
    assert created.json()["happened_at"].startswith("2026-11-20T10:00:00+01:00")
    assert [i["id"] for i in listed["items"]] == [pk] and other["items"] == []
    assert changed.json()["subject"] == "Appel"
    assert deleted.status_code == 204 and not Interaction.objects.exists()


def test_the_api_names_the_field_of_a_refusal(as_user, outreach_officer):
    org = OrganisationFactory()
    stranger = PersonFactory()
    client = as_user(outreach_officer)
    body = {"organisation_id": org.pk, "kind": "call", "happened_at": "2026-11-20T10:00", "subject": "Appel"}

    wrong_person = client.post(
        "/api/network/interactions", body | {"contact_ids": [stranger.pk]}, content_type="application/json"
    )
    unknown_org = client.post(
        "/api/network/interactions", body | {"organisation_id": 999999}, content_type="application/json"
    )
    bad_owner = client.get("/api/network/interactions", {"owner_id": 999999})

    assert wrong_person.status_code == 400 and "contact_ids" in wrong_person.json()["errors"]
    assert unknown_org.status_code == 422 and "organisation_id" in unknown_org.json()["errors"]
    assert bad_owner.status_code == 422 and "owner_id" in bad_owner.json()["errors"]


def test_the_api_lets_only_the_owner_or_a_manager_change_an_interaction(as_user, make_user):
    interaction = InteractionFactory(owner=make_user(Role.OUTREACH_OFFICER))
    colleague = as_user(make_user(Role.OUTREACH_OFFICER))

    assert colleague.delete(f"/api/network/interactions/{interaction.pk}").status_code == 403
    assert Interaction.objects.exists()
