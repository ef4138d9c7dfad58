"""Reads of the network app: partnerships, and the hub's partner companies over a period."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet

from hall32.core import access, geo
from hall32.core.models import Organisation
from hall32.core.schoolyear import SchoolYear
from hall32.network.models import Agreement, Partnership, PartnershipQuerySet


def partnerships_of(*, organisation: Organisation) -> PartnershipQuerySet:
    return Partnership.objects.filter(organisation=organisation).order_by("kind", "-start")


def partner_companies_count(*, year: SchoolYear) -> int:
    """Companies that were partners of the hub (founder or host of apprentices) for part of the
    school year, each counted once whatever the number of its partnerships."""
    return (
        Partnership.objects.partners_during(year.start, year.end)
        .filter(kind__in=Partnership.PARTNER_COMPANY_KINDS, organisation__kind=Organisation.Kind.COMPANY)
        .values("organisation")
        .distinct()
        .count()
    )


def partner_companies_by_year(*, years: list[SchoolYear]) -> dict[SchoolYear, int]:
    return {year: partner_companies_count(year=year) for year in years}


# partners: the directory of partners, its mailing list and its map; agreements --------------------


def partner_directory() -> QuerySet[Organisation]:
    """The organisations with at least one partnership, with their partnerships (current first)."""
    return (
        Organisation.objects.filter(Exists(Partnership.objects.filter(organisation=OuterRef("pk"))))
        .annotate(people_count=Count("people", filter=Q(people__erased_at__isnull=True)))
        .prefetch_related(
            Prefetch(
                "partnerships", queryset=Partnership.objects.order_by(F("end").desc(nulls_first=True), "kind")
            )
        )
    )


@dataclass(frozen=True)
class MailingRow:
    name: str
    organisation: str
    role: str
    email: str
    phone: str


def mailing_list(*, organisations: QuerySet[Organisation], user: Any) -> list[MailingRow]:
    """The contacts of these organisations who agreed to be contacted, as the user may read them
    (hall32.core.access: a field the role may not see is left blank; a person they may not see is
    left out)."""
    people = list(
        access.people_visible_to(user)
        .active()
        .filter(organisation__in=organisations.values("pk"), consent_contact=True)
        .select_related("organisation")
        .order_by("organisation__name", "last_name", "first_name", "pk")
    )
    fields = access.visible_fields_many(user, people)
    rows = []
    for person in people:
        seen = fields.get(person.pk, access.NOTHING)
        if "consents" not in seen:
            continue  # whether they agreed is not the user's to know
        values = access.masked(person, seen)
        rows.append(
            MailingRow(
                name=person.full_name if "name" in seen else "",
                organisation=values.get("organisation") or "",
                role=values.get("job_title") or "",
                email=values.get("email") or "",
                phone=values.get("phone") or "",
            )
        )
    return rows


@dataclass(frozen=True)
class MapPoint:
    x: float
    y: float
    name: str
    kind: str
    url: str


@dataclass(frozen=True)
class PartnerMap:
    """Partners placed on a plain equirectangular box (no tiles, no network): x and y in 0..1000
    and 0..height, the hub marked, one colour per kind of partnership."""

    points: list[MapPoint]
    hub: tuple[float, float] | None
    height: float
    missing: int  # partners without a known postcode
    kinds: list[tuple[str, str]]


MAP_WIDTH = 1000.0


def hub_postcode() -> str:
    from hall32.core.models import Site

    return Site.objects.exclude(postcode="").order_by("pk").values_list("postcode", flat=True).first() or ""


def partner_map(*, organisations: list[Organisation], hub_postcode: str) -> PartnerMap:
    located: list[tuple[Organisation, tuple[float, float]]] = []
    missing = 0
    for org in organisations:
        where = geo.coordinates(org.postcode) if org.postcode else None
        if where is None:
            missing += 1
        else:
            located.append((org, where))
    hub = geo.coordinates(hub_postcode) if hub_postcode else None
    spots = [w for _, w in located] + ([hub] if hub else [])
    if not spots:
        return PartnerMap([], None, 400.0, missing, [])
    lats, lons = [s[0] for s in spots], [s[1] for s in spots]
    mid = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * mid, 0.05)
    span_y = max(max(lats) - min(lats), 0.05)
    scale = (MAP_WIDTH - 80) / max(span_x, span_y * 1.0)
    height = span_y * scale + 80

    def place(where: tuple[float, float]) -> tuple[float, float]:
        return (40 + (where[1] - min(lons)) * mid * scale, 40 + (max(lats) - where[0]) * scale)

    points = []
    for org, where in located:
        x, y = place(where)
        partnership = next(iter(org.partnerships.all()), None)
        kind = partnership.kind if partnership else ""
        points.append(MapPoint(round(x, 1), round(y, 1), org.name, kind, org.get_absolute_url()))
    kinds = sorted({p.kind for p in points})
    return PartnerMap(
        points=points,
        hub=tuple(round(v, 1) for v in place(hub)) if hub else None,  # type: ignore[arg-type]
        height=round(height, 1),
        missing=missing,
        kinds=[(k, str(Partnership.Kind(k).label)) for k in kinds if k],
    )


def connect_counts() -> dict[str, int]:
    """The landing page's figures: partners today, prospects, agreements."""
    current = Partnership.objects.open()
    return {
        "partners": current.filter(stage=Partnership.Stage.PARTNER).values("organisation").distinct().count(),
        "prospects": current.filter(stage__in=[Partnership.Stage.PROSPECT, Partnership.Stage.CONTACTED])
        .values("organisation")
        .distinct()
        .count(),
        "agreements": Agreement.objects.count(),
    }


def agreements_of(*, organisation: Organisation) -> QuerySet[Agreement]:
    return Agreement.objects.filter(organisation=organisation).select_related("partnership")
