"""Reads of the outreach app: public events, fill and waiting lists, forum problems and plans,
open-day numbers, and the reach statistics the impact report reads."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from hall32.core.schoolyear import SchoolYear, school_year_case
from hall32.outreach.models import (
    ClassBooking,
    Event,
    EventKind,
    EventTally,
    ForumPlan,
    ForumSlot,
    PlanStaffing,
    TourAssignment,
    VisitorRegistration,
)
from hall32.outreach.optimisation import forum as forum_opt
from hall32.outreach.optimisation import rota as rota_opt


def _minutes(value) -> int:
    return value.hour * 60 + value.minute


# --- Events ----------------------------------------------------------------------------------------


def public_events() -> QuerySet[Event]:
    return Event.objects.public().upcoming().select_related("host", "room").order_by("start")


def staff_events() -> QuerySet[Event]:
    """Events for the staff list, with their booked pupils and waiting classes."""
    confirmed = Q(bookings__status=ClassBooking.Status.CONFIRMED)
    return Event.objects.select_related("host", "room").annotate(
        booked_pupils=Coalesce(
            Sum("bookings__pupils", filter=confirmed), Value(0), output_field=IntegerField()
        ),
        booked_classes=Count("bookings", filter=confirmed),
        waiting_classes=Count("bookings", filter=Q(bookings__status=ClassBooking.Status.WAITLISTED)),
        visitors=Coalesce(
            Sum("registrations__young_people", filter=Q(registrations__cancelled_at__isnull=True)),
            Value(0),
            output_field=IntegerField(),
        ),
    )


def confirmed_pupils(*, event: Event) -> int:
    return event.bookings.confirmed().aggregate(n=Coalesce(Sum("pupils"), 0))["n"]


def registered_visitors(*, event: Event) -> int:
    totals = event.registrations.filter(cancelled_at__isnull=True).aggregate(
        young=Coalesce(Sum("young_people"), 0), parents=Coalesce(Sum("parents"), 0)
    )
    return totals["young"] + totals["parents"]


@dataclass(frozen=True)
class Fill:
    capacity: int | None
    taken: int
    waiting: int

    @property
    def free(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - self.taken)

    @property
    def ratio(self) -> float:
        return 0.0 if not self.capacity else min(1.0, self.taken / self.capacity)


def event_fill(*, event: Event) -> Fill:
    if event.takes_visitors:
        return Fill(event.capacity, registered_visitors(event=event), 0)
    waiting = event.bookings.waiting().count()
    return Fill(event.capacity, confirmed_pupils(event=event), waiting)


def event_bookings(*, event: Event) -> QuerySet[ClassBooking]:
    return (
        event.bookings.select_related("school", "teacher")
        .prefetch_related("preferences__workshop")
        .order_by("status", "requested_at", "pk")
    )


def waiting_position(*, booking: ClassBooking) -> int | None:
    if booking.status != ClassBooking.Status.WAITLISTED:
        return None
    ahead = booking.event.bookings.waiting().filter(
        Q(requested_at__lt=booking.requested_at) | Q(requested_at=booking.requested_at, pk__lt=booking.pk)
    )
    return ahead.count() + 1


def bookings_of(*, user) -> QuerySet[ClassBooking]:
    """A teacher's bookings: those they made signed in, and those made with their e-mail."""
    condition = Q(booked_by=user)
    if getattr(user, "person_id", None):
        condition |= Q(teacher_id=user.person_id)
    return ClassBooking.objects.filter(condition).select_related("event", "school").order_by("-event__start")


def booking_by_token(*, token) -> ClassBooking:
    return ClassBooking.objects.select_related("event", "school", "teacher").get(token=token)


# --- Forum planning -------------------------------------------------------------------------------------


def forum_problem(*, event: Event) -> forum_opt.ForumProblem:
    """The forum day as plain data for the planner: slots, workshops, confirmed classes, apprentices."""
    slots = [
        forum_opt.Slot(s.pk, _minutes(s.start), _minutes(s.end), s.label)
        for s in event.slots.filter(is_break=False)
    ]
    workshops = []
    staff_ids: set[int] = set()
    for w in event.workshops.select_related("trade").prefetch_related("apprentices"):
        people = tuple(sorted(a.pk for a in w.apprentices.all()))
        staff_ids.update(people)
        workshops.append(
            forum_opt.Workshop(w.pk, w.name, w.capacity, w.is_tension, people, w.min_apprentices)
        )
    first = min((s.start for s in slots), default=0)
    last = max((s.end for s in slots), default=24 * 60)
    classes = []
    for b in (
        event.bookings.confirmed()
        .select_related("school")
        .prefetch_related("preferences")
        .order_by("requested_at", "pk")
    ):
        arrival = _minutes(b.arrival) if b.arrival else first
        departure = _minutes(b.departure) if b.departure else last
        ranked = tuple(p.workshop_id for p in sorted(b.preferences.all(), key=lambda p: p.rank))
        label = f"{b.class_name} ({b.school.name})"
        classes.append(forum_opt.ClassGroup(b.pk, label, b.pupils, arrival, departure, ranked))
    availability = {
        a.apprentice_id: frozenset(a.slots.values_list("pk", flat=True))
        for a in event.availabilities.prefetch_related("slots")
    }
    from hall32.core.models import Person

    names = dict(Person.objects.filter(pk__in=staff_ids).values_list("pk", "first_name"))
    apprentices = [
        forum_opt.Apprentice(pk, names.get(pk, str(pk)), availability.get(pk) or None)
        for pk in sorted(staff_ids)
    ]
    return forum_opt.ForumProblem(slots, workshops, classes, apprentices)


def current_plan(*, event: Event) -> ForumPlan | None:
    return event.plans.filter(is_current=True).first()


def latest_attempt(*, event: Event) -> ForumPlan | None:
    return event.plans.first()


def plan_assignment(*, plan: ForumPlan) -> dict[tuple[int, int], int]:
    return {(a.booking_id, a.slot_id): a.workshop_id for a in plan.assignments.all()}


@dataclass
class PlanGrid:
    slots: list[ForumSlot]
    rows: list[dict[str, Any]]  # one per class: booking, cells [workshop or None per slot], score
    workshops: list[dict[str, Any]]  # one per workshop: workshop, cells [list of bookings per slot]


def plan_grid(*, plan: ForumPlan) -> PlanGrid:
    event = plan.event
    slots = list(event.slots.all())
    workshops = {w.pk: w for w in event.workshops.select_related("trade")}
    cells: dict[tuple[int, int], int] = {}
    for a in plan.assignments.all():
        cells[(a.booking_id, a.slot_id)] = a.workshop_id
    staffing: dict[tuple[int, int], list[str]] = defaultdict(list)
    for s in PlanStaffing.objects.filter(plan=plan).select_related("apprentice"):
        staffing[(s.workshop_id, s.slot_id)].append(s.apprentice.full_name)
    bookings = list(
        event.bookings.filter(pk__in={c for c, _s in cells})
        .select_related("school")
        .prefetch_related("preferences")
        .order_by("school__name", "class_name")
    )
    rows = []
    for b in bookings:
        ranks = {p.workshop_id: p.rank for p in b.preferences.all()}
        row_cells = []
        for s in slots:
            w = cells.get((b.pk, s.pk))
            row_cells.append({"slot": s, "workshop": workshops.get(w) if w else None, "rank": ranks.get(w)})
        rows.append({"booking": b, "cells": row_cells})
    per_workshop = []
    by_id = {b.pk: b for b in bookings}
    for w in workshops.values():
        per_workshop.append(
            {
                "workshop": w,
                "cells": [
                    {
                        "slot": s,
                        "bookings": [by_id[c] for (c, ss), ww in cells.items() if ss == s.pk and ww == w.pk],
                        "apprentices": staffing.get((w.pk, s.pk), []),
                    }
                    for s in slots
                ],
            }
        )
    return PlanGrid(slots, rows, per_workshop)


TOP_CHOICES = 3  # "the 3 first choices" the summary counts


@dataclass
class PlanSummary:
    """A forum plan told the way a coordinator judges it: the classes' choices, the tension trades."""

    classes: int  # classes in the plan
    with_choices: int  # of which ranked workshops
    first_choice: int  # got their favourite workshop
    top_choices: int  # got all their first TOP_CHOICES (or as many as they attend workshops)
    visits: int  # workshops attended, all classes together
    chosen_visits: int  # of which among the class's choices
    tension_classes: int  # discover at least one tension trade
    has_tension: bool  # the forum offers tension trades at all
    gain_over_first_come: float | None  # preference score over "first come, first served" - 1

    @property
    def top_share(self) -> float | None:
        return self.top_choices / self.with_choices if self.with_choices else None

    @property
    def chosen_share(self) -> float | None:
        return self.chosen_visits / self.visits if self.visits else None


def plan_summary(*, plan: ForumPlan, grid: PlanGrid) -> PlanSummary:
    with_choices = first = top = visits = chosen = tension = 0
    for row in grid.rows:
        attended = [c for c in row["cells"] if c["workshop"] is not None]
        ranks = {c["rank"] for c in attended if c["rank"]}
        visits += len(attended)
        chosen += sum(1 for c in attended if c["rank"])
        tension += any(c["workshop"].is_tension for c in attended)
        ranked = len(row["booking"].preferences.all())
        if ranked:
            with_choices += 1
            first += 1 in ranks
            wanted = set(range(1, min(TOP_CHOICES, ranked, len(attended)) + 1))
            top += wanted <= ranks
    gain = None
    if plan.objective is not None and plan.greedy_objective:
        gain = plan.objective / plan.greedy_objective - 1
    return PlanSummary(
        classes=len(grid.rows),
        with_choices=with_choices,
        first_choice=first,
        top_choices=top,
        visits=visits,
        chosen_visits=chosen,
        tension_classes=tension,
        has_tension=any(w["workshop"].is_tension for w in grid.workshops),
        gain_over_first_come=gain,
    )


# --- Open days ----------------------------------------------------------------------------------------


def rota_problem(*, event: Event) -> rota_opt.RotaProblem:
    departures = []
    for slot in event.tour_slots.all():
        visitors = slot.registrations.filter(cancelled_at__isnull=True).aggregate(
            n=Coalesce(Sum("young_people"), 0) + Coalesce(Sum("parents"), 0)
        )["n"]
        groups = -(-visitors // slot.group_size) if visitors else 0
        departures.append(rota_opt.TourDeparture(slot.pk, f"{slot.start:%H:%M}", groups))
    guides = [
        rota_opt.Guide(
            a.apprentice_id,
            a.apprentice.full_name,
            frozenset(a.tour_slots.values_list("pk", flat=True)),
            a.max_tours,
        )
        for a in event.availabilities.select_related("apprentice").prefetch_related("tour_slots")
    ]
    return rota_opt.RotaProblem(departures, guides)


def rota(*, event: Event) -> dict[int, list[Any]]:
    result: dict[int, list[Any]] = defaultdict(list)
    for a in TourAssignment.objects.filter(slot__event=event).select_related("apprentice"):
        result[a.slot_id].append(a.apprentice)
    return result


def registrations_for(*, event: Event) -> QuerySet[VisitorRegistration]:
    return event.registrations.filter(cancelled_at__isnull=True).select_related(
        "person", "course", "tour_slot"
    )


# --- Reach statistics ----------------------------------------------------------------------------------


@dataclass
class Reach:
    """Who the hub reached: pupils, classes, schools, parents, girls."""

    pupils: int = 0
    girls: int = 0
    classes: int = 0
    parents: int = 0
    events: int = 0
    school_ids: set[int] = field(default_factory=set)

    @property
    def schools(self) -> int:
        return len(self.school_ids)

    @property
    def girls_share(self) -> float | None:
        return self.girls / self.pupils if self.pupils else None

    def add(self, other: Reach) -> None:
        self.pupils += other.pupils
        self.girls += other.girls
        self.classes += other.classes
        self.parents += other.parents
        self.events += other.events
        self.school_ids |= other.school_ids


def reach_statistics(*, years: list[SchoolYear], until=None) -> dict[int, dict[str, Reach]]:
    """Reach per school year (start year) and event kind, plus a 'total' per year.

    Counted: classes confirmed (not absent) at events that have taken place, open-day visitors
    registered (not cancelled) at past open days, and the tallies of events without bookings.
    Cancelled events count for nothing. A few grouped queries, whatever the number of years.
    """
    until = until or timezone.now()
    result: dict[int, dict[str, Reach]] = {y.start_year: defaultdict(Reach) for y in years}
    held = Q(event__end__lte=until) & ~Q(event__status=Event.Status.CANCELLED)
    year = school_year_case("event__start__date", years)

    bookings = (
        ClassBooking.objects.filter(held, status=ClassBooking.Status.CONFIRMED)
        .annotate(year=year)
        .exclude(year=None)
        .values("year", "event__kind", "school_id")
        .annotate(pupils=Sum("pupils"), girls=Sum("girls"), classes=Count("id"))
    )
    for row in bookings:
        reach = result[row["year"]][row["event__kind"]]
        reach.add(Reach(row["pupils"], row["girls"], row["classes"], 0, 0, {row["school_id"]}))
    event_counts = (
        ClassBooking.objects.filter(held, status=ClassBooking.Status.CONFIRMED)
        .annotate(year=year)
        .exclude(year=None)
        .values("year", "event__kind")
        .annotate(events=Count("event", distinct=True))
    )
    for row in event_counts:
        result[row["year"]][row["event__kind"]].events += row["events"]

    visitors = (
        VisitorRegistration.objects.filter(held, cancelled_at__isnull=True, attended=True)
        .annotate(year=year)
        .exclude(year=None)
        .values("year", "event__kind")
        .annotate(
            pupils=Sum("young_people"),
            girls=Sum("girls"),
            parents=Sum("parents"),
            events=Count("event", distinct=True),
        )
    )
    for row in visitors:
        result[row["year"]][row["event__kind"]].add(
            Reach(row["pupils"], row["girls"], 0, row["parents"], row["events"])
        )

    tallies = (
        EventTally.objects.filter(held)
        .annotate(year=year)
        .exclude(year=None)
        .select_related("event")
        .prefetch_related("schools")
    )
    for tally in tallies:
        result[tally.year][tally.event.kind].add(
            Reach(
                tally.pupils,
                tally.girls,
                tally.classes,
                tally.parents,
                1,
                {s.pk for s in tally.schools.all()},
            )
        )

    for per_kind in result.values():
        total = Reach()
        for reach in list(per_kind.values()):
            total.add(reach)
        per_kind["total"] = total
    return {y: dict(kinds) for y, kinds in result.items()}


def forum_classes(*, years: list[SchoolYear]) -> int:
    """Classes that came to a forum over the given school years (the published '80 classes')."""
    stats = reach_statistics(years=years)
    return sum(kinds.get(EventKind.FORUM, Reach()).classes for kinds in stats.values())


def open_days_held(*, year: SchoolYear) -> int:
    return (
        Event.objects.in_school_year(year)
        .filter(kind=EventKind.OPEN_DAY)
        .exclude(status=Event.Status.CANCELLED)
        .count()
    )


def teacher_dashboard(*, user) -> dict[str, Any]:
    bookings = list(bookings_of(user=user).filter(event__end__gte=timezone.now())[:10])
    return {"bookings": bookings}
