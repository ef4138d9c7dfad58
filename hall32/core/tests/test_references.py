"""Reference numbers: one counter per kind and year, never the same number twice, even at once."""

import pytest

from hall32.core.models import Organisation, ReferenceCounter
from hall32.core.services import ReferenceSeries, reference_issue, reference_next
from hall32.core.tests.concurrency import race, skip_unless_postgres
from hall32.core.tests.factories import OrganisationFactory

# Any model with a text field numbers the same way; organisations keep the test inside core.
SERIES = ReferenceSeries(
    kind="test.organisation", model=Organisation, field="name", prefix="ORG-{year}-", digits=3
)


@pytest.mark.django_db
def test_the_first_reference_of_a_year_is_number_one_in_the_series_format():
    assert reference_issue(series=SERIES, year=2026) == "ORG-2026-001"
    assert reference_issue(series=SERIES, year=2026) == "ORG-2026-002"
    assert ReferenceCounter.objects.get(kind="test.organisation", year=2026).last == 2


@pytest.mark.django_db
def test_each_kind_and_year_counts_on_its_own():
    other = ReferenceSeries(
        kind="test.other", model=Organisation, field="name", prefix="OTH-{year}-", digits=4
    )
    reference_issue(series=SERIES, year=2026)

    assert reference_issue(series=SERIES, year=2027) == "ORG-2027-001"
    assert reference_issue(series=other, year=2026) == "OTH-2026-0001"


@pytest.mark.django_db
def test_numbers_written_without_the_service_are_skipped_not_given_again():
    OrganisationFactory(name="ORG-2026-007")  # the demo, a factory or an import wrote it
    OrganisationFactory(name="ORG-2026-x12")  # not a number: ignored
    assert reference_issue(series=SERIES, year=2026) == "ORG-2026-008"

    OrganisationFactory(name="ORG-2026-020")  # even once the counter exists
    assert reference_issue(series=SERIES, year=2026) == "ORG-2026-021"


@pytest.mark.django_db
def test_a_number_once_given_is_not_given_again_when_its_record_goes():
    first = OrganisationFactory(name=reference_issue(series=SERIES, year=2026))
    first.delete()

    assert reference_issue(series=SERIES, year=2026) == "ORG-2026-002"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_numbers_asked_at_once_from_no_counter_are_twenty_different_numbers():
    skip_unless_postgres()
    numbers, errors = race(20, lambda _i: reference_next(series=SERIES, year=2026))

    assert errors == []
    assert sorted(numbers) == list(range(1, 21))
    assert ReferenceCounter.objects.get(kind="test.organisation", year=2026).last == 20
