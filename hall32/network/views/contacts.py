"""Pages of the network app: contacts' roles on an organisation, interactions (the list, with its
export), follow-up tasks ("my tasks") and an organisation's timeline."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hall32.core.models import Organisation
from hall32.network.filters import InteractionFilter
from hall32.network.forms import ContactRoleForm, InteractionForm, TaskForm
from hall32.network.models import ContactRole, FollowUpTask, Interaction
from hall32.network.selectors import contacts as selectors
from hall32.network.services import contacts as services
from hall32.web import exports
from hall32.web.forms import ConfirmForm
from hall32.web.listing import Listing
from hall32.web.pages import (
    check_perm,
    confirm_page,
    form_page,
    posted,
    render_page,
    require_perm,
    run_action,
    save_form,
)


def _back(organisation: Organisation) -> str:
    return organisation.get_absolute_url()


# --- Contacts' roles --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require_perm("network.manage_contacts")
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    form = ContactRoleForm(posted(request), organisation=organisation)

    def save() -> ContactRole:
        data = form.cleaned_data
        if data["person"] is not None:
            return services.contact_role_add(
                organisation=organisation,
                person=data["person"],
                role=data["role"],
                is_primary=data["is_primary"],
            )
        return services.contact_create(
            organisation=organisation,
            **{k: data[k] for k in ("first_name", "last_name", "email", "phone", "job_title", "role")},
            is_primary=data["is_primary"],
        )

    if request.method == "POST" and save_form(request, form, save, _("Contact enregistré.")):
        return redirect(_back(organisation))
    return form_page(
        request,
        form,
        title=_("Nouveau contact : %(organisation)s") % {"organisation": organisation.name},
        cancel_href=_back(organisation),
    )


@require_POST
@require_perm("network.manage_contacts")
def contact_primary(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(ContactRole.objects.select_related("organisation", "person"), pk=pk)
    run_action(
        request,
        lambda: services.contact_role_mark_primary(contact=contact),
        _("%(person)s est le contact privilégié.") % {"person": contact.person},
    )
    return redirect(_back(contact.organisation))


@require_http_methods(["GET", "POST"])
@require_perm("network.manage_contacts")
def contact_end(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(ContactRole.objects.select_related("organisation", "person"), pk=pk)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        run_action(request, lambda: services.contact_role_end(contact=contact), _("Rôle terminé."))
        return redirect(_back(contact.organisation))
    return confirm_page(
        request,
        form,
        title=_("Terminer le rôle « %(role)s » de %(person)s ?")
        % {"role": contact.get_role_display(), "person": contact.person},
        warning=_(
            "La personne reste dans l'annuaire ; le rôle est gardé dans l'historique, terminé aujourd'hui."
        ),
        danger_label=_("Terminer le rôle"),
        cancel_href=_back(contact.organisation),
    )


# --- Interactions -----------------------------------------------------------------------------------

INTERACTION_SORTS = {
    "date": "happened_at",
    "organisation": "organisation__name",
    "kind": "kind",
    "owner": ("owner__last_name", "owner__username"),
}


def _export(listing: Listing, fmt: str) -> HttpResponse:
    header = [_("Date"), _("Type"), _("Organisation"), _("Objet"), _("Contacts présents"), _("Suivi par")]
    # Every row the filters keep, in the list's order (not only the page shown).
    queryset = listing.page.paginator.object_list
    rows = [
        [
            timezone.localtime(i.happened_at).strftime("%d/%m/%Y %H:%M"),
            i.get_kind_display(),
            i.organisation.name,
            i.subject,
            ", ".join(p.full_name for p in i.contacts.all()),
            i.owner.display_name if i.owner else "",
        ]
        for i in queryset
    ]
    if fmt == "xlsx":
        sheet = exports.Sheet(_("Échanges"), header, rows, widths={"C": 30, "D": 40})
        return exports.xlsx_response("echanges.xlsx", [sheet])
    return exports.csv_response("echanges.csv", [header, *rows])


@require_perm("network.view_interactions")
def interaction_list(request: HttpRequest) -> HttpResponse:
    listing = Listing(
        request,
        selectors.interactions(),
        filterset_class=InteractionFilter,
        sorts=INTERACTION_SORTS,
        default_sort="-date",
    )
    fmt = request.GET.get("export")
    if fmt in {"csv", "xlsx"}:
        return _export(listing, fmt)
    return render_page(
        request,
        "network/interaction_list.html",
        {
            "listing": listing,
            "export_csv": listing.url_with(export="csv", page=None),
            "export_xlsx": listing.url_with(export="xlsx", page=None),
        },
        fragment="network/_interaction_results.html",
    )


def _contacts_of(data: dict[str, Any]) -> dict[str, Any]:
    return {k: data[k] for k in ("kind", "happened_at", "subject", "notes", "owner")} | {
        "contacts": list(data["contacts"])
    }


@require_http_methods(["GET", "POST"])
@require_perm("network.add_interaction")
def interaction_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    form = InteractionForm(
        posted(request),
        organisation=organisation,
        initial={
            "owner": request.user.pk,
            "happened_at": timezone.localtime().replace(second=0, microsecond=0),
        },
    )

    def save() -> Interaction:
        data = form.cleaned_data
        interaction = services.interaction_create(organisation=organisation, **_contacts_of(data))
        if data.get("task_title"):
            services.task_create(
                organisation=organisation,
                interaction=interaction,
                title=data["task_title"],
                due_on=data["task_due_on"],
                owner=data["owner"],
                remind_days_before=data.get("task_remind_days_before") or 0,
            )
        return interaction

    if request.method == "POST" and save_form(request, form, save, _("Échange enregistré.")):
        return redirect(_back(organisation))
    return form_page(
        request,
        form,
        title=_("Nouvel échange : %(organisation)s") % {"organisation": organisation.name},
        cancel_href=_back(organisation),
    )


def _interaction(request: HttpRequest, pk: int, perm: str) -> Interaction:
    interaction = get_object_or_404(Interaction.objects.select_related("organisation"), pk=pk)
    check_perm(request, perm, interaction)
    return interaction


@require_http_methods(["GET", "POST"])
@require_perm("network.view_interactions")
def interaction_edit(request: HttpRequest, pk: int) -> HttpResponse:
    interaction = _interaction(request, pk, "network.view_interactions")
    may_change = request.user.has_perm("network.change_interaction", interaction)
    if request.method == "POST" and not may_change:
        check_perm(request, "network.change_interaction", interaction)
    form = InteractionForm(
        posted(request),
        organisation=interaction.organisation,
        with_task=False,
        initial=InteractionForm.initial_for(interaction),
    )
    if not may_change:
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST":
        saved = save_form(
            request,
            form,
            lambda: services.interaction_update(interaction=interaction, **_contacts_of(form.cleaned_data)),
            _("Échange enregistré."),
        )
        if saved:
            return redirect(_back(interaction.organisation))
    return render_page(
        request,
        "network/interaction_form.html",
        {
            "form": form,
            "interaction": interaction,
            "may_change": may_change,
            "may_delete": request.user.has_perm("network.delete_interaction", interaction),
            "tasks": list(interaction.tasks.select_related("owner__person")),
        },
    )


@require_http_methods(["GET", "POST"])
@require_perm("network.view_interactions")
def interaction_delete(request: HttpRequest, pk: int) -> HttpResponse:
    interaction = _interaction(request, pk, "network.delete_interaction")
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        run_action(
            request, lambda: services.interaction_delete(interaction=interaction), _("Échange supprimé.")
        )
        return redirect(_back(interaction.organisation))
    return confirm_page(
        request,
        form,
        title=_("Supprimer l'échange « %(subject)s » ?") % {"subject": interaction.subject},
        warning=_("Ses tâches de suivi sont gardées, sans lien avec lui."),
        danger_label=_("Supprimer l'échange"),
        cancel_href=reverse("network:interaction_edit", args=[interaction.pk]),
    )


# --- Follow-up tasks --------------------------------------------------------------------------------


@require_perm("network.view_my_tasks")
def my_tasks(request: HttpRequest) -> HttpResponse:
    tasks = selectors.my_tasks(user=request.user)
    groups = [
        (tasks.overdue, _("En retard"), "text-danger"),
        (tasks.today, _("Pour aujourd'hui"), ""),
        (tasks.upcoming, _("À venir"), ""),
    ]
    return render_page(
        request, "network/my_tasks.html", {"tasks": tasks, "groups": groups, "today": timezone.localdate()}
    )


def _task_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {k: data[k] for k in ("title", "due_on", "owner", "remind_days_before")}


def _next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    return target if target.startswith("/") and not target.startswith("//") else fallback


@require_http_methods(["GET", "POST"])
@require_perm("network.add_followuptask")
def task_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    form = TaskForm(posted(request), initial={"owner": request.user.pk})
    if request.method == "POST" and save_form(
        request,
        form,
        lambda: services.task_create(organisation=organisation, **_task_fields(form.cleaned_data)),
        _("Tâche enregistrée."),
    ):
        return redirect(_back(organisation))
    return form_page(
        request,
        form,
        title=_("Nouvelle tâche de suivi : %(organisation)s") % {"organisation": organisation.name},
        cancel_href=_back(organisation),
    )


def _task(request: HttpRequest, pk: int, perm: str) -> FollowUpTask:
    task = get_object_or_404(FollowUpTask.objects.select_related("organisation"), pk=pk)
    check_perm(request, perm, task)
    return task


@require_http_methods(["GET", "POST"])
@require_perm("network.view_my_tasks")
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk, "network.change_followuptask")
    initial = {
        "title": task.title,
        "due_on": task.due_on,
        "owner": task.owner_id,
        "remind_days_before": task.remind_days_before,
    }
    form = TaskForm(posted(request), initial=initial)
    if request.method == "POST" and save_form(
        request,
        form,
        lambda: services.task_update(task=task, **_task_fields(form.cleaned_data)),
        _("Tâche enregistrée."),
    ):
        return redirect(_next(request, reverse("network:my_tasks")))
    return form_page(
        request,
        form,
        title=_("Tâche : %(organisation)s") % {"organisation": task.organisation.name},
        cancel_href=reverse("network:my_tasks"),
    )


@require_POST
@require_perm("network.view_my_tasks")
def task_done(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk, "network.change_followuptask")
    run_action(request, lambda: services.task_done(task=task), _("Tâche faite."))
    return redirect(_next(request, reverse("network:my_tasks")))


@require_POST
@require_perm("network.view_my_tasks")
def task_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk, "network.change_followuptask")
    run_action(request, lambda: services.task_reopen(task=task), _("Tâche rouverte."))
    return redirect(_next(request, reverse("network:my_tasks")))


@require_http_methods(["GET", "POST"])
@require_perm("network.view_my_tasks")
def task_delete(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk, "network.delete_followuptask")
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        run_action(request, lambda: services.task_delete(task=task), _("Tâche supprimée."))
        return redirect(reverse("network:my_tasks"))
    return confirm_page(
        request,
        form,
        title=_("Supprimer la tâche « %(title)s » ?") % {"title": task.title},
        danger_label=_("Supprimer la tâche"),
        cancel_href=reverse("network:my_tasks"),
    )


# --- The organisation's timeline ----------------------------------------------------------------


@require_perm("network.view_timeline")
def organisation_history(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    entries = selectors.organisation_timeline(organisation=organisation, user=request.user)
    page = Paginator(entries, 30).get_page(request.GET.get("page"))
    return render_page(
        request, "network/organisation_history.html", {"organisation": organisation, "page": page}
    )
