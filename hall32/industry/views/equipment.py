"""Machines: the public catalogue, a machine's page and calendar, its maintenance plans;
qualifications and their grants."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from hall32.industry.filters import EquipmentFilter, GrantFilter
from hall32.industry.forms import EquipmentForm, GrantForm, MaintenancePlanForm, QualificationForm
from hall32.industry.models import Equipment, MaintenancePlan, Qualification, QualificationGrant
from hall32.industry.models.equipment import EXPIRY_NOTICE
from hall32.industry.selectors import equipment as selectors
from hall32.industry.services import equipment as services
from hall32.web.forms import ConfirmForm
from hall32.web.listing import Listing
from hall32.web.pages import (
    confirm_page,
    edit_page,
    form_page,
    posted,
    render_page,
    require_perm,
    run_action,
    save_form,
)


def equipment_list(request: HttpRequest) -> HttpResponse:
    manager = request.user.has_perm("industry.manage_equipment")
    queryset = selectors.equipment_all() if manager else selectors.equipment_catalogue()
    listing = Listing(
        request,
        queryset,
        filterset_class=EquipmentFilter,
        sorts={"name": "name", "category": ("category", "name"), "rate": "hourly_rate", "code": "code"},
        default_sort="category",
        per_page=24,
    )
    return render_page(
        request,
        "industry/equipment_list.html",
        {
            "listing": listing,
            "manager": manager,
            "sort_choices": [("category", _("catégorie")), ("name", _("nom")), ("rate", _("tarif"))],
        },
        fragment="industry/_equipment_results.html",
    )


def equipment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    equipment = get_object_or_404(Equipment.objects.select_related("qualification", "room"), pk=pk)
    manager = request.user.has_perm("industry.manage_equipment")
    if not equipment.is_active and not manager:
        return render(request, "404.html", status=404)
    user = request.user
    can_book = user.has_perm("industry.book_equipment")
    qualified = None
    if can_book and equipment.qualification_id:
        qualified = equipment.qualification_id in selectors.qualifications_held(user=user)
    return render(
        request,
        "industry/equipment_detail.html",
        {
            "equipment": equipment,
            "manager": manager,
            "can_book": can_book,
            "qualified": qualified,
            "plans": selectors.maintenance_plans(equipment=equipment) if manager else [],
            "feed_url": request.build_absolute_uri(
                reverse("industry:equipment_feed", args=[equipment.feed_token])
            )
            if user.is_authenticated
            else None,
        },
    )


@require_http_methods(["GET", "POST"])
@require_perm("industry.manage_equipment")
def equipment_create(request: HttpRequest) -> HttpResponse:
    form = EquipmentForm(posted(request))
    return _equipment_page(
        request, form, _("Machine ajoutée."), _("Nouvelle machine"), reverse("industry:equipment_list")
    )


@require_http_methods(["GET", "POST"])
@require_perm("industry.manage_equipment")
def equipment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    equipment = get_object_or_404(Equipment, pk=pk)
    form = EquipmentForm(posted(request), instance=equipment)
    return _equipment_page(
        request, form, _("Machine enregistrée."), equipment.name, equipment.get_absolute_url()
    )


def _equipment_page(
    request: HttpRequest, form: EquipmentForm, success: str, title: str, cancel: str
) -> HttpResponse:
    return edit_page(
        request,
        form,
        save=lambda: services.equipment_save(equipment=form.instance),
        success=success,
        title=title,
        cancel_href=cancel,
    )


@require_http_methods(["GET", "POST"])
@require_perm("industry.manage_equipment")
def maintenance_edit(request: HttpRequest, pk: int, plan_pk: int | None = None) -> HttpResponse:
    equipment = get_object_or_404(Equipment, pk=pk)
    plan = get_object_or_404(MaintenancePlan, pk=plan_pk, equipment=equipment) if plan_pk else None
    form = MaintenancePlanForm(posted(request), instance=plan or MaintenancePlan(equipment=equipment))
    if request.method == "POST":
        saved = save_form(
            request,
            form,
            lambda: services.maintenance_plan_save(plan=form.instance, by=request.user),
            _("Plan de maintenance enregistré ; ses créneaux sont réservés dans le planning."),
        )
        if saved:
            return redirect(equipment)
    title = plan.name if plan else _("Maintenance préventive : %(m)s") % {"m": equipment.name}
    return form_page(request, form, title=title, cancel_href=equipment.get_absolute_url())


@require_http_methods(["GET", "POST"])
@require_perm("industry.manage_equipment")
def maintenance_stop(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    plan = get_object_or_404(MaintenancePlan.objects.select_related("equipment"), pk=plan_pk, equipment_id=pk)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.maintenance_plan_stop(plan=plan)
        messages.success(request, _("Plan arrêté ; ses créneaux à venir sont libérés."))
        return redirect(plan.equipment)
    upcoming = plan.bookings.filter(start__gt=timezone.now(), status="confirmed").count()
    return confirm_page(
        request,
        form,
        title=_("Arrêter « %(name)s » ?") % {"name": plan.name},
        warning=ngettext(
            "%(n)s créneau de maintenance à venir sera libéré.",
            "%(n)s créneaux de maintenance à venir seront libérés.",
            upcoming,
        )
        % {"n": upcoming}
        if upcoming
        else _("Aucun créneau de maintenance à venir."),
        danger_label=_("Arrêter le plan"),
        cancel_href=plan.equipment.get_absolute_url(),
    )


# --- Qualifications --------------------------------------------------------------------------------


@require_perm("industry.view_qualifications")
def grant_list(request: HttpRequest) -> HttpResponse:
    listing = Listing(
        request,
        selectors.grants_list(),
        filterset_class=GrantFilter,
        sorts={
            "person": ("person__last_name", "person__first_name"),
            "qualification": "qualification__name",
            "granted": "granted_on",
            "expires": "expires_on",
        },
        default_sort="expires",
        defaults={"state": "valid"},
    )
    today = timezone.localdate()
    return render_page(
        request,
        "industry/grant_list.html",
        {
            "listing": listing,
            "today": today,
            "soon": today + EXPIRY_NOTICE,
            "qualifications": Qualification.objects.all(),
        },
        fragment="industry/_grant_results.html",
    )


@require_http_methods(["GET", "POST"])
@require_perm("industry.grant_qualification")
def grant_create(request: HttpRequest) -> HttpResponse:
    initial = {"qualification": request.GET.get("qualification"), "person": request.GET.get("person")}
    form = GrantForm(posted(request), initial=initial)
    if request.method == "POST":
        saved = save_form(
            request,
            form,
            lambda: services.qualification_grant(by=request.user, **form.cleaned_data),
            _("Habilitation accordée."),
        )
        if saved:
            return redirect(reverse("industry:grant_list"))
    return form_page(
        request, form, title=_("Accorder une habilitation"), cancel_href=reverse("industry:grant_list")
    )


@require_http_methods(["GET", "POST"])
@require_perm("industry.grant_qualification")
def grant_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    grant = get_object_or_404(QualificationGrant.objects.select_related("person", "qualification"), pk=pk)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        run_action(request, lambda: services.qualification_revoke(grant=grant), _("Habilitation retirée."))
        return redirect(reverse("industry:grant_list"))
    return confirm_page(
        request,
        form,
        title=_("Retirer « %(q)s » à %(p)s ?") % {"q": grant.qualification.name, "p": grant.person.full_name},
        warning=_(
            "Ses réservations à venir sur ces machines restent ; elle ne pourra plus en faire de nouvelles."
        ),
        danger_label=_("Retirer l'habilitation"),
        cancel_href=reverse("industry:grant_list"),
    )


@require_perm("industry.view_qualifications")
def qualification_list(request: HttpRequest) -> HttpResponse:
    qualifications = Qualification.objects.prefetch_related("equipment").order_by("name")
    return render(request, "industry/qualification_list.html", {"qualifications": qualifications})


@require_http_methods(["GET", "POST"])
@require_perm("industry.manage_equipment")
def qualification_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    qualification = get_object_or_404(Qualification, pk=pk) if pk else None
    form = QualificationForm(posted(request), instance=qualification)
    if request.method == "POST":
        saved = save_form(
            request,
            form,
            lambda: services.qualification_save(qualification=form.instance),
            _("Habilitation enregistrée."),
        )
        if saved:
            return redirect(reverse("industry:qualification_list"))
    return form_page(
        request,
        form,
        title=qualification.name if qualification else _("Nouvelle habilitation"),
        cancel_href=reverse("industry:qualification_list"),
    )
