"""Attendance: taken only by the cohort's trainers, statistics per learner, alerts over the threshold."""

import datetime as dt

import pytest
from django.core import mail

from hall32.core.errors import Forbidden
from hall32.core.models import Guardianship
from hall32.core.roles import Role
from hall32.core.tests.factories import PersonFactory
from hall32.training.models import AbsenceAlert, Attendance
from hall32.training.selectors.attendance import cohort_stats, learner_stats
from hall32.training.services.attendance import Mark, attendance_record
from hall32.training.services.cohorts import school_weeks
from hall32.training.tests.factories import CohortFactory, EnrolmentFactory, SessionFactory, attendance_codes

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(make_user):
    codes = attendance_codes()
    cohort = CohortFactory()
    trainer = make_user(Role.TRAINER)
    cohort.trainers.add(trainer.person)
    learners = [EnrolmentFactory(cohort=cohort).person for _ in range(2)]
    return codes, cohort, trainer, learners


def test_the_cohorts_trainer_takes_attendance(setting):
    codes, cohort, trainer, learners = setting
    session = SessionFactory(cohort=cohort)

    attendance_record(
        session=session,
        marks={learners[0].pk: Mark(codes["P"].pk), learners[1].pk: Mark(codes["R"].pk, minutes_late=10)},
        by=trainer,
    )

    assert Attendance.objects.get(learner=learners[1]).minutes_late == 10


def test_a_trainer_cannot_take_attendance_for_a_cohort_that_is_not_theirs(setting, make_user):
    codes, cohort, _trainer, learners = setting
    stranger = make_user(Role.TRAINER)

    with pytest.raises(Forbidden):
        attendance_record(
            session=SessionFactory(cohort=cohort), marks={learners[0].pk: Mark(codes["P"].pk)}, by=stranger
        )
    assert not Attendance.objects.exists()


def test_the_attendance_page_refuses_another_trainer(setting, as_user, make_user):
    _codes, cohort, trainer, _learners = setting
    session = SessionFactory(cohort=cohort)

    assert as_user(make_user(Role.TRAINER)).get(f"/former/seances/{session.pk}/appel/").status_code == 403
    assert as_user(trainer).get(f"/former/seances/{session.pk}/appel/").status_code == 200


def test_the_attendance_page_records_the_roll_call(setting, as_user):
    codes, cohort, trainer, learners = setting
    session = SessionFactory(cohort=cohort)
    data = {f"code_{learners[0].pk}": codes["P"].pk, f"code_{learners[1].pk}": codes["A"].pk}

    response = as_user(trainer).post(f"/former/seances/{session.pk}/appel/", data, follow=True)

    assert "Appel enregistré" in response.content.decode()
    assert Attendance.objects.get(learner=learners[1]).code == codes["A"]


def test_a_late_mark_needs_its_minutes(setting):
    codes, cohort, trainer, learners = setting

    with pytest.raises(Exception, match="minutes"):
        attendance_record(
            session=SessionFactory(cohort=cohort), marks={learners[0].pk: Mark(codes["R"].pk)}, by=trainer
        )


def test_attendance_statistics(setting):
    codes, cohort, trainer, learners = setting
    pattern = ["P", "P", "A", "E", "R", "P", "A", "P", "P", "P"]
    for day, code in enumerate(pattern):
        session = SessionFactory(cohort=cohort, date=dt.date(2026, 9, 8) + dt.timedelta(days=day))
        Attendance.objects.create(
            session=session, learner=learners[0], code=codes[code], minutes_late=5 if code == "R" else 0
        )

    stats = learner_stats(learner_id=learners[0].pk)

    assert (stats.recorded, stats.absences, stats.excused, stats.lates) == (10, 3, 1, 1)
    assert stats.absence_rate == pytest.approx(0.3)
    assert stats.unexcused_rate == pytest.approx(0.2)
    assert cohort_stats(cohort_id=cohort.pk)[learners[0].pk] == stats


def test_crossing_the_threshold_alerts_coordination_and_parents_once(
    setting, make_user, django_capture_on_commit_callbacks
):
    codes, cohort, trainer, learners = setting
    minor = learners[0]
    parent = PersonFactory(email="parent@example.org")
    Guardianship.objects.create(child=minor, guardian=parent)
    make_user(Role.COORDINATOR, email="coordination@hall32.example")
    for day in range(6):
        session = SessionFactory(cohort=cohort, date=dt.date(2026, 9, 8) + dt.timedelta(days=day))
        code = codes["A"] if day in (1, 3) else codes["P"]
        with django_capture_on_commit_callbacks(execute=True):
            attendance_record(session=session, marks={minor.pk: Mark(code.pk)}, by=trainer)

    assert AbsenceAlert.objects.filter(learner=minor, cohort=cohort).count() == 1
    recipients = sorted(r for m in mail.outbox for r in m.to)
    assert recipients == ["coordination@hall32.example", "parent@example.org"]


def test_centre_weeks_follow_the_rhythm_and_skip_holidays():
    cohort = CohortFactory.build(
        start_date=dt.date(2026, 9, 7),
        end_date=dt.date(2026, 11, 27),
        rhythm_weeks_school=2,
        rhythm_weeks_company=2,
    )

    weeks = school_weeks(cohort, holidays=[(dt.date(2026, 10, 17), dt.date(2026, 11, 2))])

    # Two weeks in, two out, by the calendar; the centre week of 2 November falls in the holidays
    # (apprentices are then at work), the rhythm is not shifted.
    assert weeks == [
        dt.date(2026, 9, 7),
        dt.date(2026, 9, 14),
        dt.date(2026, 10, 5),
        dt.date(2026, 10, 12),
        dt.date(2026, 11, 9),
    ]


def test_my_sessions_lists_what_i_teach_and_shows_my_cohorts_other_sessions_apart(
    setting, as_user, make_user
):
    _codes, cohort, trainer, _learners = setting
    colleague = make_user(Role.TRAINER)
    day = dt.date(2026, 9, 8)
    mine = SessionFactory(cohort=cohort, trainer=trainer.person, date=day, title="Usinage")
    untaught = SessionFactory(cohort=cohort, trainer=None, date=day, title="Étude")
    theirs = SessionFactory(cohort=cohort, trainer=colleague.person, date=day, title="Anglais technique")

    page = as_user(trainer).get("/former/seances/", {"jour": day.isoformat()})

    assert list(page.context["sessions"]) == [mine, untaught] or set(page.context["sessions"]) == {
        mine,
        untaught,
    }
    assert list(page.context["others"]) == [theirs]
    assert colleague.person.full_name in page.content.decode()
