"""Booking machines: calendars (one machine, all machines), free machines, the booking form
(a page, or a dialog opened from the calendar), one's bookings, feeds, the usage report."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from hall32.industry import ical
from hall32.industry.filters import BookingFilter
from hall32.industry.forms import BookingForm, FreeMachinesForm
from hall32.industry.models import Booking, Equipment
from hall32.industry.selectors import bookings as booking_selectors
from hall32.industry.selectors import equipment as selectors
from hall32.industry.services import bookings as services
from hall32.web import exports
from hall32.web.forms import ConfirmForm
from hall32.web.listing import Listing
from hall32.web.pages import (
    check_perm,
    confirm_page,
    feed_link_page,
    posted,
    render_page,
    require_perm,
    run_action,
    save_form,
)


def _moment(value: str | None) -> dt.datetime | None:
    """A datetime from a query string (FullCalendar sends ISO 8601 with an offset)."""
    if not value:
        return None
    parsed = parse_datetime(value.replace(" ", "+"))
    if parsed is None:
        day = parse_date(value[:10])
        if day is None:
            return None
        parsed = dt.datetime.combine(day, dt.time(0))
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _range(request: HttpRequest) -> tuple[dt.datetime, dt.datetime]:
    start = _moment(request.GET.get("start")) or timezone.now() - dt.timedelta(days=7)
    end = _moment(request.GET.get("end")) or start + dt.timedelta(days=7)
    if end <= start or end - start > dt.timedelta(days=62):
        raise Http404
    return start, end


@require_perm("industry.book_equipment")
def events_json(request: HttpRequest, pk: int | None = None) -> JsonResponse:
    equipment = get_object_or_404(Equipment, pk=pk) if pk else None
    start, end = _range(request)
    events = booking_selectors.calendar_events(start=start, end=end, viewer=request.user, equipment=equipment)
    category = request.GET.get("category")
    if equipment is None and category:
        codes = set(Equipment.objects.filter(category=category).values_list("code", flat=True))
        events = [e for e in events if e["extendedProps"]["equipment"] in codes]
    return JsonResponse(events, safe=False)


@require_perm("industry.book_equipment")
def board(request: HttpRequest) -> HttpResponse:
    """All machines over one week: the across-machines view, readable on a phone too."""
    day = parse_date(request.GET.get("semaine") or "") or timezone.localdate()
    monday = day - dt.timedelta(days=day.weekday())
    category = request.GET.get("categorie", "")
    if category not in Equipment.Category.values:
        category = ""
    rows = booking_selectors.week_board(monday=monday, viewer=request.user, category=category)
    return render(
        request,
        "industry/board.html",
        {
            "rows": rows,
            "by_day": booking_selectors.board_by_day(rows),
            "category": category,
            "monday": monday,
            "days": [monday + dt.timedelta(days=i) for i in range(7)],
            "previous": monday - dt.timedelta(days=7),
            "next": monday + dt.timedelta(days=7),
            "today": timezone.localdate(),
            "categories": Equipment.Category.choices,
        },
    )


@require_perm("industry.book_equipment")
def calendar(request: HttpRequest) -> HttpResponse:
    """All machines in FullCalendar: one row per machine across the week (or the day, on a phone),
    grouped by family, or the list of the bookings."""
    machines = [
        {
            "id": machine.pk,
            "code": machine.code,
            "name": machine.name,
            "category": machine.category,
            "family": machine.get_category_display(),
            "url": machine.get_absolute_url(),
        }
        for machine in selectors.equipment_catalogue()
    ]
    return render(
        request, "industry/calendar.html", {"categories": Equipment.Category.choices, "machines": machines}
    )


@require_perm("industry.book_equipment")
def free_machines(request: HttpRequest) -> HttpResponse:
    form = FreeMachinesForm(request.GET or None)
    machines = None
    if form.is_bound and form.is_valid():
        machines = selectors.free_equipment(
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            category=form.cleaned_data["category"],
            qualified_for=request.user,
        )
    return render_page(
        request,
        "industry/free_machines.html",
        {"form": form, "machines": machines},
        fragment="industry/_free_search.html",
        target="free-search",
    )


def _initial(request: HttpRequest) -> dict:
    initial: dict = {}
    if request.GET.get("equipment"):
        initial["equipment"] = request.GET["equipment"]
    for key in ("start", "end"):
        moment = _moment(request.GET.get(key))
        if moment is not None:
            initial[key] = timezone.localtime(moment).replace(tzinfo=None)
    if "start" in initial and "end" not in initial:
        initial["end"] = initial["start"] + dt.timedelta(hours=2)
    return initial


def _chosen_machine(form: BookingForm, booking: Booking | None) -> Equipment | None:
    """The machine the form books, when one is chosen already: the dialog is titled with it."""
    if booking is not None:
        return booking.equipment
    value = str(form["equipment"].value() or "")
    if not value.isdigit():
        return None
    return form.fields["equipment"].queryset.filter(pk=value).first()


def _booking_form_response(request: HttpRequest, form: BookingForm, booking: Booking | None) -> HttpResponse:
    context = {"form": form, "booking": booking, "machine": _chosen_machine(form, booking)}
    if getattr(request, "htmx", None):
        return render(request, "industry/_booking_form.html", context)
    return render(request, "industry/booking_form.html", context)


def _saved(request: HttpRequest, booking: Booking) -> HttpResponse:
    if getattr(request, "htmx", None):
        response = render(request, "industry/_booking_saved.html", {"booking": booking})
        response["HX-Trigger"] = "bookingSaved"
        return response
    return redirect(booking)


@require_http_methods(["GET", "POST"])
@require_perm("industry.book_equipment")
def booking_create(request: HttpRequest) -> HttpResponse:
    form = BookingForm(
        posted(request),
        initial=_initial(request),
        user=request.user,
        for_others=request.user.has_perm("industry.book_for_others"),
    )
    if request.method == "POST":
        booking = save_form(
            request,
            form,
            lambda: services.booking_create(
                equipment=form.cleaned_data["equipment"],
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                title=form.cleaned_data["title"],
                notes=form.cleaned_data["notes"],
                project=form.cleaned_data.get("project"),
                by=request.user,
                for_user=form.cleaned_data.get("for_user"),
            ),
            _("Réservation confirmée."),
        )
        if booking:
            return _saved(request, booking)
    return _booking_form_response(request, form, None)


def _booking(request: HttpRequest, pk: int) -> Booking:
    booking = get_object_or_404(Booking.objects.select_related("equipment", "user", "project"), pk=pk)
    if not (request.user.has_perm("industry.view_booking_details") or booking.user_id == request.user.pk):
        raise Http404
    return booking


@require_perm("industry.view_my_bookings")
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _booking(request, pk)
    return render(
        request,
        "industry/booking_detail.html",
        {
            "booking": booking,
            "can_change": request.user.has_perm("industry.modify_booking", booking),
            "now": timezone.now(),
        },
    )


@require_http_methods(["GET", "POST"])
@require_perm("industry.view_my_bookings")
def booking_edit(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _booking(request, pk)
    check_perm(request, "industry.modify_booking", booking)
    initial = {
        "equipment": booking.equipment_id,
        "start": timezone.localtime(booking.start).replace(tzinfo=None),
        "end": timezone.localtime(booking.end).replace(tzinfo=None),
        "title": booking.title,
        "notes": booking.notes,
        "project": booking.project_id,
    }
    form = BookingForm(
        posted(request), initial=initial, user=booking.user or request.user, fixed_equipment=True
    )
    if request.method == "POST":
        saved = save_form(
            request,
            form,
            lambda: services.booking_update(
                booking=booking,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                title=form.cleaned_data["title"],
                notes=form.cleaned_data["notes"],
                project=form.cleaned_data.get("project"),
                by=request.user,
            ),
            _("Réservation modifiée."),
        )
        if saved:
            return _saved(request, saved)
    return _booking_form_response(request, form, booking)


def _confirm_action(
    request: HttpRequest, pk: int, *, action, done: str, title: str, warning: str, label: str
) -> HttpResponse:
    booking = _booking(request, pk)
    check_perm(request, "industry.modify_booking", booking)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        run_action(request, lambda: action(booking=booking, by=request.user), done)
        return redirect(booking)
    return confirm_page(
        request,
        form,
        title=title % {"m": booking.equipment.name},
        warning=warning,
        danger_label=label,
        cancel_href=booking.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
@require_perm("industry.view_my_bookings")
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirm_action(
        request,
        pk,
        action=services.booking_cancel,
        done=_("Réservation annulée : le créneau est libéré."),
        title=_("Annuler la réservation de %(m)s ?"),
        warning=_("Le créneau redevient libre pour les autres."),
        label=_("Annuler la réservation"),
    )


@require_http_methods(["GET", "POST"])
@require_perm("industry.view_my_bookings")
def booking_end(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirm_action(
        request,
        pk,
        action=services.booking_end_early,
        done=_("Réservation écourtée : la machine est libre dès maintenant."),
        title=_("Libérer %(m)s dès maintenant ?"),
        warning=_("La réservation se termine maintenant ; seules les heures utilisées sont comptées."),
        label=_("Terminer maintenant"),
    )


@require_perm("industry.view_my_bookings")
def my_bookings(request: HttpRequest) -> HttpResponse:
    listing = Listing(
        request,
        booking_selectors.bookings_of(user=request.user),
        filterset_class=BookingFilter,
        sorts={"start": "start", "equipment": "equipment__name"},
        default_sort="start",
        defaults={"when": "upcoming", "status": "confirmed"},
    )
    token = booking_selectors.feed_token_of(user=request.user)
    return render_page(
        request,
        "industry/my_bookings.html",
        {
            "listing": listing,
            "now": timezone.now(),
            "feed_token": token,
            "grants": list(selectors.grants_of(user=request.user).filter(revoked_on__isnull=True)),
            "today": timezone.localdate(),
        },
        fragment="industry/_booking_results.html",
    )


@never_cache
@require_POST
@require_perm("industry.view_my_bookings")
def user_feed_renew(request: HttpRequest) -> HttpResponse:
    """A new link to one's bookings feed (the old one stops), shown this once."""
    return feed_link_page(
        request,
        services.feed_token_issue(user=request.user),
        feed="industry:user_feed",
        title=_("Mes réservations dans mon agenda"),
        back_href=reverse("industry:my_bookings"),
    )


def equipment_feed(request: HttpRequest, token) -> HttpResponse:
    """A machine's busy windows, for anyone who has the link (no personal data)."""
    equipment = get_object_or_404(Equipment, feed_token=token)
    body = ical.bookings_ics(
        f"Hall 32 – {equipment.name}", booking_selectors.feed_bookings(equipment=equipment), details=False
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def user_feed(request: HttpRequest, token: str) -> HttpResponse:
    """One's bookings, by the secret link (no session needed)."""
    user = booking_selectors.feed_subscriber(raw=token)
    if user is None:
        raise Http404
    body = ical.bookings_ics(
        f"Hall 32 – {user.display_name}", booking_selectors.feed_bookings(user=user), details=True
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


# --- Usage report ----------------------------------------------------------------------------------


@require_perm("industry.view_usage_report")
def usage_report(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("annee", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, settings.HUB_FIRST_SCHOOL_YEAR), today.year + 1)
    equipment_id = request.GET.get("machine")
    equipment_id = int(equipment_id) if equipment_id and equipment_id.isdigit() else None
    report = booking_selectors.usage_report(
        start=dt.date(year, 1, 1), end=dt.date(year + 1, 1, 1), equipment_id=equipment_id
    )
    if request.GET.get("format") == "xlsx":
        return _usage_xlsx(report, year)
    chart = {
        "labels": [m.strftime("%m/%Y") for m in report.months],
        "datasets": [
            {"label": line.label, "data": [round(v, 1) for v in line.months]} for line in report.by_equipment
        ],
    }
    return render(
        request,
        "industry/usage_report.html",
        {
            "report": report,
            "year": year,
            "years": list(range(today.year + 1, 2018, -1)),
            "machines": Equipment.objects.order_by("name"),
            "equipment_id": equipment_id,
            "chart": chart,
        },
    )


def _usage_xlsx(report, year: int) -> HttpResponse:
    def sheet(title: str, lines, with_revenue: bool) -> exports.Sheet:
        header = [title] + [m.strftime("%m/%Y") for m in report.months] + [_("Total (h)")]
        rows = []
        for line in lines:
            row = [line.label] + [round(v, 2) for v in line.months] + [round(line.total, 2)]
            rows.append(row + [float(line.revenue)] if with_revenue else row)
        if with_revenue:
            header.append(_("Montant HT (€)"))
        return exports.Sheet(title, header, rows, widths={"A": 42})

    return exports.xlsx_response(
        f"hall32-utilisation-machines-{year}.xlsx",
        [
            sheet(_("Par machine"), report.by_equipment, False),
            sheet(_("Par client"), report.by_client, True),
        ],
    )
