"""Core API: the signed-in user, the directory of organisations."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from hall32.api import Pages, api_enum, require
from hall32.core import selectors
from hall32.core.filters import OrganisationFilter
from hall32.core.models import Organisation

router = Router(tags=["core"])

OrganisationKind = api_enum("OrganisationKind", Organisation.Kind)
OrganisationSizeBand = api_enum("OrganisationSizeBand", Organisation.SizeBand)


class MeOut(Schema):
    username: str
    display_name: str
    roles: list[str]


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    size_band: str
    sector: str
    siret: str
    uai: str
    postcode: str
    city: str
    is_founder: bool
    partner_since: str | None = None

    @staticmethod
    def resolve_partner_since(obj: Organisation) -> str | None:
        return obj.partner_since.isoformat() if obj.partner_since else None


class OrganisationQuery(FilterSchema):
    q: str | None = Field(None, max_length=100)
    kind: OrganisationKind | None = None
    size_band: OrganisationSizeBand | None = None


@router.get("/me", response=MeOut, summary="Le compte connecté et ses rôles")
def me(request: HttpRequest) -> dict:
    user = request.user
    return {
        "username": user.username,
        "display_name": user.display_name,
        "roles": sorted(user.roles),
    }


@router.get("/organisations", response=list[OrganisationOut], summary="Annuaire des organisations")
@paginate(Pages, page_size=50)
def organisation_list(request: HttpRequest, filters: Query[OrganisationQuery]):
    require(request, "core.view_organisation")
    params = {k: v for k, v in filters.model_dump().items() if v is not None}
    return OrganisationFilter(params, queryset=selectors.organisation_list()).qs.order_by("name", "pk")


@router.get("/organisations/{pk}", response=OrganisationOut, summary="Une organisation")
def organisation_detail(request: HttpRequest, pk: int):
    require(request, "core.view_organisation")
    return get_object_or_404(Organisation, pk=pk)
