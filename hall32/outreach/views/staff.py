"""Staff pages: events, their bookings and waiting list, tallies, open days, reach statistics."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from hall32.core.models import Person
from hall32.core.roles import STAFF_ROLES
from hall32.core.schoolyear import SchoolYear, school_years
from hall32.outreach import selectors, services
from hall32.outreach.filters import CheckInFilter, EventFilter
from hall32.outreach.forms import (
    AvailabilityForm,
    EventForm,
    StaffingForm,
    TallyForm,
    TourSlotFormSet,
)
from hall32.outreach.models import (
    ClassBooking,
    Event,
    EventKind,
    EventStaff,
    EventTally,
)
from hall32.outreach.views.public import rotation_response
from hall32.training import selectors as training_selectors
from hall32.web.forms import ConfirmForm
from hall32.web.listing import Listing
from hall32.web.pages import (
    attempt,
    check_perm,
    confirm_page,
    edit_page,
    form_page,
    form_row,
    formset_rows,
    posted,
    render_page,
    require_perm,
    run_action,
    save_form,
)


@require_perm("outreach.view_events")
def event_list(request: HttpRequest) -> HttpResponse:
    listing = Listing(
        request,
        selectors.staff_events(),
        filterset_class=EventFilter,
        sorts={"start": "start", "title": "title", "kind": "kind", "pupils": "booked_pupils"},
        default_sort="-start",
    )
    return render_page(
        request,
        "outreach/event_list.html",
        {"listing": listing},
        fragment="outreach/_event_rows.html",
    )


@require_perm("outreach.view_events")
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("host", "room"), pk=pk)
    bookings = list(selectors.event_bookings(event=event))
    return render(
        request,
        "outreach/event_detail.html",
        {
            "event": event,
            "fill": selectors.event_fill(event=event),
            "visitors": selectors.open_day_visitors(event=event) if event.takes_visitors else None,
            "confirmed": [b for b in bookings if b.status == ClassBooking.Status.CONFIRMED],
            "waiting": [b for b in bookings if b.status == ClassBooking.Status.WAITLISTED],
            "others": [
                b
                for b in bookings
                if b.status in {ClassBooking.Status.CANCELLED, ClassBooking.Status.NO_SHOW}
            ],
            "staffing": event.staffing.select_related("person"),
            "tally": EventTally.objects.filter(event=event).first(),
            "plan": selectors.current_plan(event=event) if event.kind == EventKind.FORUM else None,
            "desk": event.kind == EventKind.OPEN_DAY
            and request.user.has_perm("outreach.check_in_visitors", event),
        },
    )


@require_http_methods(["GET", "POST"])
@require_perm("outreach.manage_events")
def event_create(request: HttpRequest) -> HttpResponse:
    initial = {"kind": request.GET.get("kind", EventKind.FORUM)}
    form = EventForm(posted(request), initial=initial)
    return _event_page(
        request, form, _("Événement créé."), _("Nouvel événement"), reverse("outreach:event_list")
    )


@require_http_methods(["GET", "POST"])
@require_perm("outreach.manage_events")
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    form = EventForm(posted(request), instance=event)
    return _event_page(request, form, _("Événement enregistré."), event.title, event.get_staff_url())


def _event_page(request: HttpRequest, form: EventForm, success: str, title: str, cancel: str) -> HttpResponse:
    return edit_page(
        request,
        form,
        save=lambda: services.event_save(event=form.instance),
        success=success,
        then=lambda saved: saved.get_staff_url(),
        title=title,
        cancel_href=cancel,
    )


@require_http_methods(["GET", "POST"])
@require_perm("outreach.manage_events")
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        run_action(
            request,
            lambda: services.event_cancel(event=event),
            _("Événement annulé ; les enseignants inscrits sont prévenus par courriel."),
        )
        return redirect(event.get_staff_url())
    active = event.bookings.active().count()
    return confirm_page(
        request,
        form,
        title=_("Annuler « %(title)s » ?") % {"title": event.title},
        warning=ngettext(
            "%(n)s réservation sera annulée et son enseignant·e prévenu·e.",
            "%(n)s réservations seront annulées et les enseignants prévenus.",
            active,
        )
        % {"n": active}
        if active
        else _("Aucune réservation active : personne à prévenir."),
        danger_label=_("Annuler l'événement"),
        cancel_href=event.get_staff_url(),
    )


@require_http_methods(["GET", "POST"])
@require_perm("outreach.manage_events")
def event_staffing(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    staff_people = Person.objects.active().filter(user__groups__name__in=STAFF_ROLES).distinct()
    apprentices = training_selectors.current_learners(on=timezone.localtime(event.start).date())
    current = event.staffing.all()
    form = StaffingForm(
        posted(request),
        staff_queryset=staff_people,
        apprentice_queryset=apprentices,
        initial={
            "staff": [s.person_id for s in current if s.role == EventStaff.Role.STAFF],
            "apprentices": [s.person_id for s in current if s.role == EventStaff.Role.APPRENTICE],
        },
    )
    if request.method == "POST" and form.is_valid():
        services.event_staff_set(
            event=event,
            staff=form.cleaned_data["staff"],
            apprentices=form.cleaned_data["apprentices"],
        )
        messages.success(request, _("Équipe de l'événement enregistrée."))
        return redirect(event.get_staff_url())
    return form_page(
        request, form, title=_("Équipe : %(t)s") % {"t": event.title}, cancel_href=event.get_staff_url()
    )


@require_http_methods(["GET", "POST"])
@require_perm("outreach.manage_events")
def event_tally(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    tally = EventTally.objects.filter(event=event).first()
    initial = {}
    if tally is not None:
        initial = {
            f: getattr(tally, f) for f in ("pupils", "girls", "parents", "teachers", "classes", "notes")
        }
        initial["schools"] = list(tally.schools.values_list("pk", flat=True))
    form = TallyForm(posted(request), initial=initial)
    if request.method == "POST":
        saved = save_form(
            request,
            form,
            lambda: services.tally_save(event=event, **form.cleaned_data),
            _("Bilan de fréquentation enregistré."),
        )
        if saved:
            return redirect(event.get_staff_url())
    return form_page(
        request,
        form,
        title=_("Bilan : %(t)s") % {"t": event.title},
        cancel_href=event.get_staff_url(),
        intro=_("Pour un salon ou un événement sans réservation : qui l'équipe a rencontré sur le stand."),
    )


@require_POST
@require_perm("outreach.manage_events")
def booking_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    booking = get_object_or_404(ClassBooking.objects.select_related("event"), pk=pk)
    if action == "absent":
        status, said = ClassBooking.Status.NO_SHOW, _("Classe marquée absente.")
    elif action == "present":
        status, said = ClassBooking.Status.CONFIRMED, _("Classe marquée présente.")
    else:
        return HttpResponse(status=404)
    run_action(request, lambda: services.booking_set_status(booking=booking, status=status), said)
    return redirect(booking.event.get_staff_url())


@require_http_methods(["GET", "POST"])
@require_perm("outreach.manage_events")
def booking_staff_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(ClassBooking.objects.select_related("event", "school"), pk=pk)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        run_action(
            request,
            lambda: services.booking_cancel(booking=booking),
            _("Réservation annulée ; la liste d'attente a été consultée."),
        )
        return redirect(booking.event.get_staff_url())
    return confirm_page(
        request,
        form,
        title=_("Annuler la réservation de %(c)s (%(s)s) ?")
        % {"c": booking.class_name, "s": booking.school.name},
        warning=_("L'enseignant·e sera prévenu·e par courriel."),
        danger_label=_("Annuler la réservation"),
        cancel_href=booking.event.get_staff_url(),
    )


# --- Open days ------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require_perm("outreach.view_events")
def open_day(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk, kind=EventKind.OPEN_DAY)
    can_manage = request.user.has_perm("outreach.manage_events")
    apprentices = training_selectors.current_learners(on=timezone.localtime(event.start).date())
    slots_formset = TourSlotFormSet(
        posted(request) if request.POST.get("form") == "slots" else None,
        instance=event,
        prefix="slots",
    )
    availability_form = AvailabilityForm(
        posted(request) if request.POST.get("form") == "guide" else None,
        event=event,
        apprentices=apprentices,
        prefix="guide",
    )
    if request.method == "POST":
        check_perm(request, "outreach.manage_events")
        kind = request.POST.get("form")
        if kind == "slots" and slots_formset.is_valid():
            services.tour_slots_save(slots=formset_rows(slots_formset))
            messages.success(request, _("Départs de visite enregistrés."))
            return redirect("outreach:open_day", pk=pk)
        if kind == "guide" and availability_form.is_valid():
            availability, many = form_row(availability_form)
            services.availability_set(availability=availability, many=many)
            messages.success(request, _("Disponibilités enregistrées."))
            return redirect("outreach:open_day", pk=pk)
        if kind == "rota":
            result = services.tour_rota_compute(event=event)
            problem = selectors.rota_problem(event=event)
            if result.complete:
                messages.success(request, _("Planning des guides calculé : chaque groupe a son guide."))
            else:
                messages.warning(request, " ".join(result.messages(problem)))
            return redirect("outreach:open_day", pk=pk)
    registrations = selectors.registrations_for(event=event)
    rota = selectors.rota(event=event)
    slots = []
    for slot in event.tour_slots.all():
        booked = [r for r in registrations if r.tour_slot_id == slot.pk]
        visitors = sum(r.visitors for r in booked)
        slots.append(
            {
                "slot": slot,
                "visitors": visitors,
                "groups": -(-visitors // slot.group_size) if visitors else 0,
                "guides": rota.get(slot.pk, []),
            }
        )
    desk = request.user.has_perm("outreach.check_in_visitors", event)
    return render(
        request,
        "outreach/open_day.html",
        {
            "event": event,
            "desk": desk,
            "registrations": registrations,
            "slots": slots,
            "slots_formset": slots_formset,
            "availability_form": availability_form,
            "can_manage": can_manage,
            "availabilities": event.availabilities.select_related("apprentice").prefetch_related(
                "tour_slots"
            ),
            "fill": selectors.event_fill(event=event),
            "visitors": selectors.open_day_visitors(event=event),
        },
    )


def _open_day(pk: int) -> Event:
    return get_object_or_404(Event, pk=pk, kind=EventKind.OPEN_DAY)


@require_perm("outreach.view_events")
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    """The desk on the day: search a registration, tick who arrives; the counts follow."""
    event = _open_day(pk)
    check_perm(request, "outreach.check_in_visitors", event)
    listing = Listing(
        request,
        selectors.check_in_list(event=event),
        filterset_class=CheckInFilter,
        sorts={"name": ("person__last_name", "person__first_name"), "slot": "tour_slot__start"},
        default_sort="name",
        per_page=50,
    )
    return render_page(
        request,
        "outreach/check_in.html",
        {
            "event": event,
            "listing": listing,
            "visitors": selectors.open_day_visitors(event=event),
            "refusal": selectors.check_in_refusal(event=event),
            "back": request.get_full_path(),
        },
        fragment="outreach/_check_in_rows.html",
    )


@require_POST
@require_perm("outreach.view_events")
def check_in_mark(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    event = _open_day(pk)
    check_perm(request, "outreach.check_in_visitors", event)
    registration = get_object_or_404(
        selectors.check_in_list(event=event).select_related("event"), pk=registration_pk
    )
    came = request.POST.get("came") != "0"
    done = attempt(lambda: services.visitor_check_in(registration=registration, came=came))
    registration = done.result or registration
    error = done.error.message if done.error else None
    if getattr(request, "htmx", None):  # the row again, and the counts at the top (out of band)
        context = {
            "event": event,
            "r": registration,
            "error": error,
            "visitors": selectors.open_day_visitors(event=event),
            "back": request.POST.get("next", ""),
            "oob": True,
        }
        row = render_to_string("outreach/_check_in_row.html", context, request=request)
        counts = render_to_string("outreach/_check_in_counts.html", context, request=request)
        return HttpResponse(row + counts)
    if error:
        messages.error(request, error)
    elif came:
        messages.success(
            request, _("Arrivée de %(name)s enregistrée.") % {"name": registration.person.full_name}
        )
    else:
        messages.info(request, _("Arrivée de %(name)s retirée.") % {"name": registration.person.full_name})
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("outreach:check_in", args=[pk])
    return redirect(back)


# --- Reach statistics and the teacher's bookings --------------------------------------------------------


@require_perm("outreach.view_reach")
def reach(request: HttpRequest) -> HttpResponse:
    current = SchoolYear.of(timezone.localdate())
    years = school_years(settings.HUB_FIRST_SCHOOL_YEAR, current.start_year)
    stats = selectors.reach_statistics(years=years)
    kinds = [(k, label) for k, label in EventKind.choices]
    rows = []
    for year in reversed(years):
        per_kind = stats[year.start_year]
        rows.append(
            {
                "year": year,
                "total": per_kind["total"],
                "kinds": [(label, per_kind.get(k)) for k, label in kinds if per_kind.get(k)],
            }
        )
    chart = {
        "labels": [y.label for y in years],
        "pupils": [stats[y.start_year]["total"].pupils for y in years],
        "girls_share": [round(100 * (stats[y.start_year]["total"].girls_share or 0)) for y in years],
    }
    return render(request, "outreach/reach.html", {"rows": rows, "chart": chart})


@require_perm("outreach.view_my_bookings")
def my_bookings(request: HttpRequest) -> HttpResponse:
    listing = Listing(
        request,
        selectors.teacher_history(user=request.user),
        sorts={"date": "event__start", "status": "status"},
        default_sort="-date",
    )
    return render(
        request,
        "outreach/my_bookings.html",
        {
            "upcoming": selectors.teacher_upcoming(user=request.user),
            "listing": listing,
            "events": selectors.class_events()[:6],
        },
    )


@require_perm("outreach.view_my_bookings")
def my_booking_rotation(request: HttpRequest, pk: int) -> HttpResponse:
    """A signed-in teacher's own class's forum workshops (iCal); another teacher's is refused."""
    booking = get_object_or_404(ClassBooking.objects.select_related("event", "school"), pk=pk)
    check_perm(request, "outreach.view_classbooking", booking)
    return rotation_response(booking, selectors.class_rotation(booking=booking))
