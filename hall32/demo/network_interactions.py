"""The demo hub's exchanges with its partners over the last four school years, and their
follow-up tasks.

Each partnership brings its exchanges, more while a partner than while being approached, owned by
the staff who deal with that kind of organisation (the coordinators for companies and agencies,
the outreach officers for schools, the engineers for Pôle Industrie clients, the direction for
founders and funders), dated on working days in Paris working hours, with the contacts present.
About a third leave a follow-up task: those due long ago are done, some of the last weeks' are
overdue, the coming ones are open, and the demo coordinator has tasks due this week (their
"Mes tâches" page is never empty).
"""

from __future__ import annotations

import datetime as dt
import random
import string
from collections import defaultdict
from collections.abc import Callable
from functools import cache
from zoneinfo import ZoneInfo

from hall32.core.models import Organisation, Person, User
from hall32.core.schoolyear import SchoolYear
from hall32.demo import network_texts as texts
from hall32.demo.loader import DemoContext, bulk_create_dated, bulk_link
from hall32.industry.models import Project
from hall32.network.models import ContactRole, FollowUpTask, Interaction, Partnership
from hall32.training.models import Contract

PARIS = ZoneInfo("Europe/Paris")
Kind, Stage = Partnership.Kind, Partnership.Stage
# Exchanges a year while a partner, by kind of partnership.
PER_YEAR = {
    Kind.COMPANY: 2.2,
    Kind.FOUNDER: 3.0,
    Kind.REFERRAL: 3.0,
    Kind.SCHOOL: 1.5,
    Kind.INDUSTRY_CLIENT: 2.0,
    Kind.FUNDER: 2.0,
    Kind.OPCO: 2.5,
}
COURSE_LABELS = {
    "BAC-MSPC": "Bac Pro MSPC",
    "BAC-TRPM": "Bac Pro TRPM",
    "BAC-MELEC": "Bac Pro MELEC",
    "BAC-CIEL": "Bac Pro CIEL",
    "BTS-MS": "BTS Maintenance des systèmes",
    "BTS-CPRP": "BTS CPRP",
    "BTS-CPI": "BTS CPI",
    "BTS-CRSA": "BTS CRSA",
    "BTS-ET": "BTS Électrotechnique",
}
# Today's tasks of the demo coordinator, in days from today: overdue, due this week, later.
COORDINATOR_DUE = [-9, -4, -1, 0, 1, 3, 5, 12, 19, 33]
OTHERS_DUE = [-3, 0, 2, 8, 15]


@cache
def fields(template: str) -> frozenset[str]:
    """The placeholders of a template."""
    return frozenset(name for _text, name, _spec, _conv in string.Formatter().parse(template) if name)


def working_time(rng: random.Random, day: dt.date, kind: str) -> dt.datetime:
    """A moment of a working day (a weekend moves to the Friday before) in Paris working hours."""
    if day.weekday() >= 5:
        day -= dt.timedelta(days=day.weekday() - 4)
    first, last = (9 * 4, 15 * 4) if kind == texts.EVENT else (8 * 4 + 2, 17 * 4 + 2)
    quarter = rng.randint(first, last)
    if kind != texts.EMAIL and 12 * 4 <= quarter < 13 * 4 + 2:  # no meeting over lunch
        quarter += 6
    return dt.datetime.combine(day, dt.time(quarter // 4, 15 * (quarter % 4)), tzinfo=PARIS)


def weekday(day: dt.date, *, back: bool = False) -> dt.date:
    """A working day: a weekend moves to the Monday after (or the Friday before)."""
    if day.weekday() < 5:
        return day
    return day - dt.timedelta(days=day.weekday() - 4) if back else day + dt.timedelta(days=7 - day.weekday())


class Staff:
    """The hub's staff accounts who own exchanges, by the kind of organisation they deal with."""

    def __init__(self) -> None:
        users = {u.username: u for u in User.objects.select_related("person").filter(person__isnull=False)}
        by_title = {u.person.job_title: u for u in users.values()}
        self.coordinator = users["coordination"]
        self.direction = users["direction"]
        self.outreach, self.engineer = users["promotion"], users["ingenieur"]
        engineers = [u for u in users.values() if u.person.job_title.startswith("Ingénieur")]
        self.owners = {
            "company": [self.coordinator] * 5
            + [by_title["Coordinatrice des alternances"]] * 4
            + [self.direction],
            "referral": [self.coordinator, by_title["Chargée des programmes d'insertion"]] * 2,
            "school": [users["promotion"]] * 3 + [by_title["Chargé de relations écoles"]] * 2,
            "industry": [users["ingenieur"]] * 3 + sorted(engineers, key=lambda u: u.username),
            "funder": [self.direction] * 3 + [by_title["Directeur adjoint"]] * 2,
        }


def group_of(p: Partnership, org: Organisation) -> tuple[list, str]:
    """The subjects to draw from for an exchange of this partnership, and whose they are."""
    if p.stage in (Stage.PROSPECT, Stage.CONTACTED):
        if p.kind == Kind.COMPANY:
            return texts.PROSPECT, "company"
        if p.kind == Kind.INDUSTRY_CLIENT:
            return texts.INDUSTRY, "industry"
        if p.kind == Kind.SCHOOL:
            return texts.SCHOOL, "school"
        return texts.FIRST_CONTACT, "funder" if p.kind in (Kind.FUNDER, Kind.OPCO) else "referral"
    if p.kind == Kind.FOUNDER:
        return (texts.FOUNDER + texts.COMPANY if org.kind == Organisation.Kind.COMPANY else texts.FOUNDER), (
            "funder"
        )
    if p.kind == Kind.SCHOOL:
        return (texts.HIGHER if org.school_kind == Organisation.SchoolKind.HIGHER else texts.SCHOOL), "school"
    return {
        Kind.COMPANY: (texts.COMPANY, "company"),
        Kind.REFERRAL: (texts.REFERRAL, "referral"),
        Kind.INDUSTRY_CLIENT: (texts.INDUSTRY, "industry"),
        Kind.FUNDER: (texts.FUNDER, "funder"),
        Kind.OPCO: (texts.FUNDER, "funder"),
    }[Kind(p.kind)]


def load(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("network.interactions")
    today = ctx.today
    since = dt.date(SchoolYear.of(today).start_year - 3, 9, 1)
    last_day = today - dt.timedelta(days=1)
    staff = Staff()
    orgs = {o.pk: o for o in Organisation.objects.filter(partnerships__isnull=False).distinct()}
    contacts: dict[int, list[Person]] = defaultdict(list)
    for role in ContactRole.objects.select_related("person").order_by("-is_primary", "pk"):
        if role.person not in contacts[role.organisation_id]:
            contacts[role.organisation_id].append(role.person)
    apprentices: dict[int, list[tuple[dt.date, dt.date, str, str]]] = defaultdict(list)
    for c in Contract.objects.select_related("apprentice", "course").order_by("pk"):
        name = f"{c.apprentice.first_name} {c.apprentice.last_name}"
        apprentices[c.employer_id].append((c.start_date, c.broken_on or c.end_date, name, c.course.code))
    projects: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for project in Project.objects.order_by("requested_on", "pk"):
        projects[project.client_id].append((project.requested_on, f"{project.reference} {project.title}"))
    courses = list(COURSE_LABELS.values())

    def values(org_pk: int, day: dt.date, person: Person | None) -> dict[str, str]:
        found = {"course": rng.choice(courses), "year": SchoolYear.of(day).label}
        if person is not None:
            found["person"] = f"{person.first_name} {person.last_name}"
        current = [a for a in apprentices.get(org_pk, []) if a[0] <= day <= a[1]]
        if current:
            _s, _e, name, code = rng.choice(current)
            found["apprentice"], found["course"] = name, COURSE_LABELS.get(code, found["course"])
        underway = [title for start, title in projects.get(org_pk, []) if start <= day]
        if underway:
            found["project"] = underway[-1]
        return found

    made: list[tuple[Interaction, list[Person], str]] = []
    for p in Partnership.objects.order_by("pk"):
        org = orgs[p.organisation_id]
        start, end = max(p.start, since), min(p.end or last_day, last_day)
        if start > end:
            continue
        pool, owners = group_of(p, org)
        if p.stage in (Stage.PROSPECT, Stage.CONTACTED):
            count = rng.randint(0, 1) if p.stage == Stage.PROSPECT else rng.randint(1, 3)
        else:
            years = (end - start).days / 365.25
            count = int(PER_YEAR[Kind(p.kind)] * years + rng.random())
        people = contacts.get(org.pk, [])
        for _ in range(count):
            day = start + dt.timedelta(days=rng.randint(0, (end - start).days))
            person = people[0] if people and rng.random() < 0.5 else (rng.choice(people) if people else None)
            found = values(org.pk, day, person)
            choices = [t for t in pool if fields(t[1] + t[2] + t[3]) <= found.keys()]
            if not choices:
                continue
            kind, subject, notes, task = rng.choice(choices)
            present = [person] if person else []
            if kind in (texts.MEETING, texts.VISIT) and len(people) > 1 and rng.random() < 0.4:
                present += [rng.choice([q for q in people if q != person])]
            at = min(working_time(rng, day, kind), dt.datetime.combine(last_day, dt.time(17), tzinfo=PARIS))
            interaction = Interaction(
                organisation=org,
                kind=kind,
                happened_at=at,
                subject=subject.format(**found)[:200],
                notes=notes.format(**found),
                owner=rng.choice(staff.owners[owners]),
            )
            interaction.created_at = at + dt.timedelta(minutes=rng.choice([20, 45, 90]))
            made.append((interaction, present, task.format(**found)[:200] if task else ""))
    made.sort(key=lambda m: m[0].happened_at)
    interactions = bulk_create_dated(Interaction, [i for i, _p, _t in made], fields=["created_at"])
    bulk_link(Interaction.contacts, [(i, present) for i, present, _t in made])

    tasks = [
        follow_up(rng, interaction, title, today)
        for interaction, _p, title in made
        if title and rng.random() < 0.45
    ]
    # What the demo users find on "Mes tâches" today.
    tasks += todays_tasks(
        rng,
        staff.coordinator,
        made,
        today,
        values,
        templates=texts.COORDINATOR_TASKS,
        due=COORDINATOR_DUE,
        kind=Organisation.Kind.COMPANY,
    )
    for user, templates in [(staff.outreach, texts.OUTREACH_TASKS), (staff.engineer, texts.ENGINEER_TASKS)]:
        tasks += todays_tasks(rng, user, made, today, values, templates=templates, due=OTHERS_DUE)
    bulk_create_dated(FollowUpTask, tasks, fields=["created_at"])
    return {"échanges": len(interactions), "tâches de suivi": len(tasks)}


def follow_up(rng: random.Random, interaction: Interaction, title: str, today: dt.date) -> FollowUpTask:
    """A task after an exchange: done when due long ago, sometimes overdue when due lately."""
    happened = interaction.happened_at.astimezone(PARIS)
    due = weekday(happened.date() + dt.timedelta(days=rng.choice([2, 3, 5, 7, 7, 10, 14, 21])))
    remind = rng.choice([1, 1, 2, 3])
    done_at = None
    late = (today - due).days
    if late > 21 or (late > 0 and rng.random() < 0.6) or (late <= 0 and rng.random() < 0.2):
        done_day = min(
            today - dt.timedelta(days=1), due + dt.timedelta(days=rng.choice([-3, -1, 0, 0, 2, 6]))
        )
        done_at = working_time(rng, max(done_day, happened.date()), texts.EMAIL)
        done_at = max(done_at, happened + dt.timedelta(hours=1))
    task = FollowUpTask(
        organisation_id=interaction.organisation_id,
        interaction=interaction,
        title=title,
        due_on=due,
        owner=interaction.owner,
        remind_days_before=remind,
        done_at=done_at,
        reminded_at=reminder(due, remind, done_at, today),
    )
    task.created_at = interaction.created_at + dt.timedelta(minutes=5)
    return task


def reminder(due: dt.date, days: int, done_at: dt.datetime | None, today: dt.date) -> dt.datetime | None:
    """When the morning reminder went out: on its day, if that day is past and the task was not done."""
    day = due - dt.timedelta(days=days)
    if day >= today or (done_at is not None and done_at.astimezone(PARIS).date() < day):
        return None
    return dt.datetime.combine(day, dt.time(7), tzinfo=PARIS)


def todays_tasks(
    rng: random.Random,
    owner: User,
    made: list,
    today: dt.date,
    values: Callable,
    *,
    templates: list[str],
    due: list[int],
    kind: str | None = None,
) -> list[FollowUpTask]:
    """A demo user's open tasks today, due `due` days from today (overdue, this week, later), on the
    organisations of their last exchanges with someone (of one kind of organisation if given)."""
    recent = [
        (i, present)
        for i, present, _t in made
        if i.owner_id == owner.pk and present and (kind is None or i.organisation.kind == kind)
    ]
    recent = recent[-len(due) :]
    tasks = []
    for offset, (interaction, present) in zip(due, reversed(recent), strict=False):
        day = weekday(today + dt.timedelta(days=offset), back=offset < 0)
        found = values(interaction.organisation_id, today, present[0])
        choices = [t for t in templates if fields(t) <= found.keys()]
        remind = rng.choice([1, 2])
        task = FollowUpTask(
            organisation_id=interaction.organisation_id,
            interaction=interaction if rng.random() < 0.7 else None,
            title=rng.choice(choices).format(**found)[:200],
            due_on=day,
            owner=owner,
            remind_days_before=remind,
            reminded_at=reminder(day, remind, None, today),
        )
        planned = dt.datetime.combine(day, dt.time(8), tzinfo=PARIS) - dt.timedelta(days=20)
        yesterday = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(18), tzinfo=PARIS)
        task.created_at = min(max(interaction.created_at, planned), yesterday)
        tasks.append(task)
    return tasks
