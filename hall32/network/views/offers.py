"""Pages of the network app: apprenticeship offers (list, detail, create, edit, status, import),
and the candidates' side an offer's page and the wishes page edit (ratings, ranked wishes)."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from hall32.core.models import Person
from hall32.network.filters import OfferFilter
from hall32.network.forms import (
    CandidateProfileForm,
    CandidateWishesForm,
    CompanyRatingForm,
    OfferForm,
    OfferImportForm,
)
from hall32.network.importing import read_offers
from hall32.network.models import Offer
from hall32.network.selectors import matching as matching_selectors
from hall32.network.selectors import offers as selectors
from hall32.network.services import imports as import_services
from hall32.network.services import matching as matching_services
from hall32.network.services import offers as services
from hall32.web import exports
from hall32.web.forms import ConfirmForm
from hall32.web.listing import Listing
from hall32.web.pages import (
    attempt,
    confirm_page,
    edit_page,
    posted,
    render_page,
    require_perm,
    run_action,
    save_form,
)

OFFER_SORTS = {
    "start": "start_date",
    "reference": "reference",
    "title": "title",
    "company": "company__name",
    "city": ("city", "postcode"),
    "places": "places",
    "status": "status",
}
EXPORT_HEADER = (
    "Référence",
    "Intitulé",
    "Entreprise",
    "SIRET",
    "Code postal",
    "Commune",
    "Début",
    "Places",
    "Statut",
    "Formation",
    "Code RNCP",
    "Métier",
    "Code ROME",
    "Rythme",
    "Tuteur·rice",
    "Capacité des tuteurs",
    "Vœux",
)


def _export_rows(offers):
    for o in offers:
        yield [
            o.reference,
            o.title,
            o.company.name,
            o.company.siret,
            o.postcode,
            o.city,
            o.start_date.strftime("%d/%m/%Y"),
            o.places,
            o.get_status_display(),
            o.course.title if o.course_id else "",
            o.rncp_code,
            o.trade.name if o.trade_id else "",
            o.rome_code,
            o.rhythm,
            o.tutor.full_name if o.tutor_id else "",
            o.tutor_capacity if o.tutor_capacity is not None else "",
            o.wishes,
        ]


@require_perm("network.view_offers")
def offer_list(request: HttpRequest) -> HttpResponse:
    listing = Listing(
        request, selectors.offers_list(), filterset_class=OfferFilter, sorts=OFFER_SORTS, default_sort="start"
    )
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        offers = listing.page.paginator.object_list
        if export == "csv":
            return exports.csv_response("hall32-offres.csv", [EXPORT_HEADER, *_export_rows(offers)])
        sheet = exports.Sheet(_("Offres"), EXPORT_HEADER, _export_rows(offers), widths={"B": 40, "C": 30})
        return exports.xlsx_response("hall32-offres.xlsx", [sheet])
    return render_page(
        request,
        "network/offers/offer_list.html",
        {"listing": listing, "counts": selectors.offer_counts()},
        fragment="network/offers/_offer_results.html",
    )


@require_perm("network.view_offers")
def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(selectors.offers_list(), pk=pk)
    manager = request.user.has_perm("network.manage_offers")
    candidates = request.user.has_perm("network.manage_candidates")
    return render(
        request,
        "network/offers/offer_detail.html",
        {
            "offer": offer,
            "manager": manager,
            "next_statuses": [Offer.Status(s) for s in sorted(services.NEXT_STATUSES[offer.status])]
            if manager
            else [],
            "warnings": selectors.offer_warnings(offer=offer),
            "ratings": matching_selectors.offer_ratings(offer=offer) if candidates else [],
            "rating_form": CompanyRatingForm(offer=offer) if candidates else None,
        },
    )


@require_http_methods(["GET", "POST"])
@require_perm("network.manage_offers")
def offer_create(request: HttpRequest) -> HttpResponse:
    form = OfferForm(posted(request), initial={"company": request.GET.get("entreprise")})
    return edit_page(
        request,
        form,
        save=lambda: services.offer_create(offer=form.instance, by=request.user),
        success=_("Offre enregistrée."),
        title=_("Nouvelle offre d'apprentissage"),
        cancel_href=reverse("network:offer_list"),
    )


@require_http_methods(["GET", "POST"])
@require_perm("network.manage_offers")
def offer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer, pk=pk)
    form = OfferForm(posted(request), instance=offer)
    return edit_page(
        request,
        form,
        save=lambda: services.offer_update(offer=form.instance),
        success=_("Offre enregistrée."),
        title=_("Modifier l'offre %(ref)s") % {"ref": offer.reference},
        cancel_href=offer.get_absolute_url(),
    )


STATUS_MESSAGES = {
    Offer.Status.OPEN: _("Offre ouverte : elle entre dans les prochains placements."),
    Offer.Status.FILLED: _("Offre pourvue."),
    Offer.Status.CLOSED: _("Offre fermée."),
    Offer.Status.DRAFT: _("Offre remise en brouillon."),
}


@require_http_methods(["GET", "POST"])
@require_perm("network.manage_offers")
def offer_status(request: HttpRequest, pk: int, status: str) -> HttpResponse:
    """Change an offer's status; closing asks for a confirmation first (the offer leaves the
    placements and the candidates' wishes)."""
    offer = get_object_or_404(Offer, pk=pk)
    if status not in Offer.Status.values:
        return redirect(offer)
    if status == Offer.Status.CLOSED:
        form = ConfirmForm(posted(request))
        if request.method == "POST" and form.is_valid():
            run_action(
                request,
                lambda: services.offer_set_status(offer=offer, status=status),
                STATUS_MESSAGES[status],
            )
            return redirect(offer)
        return confirm_page(
            request,
            form,
            title=_("Fermer l'offre %(ref)s ?") % {"ref": offer.reference},
            warning=_(
                "L'offre sort des placements et n'est plus proposée aux candidat·e·s ; vous pourrez la "
                "remettre en brouillon."
            ),
            danger_label=_("Fermer l'offre"),
            cancel_href=offer.get_absolute_url(),
        )
    if request.method == "POST":
        run_action(
            request, lambda: services.offer_set_status(offer=offer, status=status), STATUS_MESSAGES[status]
        )
    return redirect(offer)


# --- Import ---------------------------------------------------------------------------------------

IMPORT_TTL = 30 * 60  # seconds an import preview may be confirmed


def _import_salt(request: HttpRequest) -> str:
    return f"hall32-offer-import:{request.user.pk}"  # the signed file is good for this user only


def _import_preview(request: HttpRequest, form, content: bytes, name: str, file_format: str, **extra):
    result = read_offers(content, name, format=file_format)
    plan = import_services.offers_import_plan(result=result)
    upload = signing.dumps(
        {
            "name": name,
            "content": base64.b64encode(content).decode(),
            "format": file_format,
            "plan": plan.fingerprint,
        },
        salt=_import_salt(request),
        compress=True,
    )
    context = {"form": form, "result": result, "plan": plan, "upload": upload, **extra}
    return render(request, "network/offers/offer_import.html", context)


@require_http_methods(["GET", "POST"])
@require_perm("network.manage_offers")
def offer_import(request: HttpRequest) -> HttpResponse:
    """Upload, preview every offer (to create, to update, refused), then confirm: nothing is
    written before, and the confirmation writes exactly what was previewed, or nothing."""
    if request.method == "POST" and request.POST.get("confirm"):
        try:
            stored = signing.loads(
                request.POST.get("upload", ""), salt=_import_salt(request), max_age=IMPORT_TTL
            )
            content = base64.b64decode(stored["content"])
        except (signing.BadSignature, KeyError, ValueError, TypeError):
            messages.error(request, _("L'aperçu a expiré : déposez le fichier de nouveau."))
            return redirect("network:offer_import")
        result = read_offers(content, stored["name"], format=stored["format"])
        done = attempt(
            lambda: import_services.offers_import(result=result, by=request.user, expected=stored["plan"])
        )
        if done.error is not None:
            return _import_preview(
                request, OfferImportForm(), content, stored["name"], stored["format"], refusal=done.error
            )
        messages.success(
            request,
            _("Import terminé : %(created)s, %(updated)s.")
            % {
                "created": ngettext("%(n)s offre créée", "%(n)s offres créées", done.result.created)
                % {"n": done.result.created},
                "updated": ngettext("%(n)s mise à jour", "%(n)s mises à jour", done.result.updated)
                % {"n": done.result.updated},
            },
        )
        return redirect("network:offer_list")
    form = OfferImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        return _import_preview(request, form, upload.read(), upload.name, form.cleaned_data["format"])
    return render(request, "network/offers/offer_import.html", {"form": form})


# --- Candidates' side -----------------------------------------------------------------------------


@require_POST
@require_perm("network.manage_candidates")
def offer_rate(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer, pk=pk)
    form = CompanyRatingForm(request.POST, offer=offer)
    saved = save_form(
        request,
        form,
        lambda: matching_services.company_rating_set(
            offer=offer,
            person=form.cleaned_data["person"],
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
        ),
        _("Appréciation enregistrée."),
    )
    if saved is None:
        messages.error(request, "; ".join(m for errors in form.errors.values() for m in errors))
    return redirect(f"{offer.get_absolute_url()}#appreciations")


@require_http_methods(["GET", "POST"])
@require_perm("network.manage_candidates")
def candidate_wishes(request: HttpRequest, person_pk: int) -> HttpResponse:
    """A candidate's mobility, skills and ranked wishes, kept by the coordinator."""
    person = get_object_or_404(Person.objects.active(), pk=person_pk)
    profile = matching_selectors.candidate_profile_of(person=person)
    wishes = matching_selectors.candidate_wishes(person=person)
    profile_form = CandidateProfileForm(
        request.POST if request.POST.get("part") == "profile" else None,
        initial={"has_car": profile.has_car, "max_km": profile.max_km, "skills": profile.skills}
        if profile
        else None,
        prefix="profile",
    )
    wishes_form = CandidateWishesForm(
        request.POST if request.POST.get("part") == "wishes" else None,
        initial={f"wish_{n}": w.offer_id for n, w in enumerate(wishes, start=1)},
        prefix="wishes",
    )
    here = reverse("network:candidate_wishes", args=[person.pk])
    part = request.POST.get("part")
    saved = None
    if part == "profile":
        saved = save_form(
            request,
            profile_form,
            lambda: matching_services.candidate_profile_save(person=person, **profile_form.cleaned_data),
            _("Profil de placement enregistré."),
        )
    elif part == "wishes":
        saved = save_form(
            request,
            wishes_form,
            lambda: matching_services.candidate_preferences_set(person=person, offers=wishes_form.ranked()),
            _("Vœux enregistrés."),
        )
    if saved is not None:
        return redirect(here)
    return render(
        request,
        "network/offers/candidate_wishes.html",
        {"person": person, "profile_form": profile_form, "wishes_form": wishes_form, "wishes": wishes},
    )
