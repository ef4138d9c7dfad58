"""The hub's network panel (registered by the network app): the directory and the partner companies
per school year (counted in test_partner_companies)."""

import datetime as dt

import pytest
from django.utils import timezone

from hall32.core.schoolyear import SchoolYear
from hall32.core.tests.factories import OrganisationFactory
from hall32.network.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def test_the_network_panel_shows_the_directory_and_the_partners_per_year(as_user, direction):
    PartnershipFactory(organisation=OrganisationFactory(name="Michelin"), start=dt.date(2019, 9, 1))

    response = as_user(direction).get("/")

    assert response.status_code == 200
    assert "network/_panel_directory.html" in [t.name for t in response.templates]
    panel = response.context["panels"]
    [(_panel, context)] = [(p, c) for p, c in panel if p.key == "network.directory"]
    this_year = SchoolYear.of(timezone.localdate())
    assert context["partners"][-1] == (this_year, 1)
    assert context["counts"]["companies"] == 1
    assert "Entreprises partenaires par année scolaire" in response.content.decode()
