"""The partnerships section of an organisation's page: open a partnership, move its stage, end it
(after a confirmation), each through the services, for the managers only."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from hall32.core.models import AuditEntry
from hall32.core.roles import Role
from hall32.core.tests.factories import OrganisationFactory, SchoolFactory
from hall32.network.models import Partnership
from hall32.network.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db

Kind, Stage = Partnership.Kind, Partnership.Stage


@pytest.fixture
def coordinator_client(as_user, make_user):
    return as_user(make_user(Role.COORDINATOR))


def test_the_organisation_page_offers_to_open_move_and_end_a_partnership(coordinator_client):
    org = OrganisationFactory()
    p = PartnershipFactory(organisation=org, stage=Stage.PROSPECT)

    html = coordinator_client.get(org.get_absolute_url()).content.decode()

    assert reverse("network:partnership_create", args=[org.pk]) in html
    assert reverse("network:partnership_stage", args=[p.pk]) in html
    assert reverse("network:partnership_end", args=[p.pk]) in html
    assert "Passer à « Contacté »" in html and "Passer à « Partenaire »" in html


def test_a_coordinator_opens_a_partnership_and_it_is_audited(coordinator_client):
    org = OrganisationFactory()

    response = coordinator_client.post(
        reverse("network:partnership_create", args=[org.pk]),
        {"kind": "company", "stage": "prospect", "start": "2025-03-01", "notes": ""},
        follow=True,
    )

    p = Partnership.objects.get(organisation=org)
    assert (p.kind, p.stage, p.start) == (Kind.COMPANY, Stage.PROSPECT, dt.date(2025, 3, 1))
    assert "Partenariat ouvert." in response.content.decode()
    assert AuditEntry.objects.filter(action="create", object_id=str(p.pk)).exists()


def test_a_kind_that_does_not_fit_the_organisation_is_refused_next_to_the_field(coordinator_client):
    school = SchoolFactory()

    response = coordinator_client.post(
        reverse("network:partnership_create", args=[school.pk]),
        {"kind": "company", "stage": "prospect", "start": "2025-03-01"},
    )

    assert response.status_code == 200 and "kind" in response.context["form"].errors
    assert not Partnership.objects.exists()


def test_a_second_open_partnership_of_a_kind_is_refused(coordinator_client):
    org = OrganisationFactory()
    PartnershipFactory(organisation=org)

    response = coordinator_client.post(
        reverse("network:partnership_create", args=[org.pk]),
        {"kind": "company", "stage": "prospect", "start": "2025-03-01"},
    )

    assert "déjà un partenariat" in str(response.context["form"].errors["kind"])


def test_the_stage_button_moves_a_prospect_to_partner_on_that_day(coordinator_client):
    p = PartnershipFactory(stage=Stage.PROSPECT, start=dt.date(2024, 1, 1))
    today = timezone.localdate()

    response = coordinator_client.post(
        reverse("network:partnership_stage", args=[p.pk]),
        {"stage": "partner", "on": today.isoformat()},
        follow=True,
    )

    p.refresh_from_db()
    assert (p.stage, p.start) == (Stage.PARTNER, today)
    assert "Partenaire" in response.content.decode()
    assert response.redirect_chain[-1][0].startswith(p.organisation.get_absolute_url())


def test_a_stage_that_does_not_follow_is_refused_on_the_form(coordinator_client):
    p = PartnershipFactory(stage=Stage.PARTNER)

    response = coordinator_client.post(
        reverse("network:partnership_stage", args=[p.pk]), {"stage": "prospect", "on": "2025-01-01"}
    )

    assert response.status_code == 200 and "stage" in response.context["form"].errors
    p.refresh_from_db()
    assert p.stage == Stage.PARTNER


def test_ending_a_partnership_asks_for_confirmation_then_lapses_it(coordinator_client):
    p = PartnershipFactory(stage=Stage.PARTNER, start=dt.date(2020, 1, 1))
    url = reverse("network:partnership_end", args=[p.pk])

    page = coordinator_client.get(url)
    unconfirmed = coordinator_client.post(url, {"on": "2025-06-30"})
    p.refresh_from_db()
    assert page.status_code == 200 and unconfirmed.status_code == 200 and p.end is None

    coordinator_client.post(url, {"on": "2025-06-30", "confirm": "on"})
    p.refresh_from_db()
    assert (p.stage, p.end) == (Stage.LAPSED, dt.date(2025, 6, 30))


@pytest.mark.parametrize("role", [Role.OUTREACH_OFFICER, Role.INDUSTRY_ENGINEER, Role.TRAINER])
def test_only_managers_may_change_partnerships(as_user, make_user, role):
    p = PartnershipFactory(stage=Stage.PROSPECT)
    client = as_user(make_user(role))

    assert (
        client.post(
            reverse("network:partnership_stage", args=[p.pk]), {"stage": "partner", "on": "2025-01-01"}
        ).status_code
        == 403
    )
    assert client.get(reverse("network:partnership_create", args=[p.organisation_id])).status_code == 403
    assert (
        client.post(
            reverse("network:partnership_end", args=[p.pk]), {"confirm": "on", "on": "2025-01-01"}
        ).status_code
        == 403
    )
    p.refresh_from_db()
    assert p.stage == Stage.PROSPECT and p.end is None


def test_a_partner_can_be_ended_from_the_page_but_not_moved_back(coordinator_client):
    p = PartnershipFactory(stage=Stage.PARTNER)

    html = coordinator_client.get(p.organisation.get_absolute_url()).content.decode()

    assert reverse("network:partnership_end", args=[p.pk]) in html
    assert "Passer à" not in html
