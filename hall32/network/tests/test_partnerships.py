"""Partnerships: the stages a partnership goes through, its dates, and the data migration that
made them from core's partner dates (the yearly counts are in test_partner_companies)."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from hall32.core.schoolyear import SchoolYear
from hall32.core.tests.factories import AgencyFactory, OrganisationFactory, SchoolFactory
from hall32.network import services
from hall32.network.errors import Conflict, NetworkError
from hall32.network.models import Partnership
from hall32.network.selectors import partner_companies_count
from hall32.network.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db

Kind, Stage = Partnership.Kind, Partnership.Stage
D = dt.date


def refused(call, **kwargs) -> NetworkError:
    with pytest.raises(NetworkError) as refusal:
        call(**kwargs)
    return refusal.value


def test_a_prospect_becomes_a_partner_then_lapses_and_counts_only_as_a_partner():
    org = OrganisationFactory()
    p = services.partnership_create(organisation=org, kind=Kind.COMPANY, start=D(2018, 3, 1))
    services.partnership_change_stage(partnership=p, stage=Stage.CONTACTED, on=D(2019, 2, 1))
    assert partner_companies_count(year=SchoolYear(2018)) == 0  # a prospect, then contacted

    p = services.partnership_change_stage(partnership=p, stage=Stage.PARTNER, on=D(2020, 10, 1))
    assert (p.stage, p.start) == (Stage.PARTNER, D(2020, 10, 1))  # the partner span starts here
    p = services.partnership_change_stage(partnership=p, stage=Stage.LAPSED, on=D(2022, 1, 15))

    assert (p.stage, p.end) == (Stage.LAPSED, D(2022, 1, 15))
    counts = [partner_companies_count(year=SchoolYear(y)) for y in range(2019, 2023)]
    assert counts == [0, 1, 1, 0]


def test_ending_a_partner_lapses_it_and_ending_a_prospect_drops_it_uncounted():
    partner = PartnershipFactory(start=D(2019, 9, 1))
    prospect = PartnershipFactory(start=D(2019, 9, 1), stage=Stage.PROSPECT)

    partner = services.partnership_end(partnership=partner, on=D(2020, 2, 1))
    prospect = services.partnership_end(partnership=prospect, on=D(2020, 2, 1))

    assert (partner.stage, partner.end) == (Stage.LAPSED, D(2020, 2, 1))
    assert (prospect.stage, prospect.end) == (Stage.PROSPECT, D(2020, 2, 1))
    assert partner_companies_count(year=SchoolYear(2019)) == 1
    assert partner_companies_count(year=SchoolYear(2020)) == 0
    assert refused(services.partnership_end, partnership=partner).field == "end"


def test_a_partner_with_a_planned_end_can_end_earlier():
    p = PartnershipFactory(start=D(2019, 9, 1), end=timezone.localdate() + dt.timedelta(days=90))

    p = services.partnership_end(partnership=p, on=D(2021, 6, 30))

    assert (p.stage, p.end) == (Stage.LAPSED, D(2021, 6, 30))


def test_stage_changes_go_forward_only():
    p = PartnershipFactory(stage=Stage.PROSPECT)
    assert refused(services.partnership_change_stage, partnership=p, stage=Stage.LAPSED).field == "stage"
    assert refused(services.partnership_change_stage, partnership=p, stage="friend").field == "stage"

    lapsed = PartnershipFactory(stage=Stage.LAPSED, end=D(2020, 1, 1))
    for stage in (Stage.PARTNER, Stage.PROSPECT):
        assert refused(services.partnership_change_stage, partnership=lapsed, stage=stage).field == "stage"
    dropped = PartnershipFactory(stage=Stage.PROSPECT, end=D(2020, 1, 1))
    error = refused(services.partnership_change_stage, partnership=dropped, stage=Stage.PARTNER)
    assert error.field == "stage"
    assert Partnership.objects.get(pk=dropped.pk).stage == Stage.PROSPECT


def test_dates_and_kinds_are_checked_each_refusal_on_its_field():
    org = OrganisationFactory()
    create = services.partnership_create

    assert (
        refused(create, organisation=org, kind=Kind.COMPANY, start=D(2020, 1, 2), end=D(2020, 1, 1)).field
        == "end"
    )
    assert (
        refused(create, organisation=org, kind=Kind.COMPANY, stage=Stage.LAPSED, start=D(2020, 1, 1)).field
        == "end"
    )
    assert refused(create, organisation=org, kind=Kind.SCHOOL, start=D(2020, 1, 1)).field == "kind"
    assert (
        refused(create, organisation=SchoolFactory(), kind=Kind.COMPANY, start=D(2020, 1, 1)).field == "kind"
    )
    assert refused(create, organisation=org, kind=Kind.REFERRAL, start=D(2020, 1, 1)).field == "kind"
    assert refused(create, organisation=org, kind="friend", start=D(2020, 1, 1)).field == "kind"
    p = PartnershipFactory(organisation=org, start=D(2020, 1, 1))
    assert refused(services.partnership_end, partnership=p, on=D(2019, 12, 31)).field == "end"
    assert Partnership.objects.count() == 1
    # A founder, a funder or an OPCO may be any organisation.
    assert create(organisation=AgencyFactory(), kind=Kind.FUNDER, start=D(2020, 1, 1)).pk


def test_one_open_partnership_per_organisation_and_kind_and_no_overlap_with_a_closed_one():
    org = OrganisationFactory()
    PartnershipFactory(organisation=org, start=D(2019, 9, 1), end=D(2021, 8, 31), stage=Stage.LAPSED)
    services.partnership_create(organisation=org, kind=Kind.COMPANY, stage=Stage.PARTNER, start=D(2022, 1, 1))
    services.partnership_create(organisation=org, kind=Kind.INDUSTRY_CLIENT, start=D(2022, 1, 1))

    with pytest.raises(Conflict) as open_one:
        services.partnership_create(organisation=org, kind=Kind.COMPANY, start=D(2023, 1, 1))
    other = OrganisationFactory()
    PartnershipFactory(organisation=other, start=D(2019, 9, 1), end=D(2021, 8, 31), stage=Stage.LAPSED)
    with pytest.raises(Conflict) as overlap:
        services.partnership_create(
            organisation=other, kind=Kind.COMPANY, start=D(2021, 1, 1), end=D(2021, 3, 1)
        )

    prospect = services.partnership_create(organisation=other, kind=Kind.COMPANY, start=D(2022, 1, 1))
    with pytest.raises(Conflict) as backdated:
        services.partnership_change_stage(partnership=prospect, stage=Stage.PARTNER, on=D(2021, 8, 31))

    assert (open_one.value.field, overlap.value.field, backdated.value.field) == ("kind", "start", "start")
    assert Partnership.objects.filter(organisation=org).count() == 3


def test_the_database_backs_up_the_rules():
    org = OrganisationFactory()
    PartnershipFactory(organisation=org)
    for broken in (
        {"organisation": org},  # a second open partnership of the same kind
        {"start": D(2020, 1, 2), "end": D(2020, 1, 1)},
        {"stage": Stage.LAPSED, "end": None},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            PartnershipFactory(**broken)


def test_partnership_changes_are_audited():
    from hall32.core.models import AuditEntry

    p = PartnershipFactory(stage=Stage.PROSPECT)
    services.partnership_change_stage(partnership=p, stage=Stage.CONTACTED)

    assert AuditEntry.objects.filter(object_id=str(p.pk), content_type__model="partnership").count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_migration_makes_a_partnership_of_the_right_kind_for_each_partner_organisation():
    before = [("network", "0001_partnerships")]
    after = [("network", "0002_partnerships_from_organisations")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        Org = executor.loader.project_state(before).apps.get_model("core", "Organisation")
        made = {
            "founder": Org.objects.create(
                name="Michelin", kind="company", is_founder=True, partner_since=D(2019, 9, 1)
            ),
            "host": Org.objects.create(name="Usinage", kind="company", partner_since=D(2020, 1, 6)),
            "gone": Org.objects.create(
                name="Chaudronnerie", kind="company", partner_since=D(2019, 9, 1), partner_until=D(2021, 5, 3)
            ),
            "school": Org.objects.create(name="Collège", kind="school", partner_since=D(2019, 9, 1)),
            "agency": Org.objects.create(name="Mission Locale", kind="agency", partner_since=D(2020, 2, 1)),
            "funder": Org.objects.create(name="Région", kind="public_body", partner_since=D(2019, 9, 1)),
        }
        Org.objects.create(name="Prospect", kind="company")

        MigrationExecutor(connection).migrate(after)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    rows = {p.organisation_id: (p.kind, p.stage, p.start, p.end) for p in Partnership.objects.all()}
    assert rows == {
        made["founder"].pk: (Kind.FOUNDER, Stage.PARTNER, D(2019, 9, 1), None),
        made["host"].pk: (Kind.COMPANY, Stage.PARTNER, D(2020, 1, 6), None),
        made["gone"].pk: (Kind.COMPANY, Stage.LAPSED, D(2019, 9, 1), D(2021, 5, 3)),
        made["school"].pk: (Kind.SCHOOL, Stage.PARTNER, D(2019, 9, 1), None),
        made["agency"].pk: (Kind.REFERRAL, Stage.PARTNER, D(2020, 2, 1), None),
        made["funder"].pk: (Kind.FUNDER, Stage.PARTNER, D(2019, 9, 1), None),
    }
    assert partner_companies_count(year=SchoolYear(2021)) == 2  # the founder and the host


def test_the_admin_lists_and_filters_partnerships_read_only(client, direction):
    PartnershipFactory(organisation=OrganisationFactory(name="Michelin"), kind=Kind.FOUNDER)
    PartnershipFactory(organisation=OrganisationFactory(name="Aubert"), stage=Stage.PROSPECT)
    client.force_login(direction)
    url = reverse("admin:network_partnership_changelist")

    page = client.get(url, {"stage__exact": Stage.PROSPECT, "q": "a"})

    assert page.status_code == 200
    assert [p.organisation.name for p in page.context["cl"].result_list] == ["Aubert"]
    assert client.get(reverse("admin:network_partnership_add")).status_code == 403


def test_core_organisation_page_shows_the_organisation_partnerships(as_user, coordinator):
    org = OrganisationFactory(name="Usinage")
    mine = PartnershipFactory(organisation=org, kind=Kind.COMPANY, stage=Stage.PARTNER, start=D(2020, 1, 6))
    PartnershipFactory(organisation=OrganisationFactory(name="Ailleurs"), kind=Kind.SCHOOL)

    page = as_user(coordinator).get(reverse("core:organisation_detail", args=[org.pk]))

    assert page.status_code == 200
    [data] = [data for section, data in page.context["sections"] if section.key == "network.partnerships"]
    assert [p for p, _stages, _endable in data["partnerships"]] == [mine]
    assert "depuis le 6 janvier 2020" in page.content.decode()


def test_the_partnership_section_is_left_out_for_who_may_not_see_partnerships(rf, outsider):
    from hall32.network.panels import organisation_partnerships

    request = rf.get("/")
    request.user = outsider
    org = OrganisationFactory()
    PartnershipFactory(organisation=org)

    assert organisation_partnerships(request, org) is None
