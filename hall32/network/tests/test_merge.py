"""Merging two organisations that are one: every link of every app moves to the kept record in one
transaction, open partnerships and roles of a kind are made one, an audit entry says what moved,
and the merged record is gone (core.services.organisation_merge, its page and its API)."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from hall32.core import services as core_services
from hall32.core.errors import DomainError, NotFound
from hall32.core.models import AuditEntry, Organisation
from hall32.core.roles import Role
from hall32.core.tests.factories import OrganisationFactory, PersonFactory
from hall32.industry.tests.factories import BookingFactory, ProjectFactory
from hall32.network.models import Agreement, ContactRole, Interaction, Partnership
from hall32.network.tests.factories import PartnershipFactory
from hall32.outreach.models import EventTally
from hall32.outreach.tests.factories import ClassBookingFactory, EventFactory
from hall32.training.tests.factories import contract_for

pytestmark = pytest.mark.django_db

Kind, Stage = Partnership.Kind, Partnership.Stage
D = dt.date


@pytest.fixture
def pair():
    """A kept organisation and its duplicate, linked to a record of each of the four missions."""
    kept = OrganisationFactory(name="Tôlerie du Forez", siret="", city="Thiers")
    merged = OrganisationFactory(
        name="TOLERIE DU FOREZ SAS", siret="73282932000074", postcode="63300", address="2 rue du Pont"
    )
    people = PersonFactory.create_batch(2, organisation=merged)
    contract = contract_for(PersonFactory(), employer=merged)
    project = ProjectFactory(client=merged)
    booking = BookingFactory(project=project)
    event = EventFactory(host=merged)
    class_booking = ClassBookingFactory(school=merged)
    tally = EventTally.objects.create(event=EventFactory())
    tally.schools.set([merged, kept])  # one link to keep, not two
    interaction = Interaction.objects.create(
        organisation=merged,
        kind="call",
        happened_at=dt.datetime(2025, 3, 1, 10, tzinfo=dt.UTC),
        subject="Appel",
    )
    ours = PartnershipFactory(
        organisation=kept, kind=Kind.COMPANY, stage=Stage.CONTACTED, start=D(2024, 1, 1)
    )
    theirs = PartnershipFactory(
        organisation=merged, kind=Kind.COMPANY, stage=Stage.PARTNER, start=D(2021, 9, 1)
    )
    funder = PartnershipFactory(
        organisation=merged, kind=Kind.FUNDER, stage=Stage.PARTNER, start=D(2022, 1, 1)
    )
    return {
        "kept": kept,
        "merged": merged,
        "people": people,
        "contract": contract,
        "project": project,
        "booking": booking,
        "event": event,
        "class_booking": class_booking,
        "tally": tally,
        "interaction": interaction,
        "ours": ours,
        "theirs": theirs,
        "funder": funder,
    }


def test_a_merge_moves_every_link_to_the_kept_organisation_and_deletes_the_other(pair, make_user):
    kept, merged = pair["kept"], pair["merged"]
    by = make_user(Role.COORDINATOR)

    report = core_services.organisation_merge(kept=kept, merged=merged, by=by)

    assert not Organisation.objects.filter(pk=merged.pk).exists()
    for person in pair["people"]:
        person.refresh_from_db()
        assert person.organisation_id == kept.pk
    for name, field in [("contract", "employer_id"), ("project", "client_id"), ("event", "host_id")]:
        pair[name].refresh_from_db()
        assert getattr(pair[name], field) == kept.pk
    pair["class_booking"].refresh_from_db()
    assert pair["class_booking"].school_id == kept.pk
    pair["booking"].refresh_from_db()
    assert pair["booking"].project.client_id == kept.pk  # the booking follows its project
    assert list(pair["tally"].schools.all()) == [kept]
    pair["interaction"].refresh_from_db()
    assert pair["interaction"].organisation_id == kept.pk
    assert report.moved["core.person.organisation"] == 2
    assert report.total >= 8


def test_two_open_partnerships_of_a_kind_become_one_keeping_the_one_furthest_along(pair, make_user):
    kept = pair["kept"]

    core_services.organisation_merge(kept=kept, merged=pair["merged"], by=make_user(Role.COORDINATOR))

    company = Partnership.objects.get(organisation=kept, kind=Kind.COMPANY)
    assert (company.pk, company.stage, company.start) == (pair["theirs"].pk, Stage.PARTNER, D(2021, 9, 1))
    assert not Partnership.objects.filter(pk=pair["ours"].pk).exists()
    assert Partnership.objects.get(pk=pair["funder"].pk).organisation_id == kept.pk


def test_the_kept_organisation_takes_the_blank_fields_of_the_other(pair, make_user):
    kept = pair["kept"]

    report = core_services.organisation_merge(kept=kept, merged=pair["merged"], by=make_user(Role.DIRECTION))

    kept.refresh_from_db()
    assert (kept.siret, kept.address, kept.city) == ("73282932000074", "2 rue du Pont", "Thiers")
    assert "siret" in report.filled and "city" not in report.filled


def test_a_merge_writes_an_audit_entry_on_the_kept_record_naming_what_moved(pair, make_user):
    kept, merged = pair["kept"], pair["merged"]
    by = make_user(Role.COORDINATOR)

    core_services.organisation_merge(kept=kept, merged=merged, by=by)

    entry = AuditEntry.objects.get(
        action="merge", content_type=ContentType.objects.get_for_model(Organisation), object_id=str(kept.pk)
    )
    assert entry.actor == by
    assert entry.changes["fusion"][0]["nom"] == "TOLERIE DU FOREZ SAS"
    assert entry.changes["fusion"][0]["siret"] == "73282932000074"
    assert entry.changes["core.person.organisation"] == [None, 2]


def test_a_dry_run_says_what_would_move_and_writes_nothing(pair, make_user):
    kept, merged = pair["kept"], pair["merged"]

    report = core_services.organisation_merge(kept=kept, merged=merged, by=None, dry_run=True)

    assert report.moved["core.person.organisation"] == 2
    assert Organisation.objects.filter(pk=merged.pk).exists()
    assert Partnership.objects.filter(pk=pair["ours"].pk).exists()
    assert not AuditEntry.objects.filter(action="merge").exists()


def test_merging_an_organisation_into_itself_is_refused():
    org = OrganisationFactory()

    with pytest.raises(DomainError) as refusal:
        core_services.organisation_merge(kept=org, merged=org, by=None)

    assert refusal.value.field == "merged"


def test_merging_the_same_organisation_twice_is_refused_as_not_found():
    kept, merged = OrganisationFactory(), OrganisationFactory()
    core_services.organisation_merge(kept=kept, merged=merged, by=None)

    with pytest.raises(NotFound):
        core_services.organisation_merge(kept=kept, merged=merged, by=None)


def test_the_same_person_in_the_same_role_at_both_keeps_one_role():
    kept, merged = OrganisationFactory(), OrganisationFactory()
    person = PersonFactory()
    ours = ContactRole.objects.create(organisation=kept, person=person, role="hr")
    ContactRole.objects.create(
        organisation=merged, person=person, role="hr", start=D(2020, 1, 1), is_primary=True
    )

    core_services.organisation_merge(kept=kept, merged=merged, by=None)

    roles = list(ContactRole.objects.filter(person=person))
    assert [r.pk for r in roles] == [ours.pk]
    assert (roles[0].start, roles[0].is_primary) == (D(2020, 1, 1), True)


def test_an_agreement_of_a_dropped_partnership_goes_to_the_one_that_stays():
    kept, merged = OrganisationFactory(), OrganisationFactory()
    stays = PartnershipFactory(organisation=kept, stage=Stage.PARTNER, start=D(2020, 1, 1))
    dropped = PartnershipFactory(organisation=merged, stage=Stage.PROSPECT, start=D(2023, 1, 1))
    agreement = Agreement.objects.create(
        organisation=merged, partnership=dropped, title="Convention", file="x.pdf"
    )

    core_services.organisation_merge(kept=kept, merged=merged, by=None)

    agreement.refresh_from_db()
    assert (agreement.organisation_id, agreement.partnership_id) == (kept.pk, stays.pk)


# --- The page -------------------------------------------------------------------------------


def test_the_merge_page_finds_the_other_record_and_previews_what_will_move(pair, as_user, make_user):
    kept, merged = pair["kept"], pair["merged"]
    client = as_user(make_user(Role.COORDINATOR))

    search = client.get(reverse("core:organisation_merge", args=[kept.pk]), {"q": "forez"})
    preview = client.get(reverse("core:organisation_merge_confirm", args=[kept.pk, merged.pk]))

    confirm_url = reverse("core:organisation_merge_confirm", args=[kept.pk, merged.pk])
    assert confirm_url in search.content.decode()
    assert preview.context["preview"].result.moved["core.person.organisation"] == 2
    assert Organisation.objects.filter(pk=merged.pk).exists()


def test_the_merge_needs_the_box_ticked_then_moves_and_says_so(pair, as_user, make_user):
    kept, merged = pair["kept"], pair["merged"]
    client = as_user(make_user(Role.DIRECTION))
    url = reverse("core:organisation_merge_confirm", args=[kept.pk, merged.pk])

    unconfirmed = client.post(url, {})
    assert unconfirmed.status_code == 200 and Organisation.objects.filter(pk=merged.pk).exists()

    response = client.post(url, {"confirm": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == kept.get_absolute_url()
    assert "fusionnée dans" in response.content.decode()
    assert not Organisation.objects.filter(pk=merged.pk).exists()


@pytest.mark.parametrize("role", [Role.OUTREACH_OFFICER, Role.INDUSTRY_ENGINEER, Role.TRAINER])
def test_only_direction_and_coordinators_may_merge(role, as_user, make_user):
    kept, merged = OrganisationFactory(), OrganisationFactory()
    client = as_user(make_user(role))

    assert client.get(reverse("core:organisation_merge", args=[kept.pk])).status_code == 403
    response = client.post(
        reverse("core:organisation_merge_confirm", args=[kept.pk, merged.pk]), {"confirm": "on"}
    )
    assert response.status_code == 403
    assert Organisation.objects.filter(pk=merged.pk).exists()


# --- The API --------------------------------------------------------------------------------


def test_the_api_merges_and_answers_the_kept_organisation(pair, as_user, make_user):
    kept, merged = pair["kept"], pair["merged"]
    client = as_user(make_user(Role.COORDINATOR))

    response = client.post(
        f"/api/core/organisations/{kept.pk}/merge", {"merged_id": merged.pk}, content_type="application/json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["kept"]["id"] == kept.pk
    assert response.json()["moved"]["core.person.organisation"] == 2
    assert not Organisation.objects.filter(pk=merged.pk).exists()


def test_the_api_refuses_a_merge_into_itself_a_missing_record_and_the_unauthorised(as_user, make_user):
    org = OrganisationFactory()
    client = as_user(make_user(Role.COORDINATOR))
    url = f"/api/core/organisations/{org.pk}/merge"

    itself = client.post(url, {"merged_id": org.pk}, content_type="application/json")
    missing = client.post(url, {"merged_id": org.pk + 1000}, content_type="application/json")
    client = as_user(make_user(Role.OUTREACH_OFFICER))
    forbidden = client.post(url, {"merged_id": OrganisationFactory().pk}, content_type="application/json")

    assert itself.status_code == 400 and "merged" in itself.json()["errors"]
    assert missing.status_code == 404
    assert forbidden.status_code == 403
