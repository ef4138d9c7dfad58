"""The hub's partner companies: counted per school year from their partnership dates, and shown
on the dashboards of the hub's network panel (registered by the network app)."""

import datetime as dt

import pytest
from django.utils import timezone

from hall32.core.schoolyear import SchoolYear
from hall32.core.tests.factories import OrganisationFactory, SchoolFactory
from hall32.network import selectors

pytestmark = pytest.mark.django_db


def test_a_company_counts_as_partner_in_every_school_year_its_partnership_overlaps():
    OrganisationFactory(partner_since=dt.date(2020, 9, 1))  # still a partner
    OrganisationFactory(partner_since=dt.date(2019, 3, 1), partner_until=dt.date(2021, 7, 10))
    OrganisationFactory(partner_since=dt.date(2023, 8, 31))  # the last day of 2022-2023
    OrganisationFactory()  # never a partner
    SchoolFactory(partner_since=dt.date(2020, 9, 1))  # a partner school, not a company

    counts = selectors.partner_companies_by_year(years=[SchoolYear(y) for y in (2018, 2020, 2021, 2022)])

    assert counts == {SchoolYear(2018): 1, SchoolYear(2020): 2, SchoolYear(2021): 1, SchoolYear(2022): 2}


def test_the_network_panel_shows_the_directory_and_the_partners_per_year(as_user, direction):
    OrganisationFactory(name="Michelin", partner_since=dt.date(2019, 9, 1))

    response = as_user(direction).get("/")

    assert response.status_code == 200
    assert "network/_panel_directory.html" in [t.name for t in response.templates]
    panel = response.context["panels"]
    [(_panel, context)] = [(p, c) for p, c in panel if p.key == "network.directory"]
    this_year = SchoolYear.of(timezone.localdate())
    assert context["partners"][-1] == (this_year, 1)
    assert context["counts"]["companies"] == 1
    assert "Entreprises partenaires par année scolaire" in response.content.decode()
