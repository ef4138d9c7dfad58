"""Public pages (no account): the catalogue, upcoming events, class booking, open-day registration."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hall32.outreach import ical, selectors, services
from hall32.outreach.filters import PublicEventFilter
from hall32.outreach.forms import ClassBookingForm, VisitorForm
from hall32.outreach.models import ClassBooking, Event, VisitorRegistration
from hall32.training import selectors as training_selectors
from hall32.web.forms import ConfirmForm
from hall32.web.listing import Listing
from hall32.web.pages import confirm_page, posted, render_page, run_action, save_form


def catalogue(request: HttpRequest) -> HttpResponse:
    level = request.GET.get("niveau", "")
    tension_only = request.GET.get("tension") == "1"
    trades = training_selectors.catalogue_trades(level=level, tension_only=tension_only)
    return render(
        request,
        "outreach/catalogue.html",
        {
            "trades": trades,
            "level": level,
            "tension_only": tension_only,
            "levels": training_selectors.course_levels(),
            "events": selectors.public_events()[:4],
        },
    )


def course_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        course = training_selectors.course_by_slug(slug=slug)
    except ObjectDoesNotExist:  # Course.DoesNotExist, without importing training's models
        raise Http404 from None
    events = selectors.public_events().filter(kind__in=["open_day", "fair"])[:3]
    return render(request, "outreach/course_detail.html", {"course": course, "events": events})


def event_list(request: HttpRequest) -> HttpResponse:
    listing = Listing(
        request,
        selectors.public_events(),
        filterset_class=PublicEventFilter,
        sorts={"start": "start", "title": "title"},
        default_sort="start",
        per_page=12,
    )
    return render_page(
        request,
        "outreach/event_list_public.html",
        {"listing": listing},
        fragment="outreach/_event_cards.html",
    )


def events_ics(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        ical.events_feed(selectors.public_events()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="hall32-evenements.ics"'
    return response


@require_http_methods(["GET", "POST"])
def event_public(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(
        Event.objects.select_related("host", "room"),
        slug=slug,
        status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED],
    )
    booking_form = visitor_form = None
    if event.takes_classes:
        booking_form = ClassBookingForm(posted(request), event=event, initial=_teacher_initial(request))
    elif event.takes_visitors:
        visitor_form = VisitorForm(posted(request), event=event)
    if request.method == "POST":
        if booking_form is not None and booking_form.is_valid():
            booking = _book(request, event, booking_form)
            if booking is not None:
                return redirect(booking.get_absolute_url())
        elif visitor_form is not None and visitor_form.is_valid():
            registration = _register(request, event, visitor_form)
            if registration is not None:
                return redirect("outreach:visitor_status", token=registration.token)
        status = 200 if request.method == "GET" else 400
    else:
        status = 200
    return render(
        request,
        "outreach/event_public.html",
        {
            "event": event,
            "fill": selectors.event_fill(event=event),
            "visitors": selectors.open_day_visitors(event=event) if event.takes_visitors else None,
            "booking_form": booking_form,
            "visitor_form": visitor_form,
            "open": _is_open(event),
        },
        status=status,
    )


def _is_open(event: Event) -> bool:
    return event.status == Event.Status.PUBLISHED and event.registration_open and not event.is_past


def _teacher_initial(request: HttpRequest) -> dict:
    user = request.user
    if not user.is_authenticated or not user.person_id:
        return {}
    person = user.person
    initial = {
        "teacher_first_name": person.first_name,
        "teacher_last_name": person.last_name,
        "teacher_email": person.email,
        "teacher_phone": person.phone,
    }
    if person.organisation_id and person.organisation.kind == "school":
        initial["school"] = person.organisation_id
    return initial


def _book(request: HttpRequest, event: Event, form: ClassBookingForm) -> ClassBooking | None:
    data = form.cleaned_data
    booking = save_form(
        request,
        form,
        lambda: services.booking_request(
            event=event,
            school=services.SchoolChoice(
                data["school"], data["school_name"], data["school_postcode"], data["school_uai"]
            ),
            contact=services.TeacherContact(
                data["teacher_first_name"],
                data["teacher_last_name"],
                data["teacher_email"],
                data["teacher_phone"],
            ),
            class_name=data["class_name"],
            level=data["level"],
            girls=data["girls"],
            boys=data["boys"],
            arrival=data.get("arrival"),
            departure=data.get("departure"),
            needs=data["needs"],
            preferences=form.preferences,
            booked_by=request.user if request.user.is_authenticated else None,
        ),
        None,  # worded below: confirmed, or where on the waiting list
    )
    if booking is None:
        return None
    if booking.status == ClassBooking.Status.CONFIRMED:
        messages.success(request, _("Réservation confirmée. Un courriel de confirmation vous a été envoyé."))
    else:
        messages.warning(
            request,
            _(
                "L'événement est complet : votre classe est sur la liste d'attente "
                "(position %(n)s). Vous serez prévenu·e par courriel si une place se libère."
            )
            % {"n": selectors.waiting_position(booking=booking)},
        )
    return booking


def _register(request: HttpRequest, event: Event, form: VisitorForm) -> VisitorRegistration | None:
    data = form.cleaned_data
    return save_form(
        request,
        form,
        lambda: services.visitor_register(
            event=event,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            phone=data["phone"],
            visitor_kind=data["visitor_kind"],
            young_people=data["young_people"],
            girls=data["girls"],
            parents=data["parents"],
            level=data["level"],
            course_id=data["course"].pk if data["course"] else None,
            tour_slot_id=data["tour_slot"].pk if data.get("tour_slot") else None,
            consent_contact=data["consent_contact"],
        ),
        _("Inscription enregistrée : à bientôt à Hall 32 !"),
    )


def booking_status(request: HttpRequest, token) -> HttpResponse:
    try:
        booking = selectors.booking_by_token(token=token)
    except ClassBooking.DoesNotExist:
        raise Http404 from None
    if request.GET.get("format") == "ics":
        response = HttpResponse(ical.event_ics(booking.event, booking=booking), content_type="text/calendar")
        response["Content-Disposition"] = f'attachment; filename="hall32-{booking.event.slug}.ics"'
        return response
    rotation = selectors.class_rotation(booking=booking)
    if request.GET.get("format") == "ateliers":
        return rotation_response(booking, rotation)
    return render(
        request,
        "outreach/booking_status.html",
        {
            "booking": booking,
            "position": selectors.waiting_position(booking=booking),
            "has_rotation": rotation is not None,
            "can_cancel": selectors.booking_cancel_refusal(booking=booking) is None,
        },
    )


def rotation_response(booking: ClassBooking, rotation: list[dict] | None) -> HttpResponse:
    """The class's forum workshops as an iCal file; 404 while the forum plan does not include it."""
    if rotation is None:
        raise Http404
    response = HttpResponse(ical.rotation_ics(booking, rotation), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="hall32-{booking.event.slug}-ateliers.ics"'
    return response


@require_http_methods(["GET", "POST"])
def booking_cancel(request: HttpRequest, token) -> HttpResponse:
    try:
        booking = selectors.booking_by_token(token=token)
    except ClassBooking.DoesNotExist:
        raise Http404 from None
    refusal = selectors.booking_cancel_refusal(booking=booking)
    if refusal and request.method == "GET":  # nothing to confirm: say why, on the booking's page
        messages.info(request, refusal)
        return redirect(booking.get_absolute_url())
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        run_action(
            request,
            lambda: services.booking_cancel(booking=booking),
            _("Réservation annulée. Merci de nous avoir prévenus."),
        )
        return redirect(booking.get_absolute_url())
    return confirm_page(
        request,
        form,
        title=_("Annuler la venue de la classe %(name)s ?") % {"name": booking.class_name},
        warning=_("Sa place sera proposée à la première classe en liste d'attente."),
        danger_label=_("Annuler la réservation"),
        cancel_href=booking.get_absolute_url(),
    )


def visitor_status(request: HttpRequest, token) -> HttpResponse:
    registration = get_object_or_404(
        VisitorRegistration.objects.select_related("event", "tour_slot", "course"), token=token
    )
    return render(request, "outreach/visitor_status.html", {"registration": registration})


@require_http_methods(["GET", "POST"])
def visitor_cancel(request: HttpRequest, token) -> HttpResponse:
    registration = get_object_or_404(VisitorRegistration.objects.select_related("event"), token=token)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        run_action(
            request, lambda: services.visitor_cancel(registration=registration), _("Inscription annulée.")
        )
        return redirect("outreach:visitor_status", token=token)
    return confirm_page(
        request,
        form,
        title=_("Annuler votre venue ?"),
        danger_label=_("Annuler l'inscription"),
        cancel_href=reverse("outreach:visitor_status", args=[token]),
    )
