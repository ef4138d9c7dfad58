"""Projects and quotes asked for at the same moment each get their own number (PostgreSQL)."""

from decimal import Decimal

import pytest
from django.utils import timezone

from hall32.core.tests.concurrency import race, skip_unless_postgres
from hall32.core.tests.factories import OrganisationFactory
from hall32.industry.models import Project, ProjectStatus, Quote
from hall32.industry.services import projects as services
from hall32.industry.tests.factories import ProjectFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_twenty_projects_recorded_at_once_get_twenty_different_references():
    skip_unless_postgres()
    client = OrganisationFactory()

    projects, errors = race(
        20,
        lambda i: (
            services.project_create(
                project=Project(title=f"Pièce {i}", client=client, kind="part"), by=None
            ).reference
        ),
    )

    year = timezone.localdate().year
    assert errors == []
    assert sorted(projects) == [f"PI-{year}-{n:03d}" for n in range(1, 21)]
    assert Project.objects.count() == 20


def test_twenty_quotes_made_at_once_get_twenty_different_numbers():
    skip_unless_postgres()
    projects = [ProjectFactory(status=ProjectStatus.STUDY) for _ in range(20)]
    line = services.LineInput("engineering", "Étude", Decimal("4"), "h", Decimal("85.00"))

    numbers, errors = race(20, lambda i: services.quote_create(project=projects[i], lines=[line]).number)

    year = timezone.localdate().year
    assert errors == []
    assert sorted(numbers) == [f"DEV-{year}-{n:03d}" for n in range(1, 21)]
    assert Quote.objects.count() == 20
