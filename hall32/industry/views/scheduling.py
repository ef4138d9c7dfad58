"""Job-shop scheduling pages: the runs, their operations, the solve, the Gantt chart, booking."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from hall32.industry.filters import ScheduleFilter
from hall32.industry.forms import OperationFormSet, ScheduleRunForm
from hall32.industry.models import ScheduleRun
from hall32.industry.selectors import scheduling as selectors
from hall32.industry.services import scheduling as services
from hall32.web.forms import ConfirmForm
from hall32.web.listing import Listing
from hall32.web.pages import (
    confirm_page,
    form_page,
    posted,
    render_page,
    report_job,
    require_perm,
    run_action,
    save_form,
)


@require_perm("industry.schedule_jobs")
def schedule_list(request: HttpRequest) -> HttpResponse:
    listing = Listing(
        request,
        selectors.schedules_list(),
        filterset_class=ScheduleFilter,
        sorts={"created": "created_at", "name": "name", "start": "not_before"},
        default_sort="-created",
    )
    return render_page(
        request,
        "industry/schedule_list.html",
        {"listing": listing},
        fragment="industry/_schedule_results.html",
    )


@require_http_methods(["GET", "POST"])
@require_perm("industry.schedule_jobs")
def schedule_create(request: HttpRequest) -> HttpResponse:
    form = ScheduleRunForm(posted(request))
    if request.method == "POST":
        saved = save_form(
            request,
            form,
            lambda: services.schedule_create(run=form.instance, by=request.user),
            _("Ordonnancement créé : saisissez ses opérations."),
        )
        if saved:
            return redirect(reverse("industry:schedule_operations", args=[saved.pk]))
    return form_page(
        request, form, title=_("Nouvel ordonnancement"), cancel_href=reverse("industry:schedule_list")
    )


@require_perm("industry.schedule_jobs")
def schedule_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ScheduleRun.objects.select_related("project__client", "job"), pk=pk)
    job = run.job if run.job and not run.job.is_finished else None
    return render(
        request,
        "industry/schedule_detail.html",
        {
            "run": run,
            "job": job,
            "operations": selectors.operations_of(run=run),
            "tasks": selectors.gantt_tasks(run=run),
            "timeline": selectors.machine_timeline(run=run) if run.status in {"solved", "applied"} else [],
        },
    )


def _operation_rows(formset) -> list[tuple]:
    """(job, machine, minutes) of each kept row of a valid formset."""
    return [
        (f.cleaned_data["job_label"], f.cleaned_data["equipment"], f.cleaned_data["duration_minutes"])
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


def _saved(n: int) -> str:
    return ngettext("%(n)s opération enregistrée.", "%(n)s opérations enregistrées.", n) % {"n": n}


@require_http_methods(["GET", "POST"])
@require_perm("industry.schedule_jobs")
def schedule_operations(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ScheduleRun, pk=pk)
    if run.status == ScheduleRun.Status.APPLIED:
        messages.error(request, _("Cet ordonnancement est déjà réservé : dupliquez-le pour le modifier."))
        return redirect(run)
    initial = [
        {"job_label": op.job_label, "equipment": op.equipment_id, "duration_minutes": op.duration_minutes}
        for op in selectors.operations_of(run=run)
    ]
    formset = OperationFormSet(posted(request), initial=initial, prefix="ops")
    settings_form = ScheduleRunForm(posted(request), instance=run, prefix="run")
    if request.method == "POST":
        # The settings form has filled `run`; the service saves it with its operations.
        saved = save_form(
            request,
            settings_form,
            lambda: services.schedule_set_operations(
                run=settings_form.instance, rows=_operation_rows(formset)
            ),
            lambda _run: _saved(len(_operation_rows(formset))),
            also=[formset],
        )
        if saved:
            return redirect(run)
    return render(
        request,
        "industry/schedule_operations.html",
        {"run": run, "formset": formset, "settings_form": settings_form},
    )


@require_POST
@require_perm("industry.schedule_jobs")
def schedule_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ScheduleRun, pk=pk)
    started = run_action(request, lambda: services.schedule_start(run=run, by=request.user))
    if not started:
        return redirect(run)
    report_job(
        request,
        started.result,
        done=_("Ordonnancement calculé."),
        queued=_("Calcul lancé ; la page suit son avancement."),
    )
    return redirect(run)


@require_http_methods(["GET", "POST"])
@require_perm("industry.schedule_jobs")
def schedule_apply(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ScheduleRun, pk=pk)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        run_action(
            request,
            lambda: services.schedule_apply(run=run, by=request.user),
            lambda bookings: (
                _("%(n)s réservations créées dans le planning des machines.") % {"n": len(bookings)}
            ),
        )
        return redirect(run)
    return confirm_page(
        request,
        form,
        title=_("Réserver les machines pour « %(n)s » ?") % {"n": run.name},
        warning=_("Chaque opération devient une réservation à votre nom ; toutes ou aucune."),
        danger_label=_("Réserver"),
        danger_class="btn-success",
        cancel_href=run.get_absolute_url(),
    )


@require_POST
@require_perm("industry.schedule_jobs")
def schedule_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ScheduleRun, pk=pk)
    copy = services.schedule_duplicate(run=run, by=request.user)
    messages.success(request, _("Copie créée."))
    return redirect(copy)
