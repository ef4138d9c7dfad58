"""Partner companies per school year, on a handful of companies with known dates."""

import datetime as dt

import pytest

from hall32.core.schoolyear import SchoolYear
from hall32.core.tests.factories import AgencyFactory, OrganisationFactory
from hall32.network.selectors import partner_companies_by_year, partner_companies_count

pytestmark = pytest.mark.django_db


def company(since: dt.date | None, until: dt.date | None = None):
    return OrganisationFactory(partner_since=since, partner_until=until)


def test_a_company_counts_in_every_school_year_its_partnership_overlaps():
    company(dt.date(2019, 9, 1))  # A: open-ended, from the first day of 2019-20
    company(dt.date(2018, 1, 10), dt.date(2019, 8, 31))  # ended the day before 2019-20
    company(dt.date(2020, 6, 30), dt.date(2020, 7, 1))  # C: two days at the end of 2019-20
    company(dt.date(2023, 9, 1))  # joined the day after 2022-23
    company(dt.date(2019, 10, 1), dt.date(2022, 9, 1))  # E: 2019-20 to the first day of 2022-23
    company(None)  # a company that never was a partner
    AgencyFactory(partner_since=dt.date(2019, 9, 1))  # a partner, but not a company

    assert partner_companies_count(year=SchoolYear(2019)) == 3  # A, C, E
    assert partner_companies_count(year=SchoolYear(2022)) == 2  # A, E
    assert partner_companies_by_year(years=[SchoolYear(2020), SchoolYear(2023)]) == {
        SchoolYear(2020): 2,
        SchoolYear(2023): 2,
    }
