"""API of the network app: the partner directory, partnerships and their agreements."""

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, FilterSchema, Query, Router, Schema, Status
from ninja.pagination import paginate

from hall32.core.models import Organisation, Sector
from hall32.network import selectors, services
from hall32.network.filters import PartnerDirectoryFilter
from hall32.network.models import Partnership
from hall32.web.apikit import Day, Pages, api_enum, require

router = Router(tags=["network"])

PartnershipKind = api_enum("PartnershipKind", Partnership.Kind)
PartnershipStage = api_enum("PartnershipStage", Partnership.Stage)
PartnerSector = api_enum("PartnerSector", Sector)
PartnerSizeBand = api_enum("PartnerSizeBand", Organisation.SizeBand)


class PartnershipOut(Schema):
    id: int
    organisation_id: int
    organisation: str = Field(..., alias="organisation.name")
    kind: PartnershipKind
    stage: PartnershipStage
    start: dt.date
    end: dt.date | None
    notes: str


class PartnerOut(Schema):
    id: int
    name: str
    kind: str
    sector: str
    size_band: str
    siret: str
    postcode: str
    city: str
    partnerships: list[PartnershipOut]

    @staticmethod
    def resolve_partnerships(obj: Organisation) -> list[Partnership]:
        return list(obj.partnerships.all())


class DirectoryQuery(FilterSchema):
    q: str | None = Field(None, max_length=100)
    kind: PartnershipKind | None = None
    stage: PartnershipStage | None = None
    sector: PartnerSector | None = None
    size_band: PartnerSizeBand | None = None
    city: str | None = Field(None, max_length=120)


@router.get("/partners", response=list[PartnerOut], summary="Annuaire des partenaires (filtres de la page)")
@paginate(Pages, page_size=50)
def partner_directory(request: HttpRequest, filters: Query[DirectoryQuery]):
    require(request, "network.view_partner_directory")
    params = {k: v for k, v in filters.model_dump().items() if v is not None}
    directory = PartnerDirectoryFilter(params, queryset=selectors.partner_directory())
    if not directory.is_valid():  # a commune no partner is in
        return Organisation.objects.none()
    return directory.qs.order_by("name", "pk")


@router.get(
    "/organisations/{organisation_id}/partnerships",
    response=list[PartnershipOut],
    summary="Les partenariats d'une organisation",
)
def partnership_list(request: HttpRequest, organisation_id: int):
    require(request, "network.view_partner_directory")
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    return selectors.partnerships_of(organisation=organisation).select_related("organisation")


class PartnershipIn(Schema):
    kind: PartnershipKind
    stage: PartnershipStage = PartnershipStage("prospect")
    start: Day
    end: Day | None = None
    notes: str = Field("", max_length=5000)


@router.post(
    "/organisations/{organisation_id}/partnerships",
    response={201: PartnershipOut},
    summary="Ouvrir un partenariat (409 si un partenariat du même type est en cours)",
)
def partnership_create(request: HttpRequest, organisation_id: int, payload: PartnershipIn):
    require(request, "network.manage_partnerships")
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    partnership = services.partnership_create(
        organisation=organisation,
        kind=str(payload.kind),
        stage=str(payload.stage),
        start=payload.start,
        end=payload.end,
        notes=payload.notes,
    )
    return Status(201, partnership)


class StageIn(Schema):
    stage: PartnershipStage
    on: Day | None = None


@router.post("/partnerships/{partnership_id}/stage", response=PartnershipOut, summary="Changer l'étape")
def partnership_stage(request: HttpRequest, partnership_id: int, payload: StageIn):
    require(request, "network.manage_partnerships")
    partnership = get_object_or_404(Partnership, pk=partnership_id)
    changed = services.partnership_change_stage(
        partnership=partnership, stage=str(payload.stage), on=payload.on
    )
    return Partnership.objects.select_related("organisation").get(pk=changed.pk)


class EndIn(Schema):
    on: Day | None = None


@router.post("/partnerships/{partnership_id}/end", response=PartnershipOut, summary="Terminer un partenariat")
def partnership_end(request: HttpRequest, partnership_id: int, payload: EndIn):
    require(request, "network.manage_partnerships")
    partnership = get_object_or_404(Partnership, pk=partnership_id)
    ended = services.partnership_end(partnership=partnership, on=payload.on)
    return Partnership.objects.select_related("organisation").get(pk=ended.pk)


class AgreementOut(Schema):
    id: int
    title: str
    partnership_id: int | None
    signed_on: dt.date | None
    valid_until: dt.date | None
    file_name: str
    download_url: str

    @staticmethod
    def resolve_file_name(obj) -> str:
        return obj.file.name.rsplit("/", 1)[-1] if obj.file else ""

    @staticmethod
    def resolve_download_url(obj) -> str:
        from django.urls import reverse

        return reverse("network:agreement_file", args=[obj.pk])


@router.get(
    "/organisations/{organisation_id}/agreements",
    response=list[AgreementOut],
    summary="Les conventions d'une organisation (fichier à télécharger avec la session)",
)
def agreement_list(request: HttpRequest, organisation_id: int):
    require(request, "network.view_agreement")
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    return selectors.agreements_of(organisation=organisation)
