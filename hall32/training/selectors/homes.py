"""What the home pages of learners, parents and company tutors show: the contract and its dates,
the next sessions and centre periods, this year's absences, the competencies acquired, the
evaluations a tutor has to give, and the messages from the hub.

Who sees whom follows the relations of hall32/training/rules.py: a learner sees themself
(`is_the_learner`), a parent their children while minors (`is_parent_of_minor`), a tutor the
apprentices of the signed contracts they follow (`tutors_learner`, current contracts only). Each
read is a fixed number of queries, however many learners, sessions or absences there are.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from hall32.core.models import Guardianship, Person
from hall32.core.schoolyear import SchoolYear
from hall32.training import law
from hall32.training.models import (
    Announcement,
    Attendance,
    Competency,
    Contract,
    ContractTutor,
    Enrolment,
    Evaluation,
    Session,
)
from hall32.training.services.cohorts import school_weeks

NEXT_SESSIONS = 6
LOOKAHEAD = dt.timedelta(weeks=12)
# The trial period is 45 working days in the company: well within 200 calendar days of its start.
TRIAL_SPAN = dt.timedelta(days=200)


@dataclass(frozen=True)
class Period:
    """Consecutive days at the centre (a weekend does not break a period)."""

    start: dt.date
    end: dt.date

    def holds(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def centre_periods(days: Iterable[dt.date]) -> list[Period]:
    """Group the days with sessions into periods at the centre; between two periods, the
    apprentice is in the company."""
    periods: list[Period] = []
    for day in sorted(set(days)):
        if periods and (day - periods[-1].end).days <= 3:
            periods[-1] = Period(periods[-1].start, day)
        else:
            periods.append(Period(day, day))
    return periods


@dataclass(frozen=True)
class Stretch:
    """Where the apprentice is: at the centre or in the company, from `start` to `end` (None: until
    the published timetable says otherwise)."""

    at_centre: bool
    start: dt.date
    end: dt.date | None


def _next_weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _previous_weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def alternation(periods: list[Period], today: dt.date, *, limit: int = 4) -> list[Stretch]:
    """The coming stretches at the centre and in the company, from today, weekends left out."""
    stretches: list[Stretch] = []
    cursor = _next_weekday(today)
    for period in periods:
        if period.end < cursor:
            continue
        if period.start > cursor:
            stretches.append(Stretch(False, cursor, _previous_weekday(period.start - dt.timedelta(days=1))))
        stretches.append(Stretch(True, max(period.start, cursor), period.end))
        cursor = _next_weekday(period.end + dt.timedelta(days=1))
    if stretches:
        stretches.append(Stretch(False, cursor, None))
    return stretches[:limit]


@dataclass
class LearnerHome:
    person: Person
    enrolment: Enrolment | None = None  # the current one
    contract: Contract | None = None
    trial_end: dt.date | None = None  # estimated (see law.trial_period_end)
    sessions: list[Session] = field(default_factory=list)  # the next few
    periods: list[Period] = field(default_factory=list)  # at the centre, in the next weeks
    absences: list[Attendance] = field(default_factory=list)  # this school year, latest first
    recorded: int = 0  # sessions with attendance taken this school year
    lates: int = 0
    acquired: int = 0
    competencies: int = 0
    to_evaluate: list[Competency] = field(default_factory=list)  # for the tutor
    stretches: list[Stretch] = field(default_factory=list)  # centre and company, from today

    @property
    def unexcused(self) -> list[Attendance]:
        return [a for a in self.absences if not a.code.is_excused]

    @property
    def excused(self) -> list[Attendance]:
        return [a for a in self.absences if a.code.is_excused]

    @property
    def progress(self) -> float:
        return self.acquired / self.competencies if self.competencies else 0.0


def children_of(*, guardian_id: int | None, today: dt.date) -> list[Person]:
    """A parent's children who are minors today and enrolled at the hub (is_parent_of_minor)."""
    if guardian_id is None:
        return []
    minors = Person.objects.active().minors_on(today)
    links = (
        Guardianship.objects.filter(guardian_id=guardian_id, child__in=minors)
        .filter(Exists(Enrolment.objects.filter(person=OuterRef("child"))))
        .select_related("child")
        .order_by("child__birth_date", "child__first_name")
    )
    return [link.child for link in links]


def apprentices_of(*, tutor_id: int | None, today: dt.date) -> list[Person]:
    """The apprentices of the signed, running contracts a company tutor follows (tutors_learner)."""
    if tutor_id is None:
        return []
    seen: dict[int, Person] = {}
    for link in (
        ContractTutor.objects.filter(
            person_id=tutor_id,
            contract__status=Contract.Status.SIGNED,
            contract__end_date__gte=today,
            contract__apprentice__erased_at__isnull=True,
        )
        .select_related("contract__apprentice")
        .order_by("contract__apprentice__last_name", "contract__apprentice__first_name")
    ):
        seen.setdefault(link.contract.apprentice_id, link.contract.apprentice)
    return list(seen.values())


def _current(enrolments: list[Enrolment], today: dt.date) -> Enrolment | None:
    for e in enrolments:
        if e.start_date <= today and (e.end_date is None or e.end_date >= today):
            return e
    return None


def _shown_contract(contracts: list[Contract], today: dt.date) -> Contract | None:
    """The running signed contract, else the next signed one, else the latest of any status."""

    def rank(c: Contract) -> tuple[bool, bool, dt.date]:
        signed = c.status == Contract.Status.SIGNED
        return (signed and c.start_date <= today <= c.end_date, signed, c.start_date)

    return max(contracts, key=rank) if contracts else None


def learner_homes(
    *, learners: list[Person], today: dt.date, tutor_id: int | None = None
) -> list[LearnerHome]:
    """The home summaries of these learners (already chosen as visible to the viewer). With
    `tutor_id`, only that tutor's contracts show and the evaluations they owe are listed."""
    homes = {p.pk: LearnerHome(p) for p in learners}
    if not homes:
        return []
    ids = list(homes)
    year = SchoolYear.of(today)

    # Enrolments: the current one, and the latest course (for the competencies).
    enrolments: dict[int, list[Enrolment]] = defaultdict(list)
    for e in (
        Enrolment.objects.filter(person_id__in=ids)
        .select_related("cohort__course")
        .order_by("-cohort__school_year", "-start_date")
    ):
        enrolments[e.person_id].append(e)
    course_of: dict[int, int] = {}
    for pid, home in homes.items():
        home.enrolment = _current(enrolments[pid], today)
        if enrolments[pid]:
            course_of[pid] = (home.enrolment or enrolments[pid][0]).cohort.course_id

    # The contract (the tutor's own ones only, for a tutor) and its estimated trial end.
    contracts = Contract.objects.filter(apprentice_id__in=ids).select_related("employer", "course")
    if tutor_id is not None:
        contracts = contracts.filter(tutors__person_id=tutor_id)
    by_apprentice: dict[int, list[Contract]] = defaultdict(list)
    for c in contracts.prefetch_related("tutors__person").distinct():
        by_apprentice[c.apprentice_id].append(c)
    for pid, home in homes.items():
        home.contract = _shown_contract(by_apprentice[pid], today)
    _trial_ends(homes, enrolments)

    # The next sessions and the periods at the centre, from the published timetable.
    current = {pid: h.enrolment for pid, h in homes.items() if h.enrolment is not None}
    now = timezone.localtime().time()
    by_cohort: dict[int, list[Session]] = defaultdict(list)
    if current:
        for s in (
            Session.objects.filter(
                cohort_id__in={e.cohort_id for e in current.values()},
                date__gte=today,
                date__lte=today + LOOKAHEAD,
            )
            .select_related("room", "trainer")
            .order_by("date", "start")
        ):
            by_cohort[s.cohort_id].append(s)
    for pid, enrolment in current.items():
        mine = [
            s
            for s in by_cohort[enrolment.cohort_id]
            if (enrolment.end_date is None or s.date <= enrolment.end_date)
        ]
        homes[pid].periods = centre_periods(s.date for s in mine)
        homes[pid].stretches = alternation(homes[pid].periods, today)
        homes[pid].sessions = [s for s in mine if s.date > today or s.end > now][:NEXT_SESSIONS]

    # This school year's absences and the attendance taken.
    this_year = Attendance.objects.filter(
        learner_id__in=ids, session__date__gte=year.start, session__date__lte=today
    )
    for a in (
        this_year.filter(code__counts_as_absence=True)
        .select_related("session", "code")
        .order_by("-session__date", "-session__start")
    ):
        homes[a.learner_id].absences.append(a)
    for row in this_year.values("learner_id").annotate(
        recorded=Count("id"), lates=Count("id", filter=Q(code__is_late=True))
    ):
        homes[row["learner_id"]].recorded = row["recorded"]
        homes[row["learner_id"]].lates = row["lates"]

    _competencies(homes, course_of, with_due=tutor_id is not None)
    return [homes[p.pk] for p in learners]


def _trial_ends(homes: dict[int, LearnerHome], enrolments: dict[int, list[Enrolment]]) -> None:
    """Days at the centre from each contract's start, one query for every learner: the published
    timetable, and past its last session the cohort's rhythm (weeks at the centre, weeks away)."""
    starts = {
        pid: h.contract.practical_start or h.contract.start_date
        for pid, h in homes.items()
        if h.contract is not None and h.contract.status != Contract.Status.DRAFT
    }
    if not starts:
        return
    cohorts = {e.cohort_id for pid in starts for e in enrolments[pid]}
    published: dict[int, set[dt.date]] = defaultdict(set)
    for cohort_id, day in (
        Session.objects.filter(
            cohort_id__in=cohorts,
            date__gte=min(starts.values()),
            date__lte=max(starts.values()) + TRIAL_SPAN,
        )
        .order_by()
        .values_list("cohort_id", "date")
        .distinct()
    ):
        published[cohort_id].add(day)
    for pid, start in starts.items():
        centre: set[dt.date] = set()
        for e in enrolments[pid]:
            known = published[e.cohort_id]
            last = max(known) if known else dt.date.min
            planned = {
                monday + dt.timedelta(days=offset) for monday in school_weeks(e.cohort) for offset in range(5)
            }
            centre |= {
                day
                for day in known | {d for d in planned if d > last}
                if e.start_date <= day
                and (e.end_date is None or day <= e.end_date)
                and start <= day <= start + TRIAL_SPAN
            }
        homes[pid].trial_end = law.trial_period_end(practical_start=start, centre_days=centre)


def _competencies(homes: dict[int, LearnerHome], course_of: dict[int, int], *, with_due: bool) -> None:
    """Competencies acquired (the latest evaluation, by anyone, at "acquired" or above, as in the
    learner's path) and, for a tutor, those the trainers evaluated since the tutor last did."""
    if not course_of:
        return
    framework: dict[int, list[Competency]] = defaultdict(list)
    for c in Competency.objects.filter(block__course_id__in=set(course_of.values())).select_related("block"):
        framework[c.block.course_id].append(c)
    latest: dict[tuple[int, int], tuple[dt.date, int, int]] = {}
    by_role: dict[tuple[int, int, str], dt.date] = {}
    for learner_id, competency_id, role, level, on, pk in (
        Evaluation.objects.filter(
            learner_id__in=list(course_of), competency__block__course_id__in=set(course_of.values())
        )
        .order_by("evaluated_on", "pk")
        .values_list("learner_id", "competency_id", "evaluator_role", "level", "evaluated_on", "pk")
    ):
        latest[(learner_id, competency_id)] = (on, pk, level)
        by_role[(learner_id, competency_id, role)] = on
    for pid, course_id in course_of.items():
        home = homes[pid]
        competencies = framework[course_id]
        home.competencies = len(competencies)
        home.acquired = sum(
            1
            for c in competencies
            if (pid, c.pk) in latest and latest[(pid, c.pk)][2] >= Evaluation.Level.ACQUIRED
        )
        if with_due:
            home.to_evaluate = [
                c
                for c in competencies
                if (pid, c.pk, Evaluation.By.TRAINER) in by_role
                and by_role.get((pid, c.pk, Evaluation.By.TUTOR), dt.date.min)
                < by_role[(pid, c.pk, Evaluation.By.TRAINER)]
            ]


def announcements() -> QuerySet[Announcement]:
    """Every message, for the coordination's list."""
    return Announcement.objects.select_related("cohort__course", "created_by")


def announcements_for(*, user: Any, today: dt.date) -> list[Announcement]:
    """The messages shown today to a learner, a parent or a company tutor: those for their role,
    to all cohorts or to a cohort they (their minor child, their apprentice) are in today."""
    pid = getattr(user, "person_id", None)
    if pid is None:
        return []
    enrolled = Enrolment.objects.current_on(today)
    audiences: list[tuple[list[str], Any]] = []
    if user.has_perm("training.view_my_path"):
        audiences.append(([Announcement.Audience.LEARNERS], enrolled.filter(person_id=pid)))
    if user.has_perm("training.view_children"):
        minors = Guardianship.objects.filter(
            guardian_id=pid, child__in=Person.objects.active().minors_on(today)
        ).values("child_id")
        audiences.append(([Announcement.Audience.GUARDIANS], enrolled.filter(person_id__in=minors)))
    if user.has_perm("training.view_my_apprentices"):
        apprentices = ContractTutor.objects.filter(
            person_id=pid, contract__status=Contract.Status.SIGNED, contract__end_date__gte=today
        ).values("contract__apprentice_id")
        audiences.append(([Announcement.Audience.TUTORS], enrolled.filter(person_id__in=apprentices)))
    if not audiences:
        return []
    concerned = functools.reduce(
        operator.or_,
        (
            Q(audience__in=[Announcement.Audience.EVERYONE, *names])
            & (Q(cohort_id__in=cohorts.values("cohort_id")) | (Q(cohort__isnull=True) & Exists(cohorts)))
            for names, cohorts in audiences
        ),
    )
    return list(Announcement.objects.shown_on(today).filter(concerned).select_related("cohort__course"))
