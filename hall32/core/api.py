"""Core API: the signed-in user, the directory of organisations and people."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from hall32.core import access, selectors, services
from hall32.core.filters import OrganisationFilter, PersonFilter
from hall32.core.models import Organisation, Person
from hall32.web.apikit import Pages, api_enum, require

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


# partners: merging a duplicate into the organisation that is kept


class MergeIn(Schema):
    merged_id: int = Field(
        ..., ge=1, le=2**31 - 1, description="L'organisation à fusionner (supprimée ensuite)"
    )
    dry_run: bool = Field(False, description="Ne rien écrire : dire seulement ce qui serait déplacé")


class MergeOut(Schema):
    kept: OrganisationOut
    merged_name: str
    moved: dict[str, int]
    filled: list[str]
    dry_run: bool


@router.post(
    "/organisations/{pk}/merge",
    response=MergeOut,
    summary="Fusionner une organisation en double dans celle-ci (tous ses liens déplacés)",
)
def organisation_merge(request: HttpRequest, pk: int, payload: MergeIn):
    require(request, "core.merge_organisation")
    kept = get_object_or_404(Organisation, pk=pk)
    merged = get_object_or_404(Organisation, pk=payload.merged_id)
    report = services.organisation_merge(kept=kept, merged=merged, by=request.user, dry_run=payload.dry_run)
    return {
        "kept": report.kept,
        "merged_name": report.merged_name,
        "moved": report.moved,
        "filled": report.filled,
        "dry_run": payload.dry_run,
    }


class PersonOut(Schema):
    """A person as the caller may read them: fields their role may not read are null, and
    `visible_fields` names the groups of fields they may (docs/access.md)."""

    id: int
    first_name: str | None = None
    last_name: str | None = None
    organisation: str | None = None
    job_title: str | None = None
    email: str | None = None
    phone: str | None = None
    birth_date: str | None = None
    gender: str | None = None
    address: str | None = None
    postcode: str | None = None
    city: str | None = None
    consent_contact: bool | None = None
    consent_image: bool | None = None
    visible_fields: list[str]


class PersonQuery(FilterSchema):
    q: str | None = Field(None, max_length=100)


class PersonPage(Schema):
    items: list[PersonOut]
    count: int


PEOPLE_PAGE_SIZE = 50


def _person_out(person: Person, fields: frozenset[str]) -> dict[str, Any]:
    values = access.masked(person, fields)
    values.pop("consent_updated_at", None)
    if values["birth_date"] is not None:
        values["birth_date"] = values["birth_date"].isoformat()
    return {"id": person.pk, **values, "visible_fields": sorted(fields)}


@router.get("/people", response=PersonPage, summary="Annuaire des personnes (ce que le rôle peut lire)")
def person_list(
    request: HttpRequest, filters: Query[PersonQuery], page: int = Query(1, ge=1, le=Pages.MAX_PAGE)
):
    """Paginated by hand: each page's visible fields are read in one query per grant."""
    require(request, "core.view_directory")
    params = {k: v for k, v in filters.model_dump().items() if v is not None}
    people = PersonFilter(params, queryset=selectors.person_list(user=request.user), request=request).qs
    paginator = Paginator(people.order_by("last_name", "first_name", "pk"), PEOPLE_PAGE_SIZE)
    rows = list(paginator.get_page(page).object_list)
    fields = access.visible_fields_many(request.user, rows)
    return {
        "items": [_person_out(p, fields.get(p.pk, access.NOTHING)) for p in rows],
        "count": paginator.count,
    }


@router.get("/people/{pk}", response=PersonOut, summary="Une personne (ce que le rôle peut lire)")
def person_detail(request: HttpRequest, pk: int):
    person = get_object_or_404(Person.objects.select_related("organisation"), pk=pk)
    fields = access.visible_fields(request.user, person)
    if not fields:
        raise PermissionDenied
    return _person_out(person, fields)
