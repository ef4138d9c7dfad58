"""Partner companies per school year, on a handful of companies with known partnership dates."""

import datetime as dt

import pytest

from hall32.core.schoolyear import SchoolYear
from hall32.core.tests.factories import AgencyFactory, OrganisationFactory, SchoolFactory
from hall32.network.models import Partnership
from hall32.network.selectors import partner_companies_by_year, partner_companies_count
from hall32.network.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db

Kind, Stage = Partnership.Kind, Partnership.Stage


def company(start: dt.date, end: dt.date | None = None, **extra):
    stage = Stage.LAPSED if end else Stage.PARTNER
    return PartnershipFactory(start=start, end=end, stage=stage, **extra)


def test_a_company_counts_in_every_school_year_its_partnership_overlaps():
    company(dt.date(2019, 9, 1))  # A: open-ended, from the first day of 2019-20
    company(dt.date(2018, 1, 10), dt.date(2019, 8, 31))  # ended the day before 2019-20
    company(dt.date(2020, 6, 30), dt.date(2020, 7, 1))  # C: two days at the end of 2019-20
    company(dt.date(2023, 9, 1))  # joined the day after 2022-23
    company(dt.date(2019, 10, 1), dt.date(2022, 9, 1))  # E: 2019-20 to the first day of 2022-23
    OrganisationFactory()  # a company that never was a partner
    PartnershipFactory(organisation=AgencyFactory(), kind=Kind.REFERRAL)  # a partner, not a company

    assert partner_companies_count(year=SchoolYear(2019)) == 3  # A, C, E
    assert partner_companies_count(year=SchoolYear(2022)) == 2  # A, E
    assert partner_companies_by_year(years=[SchoolYear(2020), SchoolYear(2023)]) == {
        SchoolYear(2020): 2,
        SchoolYear(2023): 2,
    }


def test_only_partner_spans_of_companies_as_founders_or_hosts_count_each_company_once():
    founder = OrganisationFactory(name="Michelin", is_founder=True)
    company(dt.date(2019, 9, 1), organisation=founder, kind=Kind.FOUNDER)
    company(dt.date(2019, 9, 1), organisation=founder, kind=Kind.COMPANY)  # the same company again
    company(dt.date(2019, 9, 1), kind=Kind.INDUSTRY_CLIENT)  # a client, not a partner
    PartnershipFactory(start=dt.date(2019, 9, 1), stage=Stage.PROSPECT)
    PartnershipFactory(start=dt.date(2019, 9, 1), stage=Stage.CONTACTED)
    PartnershipFactory(start=dt.date(2019, 9, 1), end=dt.date(2020, 3, 1), stage=Stage.PROSPECT)  # dropped
    PartnershipFactory(organisation=SchoolFactory(), kind=Kind.SCHOOL, start=dt.date(2019, 9, 1))

    assert partner_companies_count(year=SchoolYear(2019)) == 1
