"""Outreach API: public events, class booking and cancellation, reach statistics."""

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import field_validator

from hall32.core.models import Organisation
from hall32.core.schoolyear import SchoolYear, school_years
from hall32.outreach import selectors, services
from hall32.outreach.filters import PublicEventFilter
from hall32.outreach.models import ClassBooking, Event, EventKind, SchoolLevel
from hall32.web.apikit import Pages, StartYear, api_enum, require

router = Router(tags=["outreach"])

ClassBookingStatus = api_enum("ClassBookingStatus", ClassBooking.Status)


class EventOut(Schema):
    id: int
    slug: str
    title: str
    kind: EventKind
    start: dt.datetime
    end: dt.datetime
    place: str
    city: str
    capacity: int | None
    free_places: int | None
    registration_open: bool
    url: str

    @staticmethod
    def resolve_place(obj: Event) -> str:
        return obj.place_label

    @staticmethod
    def resolve_free_places(obj: Event) -> int | None:
        return selectors.event_fill(event=obj).free

    @staticmethod
    def resolve_url(obj: Event) -> str:
        return obj.get_absolute_url()


class TeacherIn(Schema):
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    email: str = Field(max_length=254)
    phone: str = Field("", max_length=30)

    @field_validator("email")
    @classmethod
    def email_is_valid(cls, value: str) -> str:
        try:
            validate_email(value)
        except DjangoValidationError:
            raise ValueError("adresse de courriel invalide") from None
        return value


class ClassBookingIn(Schema):
    school_id: int | None = None
    school_name: str = Field("", max_length=200)
    school_postcode: str = Field("", pattern=r"^(\d{5})?$")
    school_uai: str = Field("", max_length=8)
    teacher: TeacherIn
    class_name: str = Field(min_length=1, max_length=40)
    level: SchoolLevel = SchoolLevel.TROISIEME
    girls: int = Field(ge=0, le=40)
    boys: int = Field(ge=0, le=40)
    arrival: dt.time | None = None
    departure: dt.time | None = None
    preferences: list[int] = Field(default_factory=list, max_length=8)
    needs: str = Field("", max_length=2000)


class ClassBookingOut(Schema):
    id: int
    token: uuid.UUID
    event_id: int
    event_title: str
    class_name: str
    pupils: int
    status: ClassBookingStatus
    waiting_position: int | None

    @staticmethod
    def resolve_event_title(obj: ClassBooking) -> str:
        return obj.event.title

    @staticmethod
    def resolve_waiting_position(obj: ClassBooking) -> int | None:
        return selectors.waiting_position(booking=obj)


class ReachOut(Schema):
    school_year: str
    kind: str
    pupils: int
    girls: int
    girls_share: float | None
    classes: int
    schools: int
    parents: int
    events: int


@router.get("/events", response=list[EventOut], auth=None, summary="Événements publics à venir")
@paginate(Pages, page_size=20)
def event_list(
    request: HttpRequest,
    kind: EventKind | None = None,
    q: str = Query("", max_length=100, description="Titre, ville, lieu."),
):
    # The public agenda's filter set, so that a search finds the same events here and there.
    return PublicEventFilter({"q": q, "kind": kind or ""}, queryset=selectors.public_events()).qs


@router.get("/events/{event_id}", response=EventOut, auth=None, summary="Un événement public")
def event_detail(request: HttpRequest, event_id: int):
    return get_object_or_404(Event.objects.public(), pk=event_id)


@router.post(
    "/events/{event_id}/bookings",
    response={201: ClassBookingOut},
    auth=None,
    summary="Réserver pour une classe (confirmée, ou en liste d'attente si complet)",
)
def booking_create(request: HttpRequest, event_id: int, payload: ClassBookingIn):
    event = get_object_or_404(Event.objects.public(), pk=event_id)
    picked = get_object_or_404(Organisation, pk=payload.school_id) if payload.school_id is not None else None
    booking = services.booking_request(
        event=event,
        school=services.SchoolChoice(
            picked, payload.school_name, payload.school_postcode, payload.school_uai
        ),
        contact=services.TeacherContact(
            payload.teacher.first_name,
            payload.teacher.last_name,
            payload.teacher.email,
            payload.teacher.phone,
        ),
        class_name=payload.class_name,
        level=payload.level,
        girls=payload.girls,
        boys=payload.boys,
        arrival=payload.arrival,
        departure=payload.departure,
        needs=payload.needs,
        preferences=payload.preferences,
        booked_by=request.user if request.user.is_authenticated else None,
    )
    return Status(201, booking)


@router.get(
    "/bookings/{token}", response=ClassBookingOut, auth=None, summary="Une réservation (par son lien)"
)
def booking_detail(request: HttpRequest, token: uuid.UUID):
    return get_object_or_404(ClassBooking.objects.select_related("event"), token=token)


@router.post(
    "/bookings/{token}/cancel", response=ClassBookingOut, auth=None, summary="Annuler une réservation"
)
def booking_cancel(request: HttpRequest, token: uuid.UUID):
    booking = get_object_or_404(ClassBooking.objects.select_related("event"), token=token)
    return services.booking_cancel(booking=booking)


@router.get("/reach", response=list[ReachOut], summary="Rayonnement par année scolaire et type d'événement")
def reach(request: HttpRequest, year: StartYear | None = None):
    require(request, "outreach.view_reach")
    current = SchoolYear.of(timezone.localdate()).start_year
    years = [SchoolYear(year)] if year is not None else school_years(settings.HUB_FIRST_SCHOOL_YEAR, current)
    rows = []
    for start, kinds in selectors.reach_statistics(years=years).items():
        for kind, r in kinds.items():
            rows.append(
                {
                    "school_year": SchoolYear(start).label,
                    "kind": kind,
                    "pupils": r.pupils,
                    "girls": r.girls,
                    "girls_share": r.girls_share,
                    "classes": r.classes,
                    "schools": r.schools,
                    "parents": r.parents,
                    "events": r.events,
                }
            )
    return rows
