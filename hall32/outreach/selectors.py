"""Reads of the outreach app: public events, fill and waiting lists, forum problems and plans,
open-day numbers, and the reach statistics the impact report reads."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from hall32.core.models import Job
from hall32.core.schoolyear import SchoolYear, school_year_case
from hall32.outreach.models import (
    CLASS_KINDS,
    ClassBooking,
    ClassBookingQuerySet,
    Event,
    EventKind,
    EventTally,
    ForumPlan,
    ForumSlot,
    PlanAssignment,
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
    """Events for the staff list, with their booked pupils and waiting classes, and their open-day
    visitors (registered, and come) counted as everywhere else (`with_visitors`)."""
    confirmed = Q(bookings__status=ClassBooking.Status.CONFIRMED)
    events = Event.objects.select_related("host", "room").annotate(
        booked_pupils=Coalesce(
            Sum("bookings__pupils", filter=confirmed), Value(0), output_field=IntegerField()
        ),
        booked_classes=Count("bookings", filter=confirmed),
        waiting_classes=Count("bookings", filter=Q(bookings__status=ClassBooking.Status.WAITLISTED)),
    )
    return with_visitors(events)


def confirmed_pupils(*, event: Event) -> int:
    return event.bookings.confirmed().aggregate(n=Coalesce(Sum("pupils"), 0))["n"]


# --- Open-day visitors: one definition for every page that counts them ------------------------
# A visitor is a person: each young person and each parent of a registration. "Registered" counts
# the registrations not cancelled (what the capacity holds); "came" counts those the desk recorded
# on the day (what reach figures count). Dashboards, lists, the public page, the open-day pages and
# the reach statistics all count through `_PEOPLE` over `live()` or `attendees()`.

_PEOPLE = F("young_people") + F("parents")


def _people_of(registrations: QuerySet[VisitorRegistration]) -> Coalesce:
    total = registrations.filter(event=OuterRef("pk")).values("event").annotate(n=Sum(_PEOPLE)).values("n")
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def with_visitors(events: QuerySet[Event]) -> QuerySet[Event]:
    """Annotate events with `visitors` (registered) and `visitors_came` (recorded on the day)."""
    return events.annotate(
        visitors=_people_of(VisitorRegistration.objects.live()),
        visitors_came=_people_of(VisitorRegistration.objects.attendees()),
    )


@dataclass(frozen=True)
class Visitors:
    """An open day's visitors: registered (not cancelled) and come (recorded on the day)."""

    registered: int
    came: int
    parties: int  # registrations not cancelled
    parties_came: int


def open_day_visitors(*, event: Event) -> Visitors:
    live = VisitorRegistration.objects.live().filter(event=event)
    totals = live.aggregate(
        registered=Coalesce(Sum(_PEOPLE), 0),
        came=Coalesce(Sum(_PEOPLE, filter=Q(attended=True)), 0),
        parties=Count("id"),
        parties_came=Count("id", filter=Q(attended=True)),
    )
    return Visitors(**totals)


def registered_visitors(*, event: Event) -> int:
    return open_day_visitors(event=event).registered


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
        return Fill(event.capacity, open_day_visitors(event=event).registered, 0)
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


def bookings_of(*, user) -> ClassBookingQuerySet:
    """A teacher's bookings: those they made signed in, and those made with their e-mail."""
    condition = Q(booked_by=user)
    if getattr(user, "person_id", None):
        condition |= Q(teacher_id=user.person_id)
    in_current_plan = PlanAssignment.objects.filter(booking=OuterRef("pk"), plan__is_current=True)
    return (
        ClassBooking.objects.filter(condition)
        .select_related("event", "school")
        .annotate(has_rotation=Exists(in_current_plan))
        .order_by("-event__start")
    )


def teacher_upcoming(*, user) -> QuerySet[ClassBooking]:
    """A teacher's coming visits: active bookings (confirmed or waiting) of events not over yet,
    soonest first. A cancelled booking leaves this list (it shows in `teacher_history`)."""
    return (
        bookings_of(user=user).active().filter(event__end__gte=timezone.now()).order_by("event__start", "pk")
    )


def teacher_history(*, user) -> QuerySet[ClassBooking]:
    """The rest of a teacher's bookings: events over, and bookings cancelled or marked absent."""
    upcoming = Q(status__in=[ClassBooking.Status.CONFIRMED, ClassBooking.Status.WAITLISTED]) & Q(
        event__end__gte=timezone.now()
    )
    return bookings_of(user=user).exclude(upcoming)


def class_events() -> QuerySet[Event]:
    """Upcoming public events a teacher can book a class for (the 'Réserver une classe' list)."""
    return public_events().filter(kind__in=CLASS_KINDS)


def booking_cancel_refusal(*, booking: ClassBooking) -> str | None:
    """Why this booking can no longer be cancelled online, or None if it can: the one rule the
    booking page (whether to offer the button) and the cancellation service share."""
    if not booking.is_active:
        return _("Cette réservation est déjà annulée.")
    if booking.event.start <= timezone.now():
        return _("L'événement a commencé : contactez l'équipe du hub pour toute absence.")
    return None


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
    return event.plans.exclude(status=ForumPlan.Status.PENDING).first()


def planning_job(*, event: Event) -> Job | None:
    """The job of the event's latest planner run, while it is still running."""
    plan = event.plans.filter(job__isnull=False).select_related("job").first()
    return plan.job if plan and plan.job and not plan.job.is_finished else None


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
    for staff in PlanStaffing.objects.filter(plan=plan).select_related("apprentice"):
        staffing[(staff.workshop_id, staff.slot_id)].append(staff.apprentice.full_name)
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
            workshop_id = cells.get((b.pk, s.pk))
            row_cells.append(
                {
                    "slot": s,
                    "workshop": workshops.get(workshop_id) if workshop_id else None,
                    "rank": ranks.get(workshop_id) if workshop_id else None,
                }
            )
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


def class_rotation(*, booking: ClassBooking) -> list[dict[str, Any]] | None:
    """A class's forum day in the current plan, slot by slot (`slot`, `workshop` or None); None
    while there is no plan for it, or once the booking no longer stands."""
    if booking.status != ClassBooking.Status.CONFIRMED:
        return None
    plan = current_plan(event=booking.event)
    if plan is None:
        return None
    workshops = {
        a.slot_id: a.workshop
        for a in plan.assignments.filter(booking=booking).select_related("workshop__room__site")
    }
    if not workshops:
        return None
    return [{"slot": s, "workshop": workshops.get(s.pk)} for s in booking.event.slots.all()]


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
        visitors = slot.registrations.live().aggregate(n=Coalesce(Sum(_PEOPLE), 0))["n"]
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
    return event.registrations.live().select_related("person", "course", "tour_slot")


def check_in_refusal(*, event: Event) -> str | None:
    """Why arrivals cannot be recorded for this open day (yet), or None: shared by the desk's page
    and the check-in service."""
    if event.status == Event.Status.CANCELLED:
        return _("Cette journée est annulée.")
    if timezone.localdate() < timezone.localtime(event.start).date():
        return _("La journée n'a pas encore eu lieu : les arrivées s'enregistrent le jour même, à l'accueil.")
    return None


def check_in_list(*, event: Event) -> QuerySet[VisitorRegistration]:
    """The desk's list on an open day: every live registration, by name."""
    return (
        event.registrations.live()
        .select_related("person", "tour_slot")
        .order_by("person__last_name", "person__first_name", "pk")
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

    Counted: classes confirmed (not absent) at events that have taken place, open-day visitors who
    came (recorded at the desk on the day; a registration alone is not reach), and the tallies of
    events without bookings.
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
    for count in event_counts:
        result[count["year"]][count["event__kind"]].events += count["events"]

    visitors = (
        VisitorRegistration.objects.attendees()
        .filter(held)
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
    for visit in visitors:
        result[visit["year"]][visit["event__kind"]].add(
            Reach(visit["pupils"], visit["girls"], 0, visit["parents"], visit["events"])
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
    return {"bookings": list(teacher_upcoming(user=user)[:10]), "events": list(class_events()[:3])}


# --- An organisation's part in events (read by the network's timeline) ---------------------------


@dataclass(frozen=True)
class Participation:
    event: Event
    how: str  # "host", "booking" or "represented"
    detail: str = ""


def organisation_participations(*, organisation: Any, user: Any) -> list[Participation]:
    """The events an organisation hosted, booked classes for (not cancelled) or was counted at, as
    the staff who may see events see them; nothing for anyone else."""
    if not user.has_perm("outreach.view_events"):
        return []
    rows = [Participation(event, "host") for event in Event.objects.filter(host=organisation)]
    bookings = (
        ClassBooking.objects.filter(school=organisation)
        .exclude(status=ClassBooking.Status.CANCELLED)
        .select_related("event")
    )
    rows += [Participation(b.event, "booking", b.class_name) for b in bookings]
    tallies = EventTally.objects.filter(schools=organisation).select_related("event")
    rows += [Participation(t.event, "represented") for t in tallies]
    return sorted(rows, key=lambda row: row.event.start, reverse=True)
