"""Targeted programmes: sessions, referrals (partners see only theirs), notes, outcomes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hall32.core.models import Organisation
from hall32.training import selectors
from hall32.training.forms import NoteForm, ReferralForm, ReferralMoveForm, ReferralOutcomeForm
from hall32.training.models import Programme, Referral
from hall32.training.services import programmes as services
from hall32.web.listing import Listing
from hall32.web.pages import check_perm, form_page, posted, render_page, require_perm, run_action, save_form


@require_perm("training.view_programmes")
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "training/programme_list.html",
        {"programmes": Programme.objects.all(), "sessions": selectors.programmes.sessions()},
    )


@require_perm("training.view_programmes")
def programme_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(selectors.programmes.sessions(), pk=pk)
    names = request.user.has_perm("training.view_session_participants", session)
    referrals = (
        session.referrals.select_related("person", "referred_by").order_by("person__last_name")
        if names
        else []
    )
    return render(
        request,
        "training/programme_session.html",
        {
            "session": session,
            "referrals": referrals,
            "names": names,
            "modules": session.modules.all(),
        },
    )


@login_required
def referral_list(request: HttpRequest) -> HttpResponse:
    """A referral partner's people; the staff's full list."""
    if not (
        request.user.has_perm("training.manage_programmes")
        or request.user.has_perm("training.view_my_referrals")
        or request.user.has_perm("training.view_programmes")
    ):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    listing = Listing(
        request,
        selectors.programmes.referrals_visible_to(user=request.user),
        sorts={"date": "referred_on", "name": ("person__last_name",), "status": "status"},
        default_sort="-date",
    )
    return render_page(
        request, "training/referral_list.html", {"listing": listing}, fragment="training/_referral_rows.html"
    )


def _agency_of(request: HttpRequest) -> Organisation | None:
    person = request.user.person if request.user.person_id else None
    if person and person.organisation_id and not request.user.has_perm("training.manage_programmes"):
        return person.organisation
    return None


@require_http_methods(["GET", "POST"])
@require_perm("training.refer")
def referral_new(request: HttpRequest) -> HttpResponse:
    agency = _agency_of(request)
    form = ReferralForm(posted(request), fixed_agency=agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        referral = save_form(
            request,
            form,
            lambda: services.referral_for_new_person(
                first_name=data["first_name"],
                last_name=data["last_name"],
                birth_date=data["birth_date"],
                email=data["email"],
                phone=data["phone"],
                postcode=data["postcode"],
                programme=data["programme"],
                session=data["session"],
                referred_by=agency or data["referred_by"],
                referrer=request.user.person if request.user.person_id else None,
                referred_on=timezone.localdate(),
                reason=data["reason"],
                by=request.user,
            ),
            _("Orientation transmise à Hall 32. Merci !"),
        )
        if referral is not None:
            return redirect(referral)
    return form_page(
        request,
        form,
        title=_("Orienter une personne vers un programme"),
        intro=_("Vous suivrez ensuite son parcours : accueil, points d'étape, sortie."),
        cancel_href="/former/orientations/",
        status=400 if request.method == "POST" else 200,
    )


@login_required
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = get_object_or_404(selectors.programmes.referrals(), pk=pk)
    check_perm(request, "training.view_referral", referral)
    can_manage = request.user.has_perm("training.manage_programmes")
    return render(
        request,
        "training/referral_detail.html",
        {
            "referral": referral,
            "notes": referral.notes.select_related("author"),
            "can_manage": can_manage,
            "can_note": request.user.has_perm("training.write_progress_note", referral),
            "move_form": ReferralMoveForm(referral=referral) if can_manage else None,
            "note_form": NoteForm(),
            "outcome_form": ReferralOutcomeForm() if can_manage else None,
        },
    )


@require_POST
@require_perm("training.manage_programmes")
def referral_move(request: HttpRequest, pk: int) -> HttpResponse:
    referral = get_object_or_404(Referral, pk=pk)
    form = ReferralMoveForm(request.POST, referral=referral)
    if form.is_valid():
        run_action(
            request,
            lambda: services.referral_move(
                referral=referral,
                to_status=form.cleaned_data["to_status"],
                on=form.cleaned_data["on"],
                session=form.cleaned_data["session"],
            ),
            _("Parcours mis à jour."),
        )
    else:
        messages.error(request, _("Choisissez une étape possible."))
    return redirect(referral)


@require_POST
@login_required
def referral_note(request: HttpRequest, pk: int) -> HttpResponse:
    referral = get_object_or_404(Referral.objects.select_related("programme", "session"), pk=pk)
    check_perm(request, "training.write_progress_note", referral)
    form = NoteForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            lambda: services.progress_note_add(
                referral=referral,
                week=form.cleaned_data["week"],
                note=form.cleaned_data["note"],
                on=timezone.localdate(),
                by=request.user,
            ),
            _("Point d'étape ajouté."),
        )
    else:
        messages.error(request, _("Indiquez la semaine et le point d'étape."))
    return redirect(referral)


@require_POST
@require_perm("training.manage_programmes")
def referral_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    referral = get_object_or_404(Referral, pk=pk)
    form = ReferralOutcomeForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            lambda: services.referral_outcome(
                referral=referral,
                outcome=form.cleaned_data["outcome"],
                on=form.cleaned_data["on"],
                detail=form.cleaned_data["detail"],
                employer=form.cleaned_data["employer"],
            ),
            _("Sortie enregistrée."),
        )
    return redirect(referral)
