"""Client projects: the staff list and pages, the client's portal, quotes and their PDF, clients."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hall32.core.dates import long_date
from hall32.industry.filters import ClientFilter, ClientProjectFilter, ProjectFilter
from hall32.industry.forms import (
    DeliverableForm,
    ProjectForm,
    ProjectMoveForm,
    ProjectRequestForm,
    QuoteLineFormSet,
    QuoteNotesForm,
    TimeEntryForm,
)
from hall32.industry.models import (
    PROJECT_PIPELINE,
    Deliverable,
    Project,
    ProjectStatus,
    Quote,
    QuoteLine,
    TimeEntry,
)
from hall32.industry.selectors import projects as selectors
from hall32.industry.services import projects as services
from hall32.web.forms import ConfirmForm
from hall32.web.listing import Listing
from hall32.web.pages import (
    check_perm,
    confirm_page,
    edit_page,
    form_page,
    posted,
    render_page,
    require_perm,
    run_action,
    save_form,
)

PROJECT_SORTS = {
    "requested": "requested_on",
    "reference": "reference",
    "client": "client__name",
    "status": "status",
    "hours": "hours_spent",
}


@require_perm("industry.view_projects")
def project_list(request: HttpRequest) -> HttpResponse:
    listing = Listing(
        request,
        selectors.projects_list(),
        filterset_class=ProjectFilter,
        sorts=PROJECT_SORTS,
        default_sort="-requested",
    )
    return render_page(
        request,
        "industry/project_list.html",
        {"listing": listing, "returning": selectors.client_return(), "client_view": False},
        fragment="industry/_project_results.html",
    )


@require_perm("industry.view_my_projects")
def my_projects(request: HttpRequest) -> HttpResponse:
    listing = Listing(
        request,
        selectors.projects_list(user=request.user),
        filterset_class=ClientProjectFilter,
        sorts=PROJECT_SORTS,
        default_sort="-requested",
    )
    organisation = request.user.person.organisation if request.user.person_id else None
    return render_page(
        request,
        "industry/my_projects.html",
        {"listing": listing, "organisation": organisation, "client_view": True},
        fragment="industry/_project_results.html",
    )


@require_http_methods(["GET", "POST"])
@require_perm("industry.request_project")
def project_request(request: HttpRequest) -> HttpResponse:
    form = ProjectRequestForm(posted(request))
    if request.method == "POST":
        project = save_form(
            request,
            form,
            lambda: services.project_request(by=request.user, **form.cleaned_data),
            _("Demande envoyée : un·e ingénieur·e du Pôle Industrie vous recontacte sous une semaine."),
        )
        if project:
            return redirect(project)
    return form_page(
        request,
        form,
        title=_("Tester avant d'investir : votre demande"),
        intro=_(
            "Prototypage de pièce ou de produit, test d'une technologie, accompagnement au changement : "
            "décrivez votre besoin, nous l'étudions avec vous."
        ),
        cancel_href=reverse("industry:my_projects"),
        submit_label=_("Envoyer la demande"),
    )


def _project(request: HttpRequest, pk: int) -> Project:
    project = get_object_or_404(Project.objects.select_related("client", "contact", "lead"), pk=pk)
    if not request.user.has_perm("industry.open_project", project):
        raise Http404  # a client does not learn that another company's project exists
    return project


@require_perm("industry.view_my_bookings")
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    manager = request.user.has_perm("industry.manage_projects")
    return render(
        request,
        "industry/project_detail.html",
        {
            "project": project,
            "manager": manager,
            "figures": selectors.project_figures(project=project),
            "quotes": selectors.quotes_of(project=project, user=request.user),
            "deliverables": list(project.deliverables.all()),
            "entries": list(project.time_entries.select_related("engineer")[:50]) if manager else [],
            "steps": list(project.steps.select_related("by")),
            "pipeline": PROJECT_PIPELINE,
            "pipeline_index": PROJECT_PIPELINE.index(project.status)
            if project.status in PROJECT_PIPELINE
            else -1,
            "move_form": ProjectMoveForm(project=project) if manager and project.next_statuses else None,
            "time_form": TimeEntryForm() if manager and project.is_open else None,
            "lines": list(project.line_configurations.all()),
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
@require_perm("industry.manage_projects")
def project_create(request: HttpRequest) -> HttpResponse:
    form = ProjectForm(
        posted(request), initial={"lead": request.user.pk, "client": request.GET.get("client")}
    )
    return edit_page(
        request,
        form,
        save=lambda: services.project_create(project=form.instance, by=request.user),
        success=_("Projet créé."),
        title=_("Nouveau projet"),
        cancel_href=reverse("industry:project_list"),
    )


@require_http_methods(["GET", "POST"])
@require_perm("industry.manage_projects")
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project, pk=pk)
    form = ProjectForm(posted(request), instance=project)
    return edit_page(
        request,
        form,
        save=lambda: services.project_update(project=form.instance),
        success=_("Projet enregistré."),
        title=str(project),
        cancel_href=project.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
@require_perm("industry.manage_projects")
def project_move(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project, pk=pk)
    form = ProjectMoveForm(posted(request), project=project)
    if request.method == "POST":
        saved = save_form(
            request,
            form,
            lambda: services.project_move(project=project, by=request.user, **form.cleaned_data),
            _("Étape du projet enregistrée."),
        )
        if saved:
            return redirect(saved)
    return form_page(
        request,
        form,
        title=_("Faire avancer %(p)s") % {"p": project.reference},
        cancel_href=project.get_absolute_url(),
    )


@require_POST
@require_perm("industry.manage_projects")
def time_entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project, pk=pk)
    form = TimeEntryForm(request.POST)
    saved = save_form(
        request,
        form,
        lambda: services.time_entry_add(project=project, engineer=request.user, **form.cleaned_data),
        _("Temps enregistré."),
    )
    if saved:
        return redirect(f"{project.get_absolute_url()}#temps")
    return form_page(
        request,
        form,
        title=_("Temps passé sur %(p)s") % {"p": project.reference},
        cancel_href=project.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
@require_perm("industry.manage_projects")
def time_entry_delete(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    entry = get_object_or_404(TimeEntry.objects.select_related("project"), pk=entry_pk, project_id=pk)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        run_action(request, lambda: services.time_entry_delete(entry=entry), _("Saisie supprimée."))
        return redirect(f"{entry.project.get_absolute_url()}#temps")
    return confirm_page(
        request,
        form,
        title=_("Supprimer %(h)s h du %(d)s ?") % {"h": entry.hours, "d": long_date(entry.day)},
        warning=_("La saisie disparaît du temps passé sur le projet."),
        danger_label=_("Supprimer"),
        cancel_href=entry.project.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
@require_perm("industry.manage_projects")
def deliverable_edit(request: HttpRequest, pk: int, deliverable_pk: int | None = None) -> HttpResponse:
    project = get_object_or_404(Project, pk=pk)
    deliverable = (
        get_object_or_404(Deliverable, pk=deliverable_pk, project=project) if deliverable_pk else None
    )
    form = DeliverableForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=deliverable or Deliverable(project=project),
    )
    if request.method == "POST":
        saved = save_form(
            request,
            form,
            lambda: services.deliverable_save(deliverable=form.instance),
            _("Livrable enregistré."),
        )
        if saved:
            return redirect(f"{project.get_absolute_url()}#livrables")
    return form_page(
        request,
        form,
        title=deliverable.title if deliverable else _("Nouveau livrable"),
        cancel_href=project.get_absolute_url(),
    )


@require_perm("industry.view_my_bookings")
def deliverable_file(request: HttpRequest, pk: int, deliverable_pk: int) -> FileResponse:
    project = _project(request, pk)
    deliverable = get_object_or_404(Deliverable, pk=deliverable_pk, project=project)
    if not deliverable.file:
        raise Http404
    return FileResponse(
        deliverable.file.open("rb"), as_attachment=True, filename=deliverable.file.name.rsplit("/", 1)[-1]
    )


# --- Quotes --------------------------------------------------------------------------------------


def _quote_save(project: Project, quote: Quote | None, lines: list[services.LineInput], notes: str) -> Quote:
    if quote:
        return services.quote_set_lines(quote=quote, lines=lines, notes=notes)
    return services.quote_create(project=project, lines=lines, notes=notes)


def _lines_from(formset) -> list[services.LineInput]:
    lines = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE") or not data.get("label"):
            continue
        equipment = data.get("equipment")
        lines.append(
            services.LineInput(
                kind=data["kind"],
                label=data["label"],
                quantity=data["quantity"],
                unit=data.get("unit") or "h",
                unit_price=data["unit_price"],  # None on a machine line: the service prices it
                equipment_id=equipment.pk if equipment else None,
            )
        )
    return lines


@require_http_methods(["GET", "POST"])
@require_perm("industry.manage_projects")
def quote_edit(request: HttpRequest, pk: int | None = None, project_pk: int | None = None) -> HttpResponse:
    quote = get_object_or_404(Quote.objects.select_related("project"), pk=pk) if pk else None
    project = quote.project if quote else get_object_or_404(Project, pk=project_pk)
    if quote and quote.status != Quote.Status.DRAFT:
        messages.error(request, _("Seul un devis en brouillon se modifie ; faites-en un nouveau."))
        return redirect(quote)
    initial_lines = (
        [
            {
                "kind": line.kind,
                "label": line.label,
                "equipment": line.equipment_id,
                "quantity": line.quantity,
                "unit": line.unit,
                "unit_price": line.unit_price,
            }
            for line in quote.lines.all()
        ]
        if quote
        else [
            {
                "kind": QuoteLine.Kind.ENGINEERING,
                "label": _("Étude et conception"),
                "unit": "h",
                "unit_price": Decimal("85.00"),
            }
        ]
    )
    formset = QuoteLineFormSet(posted(request), initial=initial_lines, prefix="lines")
    notes = QuoteNotesForm(posted(request), initial={"notes": quote.notes} if quote else None)
    if request.method == "POST":
        saved = save_form(
            request,
            notes,
            lambda: _quote_save(project, quote, _lines_from(formset), notes.cleaned_data["notes"]),
            lambda saved: _("Devis %(n)s enregistré (brouillon).") % {"n": saved.number},
            also=[formset],
        )
        if saved:
            return redirect(saved)
    return render(
        request,
        "industry/quote_form.html",
        {"formset": formset, "notes": notes, "project": project, "quote": quote},
    )


def _quote(request: HttpRequest, pk: int) -> Quote:
    quote = get_object_or_404(Quote.objects.select_related("project__client", "project__contact"), pk=pk)
    if not request.user.has_perm("industry.open_quote", quote):
        raise Http404
    if quote.status == Quote.Status.DRAFT and not request.user.has_perm("industry.manage_projects"):
        raise Http404  # a draft is not the client's yet
    return quote


@require_perm("industry.view_my_bookings")
def quote_detail(request: HttpRequest, pk: int) -> HttpResponse:
    quote = _quote(request, pk)
    lines = list(quote.lines.select_related("equipment"))
    net, vat, gross = quote.totals(lines)
    return render(
        request,
        "industry/quote_detail.html",
        {
            "quote": quote,
            "lines": lines,
            "net": net,
            "vat": vat,
            "gross": gross,
            "manager": request.user.has_perm("industry.manage_projects"),
            "can_decide": quote.status == Quote.Status.SENT
            and request.user.has_perm("industry.decide_quote", quote),
        },
    )


@require_perm("industry.view_my_bookings")
def quote_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from hall32.industry.pdf import quote_pdf as render_pdf

    quote = _quote(request, pk)
    response = HttpResponse(render_pdf(quote), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{quote.number}.pdf"'
    return response


@require_POST
@require_perm("industry.manage_projects")
def quote_send(request: HttpRequest, pk: int) -> HttpResponse:
    quote = get_object_or_404(Quote, pk=pk)
    run_action(
        request,
        lambda: services.quote_send(quote=quote, by=request.user),
        _("Devis envoyé : le client peut l'accepter depuis son espace."),
    )
    return redirect(quote)


@require_http_methods(["GET", "POST"])
@require_perm("industry.view_my_bookings")
def quote_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    quote = _quote(request, pk)
    check_perm(request, "industry.decide_quote", quote)
    accepted = decision == "accepter"
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        run_action(
            request,
            lambda: services.quote_decide(quote=quote, accepted=accepted, by=request.user),
            _("Devis accepté : le projet démarre.")
            if accepted
            else _("Devis refusé ; le Pôle Industrie est prévenu."),
        )
        return redirect(quote)
    net, _vat, gross = quote.totals()
    return confirm_page(
        request,
        form,
        title=(_("Accepter le devis %(n)s ?") if accepted else _("Refuser le devis %(n)s ?"))
        % {"n": quote.number},
        warning=_("Montant : %(net)s € HT, soit %(gross)s € TTC.") % {"net": net, "gross": gross},
        danger_label=_("Accepter") if accepted else _("Refuser"),
        danger_class="btn-success" if accepted else "btn-danger",
        cancel_href=quote.get_absolute_url(),
    )


# --- Clients -------------------------------------------------------------------------------------


@require_perm("industry.view_projects")
def clients(request: HttpRequest) -> HttpResponse:
    listing = Listing(
        request,
        selectors.clients_list(),
        filterset_class=ClientFilter,
        sorts={"name": "name", "projects": "projects", "first": "first_request"},
        default_sort="-projects",
    )
    figures = selectors.client_return()
    average, rated = selectors.satisfaction()
    return render_page(
        request,
        "industry/clients.html",
        {
            "listing": listing,
            "figures": figures,
            "satisfaction": average,
            "rated": rated,
            "open_projects": Project.objects.open().count(),
            "statuses": ProjectStatus,
            "opened": settings.HUB_FIRST_SCHOOL_YEAR,
        },
        fragment="industry/_client_results.html",
    )
