"""The modular line: configurations, their simulation, the investment search, side-by-side."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hall32.core.errors import DomainError
from hall32.industry.filters import LineFilter
from hall32.industry.forms import LineForm, ModuleFormSet, routes_text
from hall32.industry.models import LineConfiguration, SimulationRun
from hall32.industry.selectors import lines as selectors
from hall32.industry.services import lines as services
from hall32.industry.simulation.line import DISTRIBUTIONS
from hall32.web.listing import Listing
from hall32.web.pages import form_error, posted, render_page, report_job, require_perm, run_action, save_form


def _line(request: HttpRequest, pk: int) -> LineConfiguration:
    line = get_object_or_404(LineConfiguration.objects.select_related("client", "project"), pk=pk)
    if not request.user.has_perm("industry.open_line", line):
        raise Http404
    return line


@require_perm("industry.view_my_bookings")
def line_list(request: HttpRequest) -> HttpResponse:
    if not (
        request.user.has_perm("industry.simulate_lines") or request.user.has_perm("industry.view_my_projects")
    ):
        raise Http404
    listing = Listing(
        request,
        selectors.lines_list(user=request.user),
        filterset_class=LineFilter,
        sorts={"name": "name", "updated": "updated_at", "modules": "module_count"},
        default_sort="-updated",
    )
    return render_page(
        request,
        "industry/line_list.html",
        {"listing": listing, "manager": request.user.has_perm("industry.simulate_lines")},
        fragment="industry/_line_results.html",
    )


def _module_rows(formset) -> list[dict[str, Any]]:
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        rows.append({k: v for k, v in data.items() if k != "DELETE"})
    return rows


def _put_errors(
    form: LineForm, formset, error: DomainError | ValidationError, rows: list[dict[str, Any]]
) -> None:
    """Each simulator error next to its field: modules-2-p1, arrival_p1…"""
    if isinstance(error, ValidationError):  # a rule of the model itself: no module index to place it by
        form_error(form, error)
        return
    kept = [f for f in formset.forms if getattr(f, "cleaned_data", None) and not f.cleaned_data.get("DELETE")]
    kinds = {i: row.get("distribution", "") for i, row in enumerate(rows)}
    kinds[-1] = form.cleaned_data.get("arrival_distribution", "")
    for field, messages_ in services.form_errors(error.errors, kinds).items():
        if field.startswith("modules-"):
            _prefix, index, name = field.split("-", 2)
            target = kept[int(index)] if int(index) < len(kept) else None
            for message in messages_:
                if target is not None:
                    target.add_error(name if name in target.fields else None, message)
                else:
                    form.add_error(None, message)
        else:
            for message in messages_:
                form.add_error(field if field in form.fields else None, message)


@require_http_methods(["GET", "POST"])
@require_perm("industry.simulate_lines")
def line_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    line = get_object_or_404(LineConfiguration, pk=pk) if pk else None
    initial_modules = [
        {
            **{f: getattr(m, f) for f in services.MODULE_FIELDS if f != "routes"},
            "routes": routes_text(m.routes),
        }
        for m in (line.modules.order_by("position") if line else [])
    ]
    form = LineForm(posted(request), instance=line)
    formset = ModuleFormSet(posted(request), initial=initial_modules or None, prefix="modules")
    if request.method == "POST":
        saved = save_form(
            request,
            form,
            lambda: services.line_save(line=form.instance, modules=_module_rows(formset), by=request.user),
            _("Configuration enregistrée."),
            also=[formset],
            on_error=lambda error: _put_errors(form, formset, error, _module_rows(formset)),
        )
        if saved:
            return redirect(saved)
    return render(
        request,
        "industry/line_form.html",
        {"form": form, "formset": formset, "line": line, "distributions": DISTRIBUTIONS},
    )


@require_perm("industry.view_my_bookings")
def line_detail(request: HttpRequest, pk: int) -> HttpResponse:
    line = _line(request, pk)
    manager = request.user.has_perm("industry.simulate_lines")
    runs = list(line.runs.filter(finished_at__isnull=False)[:10])
    chosen = request.GET.get("run")
    run = next((r for r in runs if str(r.pk) == chosen and r.kind == SimulationRun.Kind.SIMULATE), None)
    run = run or selectors.latest_run(line=line)
    improvement = selectors.latest_run(line=line, kind=SimulationRun.Kind.IMPROVE)
    running = selectors.running(line=line)
    modules = list(line.modules.order_by("position"))
    chart = None
    if run and run.result.get("stations"):
        stations = run.result["stations"]
        chart = {
            "labels": [s["name"] for s in stations],
            "series": {
                key: [round(100 * (s[key]["mean"] or 0), 1) for s in stations]
                for key in ("processing", "setup", "failed", "blocked", "starved")
            },
        }
    return render(
        request,
        "industry/line_detail.html",
        {
            "line": line,
            "modules": modules,
            "manager": manager,
            "run": run,
            "runs": runs,
            "improvement": improvement,
            "job": running.job if running and running.job and not running.job.is_finished else None,
            "chart": chart,
            "bound": run.result.get("bound") if run else None,
        },
    )


@require_POST
@require_perm("industry.simulate_lines")
def line_simulate(request: HttpRequest, pk: int, kind: str = SimulationRun.Kind.SIMULATE) -> HttpResponse:
    line = get_object_or_404(LineConfiguration, pk=pk)
    started = run_action(request, lambda: services.simulation_start(line=line, by=request.user, kind=kind))
    if not started:
        return redirect(line)
    run = started.result
    finished = report_job(
        request,
        run.job,
        done=_("Simulation terminée."),
        queued=_("Simulation lancée ; la page suit son avancement."),
    )
    return redirect(f"{line.get_absolute_url()}?run={run.pk}") if finished else redirect(line)


@require_POST
@require_perm("industry.simulate_lines")
def line_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    line = get_object_or_404(LineConfiguration, pk=pk)
    copy = services.line_duplicate(line=line, by=request.user)
    messages.success(request, _("Variante créée : modifiez-la, simulez-la, comparez."))
    return redirect(reverse("industry:line_edit", args=[copy.pk]))


@require_perm("industry.view_my_bookings")
def line_compare(request: HttpRequest) -> HttpResponse:
    available = list(selectors.lines_list(user=request.user).order_by("name"))
    wanted = [int(x) for x in request.GET.getlist("ids") if x.isdigit()]
    chosen = [line for line in available if line.pk in wanted][:4]
    columns = selectors.comparison(lines=chosen)
    metrics = [
        ("throughput", _("Débit (pièces/h)"), 2),
        ("lead_time", _("Temps de traversée (min)"), 1),
        ("wip", _("En-cours moyen (pièces)"), 1),
    ]
    return render(
        request,
        "industry/line_compare.html",
        {"available": available, "columns": columns, "wanted": wanted, "metrics": metrics},
    )
