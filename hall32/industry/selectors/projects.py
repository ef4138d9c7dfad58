"""Reads about client projects: lists, a project's figures, clients and their return rate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    DurationField,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from hall32.core.models import Organisation, User
from hall32.industry.models import Booking, Project, Quote, TimeEntry


def _hours_subquery() -> Subquery:
    return Subquery(
        TimeEntry.objects.filter(project=OuterRef("pk"))
        .values("project")
        .annotate(total=Sum("hours"))
        .values("total")[:1],
        output_field=DecimalField(),
    )


def projects_list(*, user: User | None = None) -> QuerySet[Project]:
    """All projects for the Pôle Industrie's staff; a client's own company's otherwise."""
    projects = Project.objects.select_related("client", "lead", "contact")
    if user is not None and not user.has_perm("industry.view_projects"):
        organisation = getattr(user.person, "organisation_id", None) if user.person_id else None
        projects = projects.for_client(organisation)
    return projects.annotate(
        hours_spent=Coalesce(_hours_subquery(), Value(Decimal("0")), output_field=DecimalField())
    )


@dataclass
class ProjectFigures:
    hours_spent: Decimal
    machine_hours: float
    machine_cost: Decimal
    quoted: Decimal | None  # net amount of the accepted quote
    by_activity: list[tuple[str, Decimal]]
    by_equipment: list[tuple[str, float]]


def quotes_of(*, project: Project, user: User) -> list[Quote]:
    """A project's quotes as `user` may see them, each with its totals: the team sees its drafts,
    a client only what was sent to them."""
    quotes = project.quotes.prefetch_related("lines")
    if not user.has_perm("industry.manage_projects"):
        quotes = quotes.exclude(status=Quote.Status.DRAFT)
    shown = list(quotes)
    for quote in shown:
        # Totals for the page, computed once per quote from its prefetched lines.
        quote.net, quote.vat, quote.gross = quote.totals(list(quote.lines.all()))  # type: ignore[attr-defined]
    return shown


def project_figures(*, project: Project) -> ProjectFigures:
    entries = project.time_entries.values("activity").annotate(total=Sum("hours")).order_by("-total")
    labels = dict(TimeEntry.Activity.choices)
    machine_rows = (
        project.bookings.filter(status=Booking.Status.CONFIRMED)
        .values("equipment__name", "equipment__hourly_rate")
        .annotate(duration=Sum(ExpressionWrapper(F("end") - F("start"), output_field=DurationField())))
        .order_by("equipment__name")
    )
    by_equipment, cost = [], Decimal("0")
    for row in machine_rows:
        hours = row["duration"].total_seconds() / 3600
        by_equipment.append((row["equipment__name"], hours))
        cost += (Decimal(str(hours)) * row["equipment__hourly_rate"]).quantize(Decimal("0.01"))
    accepted = project.quotes.filter(status=Quote.Status.ACCEPTED).prefetch_related("lines").first()
    return ProjectFigures(
        hours_spent=sum((e["total"] for e in entries), Decimal("0")),
        machine_hours=sum(h for _n, h in by_equipment),
        machine_cost=cost,
        quoted=accepted.totals()[0] if accepted else None,
        by_activity=[(str(labels.get(e["activity"], e["activity"])), e["total"]) for e in entries],
        by_equipment=by_equipment,
    )


@dataclass(frozen=True)
class ClientReturn:
    """Clients with at least one project, and those who came back for a further one."""

    clients: int
    returning: int
    large_groups: int
    by_size: dict[str, int]

    @property
    def rate(self) -> float | None:
        return self.returning / self.clients if self.clients else None


def client_return(*, since: dt.date | None = None, until: dt.date | None = None) -> ClientReturn:
    """Computed from the projects, never stored: a client returns when it has a further project
    after its first (abandoned requests do not count). Projects requested in [since, until]."""
    projects = Project.objects.counted()
    if since:
        projects = projects.filter(requested_on__gte=since)
    if until:
        projects = projects.filter(requested_on__lte=until)
    per_client = list(projects.values("client_id", "client__size_band").annotate(n=Count("pk")).order_by())
    by_size: dict[str, int] = {}
    for row in per_client:
        by_size[row["client__size_band"] or ""] = by_size.get(row["client__size_band"] or "", 0) + 1
    return ClientReturn(
        clients=len(per_client),
        returning=sum(1 for row in per_client if row["n"] >= 2),
        large_groups=by_size.get(Organisation.SizeBand.LARGE_GROUP, 0),
        by_size=by_size,
    )


def clients_list() -> QuerySet[Organisation]:
    """Companies with at least one project, with their counts and first request."""
    counted = ~Q(industry_projects__status="abandoned")
    return (
        Organisation.objects.filter(industry_projects__isnull=False)
        .annotate(
            projects=Count("industry_projects", filter=counted, distinct=True),
            open_projects=Count(
                "industry_projects",
                filter=counted & ~Q(industry_projects__status__in=["closed"]),
                distinct=True,
            ),
            first_request=Min("industry_projects__requested_on"),
        )
        .distinct()
    )


def satisfaction(*, since: dt.date | None = None, until: dt.date | None = None) -> tuple[float | None, int]:
    """Mean satisfaction (1-5) of the projects closed in the period, and how many were rated."""
    closed = Project.objects.filter(satisfaction__isnull=False)
    if since:
        closed = closed.filter(closed_on__gte=since)
    if until:
        closed = closed.filter(closed_on__lte=until)
    values = [v for v in closed.values_list("satisfaction", flat=True) if v is not None]
    return (sum(values) / len(values) if values else None), len(values)


def projects_of_client(*, organisation: Organisation, user: User) -> QuerySet[Project]:
    """A client's projects with their quotes, for the Pôle Industrie's team only (the network's
    timeline of an organisation reads them here); drafts of quotes are the team's to see."""
    if not user.has_perm("industry.view_projects"):
        return Project.objects.none()
    return (
        Project.objects.filter(client=organisation)
        .prefetch_related("quotes")
        .order_by("-requested_on", "-pk")
    )
