"""Demo timetable of the current school year: trainers per cohort, sessions following each rhythm
(up to six weeks ahead), attendance taken for past sessions, evaluations by trainers and tutors."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from hall32.core.models import Person, Room
from hall32.core.schoolyear import SchoolYear
from hall32.demo.loader import DemoContext, bulk_link
from hall32.training.law import add_months
from hall32.training.models import (
    AbsenceAlert,
    Attendance,
    AttendanceCode,
    Cohort,
    Competency,
    ContractTutor,
    Enrolment,
    Evaluation,
    Session,
)
from hall32.training.services.cohorts import timetable_generate

# The trainer's job title that teaches each trade, and the modules of the trade.
SPECIALTY = {
    "maintenance": "maintenance",
    "usinage": "usinage",
    "electrotechnique": "électrotechnique",
    "electronique": "électrotechnique",
    "bureau-etudes": "conception",
    "robotique": "robotique",
    "fabrication-additive": "conception",
}
MODULES = {
    "maintenance": [
        "Atelier : maintenance préventive",
        "Atelier : diagnostic de pannes",
        "Hydraulique et pneumatique",
    ],
    "usinage": ["Atelier : tournage CN", "Atelier : fraisage CN", "Programmation FAO"],
    "electrotechnique": ["Atelier : câblage d'armoire", "Habilitation électrique", "Schémas et automatismes"],
    "electronique": ["Atelier : électronique", "Réseaux et cybersécurité", "Programmation embarquée"],
    "bureau-etudes": ["CAO 3D", "Dimensionnement", "Atelier : prototypage"],
    "robotique": ["Atelier : robotique", "Automates programmables", "Sécurité des machines"],
}
GENERAL = [
    "Mathématiques et sciences",
    "Français, histoire-géographie",
    "Anglais technique",
    "Prévention, santé, environnement",
    "Économie-gestion",
]
# School holidays of the Clermont-Ferrand academy (zone A), as closed weeks.
HOLIDAYS = [
    (dt.date(2026, 10, 17), dt.date(2026, 11, 2)),
    (dt.date(2026, 12, 19), dt.date(2027, 1, 4)),
    (dt.date(2027, 2, 6), dt.date(2027, 2, 22)),
    (dt.date(2027, 4, 3), dt.date(2027, 4, 19)),
]


def _pick_code(rng: random.Random, codes: dict[str, AttendanceCode], absent_prone: bool) -> AttendanceCode:
    roll = rng.random()
    if absent_prone and roll < 0.2:
        return codes["A"]
    if roll < 0.035:
        return codes["A"]
    if roll < 0.055:
        return codes["E"]
    if roll < 0.085:
        return codes["R"]
    return codes["P"]


def load(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("training.timetable")
    today = ctx.today
    year = SchoolYear.of(today).start_year
    trainers = list(Person.objects.filter(user__groups__name="trainer").order_by("pk"))
    general = [t for t in trainers if "général" in t.job_title]
    nadia = Person.objects.get(user__username="formateur")
    rooms = {r.name: r for r in Room.objects.all()}
    classrooms = [r for r in rooms.values() if r.kind == "classroom"]
    codes = {c.code: c for c in AttendanceCode.objects.all()}
    sessions_created = 0
    cohorts = list(
        Cohort.objects.filter(school_year=year, course__level__in=["bac_pro", "bts"])
        .select_related("course__trade")
        .order_by("code")
    )
    teachers: dict[int, list[Person]] = {}  # cohort -> its trainers, in the order they are added
    for cohort in cohorts:
        trade = cohort.course.trade.slug
        specialists = [t for t in trainers if SPECIALTY.get(trade, "") in t.job_title.lower()]
        main = (
            nadia
            if trade == "maintenance"
            else (rng.choice(specialists) if specialists else rng.choice(trainers))
        )
        teachers[cohort.pk] = [main, *(rng.sample(general, min(2, len(general))) if general else [])]
        if cohort.course.level == "bts":
            cohort.rhythm_weeks_school, cohort.rhythm_weeks_company = 1, 2
        modules = [(m, main) for m in MODULES.get(trade, MODULES["maintenance"])]
        modules += [(m, rng.choice(general) if general else main) for m in rng.sample(GENERAL, 3)]
        rng.shuffle(modules)
        sessions_created += timetable_generate(
            cohort=cohort,
            modules=modules,
            room=rng.choice(classrooms),
            holidays=HOLIDAYS,
            until=today + dt.timedelta(weeks=6),
        )
    bulk_link(Cohort.trainers, [(c, teachers[c.pk]) for c in cohorts])
    Cohort.objects.bulk_update(
        [c for c in cohorts if c.course.level == "bts"], ["rhythm_weeks_school", "rhythm_weeks_company"]
    )

    # Attendance for every session already held, a few learners absent often.
    attendance = []
    counts: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    held: dict[int, list[int]] = defaultdict(list)  # cohort -> its past sessions, by date and time
    for session_id, cohort_id in (
        Session.objects.filter(cohort__in=cohorts, date__lt=today)
        .order_by("cohort_id", "date", "start")
        .values_list("pk", "cohort_id")
    ):
        held[cohort_id].append(session_id)
    enrolled: dict[int, list[int]] = {}  # cohort -> its learners, in the enrolments' order
    for cohort in cohorts:
        learners = list(Enrolment.objects.filter(cohort=cohort).values_list("person_id", flat=True))
        enrolled[cohort.pk] = learners
        prone = set(rng.sample(learners, 1)) if learners and rng.random() < 0.3 else set()
        for session_id in held[cohort.pk]:
            for learner_id in learners:
                code = _pick_code(rng, codes, learner_id in prone)
                attendance.append(
                    Attendance(
                        session_id=session_id,
                        learner_id=learner_id,
                        code_id=code.pk,
                        minutes_late=rng.choice([5, 10, 15, 20]) if code.is_late else 0,
                    )
                )
                counts[(learner_id, cohort.pk)][0] += 1
                counts[(learner_id, cohort.pk)][1] += int(code.counts_as_absence and not code.is_excused)
    Attendance.objects.bulk_create(attendance, batch_size=2000)
    AbsenceAlert.objects.bulk_create(
        AbsenceAlert(learner_id=learner, cohort_id=cohort, rate=absent / recorded)
        for (learner, cohort), (recorded, absent) in counts.items()
        if recorded >= 4 and absent / recorded > 0.10
    )

    # Evaluations by the cohort's main trainer and by the company tutor.
    evaluations = []
    tutors = {
        t.contract.apprentice_id: t.person
        for t in ContractTutor.objects.filter(contract__status="signed", order=1).select_related(
            "contract", "person"
        )
    }
    by_course: dict[int, list[Competency]] = defaultdict(list)
    for competency in (
        Competency.objects.filter(block__course__in={c.course_id for c in cohorts})
        .select_related("block")
        .order_by("block__course_id", "block__order", "order")
    ):
        by_course[competency.block.course_id].append(competency)
    for cohort in cohorts:
        competencies = by_course[cohort.course_id]
        if not competencies:
            continue
        trainer = min(teachers[cohort.pk], key=lambda t: t.pk)
        share = {1: 0.25, 2: 0.55, 3: 0.8}.get(cohort.stage, 0.5)
        for person_id in enrolled[cohort.pk]:
            for competency in competencies:
                if rng.random() > share:
                    continue
                when = min(
                    today - dt.timedelta(days=1),
                    add_months(cohort.start_date, rng.randint(0, 2)) + dt.timedelta(days=rng.randint(0, 20)),
                )
                level = rng.choices([1, 2, 3, 4], [1, 3, 4, 2])[0]
                evaluations.append(
                    Evaluation(
                        learner_id=person_id,
                        competency=competency,
                        evaluator=trainer,
                        evaluator_role=Evaluation.By.TRAINER,
                        level=level,
                        evaluated_on=when,
                    )
                )
                tutor = tutors.get(person_id)
                if tutor is not None and rng.random() < 0.6:
                    evaluations.append(
                        Evaluation(
                            learner_id=person_id,
                            competency=competency,
                            evaluator=tutor,
                            evaluator_role=Evaluation.By.TUTOR,
                            level=max(1, min(4, level + rng.choice([-1, 0, 0, 1]))),
                            evaluated_on=min(
                                today - dt.timedelta(days=1), when + dt.timedelta(days=rng.randint(3, 20))
                            ),
                        )
                    )
    Evaluation.objects.bulk_create(evaluations, batch_size=2000)
    return {"séances": sessions_created, "présences": len(attendance), "évaluations": len(evaluations)}
