"""Every list page of the training app answers in a bounded number of queries, and searches."""

import datetime as dt

import pytest

from hall32.core.roles import Role
from hall32.core.tests.factories import AgencyFactory, PersonFactory
from hall32.training.models import Outcome, Referral
from hall32.training.services import admissions
from hall32.training.tests.factories import (
    CohortFactory,
    CourseFactory,
    EnrolmentFactory,
    ProgrammeFactory,
    contract_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled():
    course = CourseFactory()
    for index in range(12):
        enrolment = EnrolmentFactory(cohort=CohortFactory(course=course))
        contract_for(enrolment.person, course=course)
        Outcome.objects.create(
            learner=enrolment.person, course=course, exit_date=dt.date(2022, 7, 1), situation="employed"
        )
        admissions.application_submit(
            course=course,
            school_year=2027,
            guardian=None,
            motivation="Je veux réparer des machines.",
            applicant=admissions.Applicant(
                f"Prénom{index}", f"Nom{index}", dt.date(2001, 1, 1), f"a{index}@example.org"
            ),
        )
        Referral.objects.create(
            person=PersonFactory(birth_date=dt.date(2005, 1, 1)),
            programme=ProgrammeFactory(),
            referred_by=AgencyFactory(),
            referred_on=dt.date(2026, 10, 1),
        )
    return course


@pytest.mark.parametrize(
    "url,limit",
    [
        ("/former/admissions/", 14),
        ("/former/promotions/", 10),
        ("/former/contrats/", 12),
        ("/former/devenirs/", 40),
        ("/former/orientations/", 12),
        ("/former/programmes/", 10),
        ("/former/alertes/", 10),
    ],
)
def test_list_pages_keep_a_bounded_number_of_queries(
    as_user, make_user, filled, url, limit, django_assert_max_num_queries
):
    client = as_user(make_user(Role.COORDINATOR))

    with django_assert_max_num_queries(limit):
        response = client.get(url)

    assert response.status_code == 200


def test_the_pipeline_searches_by_name(as_user, make_user, filled):
    response = as_user(make_user(Role.COORDINATOR)).get("/former/admissions/?q=Nom7")

    assert [a.applicant.last_name for a in response.context["listing"].page.object_list] == ["Nom7"]
