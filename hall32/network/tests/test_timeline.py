"""One timeline per organisation across the four missions, through the other apps' selectors:
contracts (Former), projects and quotes (Innover), events (Informer), interactions and
partnership changes (Connecter); each viewer sees only the parts they may see."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from hall32.core.tests.factories import OrganisationFactory, PersonFactory, SchoolFactory
from hall32.industry.models import Quote
from hall32.industry.selectors.projects import projects_of_client
from hall32.industry.tests.factories import ProjectFactory
from hall32.network.models import Partnership
from hall32.network.selectors.contacts import organisation_timeline
from hall32.network.services import partnership_change_stage, partnership_end
from hall32.network.tests.factories import PartnershipFactory
from hall32.network.tests.factories_contacts import InteractionFactory
from hall32.outreach.selectors import organisation_participations
from hall32.outreach.tests.factories import ClassBookingFactory, EventFactory
from hall32.training.models import Contract
from hall32.training.selectors.contracts import contracts_of_employer
from hall32.training.tests.factories import contract_for

pytestmark = pytest.mark.django_db

D = dt.date


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def company():
    """An organisation with one of everything: a partnership that lapsed, a contract, an event it
    hosted, a project with a quote, an interaction."""
    org = OrganisationFactory(name="Forges du Livradois")
    partnership = PartnershipFactory(organisation=org, start=D(2019, 9, 1))
    partnership_end(partnership=partnership, on=D(2024, 6, 30))
    contract_for(PersonFactory(first_name="Jade", last_name="Roux"), employer=org, start_date=D(2020, 9, 1))
    EventFactory(
        host=org, title="Portes ouvertes de l'usine", start=_at(D(2021, 3, 10)), end=_at(D(2021, 3, 10), 16)
    )
    project = ProjectFactory(client=org, reference="PI-2022-007", requested_on=D(2022, 1, 10))
    Quote.objects.create(
        project=project, number="DEV-2022-001", status=Quote.Status.SENT, issued_on=D(2022, 2, 1)
    )
    InteractionFactory(organisation=org, subject="Bilan annuel", happened_at=_at(D(2023, 5, 5)))
    return org


def test_an_organisation_s_timeline_gathers_the_four_missions_newest_first(company, direction):
    entries = organisation_timeline(organisation=company, user=direction)

    assert [(e.day, e.mission) for e in entries] == [
        (D(2024, 6, 30), "connect"),  # the partnership lapsed
        (D(2023, 5, 5), "connect"),  # the interaction
        (D(2022, 2, 1), "innovate"),  # the quote
        (D(2022, 1, 10), "innovate"),  # the project
        (D(2021, 3, 10), "inform"),  # the event it hosted
        (D(2020, 9, 1), "train"),  # the contract
        (D(2019, 9, 1), "connect"),  # it became a partner
    ]
    texts = " | ".join(e.text for e in entries)
    for part in [
        "Jade Roux",
        "PI-2022-007",
        "DEV-2022-001",
        "Portes ouvertes",
        "Bilan annuel",
        "Fin du partenariat",
    ]:
        assert part in texts
    assert all(e.url for e in entries if e.mission != "connect" or "Bilan" in e.text)


def test_each_viewer_sees_only_the_parts_they_may_see(company, engineer, outreach_officer):
    def missions(user) -> set[str]:
        return {e.mission for e in organisation_timeline(organisation=company, user=user)}

    assert missions(engineer) == {"inform", "innovate", "connect"}  # no apprentice's contract
    assert missions(outreach_officer) == {"inform", "connect"}  # neither contracts nor projects


def test_the_timeline_is_closed_to_trainers_and_outside_users(company, trainer, client_user, as_user):
    assert organisation_timeline(organisation=company, user=trainer) == []
    assert organisation_timeline(organisation=company, user=client_user) == []
    url = reverse("network:organisation_history", args=[company.pk])
    assert as_user(trainer).get(url).status_code == 403


def test_the_organisation_page_shows_the_latest_entries_and_links_to_the_whole_history(
    company, as_user, direction
):
    client = as_user(direction)

    page = client.get(company.get_absolute_url()).content.decode()
    history = client.get(reverse("network:organisation_history", args=[company.pk])).content.decode()

    assert "Historique" in page and reverse("network:organisation_history", args=[company.pk]) in page
    assert "Bilan annuel" in history and "Jade Roux" in history


def test_the_history_page_says_so_when_there_is_nothing_yet(as_user, coordinator):
    org = OrganisationFactory()

    page = as_user(coordinator).get(reverse("network:organisation_history", args=[org.pk])).content.decode()

    assert "Rien encore" in page


def test_a_dropped_prospect_and_a_partner_still_open_read_as_such(direction):
    org = OrganisationFactory()
    PartnershipFactory(organisation=org, kind=Partnership.Kind.COMPANY, start=D(2021, 1, 4))
    prospect = PartnershipFactory(
        organisation=org,
        kind=Partnership.Kind.INDUSTRY_CLIENT,
        stage=Partnership.Stage.PROSPECT,
        start=D(2022, 1, 3),
    )
    partnership_end(partnership=prospect, on=D(2022, 6, 1))

    texts = [e.text for e in organisation_timeline(organisation=org, user=direction)]

    assert texts[0].startswith("Prospect abandonné") and texts[-1].startswith("Devient partenaire")


# --- The other apps' selectors the timeline reads -------------------------------------------------


def test_training_lists_an_employer_s_contracts_for_those_who_may_see_them(direction, engineer):
    org = OrganisationFactory()
    contract = contract_for(PersonFactory(), employer=org)
    contract_for(PersonFactory())  # another employer's

    assert list(contracts_of_employer(organisation=org, user=direction)) == [contract]
    assert list(contracts_of_employer(organisation=org, user=engineer)) == []
    assert Contract.objects.count() == 2


def test_industry_lists_a_client_s_projects_for_its_team_only(engineer, coordinator):
    project = ProjectFactory()
    ProjectFactory()

    assert list(projects_of_client(organisation=project.client, user=engineer)) == [project]
    assert list(projects_of_client(organisation=project.client, user=coordinator)) == []


def test_outreach_lists_the_events_a_school_booked_and_the_ones_it_hosted(outreach_officer, teacher):
    school = SchoolFactory()
    booking = ClassBookingFactory(school=school, class_name="3e B")
    hosted = EventFactory(host=school)
    ClassBookingFactory(school=school, status="cancelled")

    rows = organisation_participations(organisation=school, user=outreach_officer)

    assert {(r.event, r.how) for r in rows} == {(booking.event, "booking"), (hosted, "host")}
    assert organisation_participations(organisation=school, user=teacher) == []


def test_a_move_to_contacted_comes_from_the_audit_trail(direction):
    org = OrganisationFactory()
    prospect = PartnershipFactory(organisation=org, stage=Partnership.Stage.PROSPECT, start=D(2025, 1, 6))

    partnership_change_stage(partnership=prospect, stage=Partnership.Stage.CONTACTED)

    texts = [e.text for e in organisation_timeline(organisation=org, user=direction)]
    assert texts[0].startswith("Étape « Contacté »") and texts[1].startswith("Premier contact")
