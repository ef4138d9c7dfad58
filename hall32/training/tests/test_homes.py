"""The home pages of learners, parents and company tutors: each sees their own essentials (contract
and its dates, next sessions, absences and how to justify them, competencies, evaluations due),
never another learner's, in a number of queries that does not grow with the data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hall32.core.models import Guardianship
from hall32.core.roles import Role
from hall32.core.schoolyear import SchoolYear
from hall32.core.tests.factories import OrganisationFactory, PersonFactory, RoomFactory
from hall32.training import law, selectors
from hall32.training.models import Attendance, Contract, ContractTutor, Evaluation
from hall32.training.selectors.homes import Period, Stretch, alternation, centre_periods
from hall32.training.tests.factories import (
    CohortFactory,
    CourseFactory,
    EnrolmentFactory,
    SessionFactory,
    attendance_codes,
    contract_for,
    framework,
)

D = dt.date


# --- Plain Python: the trial period and the alternation (no database) ---------------------------------


def test_the_trial_period_ends_on_the_45th_working_day_in_the_company():
    # Monday 7 September 2026; no day at the centre: 45 working days are nine weeks.
    assert law.trial_period_end(practical_start=D(2026, 9, 7), centre_days=set()) == D(2026, 11, 6)


def test_days_at_the_centre_do_not_count_in_the_trial_period():
    centre = {D(2026, 9, 7) + dt.timedelta(days=i) for i in range(14)}  # two weeks at the centre first

    assert law.trial_period_end(practical_start=D(2026, 9, 7), centre_days=centre) == D(2026, 11, 20)


def test_days_at_the_centre_make_periods_that_a_weekend_does_not_break():
    days = [D(2026, 11, 30), D(2026, 12, 1), D(2026, 12, 4), D(2026, 12, 7), D(2026, 12, 28)]

    assert centre_periods(days) == [
        Period(D(2026, 11, 30), D(2026, 12, 7)),
        Period(D(2026, 12, 28), D(2026, 12, 28)),
    ]


def test_the_alternation_says_when_the_apprentice_is_at_the_centre_and_when_in_the_company():
    periods = [Period(D(2026, 11, 16), D(2026, 11, 27)), Period(D(2026, 12, 14), D(2026, 12, 18))]

    # Saturday 21 November, during the first period.
    assert alternation(periods, D(2026, 11, 21)) == [
        Stretch(True, D(2026, 11, 23), D(2026, 11, 27)),
        Stretch(False, D(2026, 11, 30), D(2026, 12, 11)),
        Stretch(True, D(2026, 12, 14), D(2026, 12, 18)),
        Stretch(False, D(2026, 12, 21), None),
    ]
    assert alternation([], D(2026, 11, 21)) == []


# --- The homes ------------------------------------------------------------------------------------------


def _weekday_after(day: dt.date, days: int) -> dt.date:
    day += dt.timedelta(days=days)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


class Hub:
    """Learners, each in their own cohort, with a signed contract, sessions ahead and absences."""

    def __init__(self) -> None:
        self.today = timezone.localdate()
        self.year = SchoolYear.of(self.today)
        self.codes = attendance_codes()
        self.course = CourseFactory()
        self.competencies = framework(self.course)
        self.room = RoomFactory(name="Atelier maintenance")
        self.trainer = PersonFactory(first_name="Nadia", last_name="Formatrice")

    def learner(self, name: str, *, tutor=None, minor: bool = True):
        birth = self.today.replace(year=self.today.year - (16 if minor else 20), day=1)
        cohort = CohortFactory(
            course=self.course,
            school_year=self.year.start_year,
            start_date=self.year.start,
            end_date=self.year.end,
        )
        person = EnrolmentFactory(
            cohort=cohort, person__first_name=name, person__birth_date=birth, start_date=self.year.start
        ).person
        contract = contract_for(
            person,
            employer=OrganisationFactory(name=f"Usine de {name}"),
            course=self.course,
            status=Contract.Status.SIGNED,
            start_date=self.year.start,
            practical_start=self.year.start,
            end_date=self.year.start + dt.timedelta(days=700),
            training_start=self.year.start,
            exam_end=self.year.start + dt.timedelta(days=690),
            rhythm="2 semaines au centre, 2 en entreprise",
        )
        if tutor is not None:
            ContractTutor.objects.create(contract=contract, person=tutor, job_title="Chef d'équipe")
        SessionFactory(
            cohort=cohort,
            date=_weekday_after(self.today, 1),
            title=f"Module de {name}",
            room=self.room,
            trainer=self.trainer,
        )
        past = max(self.year.start, self.today - dt.timedelta(days=3))
        for title, code in [
            (f"Absence de {name}", "A"),
            (f"Excuse de {name}", "E"),
            (f"Présence de {name}", "P"),
        ]:
            session = SessionFactory(cohort=cohort, date=past, title=title)
            Attendance.objects.create(session=session, learner=person, code=self.codes[code])
        Evaluation.objects.create(
            learner=person,
            competency=self.competencies[0],
            evaluator_role=Evaluation.By.TRAINER,
            level=Evaluation.Level.ACQUIRED,
            evaluated_on=past,
        )
        return person


@pytest.fixture
def hub(db):
    return Hub()


@pytest.mark.django_db
def test_a_learner_sees_their_contract_next_sessions_absences_and_competencies(hub, make_user, as_user):
    tutor = PersonFactory(first_name="Karim", last_name="Tuteur")
    lea = hub.learner("Léa", tutor=tutor)
    hub.learner("Marius")
    page = as_user(make_user(Role.LEARNER, person=lea)).get("/").content.decode()

    assert "Usine de Léa" in page and "Karim Tuteur" in page
    assert "Module de Léa" in page and "Atelier maintenance" in page and "Nadia Formatrice" in page
    assert "Absence de Léa" in page and "Excuse de Léa" in page
    assert "non justifiée" in page and "Pour justifier une absence, remettez votre justificatif" in page
    assert "1 compétence acquise sur 2" in page
    assert "Fin de la période d'essai" in page
    assert "Marius" not in page


@pytest.mark.django_db
def test_the_acquired_count_of_a_home_is_the_one_of_the_learners_path(hub):
    lea = hub.learner("Léa")
    Evaluation.objects.create(
        learner=lea,
        competency=hub.competencies[0],
        evaluator_role=Evaluation.By.TUTOR,
        level=Evaluation.Level.NOT_ACQUIRED,
        evaluated_on=hub.today,
    )
    Evaluation.objects.create(
        learner=lea,
        competency=hub.competencies[1],
        evaluator_role=Evaluation.By.TUTOR,
        level=Evaluation.Level.MASTERED,
        evaluated_on=hub.today,
    )

    home = selectors.homes.learner_homes(learners=[lea], today=hub.today)[0]
    path = selectors.paths.learner_path(learner=lea, course=hub.course)

    assert (home.acquired, home.competencies) == (path.acquired, path.total) == (1, 2)


@pytest.mark.django_db
def test_a_parent_sees_each_minor_child_and_neither_adult_children_nor_others(hub, make_user, as_user):
    parent = make_user(Role.GUARDIAN)
    lea, jules = hub.learner("Léa"), hub.learner("Jules")
    adult = hub.learner("Adèle", minor=False)
    hub.learner("Marius")
    for child in (lea, jules, adult):
        Guardianship.objects.create(child=child, guardian=parent.person)

    page = as_user(parent).get("/").content.decode()

    assert "Usine de Léa" in page and "Module de Jules" in page
    assert "list-group-item-danger" in page and "Absence de Léa" in page
    assert "adressez le justificatif" in page
    assert "Adèle" not in page and "Marius" not in page


@pytest.mark.django_db
def test_a_tutor_sees_their_apprentices_contract_dates_and_the_evaluations_they_owe(hub, make_user, as_user):
    tutor = make_user(Role.COMPANY_TUTOR)
    lea = hub.learner("Léa", tutor=tutor.person)
    hub.learner("Marius", tutor=PersonFactory())
    client = as_user(tutor)

    page = client.get("/").content.decode()
    home = client.get("/").context["panels"]
    tutor_home = next(ctx for panel, ctx in home if panel.key == "training.tutor")["homes"]

    assert [h.person for h in tutor_home] == [lea]
    assert tutor_home[0].to_evaluate == [hub.competencies[0]]
    assert "Évaluations à faire" in page and hub.competencies[0].code in page
    assert "Absence de Léa" in page and "Usine de Léa" in page
    assert "Marius" not in page

    Evaluation.objects.create(
        learner=lea,
        competency=hub.competencies[0],
        evaluator=tutor.person,
        evaluator_role=Evaluation.By.TUTOR,
        level=Evaluation.Level.ACQUIRED,
        evaluated_on=hub.today,
    )
    assert "Rien à évaluer pour l'instant" in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_trial_end_skips_the_days_at_the_centre_published_then_planned_by_the_rhythm():
    cohort = CohortFactory(start_date=D(2026, 9, 7), end_date=D(2027, 7, 2))  # 2 weeks in, 2 out
    lea = EnrolmentFactory(cohort=cohort).person
    contract_for(lea, status=Contract.Status.SIGNED, start_date=D(2026, 9, 7), practical_start=D(2026, 9, 7))
    for day in range(7, 12):  # only the first week is published
        SessionFactory(cohort=cohort, date=D(2026, 9, day))

    home = selectors.homes.learner_homes(learners=[lea], today=D(2026, 9, 1))[0]

    # In the company: 21 Sept-2 Oct, 19-30 Oct, 16-27 Nov, 14-25 Dec (40 days), then from 11 January.
    assert home.trial_end == D(2027, 1, 15)


@pytest.mark.django_db
def test_a_tutor_sees_only_their_own_contract_of_an_apprentice(hub, make_user, as_user):
    tutor = make_user(Role.COMPANY_TUTOR)
    lea = hub.learner("Léa", tutor=tutor.person)
    other = contract_for(
        lea,
        employer=OrganisationFactory(name="Autre employeur"),
        course=hub.course,
        status=Contract.Status.ENDED,
        start_date=hub.year.start - dt.timedelta(days=800),
        end_date=hub.year.start - dt.timedelta(days=100),
    )
    ContractTutor.objects.create(contract=other, person=PersonFactory(), job_title="Autre")

    page = as_user(tutor).get("/").content.decode()

    assert "Usine de Léa" in page and "Autre employeur" not in page


@pytest.mark.django_db
def test_a_tutor_whose_contract_ended_no_longer_sees_the_apprentice(hub, make_user, as_user):
    tutor = make_user(Role.COMPANY_TUTOR)
    lea = hub.learner("Léa", tutor=tutor.person)
    Contract.objects.filter(apprentice=lea).update(status=Contract.Status.BROKEN)

    page = as_user(tutor).get("/").content.decode()

    assert "Léa" not in page and "Vous ne suivez aucun contrat d'apprentissage en cours" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,text",
    [
        (Role.LEARNER, "Vous n'êtes inscrit·e dans aucune promotion pour l'instant"),
        (Role.GUARDIAN, "Aucun enfant mineur inscrit à Hall 32 n'est rattaché à votre compte"),
        (Role.COMPANY_TUTOR, "Vous ne suivez aucun contrat d'apprentissage en cours"),
    ],
)
def test_an_empty_home_says_what_to_do(make_user, as_user, role, text):
    assert text in as_user(make_user(role)).get("/").content.decode()


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_a_learners_home_takes_a_bounded_number_of_queries(
    hub, make_user, as_user, django_assert_max_num_queries
):
    lea = hub.learner("Léa", tutor=PersonFactory())
    client = as_user(make_user(Role.LEARNER, person=lea))
    before = _queries(client)
    for index in range(8):  # more sessions ahead and more absences
        session = SessionFactory(
            cohort=lea.enrolments.get().cohort, date=_weekday_after(hub.today, 2 + index)
        )
        past = SessionFactory(
            cohort=session.cohort,
            date=max(hub.year.start, hub.today - dt.timedelta(days=1)),
            start=dt.time(7, index),
        )
        Attendance.objects.create(session=past, learner=lea, code=hub.codes["A"])

    assert _queries(client) == before
    with django_assert_max_num_queries(20):
        client.get("/")


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.GUARDIAN, Role.COMPANY_TUTOR])
def test_parent_and_tutor_homes_take_the_same_queries_for_one_learner_or_three(
    hub, make_user, as_user, django_assert_max_num_queries, role
):
    user = make_user(role)

    def attach(name):
        if role == Role.GUARDIAN:
            Guardianship.objects.create(child=hub.learner(name), guardian=user.person)
        else:
            hub.learner(name, tutor=user.person)

    attach("Léa")
    client = as_user(user)
    one = _queries(client)
    attach("Jules")
    attach("Inès")

    assert _queries(client) == one
    with django_assert_max_num_queries(20):
        client.get("/")
