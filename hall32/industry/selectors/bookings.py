"""Reads about bookings: calendars, the week board, feeds, who may be booked for, usage."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import DurationField, ExpressionWrapper, F, Prefetch, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from hall32.core import tokens
from hall32.core.models import Organisation, User
from hall32.core.roles import STAFF_ROLES, Role
from hall32.industry.models import Booking, Equipment, FeedToken
from hall32.industry.selectors.equipment import CATEGORY_COLOURS, KIND_COLOURS, equipment_catalogue


def bookings_between(
    *, start: dt.datetime, end: dt.datetime, equipment: Equipment | None = None
) -> QuerySet[Booking]:
    found = Booking.objects.confirmed().overlapping(start, end).select_related("equipment", "user", "project")
    return found.filter(equipment=equipment) if equipment is not None else found


def calendar_events(
    *, start: dt.datetime, end: dt.datetime, viewer: User, equipment: Equipment | None = None
) -> list[dict[str, Any]]:
    """FullCalendar events. Everyone sees when a machine is taken; only staff and the booker see
    by whom and what for."""
    details = viewer.has_perm("industry.view_booking_details")
    events = []
    for booking in bookings_between(start=start, end=end, equipment=equipment):
        mine = booking.user_id == viewer.pk
        if booking.kind == Booking.Kind.MAINTENANCE:
            title = f"🔧 {booking.title}"
        elif details or mine:
            who = booking.user.display_name if booking.user else ""
            title = " · ".join(x for x in [booking.title or booking.get_kind_display(), who] if x)
        else:
            title = booking.get_kind_display() if booking.kind == Booking.Kind.SCHEDULED else _("Réservé")
        if equipment is None:
            title = f"{booking.equipment.code} · {title}"
        colour = KIND_COLOURS.get(booking.kind, CATEGORY_COLOURS.get(booking.equipment.category, "#0b5c8a"))
        events.append(
            {
                "id": booking.pk,
                "title": title,
                # Wall-clock Paris time without offset: the calendar is set to Europe/Paris.
                "start": timezone.localtime(booking.start).replace(tzinfo=None).isoformat(),
                "end": timezone.localtime(booking.end).replace(tzinfo=None).isoformat(),
                "color": "#0d6efd" if mine and booking.kind == Booking.Kind.USAGE else colour,
                "url": booking.get_absolute_url() if (details or mine) else None,
                "extendedProps": {"kind": booking.kind, "mine": mine, "equipment": booking.equipment.code},
            }
        )
    return events


@dataclass
class BoardSlot:
    """One booking's part of one day: a night booking has a part on each day it covers."""

    booking: Booking
    start: dt.datetime
    end: dt.datetime
    from_before: bool  # began on an earlier day
    to_after: bool  # goes on the next day
    shown: bool = False  # the viewer sees what it is for (and follows it); others see "Réservé"
    colour: str = "#1f6f43"
    href: str = ""


def board_view(booking: Booking, *, viewer: User, details: bool) -> tuple[bool, str, str]:
    """Who sees which booking on the board: staff with the details right and the booker see what a
    booking is for and open it; everyone sees maintenance, which leads others to the machine.
    Returns (shown, colour, link)."""
    mine = booking.user_id == viewer.pk
    maintenance = booking.kind == Booking.Kind.MAINTENANCE
    shown = details or mine or maintenance
    if not shown:
        return False, "#1f6f43", ""
    colour = KIND_COLOURS.get(booking.kind) or ("#0d6efd" if mine else "#1f6f43")
    href = booking.equipment.get_absolute_url() if maintenance and not details else booking.get_absolute_url()
    return True, colour, href


@dataclass
class BoardRow:
    equipment: Equipment
    days: list[list[BoardSlot]]


def week_board(*, monday: dt.date, viewer: User, category: str = "") -> list[BoardRow]:
    """Machines by day of one week: the across-machines view, each booking as `viewer` may see it."""
    details = viewer.has_perm("industry.view_booking_details")
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(monday, dt.time(0), tzinfo=tz)
    end = start + dt.timedelta(days=7)
    machines = equipment_catalogue()
    found = bookings_between(start=start, end=end)
    if category:
        machines = machines.filter(category=category)
        found = found.filter(equipment__category=category)
    per: dict[tuple[int, int], list[BoardSlot]] = defaultdict(list)
    for booking in found.order_by("start"):
        shown, colour, href = board_view(booking, viewer=viewer, details=details)
        first = max(0, (timezone.localtime(booking.start).date() - monday).days)
        last = min(6, (timezone.localtime(booking.end - dt.timedelta(seconds=1)).date() - monday).days)
        for day in range(first, last + 1):
            day_start = dt.datetime.combine(monday + dt.timedelta(days=day), dt.time(0), tzinfo=tz)
            day_end = dt.datetime.combine(monday + dt.timedelta(days=day + 1), dt.time(0), tzinfo=tz)
            per[(booking.equipment_id, day)].append(
                BoardSlot(
                    booking,
                    timezone.localtime(max(booking.start, day_start)),
                    timezone.localtime(min(booking.end, day_end)),
                    from_before=booking.start < day_start,
                    to_after=booking.end > day_end,
                    shown=shown,
                    colour=colour,
                    href=href,
                )
            )
    return [BoardRow(m, [per[(m.pk, d)] for d in range(7)]) for m in machines]


def board_by_day(rows: list[BoardRow]) -> list[list[tuple[Equipment, BoardSlot]]]:
    """The same week day by day, every machine's bookings in the order they start (phones)."""
    return [
        sorted(((row.equipment, slot) for row in rows for slot in row.days[day]), key=lambda x: x[1].start)
        for day in range(7)
    ]


def bookings_of(*, user: User) -> QuerySet[Booking]:
    return Booking.objects.filter(user=user).select_related("equipment", "project")


def feed_bookings(*, equipment: Equipment | None = None, user: User | None = None) -> QuerySet[Booking]:
    since = timezone.now() - dt.timedelta(days=60)
    found = Booking.objects.confirmed().filter(end__gte=since).select_related("equipment", "project")
    if equipment is not None:
        found = found.filter(equipment=equipment)
    if user is not None:
        found = found.filter(user=user)
    return found.order_by("start")


def possible_bookers() -> QuerySet[User]:
    """The accounts an engineer may book a machine for (those who may book themselves)."""
    return (
        User.objects.filter(is_active=True, groups__name__in=[*STAFF_ROLES, Role.LEARNER, Role.CLIENT])
        .distinct()
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "username")
    )


def feed_token_of(*, user: User) -> FeedToken | None:
    return FeedToken.objects.filter(user=user).first()


def feed_subscriber(*, raw: str) -> User | None:
    """Whose bookings a feed link opens: None for an unknown link, and for an account that may no
    longer book (deactivated, or its role withdrawn), checked at every fetch."""
    found = FeedToken.objects.select_related("user").filter(digest=tokens.digest(raw)).first()
    if found is None or not tokens.matches(raw, found.digest):
        return None
    user = found.user
    if not (user.is_active and user.has_perm("industry.view_my_bookings")):
        return None
    return user


# --- Usage report --------------------------------------------------------------------------------


@dataclass
class UsageLine:
    label: str
    months: list[float]
    revenue: Decimal = Decimal("0")
    key: Any = None

    @property
    def total(self) -> float:
        return sum(self.months)


@dataclass
class UsageReport:
    months: list[dt.date]
    by_equipment: list[UsageLine] = field(default_factory=list)
    by_client: list[UsageLine] = field(default_factory=list)

    @property
    def month_totals(self) -> list[float]:
        return [sum(line.months[i] for line in self.by_equipment) for i in range(len(self.months))]

    @property
    def total_hours(self) -> float:
        return sum(self.month_totals)

    @property
    def total_revenue(self) -> Decimal:
        return sum((line.revenue for line in self.by_client), Decimal("0"))


def usage_report(*, start: dt.date, end: dt.date, equipment_id: int | None = None) -> UsageReport:
    """Hours of use (maintenance excluded) per machine and per client company, by month of the
    booking's start, over [start, end); revenue at each machine's hourly rate for client work."""
    tz = timezone.get_current_timezone()
    months, day = [], start.replace(day=1)
    while day < end:
        months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    index = {(m.year, m.month): i for i, m in enumerate(months)}
    bookings = (
        Booking.objects.confirmed()
        .exclude(kind=Booking.Kind.MAINTENANCE)
        .filter(start__gte=dt.datetime.combine(start, dt.time(0), tzinfo=tz))
        .filter(start__lt=dt.datetime.combine(end, dt.time(0), tzinfo=tz))
    )
    if equipment_id:
        bookings = bookings.filter(equipment_id=equipment_id)
    rows = (
        bookings.annotate(month=TruncMonth("start", tzinfo=tz))
        .values("month", "equipment_id", "project__client_id")
        .annotate(duration=Sum(ExpressionWrapper(F("end") - F("start"), output_field=DurationField())))
        .order_by()
    )
    machines = {m.pk: m for m in Equipment.objects.all()}
    equipment_lines: dict[int, UsageLine] = {}
    client_lines: dict[int | None, UsageLine] = {}
    client_ids = set()
    data = list(rows)
    for row in data:
        client_ids.add(row["project__client_id"])
    names = dict(Organisation.objects.filter(pk__in=[c for c in client_ids if c]).values_list("pk", "name"))
    for row in data:
        month = row["month"]
        i = index.get((month.year, month.month))
        if i is None:
            continue
        hours_ = row["duration"].total_seconds() / 3600
        machine = machines[row["equipment_id"]]
        line = equipment_lines.setdefault(
            machine.pk, UsageLine(machine.name, [0.0] * len(months), key=machine)
        )
        line.months[i] += hours_
        client = row["project__client_id"]
        label = names.get(client, "") if client else _("Hall 32 (formation et usage interne)")
        cline = client_lines.setdefault(client, UsageLine(label, [0.0] * len(months), key=client))
        cline.months[i] += hours_
        amount = (Decimal(str(hours_)) * machine.hourly_rate).quantize(Decimal("0.01"))
        line.revenue += amount if client else 0
        if client:
            cline.revenue += amount
    return UsageReport(
        months=months,
        by_equipment=sorted(equipment_lines.values(), key=lambda x: x.label),
        by_client=sorted(client_lines.values(), key=lambda x: (x.key is None, -x.total)),
    )


def prefetch_upcoming_bookings() -> Prefetch:
    return Prefetch(
        "bookings",
        queryset=Booking.objects.confirmed().filter(end__gt=timezone.now()).order_by("start"),
        to_attr="upcoming_bookings",
    )
