"""Training API: apply without an account (422 naming fields), cohorts, a learner's path, figures."""

import datetime as dt

import pytest

from hall32.core.roles import Role
from hall32.training.models import Application
from hall32.training.tests.factories import CohortFactory, CourseFactory, EnrolmentFactory, framework

pytestmark = pytest.mark.django_db


def test_apply_through_the_api(client):
    course = CourseFactory()

    response = client.post(
        "/api/training/applications",
        {
            "course_id": course.pk,
            "school_year": 2027,
            "first_name": "Léa",
            "last_name": "Martin",
            "birth_date": "2001-04-03",
            "email": "lea@example.org",
            "motivation": "J'adore réparer les machines agricoles.",
        },
        content_type="application/json",
    )

    assert response.status_code == 201
    token = response.json()["token"]
    assert client.get(f"/api/training/applications/{token}").json()["status"] == "received"


def test_a_malformed_application_gets_422_naming_the_fields(client):
    response = client.post(
        "/api/training/applications",
        {
            "course_id": CourseFactory().pk,
            "school_year": 1990,
            "first_name": "",
            "last_name": "Martin",
            "birth_date": "03/04/2001",
            "email": "nope",
            "motivation": "x",
        },
        content_type="application/json",
    )

    assert response.status_code == 422
    assert {"school_year", "first_name", "birth_date", "email"} <= set(response.json()["errors"])
    assert not Application.objects.exists()


def test_a_minor_without_guardian_is_refused_by_the_api_too(client):
    minor = dt.date.today().replace(year=dt.date.today().year - 15)

    response = client.post(
        "/api/training/applications",
        {
            "course_id": CourseFactory().pk,
            "school_year": 2027,
            "first_name": "Noé",
            "last_name": "Petit",
            "birth_date": minor.isoformat(),
            "email": "noe@example.org",
            "motivation": "Je veux devenir technicien de maintenance.",
        },
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "guardian_last_name" in response.json()["errors"]


def test_a_trainer_lists_only_their_cohorts(as_user, make_user, django_assert_max_num_queries):
    trainer = make_user(Role.TRAINER)
    mine = CohortFactory()
    mine.trainers.add(trainer.person)
    CohortFactory()
    client = as_user(trainer)

    with django_assert_max_num_queries(8):
        response = client.get("/api/training/cohorts")

    assert [c["code"] for c in response.json()] == [mine.code]


def test_a_learners_path_is_visible_to_themselves_only(as_user, make_user):
    enrolment = EnrolmentFactory()
    framework(enrolment.cohort.course)
    learner = make_user(Role.LEARNER, person=enrolment.person)

    mine = as_user(learner).get(f"/api/training/learners/{enrolment.person.pk}/path")
    other = as_user(learner).get(f"/api/training/learners/{EnrolmentFactory().person.pk}/path")

    assert mine.status_code == 200 and len(mine.json()["competencies"]) == 2
    assert other.status_code == 403
