"""The candidates network's matching places: admitted learners without a contract, with what the
engine needs (course key, start, trade, coordinates, mobility)."""

import datetime as dt

import pytest

from hall32.core.tests.factories import OrganisationFactory
from hall32.training.models import ApplicationStatus, Contract
from hall32.training.selectors.admissions import matching_candidates
from hall32.training.tests.factories import (
    ApplicationFactory,
    CohortFactory,
    CourseFactory,
    TradeFactory,
    contract_for,
)

pytestmark = pytest.mark.django_db


def test_an_admitted_learner_without_a_contract_is_a_candidate_with_what_matching_needs():
    course = CourseFactory(rncp_code="RNCP38001")
    sought = TradeFactory(slug="usineur")
    application = ApplicationFactory(
        course=course,
        sought_trade=sought,
        sought_postcode="63100",
        mobility_km=35,
        desired_start=dt.date(2026, 9, 14),
    )

    [found] = matching_candidates(school_year=2026)

    assert found.person_id == application.applicant_id
    assert found.course_code == "RNCP38001"
    assert found.trade == "usineur"
    assert found.available_from == dt.date(2026, 9, 14)
    assert found.postcode == "63100" and found.lat is not None and found.lon is not None
    assert found.mobility_km == 35
    assert found.birth_date == application.applicant.birth_date


def test_without_an_rncp_code_the_course_code_is_the_key_and_the_cohort_start_the_availability():
    course = CourseFactory(rncp_code="", code="BAC-MEI")
    CohortFactory(course=course, school_year=2026, start_date=dt.date(2026, 9, 7))
    ApplicationFactory(course=course, desired_start=None, sought_postcode="")

    [found] = matching_candidates(school_year=2026)

    assert found.course_code == "BAC-MEI"
    assert found.available_from == dt.date(2026, 9, 7)
    assert found.trade == course.trade.slug  # no trade named: the course's
    assert found.postcode == "63000"  # the person's own postcode


def test_a_learner_with_a_contract_in_preparation_or_signed_is_not_a_candidate():
    drafted = ApplicationFactory()
    signed = ApplicationFactory()
    ended = ApplicationFactory()
    contract_for(drafted.applicant, status=Contract.Status.DRAFT)
    contract_for(signed.applicant, status=Contract.Status.SIGNED)
    contract_for(
        ended.applicant,
        status=Contract.Status.ENDED,
        start_date=dt.date(2023, 9, 1),
        end_date=dt.date(2025, 6, 30),
        training_start=dt.date(2023, 9, 1),
        exam_end=dt.date(2025, 6, 20),
        employer=OrganisationFactory(),
    )

    found = {c.person_id for c in matching_candidates(school_year=2026)}

    assert found == {ended.applicant_id}


def test_applications_not_admitted_or_of_another_year_are_left_out():
    ApplicationFactory(status=ApplicationStatus.INTERVIEW)
    ApplicationFactory(school_year=2025)
    kept = ApplicationFactory()

    assert [c.person_id for c in matching_candidates(school_year=2026)] == [kept.applicant_id]
