"""Demo outcomes: every leaver of initial training has one. Among those who left between 2019-20
and 2022-23, 54 % continued their studies (the published figure)."""

from __future__ import annotations

from collections import defaultdict

from hall32.core.schoolyear import SchoolYear
from hall32.demo.loader import DemoContext
from hall32.training.law import add_months
from hall32.training.models import Contract, Enrolment, Outcome, Situation

PUBLISHED_SHARE = 0.54
PUBLISHED_LAST_YEAR = 2022
DETAILS = {
    Situation.FURTHER_STUDY: [
        "BTS à Hall 32",
        "BTS en lycée",
        "Licence professionnelle",
        "Mention complémentaire",
    ],
    Situation.EMPLOYED: [
        "CDI chez l'employeur d'apprentissage",
        "CDI dans une autre entreprise",
        "CDD de 12 mois",
        "Intérim longue durée",
    ],
    Situation.JOB_SEEKING: ["Inscrit·e à France Travail", "En recherche active"],
    Situation.OTHER: ["Service civique", "Armée", "Raisons de santé"],
}


def load(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("training.outcomes")
    today = ctx.today
    current = SchoolYear.of(today).start_year
    paths: dict[tuple[int, int], list[Enrolment]] = defaultdict(list)
    for e in (
        Enrolment.objects.initial()
        .select_related("cohort__course")
        .order_by("person_id", "cohort__school_year")
    ):
        paths[(e.person_id, e.cohort.course_id)].append(e)
    employers = dict(Contract.objects.values_list("apprentice_id", "employer_id"))
    leavers = []
    for (person_id, _course), enrolments in paths.items():
        last = enrolments[-1]
        stages = last.cohort.course.duration_months // 12
        completed = last.cohort.stage == stages and (
            last.end_date is None or last.end_date >= last.cohort.end_date
        )
        left_early = last.end_date is not None and last.end_date < last.cohort.end_date
        if last.cohort.school_year >= current or not (completed or left_early):
            continue
        exit_date = last.end_date if left_early else last.cohort.end_date
        leavers.append((person_id, last, completed, exit_date))
    # The published window: exits from 2019-20 to 2022-23, 54 % continuing.
    window = [x for x in leavers if SchoolYear.of(x[3]).start_year <= PUBLISHED_LAST_YEAR]
    continuing_target = round(PUBLISHED_SHARE * len(window))
    order = sorted(window, key=lambda x: (not x[2], x[1].cohort.course.level == "bts", rng.random()))
    continuing = {id(x) for x in order[:continuing_target]}
    outcomes = []
    for leaver in leavers:
        person_id, last, completed, exit_date = leaver
        in_window = SchoolYear.of(exit_date).start_year <= PUBLISHED_LAST_YEAR
        if in_window:
            situation = (
                Situation.FURTHER_STUDY
                if id(leaver) in continuing
                else rng.choices([Situation.EMPLOYED, Situation.JOB_SEEKING, Situation.OTHER], [70, 20, 10])[
                    0
                ]
            )
        else:
            situation = rng.choices(
                [Situation.FURTHER_STUDY, Situation.EMPLOYED, Situation.JOB_SEEKING, Situation.OTHER],
                [52, 36, 8, 4],
            )[0]
        if not completed and situation == Situation.FURTHER_STUDY and last.cohort.course.level == "bts":
            situation = Situation.EMPLOYED
        followup = add_months(exit_date, 6) if add_months(exit_date, 6) <= today else None
        follow_situation = ""
        if followup:
            follow_situation = (
                situation if rng.random() < 0.8 else rng.choice([Situation.EMPLOYED, Situation.FURTHER_STUDY])
            )
        outcomes.append(
            Outcome(
                learner_id=person_id,
                course=last.cohort.course,
                exit_date=exit_date,
                completed=completed,
                diploma_obtained=(rng.random() < 0.86) if completed else False,
                situation=situation,
                detail=rng.choice(DETAILS[situation]),
                employer_id=employers.get(person_id)
                if situation == Situation.EMPLOYED and rng.random() < 0.6
                else None,
                followup_situation=follow_situation,
                followup_on=followup,
                followup_detail="",
            )
        )
    Outcome.objects.bulk_create(outcomes)
    return {
        "devenirs": len(outcomes),
        "sortants 2019-2023": len(window),
        "poursuites d'études": continuing_target,
    }
