"""Interviews are scored on the rubric's weighted criteria; school grades never count."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hall32.core.errors import DomainError
from hall32.training.models import Application, ApplicationStatus
from hall32.training.services import admissions as services
from hall32.training.tests.factories import CourseFactory, rubric


def test_the_score_is_the_weighted_share_of_the_maximum():
    assert services.rubric_score([(3, 4), (2, 2), (1, 0)]) == pytest.approx(100 * (12 + 4) / 24, abs=0.1)
    assert services.rubric_score([(3, 4), (2, 4), (1, 4)]) == 100
    assert services.rubric_score([]) == 0


@given(st.lists(st.tuples(st.integers(1, 10), st.integers(0, 4)), min_size=1, max_size=12))
def test_the_score_stays_between_0_and_100_and_grows_with_each_criterion(pairs):
    score = services.rubric_score(pairs)
    assert 0 <= score <= 100
    better = [(w, min(4, v + 1)) for w, v in pairs]
    assert services.rubric_score(better) >= score


@pytest.fixture
def at_interview(db):
    application = services.application_submit(
        course=CourseFactory(),
        school_year=2027,
        guardian=None,
        applicant=services.Applicant("Tom", "Rey", dt.date(2000, 1, 1), "tom@example.org"),
        motivation="Je veux devenir technicien de maintenance.",
    )
    for status in ["info_meeting", "interview"]:
        application = services.application_move(application=application, to_status=status, by=None)
    return application


@pytest.mark.django_db
def test_school_grades_never_enter_the_score(at_interview):
    grid = rubric()
    scores = {c.pk: v for c, v in zip(grid.criteria.all(), [4, 2, 3], strict=True)}
    weak = services.interview_record(
        application=at_interview, rubric=grid, interviewer=None, held_on=dt.date(2027, 1, 10), scores=scores
    ).score

    Application.objects.filter(pk=at_interview.pk).update(
        school_grades="Moyenne 19,5 ; félicitations du jury"
    )
    at_interview.refresh_from_db()
    strong = services.interview_record(
        application=at_interview, rubric=grid, interviewer=None, held_on=dt.date(2027, 1, 11), scores=scores
    ).score

    assert weak == strong == pytest.approx(100 * (3 * 4 + 2 * 2 + 1 * 3) / 24, abs=0.1)


@pytest.mark.django_db
def test_every_criterion_must_be_scored_and_only_at_the_interview_step(at_interview):
    grid = rubric()
    criteria = list(grid.criteria.all())

    with pytest.raises(DomainError, match="Notez chaque critère"):
        services.interview_record(
            application=at_interview,
            rubric=grid,
            interviewer=None,
            held_on=dt.date(2027, 1, 10),
            scores={criteria[0].pk: 3},
        )
    services.application_move(application=at_interview, to_status=ApplicationStatus.WITHDRAWN, by=None)
    at_interview.refresh_from_db()
    with pytest.raises(DomainError, match="Entretien de motivation"):
        services.interview_record(
            application=at_interview,
            rubric=grid,
            interviewer=None,
            held_on=dt.date(2027, 1, 10),
            scores={c.pk: 3 for c in criteria},
        )


@pytest.mark.django_db
def test_the_weights_are_configurable(at_interview):
    grid = rubric()
    scores = {c.pk: (4 if c.label == "Communication" else 0) for c in grid.criteria.all()}
    before = services.interview_record(
        application=at_interview, rubric=grid, interviewer=None, held_on=dt.date(2027, 1, 10), scores=scores
    ).score
    grid.criteria.filter(label="Communication").update(weight=6)

    after = services.interview_record(
        application=at_interview, rubric=grid, interviewer=None, held_on=dt.date(2027, 1, 11), scores=scores
    ).score

    assert before < after
