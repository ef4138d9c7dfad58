"""Core pages: home and dashboards, health, directory, people with GDPR actions, audit, jobs."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hall32.core import access, audit_display, selectors, services
from hall32.core.filters import AuditFilter, OrganisationFilter, PersonFilter
from hall32.core.forms import OrganisationForm, PersonForm
from hall32.core.models import Job, Organisation, Person
from hall32.web import dashboard, sections
from hall32.web.forms import ConfirmForm
from hall32.web.listing import Listing
from hall32.web.pages import (  # partners
    attempt,
    check_perm,
    confirm_page,
    edit_page,
    posted,
    render_page,
    require_perm,
    run_action,
    save_form,
)


def home(request: HttpRequest) -> HttpResponse:
    """Public landing page for visitors; the dashboard of one's roles once signed in."""
    if not request.user.is_authenticated:
        return render(request, "core/landing.html", {"panels": dashboard.panels_for(request)})
    return render(request, "core/dashboard.html", {"panels": dashboard.panels_for(request)})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except (DatabaseError, Exception) as error:  # any failure of the database is a 503
        return JsonResponse({"status": "error", "database": f"error: {type(error).__name__}"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    person = request.user.person
    return render(request, "core/my_data.html", {"person": person})


# --- Directory: organisations -------------------------------------------------------------


@require_perm("core.view_organisation")
def organisation_list(request: HttpRequest) -> HttpResponse:
    listing = Listing(
        request,
        selectors.organisation_list(),
        filterset_class=OrganisationFilter,
        sorts={
            "name": "name",
            "kind": "kind",
            "city": "city",
            "people": "people_count",
        },
        default_sort="name",
    )
    return render_page(
        request,
        "core/organisation_list.html",
        {"listing": listing},
        fragment="core/_organisation_results.html",
    )


@require_perm("core.view_organisation")
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    people = selectors.people_of(organisation=organisation, user=request.user)[:50]
    return render(
        request,
        "core/organisation_detail.html",
        {
            "organisation": organisation,
            "people": people,
            # Partnerships and the like, from the apps core may not import.
            "sections": sections.sections_for(sections.ORGANISATION, request, organisation),
        },
    )


@require_http_methods(["GET", "POST"])
@require_perm("core.add_organisation")
def organisation_create(request: HttpRequest) -> HttpResponse:
    return _organisation_page(
        request, OrganisationForm(posted(request)), _("Organisation créée."), _("Nouvelle organisation")
    )


@require_http_methods(["GET", "POST"])
@require_perm("core.change_organisation")
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    form = OrganisationForm(posted(request), instance=organisation)
    return _organisation_page(request, form, _("Organisation enregistrée."), organisation.name)


def _organisation_page(
    request: HttpRequest, form: OrganisationForm, success: str, title: str
) -> HttpResponse:
    return edit_page(
        request,
        form,
        save=lambda: services.organisation_save(organisation=form.instance),
        success=success,
        then=lambda saved: reverse("core:organisation_detail", args=[saved.pk]),
        title=title,
        cancel_href=reverse("core:organisation_list"),
    )


@require_http_methods(["GET", "POST"])
@require_perm("core.delete_organisation")
def organisation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.organisation_delete(organisation=organisation)
        messages.success(request, _("Organisation « %(name)s » supprimée.") % {"name": organisation.name})
        return redirect("core:organisation_list")
    return confirm_page(
        request,
        form,
        title=_("Supprimer « %(name)s » ?") % {"name": organisation.name},
        warning=_("Les personnes rattachées seront conservées, sans organisation."),
        cancel_href=organisation.get_absolute_url(),
        danger_label=_("Supprimer l'organisation"),
    )


# partners: merging two organisations that are one ------------------------------------------------


@require_GET
@require_perm("core.merge_organisation")
def organisation_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Find the organisation to merge into this one (by name, city or SIRET)."""
    kept = get_object_or_404(Organisation, pk=pk)
    q = request.GET.get("q", "").strip()[:100]
    found = list(selectors.organisation_merge_search(kept=kept, q=q)[:20]) if q else []
    return render(request, "core/organisation_merge.html", {"kept": kept, "q": q, "found": found})


@require_http_methods(["GET", "POST"])
@require_perm("core.merge_organisation")
def organisation_merge_confirm(request: HttpRequest, pk: int, other: int) -> HttpResponse:
    """What the merge would move (the service, rolled back), then the merge once confirmed."""
    kept = get_object_or_404(Organisation, pk=pk)
    merged = get_object_or_404(Organisation, pk=other)
    form = ConfirmForm(posted(request))
    if request.method == "POST":
        report = save_form(
            request,
            form,
            lambda: services.organisation_merge(kept=kept, merged=merged, by=request.user),
            lambda done: (
                ngettext(
                    "« %(merged)s » fusionnée dans « %(kept)s » : %(count)s lien déplacé.",
                    "« %(merged)s » fusionnée dans « %(kept)s » : %(count)s liens déplacés.",
                    done.total,
                )
                % {"merged": done.merged_name, "kept": done.kept.name, "count": done.total}
            ),
        )
        if report is not None:
            return redirect(report.kept)
    preview = attempt(
        lambda: services.organisation_merge(kept=kept, merged=merged, by=request.user, dry_run=True)
    )
    context = {"form": form, "kept": kept, "merged": merged, "preview": preview}
    return render(request, "core/organisation_merge_confirm.html", context)


# --- Directory: people ----------------------------------------------------------------------


@require_perm("core.view_directory")
def person_list(request: HttpRequest) -> HttpResponse:
    listing = Listing(
        request,
        selectors.person_list(user=request.user),
        filterset_class=PersonFilter,
        sorts={
            "name": ("last_name", "first_name"),
            "organisation": "organisation__name",
            "created": "created_at",
        },
        default_sort="name",
    )
    rows = listing.page.object_list
    fields = access.visible_fields_many(request.user, rows)
    listing.rows = [(person, fields.get(person.pk, access.NOTHING)) for person in rows]
    # A column no row may show is not shown at all.
    listing.shown = frozenset().union(*fields.values()) if fields else access.NOTHING
    return render_page(
        request, "core/person_list.html", {"listing": listing}, fragment="core/_person_results.html"
    )


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organisation"), pk=pk)
    fields = access.visible_fields(request.user, person)
    if not fields:
        raise PermissionDenied
    history = (
        audit_display.describe(selectors.audit_entries_for(instance=person)[:20], user=request.user)
        if request.user.has_perm("core.view_auditentry")
        else []
    )
    return render(
        request,
        "core/person_detail.html",
        {
            "person": selectors.person_detail(pk=pk),
            "fields": fields,
            "history": history,
            "account": selectors.user_for_person(person=person) if "account" in fields else None,
            "links": access.sees_everyone(request.user),
            "limited": fields != access.ALL,
            "can_edit": request.user.has_perm("core.change_person", person),
        },
    )


@require_http_methods(["GET", "POST"])
@require_perm("core.add_person")
def person_create(request: HttpRequest) -> HttpResponse:
    form = PersonForm(posted(request), user=request.user)
    return _person_page(request, form, _("Personne créée."), _("Nouvelle personne"))


@require_http_methods(["GET", "POST"])
@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.active(), pk=pk)
    check_perm(request, "core.change_person", person)
    form = PersonForm(posted(request), instance=person, user=request.user)
    return _person_page(request, form, _("Fiche enregistrée."), person.full_name)


def _person_page(request: HttpRequest, form: PersonForm, success: str, title: str) -> HttpResponse:
    return edit_page(
        request,
        form,
        save=lambda: services.person_save(person=form.instance),
        success=success,
        then=lambda saved: reverse("core:person_detail", args=[saved.pk]),
        title=title,
        cancel_href=reverse("core:person_list"),
    )


@require_POST
@login_required
def person_export(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    check_perm(request, "core.export_person", person)
    exported = run_action(request, lambda: services.person_export(person=person, by=request.user))
    if not exported:
        return redirect("core:home")
    response = HttpResponse(
        json.dumps(exported.result, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="hall32-donnees-{person.pk}-{stamp}.json"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.active(), pk=pk)
    check_perm(request, "core.erase_person", person)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.person_erase(person=person, by=request.user)
        messages.success(request, _("Les données personnelles ont été effacées."))
        return redirect("core:person_list")
    return confirm_page(
        request,
        form,
        title=_("Effacer les données de %(name)s ?") % {"name": person.full_name},
        warning=_(
            "Nom, coordonnées, adresse et notes seront effacés partout, et l'historique "
            "anonymisé. Seuls le genre et l'année de naissance restent, pour les statistiques. "
            "Cette action est irréversible."
        ),
        danger_label=_("Effacer définitivement"),
        cancel_href=person.get_absolute_url(),
    )


# --- Audit and jobs -------------------------------------------------------------------------


@require_perm("core.view_auditentry")
def audit_list(request: HttpRequest) -> HttpResponse:
    listing = Listing(
        request,
        selectors.audit_entries(),
        filterset_class=AuditFilter,
        sorts={"at": "at", "actor": "actor_label", "action": "action"},
        default_sort="-at",
        per_page=50,
    )
    rows = audit_display.describe(listing.page.object_list, user=request.user)
    return render_page(
        request,
        "core/audit_list.html",
        {"listing": listing, "rows": rows},
        fragment="core/_audit_results.html",
    )


@login_required
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(Job, pk=pk)
    check_perm(request, "core.view_job", job)
    response = render(request, "core/_job_status.html", {"job": job})
    if job.is_finished and request.htmx and job.result.get("redirect"):
        response["HX-Redirect"] = job.result["redirect"]
    return response
