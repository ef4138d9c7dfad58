"""The forum-day planner's pages: workshops and slots, the run, the plan grid, edits, exports."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hall32.outreach import ical, selectors, services
from hall32.outreach.forms import PlanEditForm, SlotFormSet, WorkshopFormSet
from hall32.outreach.models import ClassBooking, Event, EventKind, ForumPlan
from hall32.training import selectors as training_selectors
from hall32.web.pages import formset_rows, posted, report_job, require_perm, run_action


def _forum(pk: int) -> Event:
    return get_object_or_404(Event, pk=pk, kind=EventKind.FORUM)


@require_perm("outreach.view_events")
def planning(request: HttpRequest, pk: int) -> HttpResponse:
    event = _forum(pk)
    plan = selectors.current_plan(event=event)
    attempt = selectors.latest_attempt(event=event)
    grid = selectors.plan_grid(plan=plan) if plan else None
    edit_form = PlanEditForm(grid=grid, workshops=event.workshops.all()) if grid else None
    problem = selectors.forum_problem(event=event)
    return render(
        request,
        "outreach/planning.html",
        {
            "event": event,
            "plan": plan,
            "attempt": attempt if attempt and attempt != plan else None,
            "grid": grid,
            "summary": selectors.plan_summary(plan=plan, grid=grid) if grid else None,
            "edit_form": edit_form,
            "job": selectors.planning_job(event=event),
            "classes": len(problem.classes),
            "workshops": event.workshops.select_related("trade", "room").prefetch_related("apprentices"),
            "slots": event.slots.all(),
            "can_plan": request.user.has_perm("outreach.plan_forum"),
            "editing": bool(grid)
            and request.GET.get("modifier") == "1"
            and request.user.has_perm("outreach.plan_forum"),
        },
    )


@require_http_methods(["GET", "POST"])
@require_perm("outreach.plan_forum")
def planning_setup(request: HttpRequest, pk: int) -> HttpResponse:
    event = _forum(pk)
    workshops = WorkshopFormSet(posted(request), instance=event, prefix="workshops")
    slots = SlotFormSet(posted(request), instance=event, prefix="slots")
    learners = training_selectors.current_learners(on=event.start.date())
    for form in workshops.forms:
        form.fields["apprentices"].queryset = learners
    if request.method == "POST" and workshops.is_valid() and slots.is_valid():
        services.forum_setup_save(workshops=formset_rows(workshops), slots=formset_rows(slots))
        messages.success(request, _("Ateliers et créneaux enregistrés."))
        return redirect("outreach:planning", pk=pk)
    if request.method == "POST":
        messages.error(request, _("Corrigez les erreurs signalées ci-dessous."))
    return render(
        request,
        "outreach/planning_setup.html",
        {"event": event, "workshops": workshops, "slots": slots},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@require_perm("outreach.plan_forum")
def planning_run(request: HttpRequest, pk: int) -> HttpResponse:
    event = _forum(pk)
    try:
        time_limit = max(1.0, min(120.0, float(request.POST.get("time_limit", "10"))))
    except ValueError:
        time_limit = 10.0
    started = run_action(
        request, lambda: services.forum_plan_start(event=event, by=request.user, time_limit=time_limit)
    )
    if not started:
        return redirect("outreach:planning", pk=pk)
    report_job(
        request,
        started.result,
        done=_("Plan calculé."),
        queued=_("Calcul lancé : la page se mettra à jour toute seule."),
        failed=_("Pas de plan possible : %(why)s"),
    )
    return redirect("outreach:planning", pk=pk)


@require_POST
@require_perm("outreach.plan_forum")
def planning_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _forum(pk)
    plan = selectors.current_plan(event=event)
    if plan is None:
        messages.error(request, _("Il n'y a pas encore de plan à modifier."))
        return redirect("outreach:planning", pk=pk)
    form = PlanEditForm(request.POST, grid=selectors.plan_grid(plan=plan), workshops=event.workshops.all())
    if not form.is_valid():
        messages.error(request, _("Choix d'atelier invalide."))
        return redirect("outreach:planning", pk=pk)
    changes = form.changes()
    if not changes:
        messages.info(request, _("Aucune modification."))
        return redirect("outreach:planning", pk=pk)
    run_action(
        request,
        lambda: services.forum_plan_edit(plan=plan, changes=changes, by=request.user),
        _("Plan modifié : toutes les contraintes sont respectées."),
        refused=_("Modification refusée : %(why)s"),
    )
    return redirect("outreach:planning", pk=pk)


@require_perm("outreach.view_events")
def planning_pdf(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    from weasyprint import HTML

    event = _forum(pk)
    plan = get_object_or_404(ForumPlan, pk=plan_pk, event=event)
    by = "workshop" if request.GET.get("by") == "workshop" else "class"
    html = render_to_string(
        "outreach/pdf/forum_plan.html",
        {"event": event, "plan": plan, "grid": selectors.plan_grid(plan=plan), "by": by},
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    name = "ateliers" if by == "workshop" else "classes"
    response["Content-Disposition"] = f'inline; filename="forum-{event.start:%Y-%m-%d}-{name}.pdf"'
    return response


@require_perm("outreach.view_events")
def planning_ics(request: HttpRequest, pk: int, plan_pk: int, booking_pk: int) -> HttpResponse:
    event = _forum(pk)
    plan = get_object_or_404(ForumPlan, pk=plan_pk, event=event)
    booking = get_object_or_404(ClassBooking, pk=booking_pk, event=event)
    row = next((r for r in selectors.plan_grid(plan=plan).rows if r["booking"].pk == booking.pk), None)
    if row is None:
        return HttpResponse(status=404)
    response = HttpResponse(
        ical.rotation_ics(booking, row["cells"]), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="forum-{booking.class_name}.ics"'
    return response


@require_perm("outreach.view_events")
def planning_workshop_ics(request: HttpRequest, pk: int, plan_pk: int, workshop_pk: int) -> HttpResponse:
    event = _forum(pk)
    plan = get_object_or_404(ForumPlan, pk=plan_pk, event=event)
    row = next((r for r in selectors.plan_grid(plan=plan).workshops if r["workshop"].pk == workshop_pk), None)
    if row is None:
        return HttpResponse(status=404)
    response = HttpResponse(ical.workshop_ics(event, row), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="forum-atelier-{workshop_pk}.ics"'
    return response
