"""Cohorts: enrolment (one learner, a list) and the timetable from the alternance rhythm; a file
of learners is imported by services.imports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from hall32.core.models import Person, Room
from hall32.training.errors import TrainingError
from hall32.training.law import MIN_AGE, age_on
from hall32.training.models import Cohort, Enrolment, Session


def check_enrolment_age(*, person: Person, on: dt.date) -> None:
    if person.birth_date is None:
        raise TrainingError(
            _("La date de naissance de %(name)s est nécessaire pour l'inscrire.")
            % {"name": person.full_name},
            field="learners",
        )
    age = age_on(person.birth_date, on)
    if age < MIN_AGE:
        raise TrainingError(
            _(
                "%(name)s aurait %(age)s ans au début de la formation : il faut au moins %(min)s ans "
                "(art. L6222-1)."
            )
            % {"name": person.full_name, "age": age, "min": MIN_AGE},
            field="learners",
        )


def _enrol(*, cohort: Cohort, person: Person, status: str) -> Enrolment:
    check_enrolment_age(person=person, on=cohort.start_date)
    enrolment, created = Enrolment.objects.get_or_create(
        cohort=cohort, person=person, defaults={"status": status, "start_date": cohort.start_date}
    )
    if not created:
        raise TrainingError(
            _("%(name)s est déjà inscrit·e dans cette promotion.") % {"name": person.full_name},
            field="learners",
        )
    return enrolment


@transaction.atomic
def enrolment_create(
    *, cohort: Cohort, person: Person, status: str = Enrolment.Status.APPRENTICE
) -> Enrolment:
    return _enrol(cohort=cohort, person=person, status=status)


@transaction.atomic
def cohort_enrol_bulk(*, cohort: Cohort, people: Iterable[Person], status: str) -> list[Enrolment]:
    """Enrol a list of learners at once: all or none (one too young, or already in, refuses all)."""
    return [_enrol(cohort=cohort, person=p, status=status) for p in people]


@transaction.atomic
def enrolment_end(*, enrolment: Enrolment, on: dt.date) -> Enrolment:
    if on < enrolment.start_date:
        raise TrainingError(_("La sortie ne peut pas précéder l'entrée."), field="end_date")
    enrolment.end_date = on
    enrolment.save(update_fields=["end_date", "updated_at"])
    return enrolment


# --- Timetable ---------------------------------------------------------------------------------------

HALF_DAYS = [(dt.time(8, 30), dt.time(12, 0)), (dt.time(13, 15), dt.time(16, 45))]


def school_weeks(cohort: Cohort, *, holidays: Iterable[tuple[dt.date, dt.date]] = ()) -> list[dt.date]:
    """Mondays of the weeks the cohort spends at the centre, following its rhythm
    (n weeks at the centre, then m in the company, from its start), school holidays excepted."""
    first = cohort.start_date - dt.timedelta(days=cohort.start_date.weekday())
    cycle = cohort.rhythm_weeks_school + cohort.rhythm_weeks_company
    closed = list(holidays)
    mondays = []
    monday, index = first, 0
    while monday <= cohort.end_date:
        if index % cycle < cohort.rhythm_weeks_school and not any(a <= monday <= b for a, b in closed):
            mondays.append(monday)
        monday += dt.timedelta(weeks=1)
        index += 1
    return mondays


@transaction.atomic
def timetable_generate(
    *,
    cohort: Cohort,
    modules: list[tuple[str, Person | None]],
    room: Room | None = None,
    holidays: Iterable[tuple[dt.date, dt.date]] = (),
    until: dt.date | None = None,
) -> int:
    """Create the sessions of the cohort's centre weeks (morning and afternoon, Monday to Friday),
    cycling through the modules; existing sessions are kept (safe to run twice)."""
    if not modules:
        raise TrainingError(_("Indiquez au moins un module."), field="modules")
    existing = set(cohort.sessions.values_list("date", "start"))
    sessions = []
    index = 0
    for monday in school_weeks(cohort, holidays=holidays):
        for offset in range(5):
            day = monday + dt.timedelta(days=offset)
            if day < cohort.start_date or day > (until or cohort.end_date):
                continue
            for start, end in HALF_DAYS:
                if (day, start) in existing:
                    continue
                title, trainer = modules[index % len(modules)]
                index += 1
                sessions.append(
                    Session(
                        cohort=cohort, date=day, start=start, end=end, title=title, trainer=trainer, room=room
                    )
                )
    Session.objects.bulk_create(sessions)
    return len(sessions)
