"""Pages of the network app: partners — the Connecter landing page, the partner directory (its
exports, mailing list and map), the partnerships of an organisation and their agreements."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hall32.core.dates import long_date
from hall32.core.models import Organisation
from hall32.network import selectors, services
from hall32.network.filters import PartnerDirectoryFilter
from hall32.network.forms import AgreementForm, EndForm, PartnershipForm, StageForm
from hall32.network.models import Agreement, Partnership
from hall32.network.selectors import partners as partner_selectors
from hall32.web import exports
from hall32.web.forms import ConfirmForm
from hall32.web.listing import Listing
from hall32.web.pages import confirm_page, form_page, posted, render_page, require_perm, save_form

MAP_LIMIT = 2000  # points drawn at most; beyond, the filters narrow it down


@require_GET
@require_perm("network.view_partner_directory")
def connect_home(request: HttpRequest) -> HttpResponse:
    """The Connecter section's landing page: today's figures and where to go."""
    return render(request, "network/home.html", {"counts": selectors.connect_counts()})


def _directory(request: HttpRequest) -> Listing:
    return Listing(
        request,
        selectors.partner_directory(),
        filterset_class=PartnerDirectoryFilter,
        sorts={"name": "name", "city": ("city", "name"), "people": "people_count", "since": "created_at"},
        default_sort="name",
    )


def _filtered(listing: Listing):  # the whole filtered list, in the page's order, for the exports
    return listing.page.paginator.object_list


@require_GET
@require_perm("network.view_partner_directory")
def partner_directory(request: HttpRequest) -> HttpResponse:
    listing = _directory(request)
    wanted = request.GET.get("format")
    if wanted in {"csv", "xlsx"}:
        return _directory_export(_filtered(listing), wanted)
    partner_map = None
    if request.GET.get("carte"):
        partner_map = selectors.partner_map(
            organisations=list(_filtered(listing)[:MAP_LIMIT]), hub_postcode=partner_selectors.hub_postcode()
        )
    context = {"listing": listing, "partner_map": partner_map, "export_query": _export_query(request)}
    return render_page(
        request, "network/partner_directory.html", context, fragment="network/_partner_results.html"
    )


def _export_query(request: HttpRequest) -> str:
    params = request.GET.copy()
    for key in ("page", "format", "carte"):
        params.pop(key, None)
    return params.urlencode()


def _directory_header() -> list[str]:
    return [
        _("Organisation"),
        _("Type"),
        _("Partenariats"),
        _("Secteur"),
        _("Taille"),
        _("SIRET"),
        _("Adresse"),
        _("Code postal"),
        _("Commune"),
        _("Courriel"),
        _("Téléphone"),
    ]


def _directory_rows(organisations) -> list[list[str]]:
    rows = []
    for org in organisations:
        kinds = "; ".join(
            f"{p.get_kind_display()} ({p.get_stage_display()})"
            for p in org.partnerships.all()
            if p.end is None
        )
        rows.append(
            [
                org.name,
                org.get_kind_display(),
                kinds,
                org.get_sector_display(),
                org.get_size_band_display(),
                org.siret,
                org.address,
                org.postcode,
                org.city,
                org.email,
                org.phone,
            ]
        )
    return rows


def _directory_export(organisations, wanted: str) -> HttpResponse:
    day = timezone.localdate().isoformat()
    rows = _directory_rows(organisations)
    header = _directory_header()
    if wanted == "csv":
        return exports.csv_response(f"partenaires-{day}.csv", [header, *rows])
    sheet = exports.Sheet(_("Partenaires"), header, rows, widths={"A": 40, "C": 50})
    return exports.xlsx_response(f"partenaires-{day}.xlsx", [sheet])


@require_GET
@require_perm("network.export_mailing_list")
def mailing_list(request: HttpRequest) -> HttpResponse:
    """The contacts of the filtered partners who agreed to be contacted, as the role may read them."""
    listing = _directory(request)
    rows = selectors.mailing_list(organisations=_filtered(listing), user=request.user)
    header = [_("Nom"), _("Organisation"), _("Fonction"), _("Courriel"), _("Téléphone")]
    values = [[r.name, r.organisation, r.role, r.email, r.phone] for r in rows]
    day = timezone.localdate().isoformat()
    if request.GET.get("format") == "xlsx":
        sheet = exports.Sheet(_("Liste de diffusion"), header, values, widths={"A": 30, "B": 40, "D": 36})
        return exports.xlsx_response(f"liste-de-diffusion-{day}.xlsx", [sheet])
    return exports.csv_response(f"liste-de-diffusion-{day}.csv", [header, *values])


# --- Partnerships of an organisation ---------------------------------------------------------------


def _back(organisation_id: int) -> str:
    return f"{Organisation(pk=organisation_id).get_absolute_url()}#partenariats"


@require_http_methods(["GET", "POST"])
@require_perm("network.manage_partnerships")
def partnership_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    form = PartnershipForm(posted(request))
    if request.method == "POST":
        saved = save_form(
            request,
            form,
            lambda: services.partnership_create(organisation=organisation, **form.cleaned_data),
            _("Partenariat ouvert."),
        )
        if saved is not None:
            return redirect(_back(organisation.pk))
    return form_page(
        request,
        form,
        title=_("Nouveau partenariat avec « %(name)s »") % {"name": organisation.name},
        cancel_href=_back(organisation.pk),
    )


@require_http_methods(["GET", "POST"])
@require_perm("network.manage_partnerships")
def partnership_stage(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_object_or_404(Partnership.objects.select_related("organisation"), pk=pk)
    form = StageForm(posted(request), initial={"stage": request.GET.get("stage")})
    if request.method == "POST":
        saved = save_form(
            request,
            form,
            lambda: services.partnership_change_stage(
                partnership=partnership, stage=form.cleaned_data["stage"], on=form.cleaned_data["on"]
            ),
            lambda p: _("Partenariat passé à l'étape « %(stage)s ».") % {"stage": p.get_stage_display()},
        )
        if saved is not None:
            return redirect(_back(partnership.organisation_id))
    return form_page(
        request,
        form,
        title=_("Changer l'étape : %(partnership)s") % {"partnership": partnership},
        cancel_href=_back(partnership.organisation_id),
    )


@require_http_methods(["GET", "POST"])
@require_perm("network.manage_partnerships")
def partnership_end(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_object_or_404(Partnership.objects.select_related("organisation"), pk=pk)
    form = EndForm(posted(request))
    if request.method == "POST":
        saved = save_form(
            request,
            form,
            lambda: services.partnership_end(partnership=partnership, on=form.cleaned_data["on"]),
            lambda p: _("Partenariat terminé le %(day)s.") % {"day": long_date(p.end)},
        )
        if saved is not None:
            return redirect(_back(partnership.organisation_id))
    return confirm_page(
        request,
        form,
        title=_("Terminer : %(partnership)s ?") % {"partnership": partnership},
        warning=_(
            "Un partenaire devient un ancien partenaire à cette date (il reste compté jusque-là) ; "
            "un prospect est abandonné. Pour reprendre, ouvrez un nouveau partenariat."
        ),
        danger_label=_("Terminer le partenariat"),
        cancel_href=_back(partnership.organisation_id),
    )


# --- Agreements ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require_perm("network.add_agreement")
def agreement_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    form = AgreementForm(
        posted(request), request.FILES if request.method == "POST" else None, organisation=organisation
    )
    if request.method == "POST":
        saved = save_form(
            request,
            form,
            lambda: services.agreement_create(organisation=organisation, **form.cleaned_data),
            _("Convention enregistrée."),
        )
        if saved is not None:
            return redirect(_back(organisation.pk))
    return form_page(
        request,
        form,
        title=_("Nouvelle convention avec « %(name)s »") % {"name": organisation.name},
        cancel_href=_back(organisation.pk),
    )


@require_GET
@require_perm("network.view_agreement")
def agreement_file(request: HttpRequest, pk: int) -> FileResponse:
    """The agreement's file, through this permission check only (never a public media URL)."""
    agreement = get_object_or_404(Agreement, pk=pk)
    if not agreement.file:
        raise Http404
    try:
        handle = agreement.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=agreement.file.name.rsplit("/", 1)[-1])


@require_http_methods(["GET", "POST"])
@require_perm("network.delete_agreement")
def agreement_delete(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement, pk=pk)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.agreement_delete(agreement=agreement)
        messages.success(request, _("Convention « %(title)s » supprimée.") % {"title": agreement.title})
        return redirect(_back(agreement.organisation_id))
    return confirm_page(
        request,
        form,
        title=_("Supprimer la convention « %(title)s » ?") % {"title": agreement.title},
        warning=_("Le document est effacé : gardez-en une copie si elle doit être archivée."),
        danger_label=_("Supprimer la convention"),
        cancel_href=_back(agreement.organisation_id),
    )
