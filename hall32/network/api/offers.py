"""API of the network app: apprenticeship offers, their imports and the candidates' data."""

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from hall32.core.models import Organisation, Person
from hall32.network.errors import NetworkError
from hall32.network.filters import OfferFilter
from hall32.network.importing import OFFER_FILES, read_offers
from hall32.network.models import Offer
from hall32.network.selectors import matching as matching_selectors
from hall32.network.selectors import offers as offer_selectors
from hall32.network.services import imports as import_services
from hall32.network.services import matching as matching_services
from hall32.network.services import offers as offer_services
from hall32.training import selectors as training_selectors
from hall32.web.apikit import Day, Pages, api_enum, require

router = Router(tags=["network"])

# offers ------------------------------------------------------------------------------------------

OfferStatus = api_enum("OfferStatus", Offer.Status)
OfferSource = api_enum("OfferSource", Offer.Source)
Skill = Field(max_length=60)


class OfferOut(Schema):
    id: int
    reference: str
    title: str
    company_id: int
    company_name: str
    course_id: int | None
    rncp_code: str
    trade_id: int | None
    rome_code: str
    site_name: str
    address: str
    postcode: str
    city: str
    start_date: dt.date
    places: int
    rhythm: str
    description: str
    requirements: str
    required_skills: list[str]
    wanted_skills: list[str]
    adults_only: bool
    needs_car: bool
    tutor_id: int | None
    tutor_capacity: int | None
    status: OfferStatus
    source: OfferSource
    external_id: str
    contact_email: str

    @staticmethod
    def resolve_company_name(obj: Offer) -> str:
        return obj.company.name


class OfferIn(Schema):
    company_id: int
    title: str = Field(max_length=200)
    course_id: int | None = None
    rncp_code: str = Field("", max_length=12)
    trade_id: int | None = None
    rome_code: str = Field("", max_length=5)
    site_name: str = Field("", max_length=200)
    address: str = Field("", max_length=250)
    postcode: str = Field(max_length=5)
    city: str = Field("", max_length=120)
    start_date: Day
    places: int = Field(1, ge=1, le=50)
    rhythm: str = Field("", max_length=200)
    description: str = Field("", max_length=10_000)
    requirements: str = Field("", max_length=5_000)
    required_skills: list[str] = Field(default_factory=list, max_length=20)
    wanted_skills: list[str] = Field(default_factory=list, max_length=20)
    adults_only: bool = False
    needs_car: bool = False
    tutor_id: int | None = None
    tutor_capacity: int | None = Field(None, ge=1, le=50)
    contact_email: str = Field("", max_length=254)


class OfferCreateIn(OfferIn):
    status: OfferStatus = OfferStatus.OPEN  # type: ignore[attr-defined]


class StatusIn(Schema):
    status: OfferStatus


class OfferFilterQuery(Schema):
    q: str = Field("", max_length=200)
    status: OfferStatus | None = None
    course: int | None = None
    trade: int | None = None
    company: int | None = None
    start: Literal["3", "6", "later", "past"] | None = Field(
        None, description="Début : dans les 3 mois, 3 à 6 mois, plus tard, ou déjà commencées."
    )
    city: str = Field("", max_length=120)


def _related(payload: OfferIn) -> dict[str, object]:
    """The records the payload names, each one unknown refused on its field (422)."""
    found: dict[str, object] = {}
    errors: dict[str, list[str]] = {}

    def get(name: str, queryset, pk: int | None) -> None:
        if pk is None:
            found[name.removesuffix("_id")] = None
            return
        record = queryset.filter(pk=pk).first()
        if record is None:
            errors[name] = ["Inconnu·e."]
        found[name.removesuffix("_id")] = record

    get("company_id", Organisation.objects.all(), payload.company_id)
    get("course_id", training_selectors.courses_all(), payload.course_id)
    get("trade_id", training_selectors.trades_all(), payload.trade_id)
    get("tutor_id", Person.objects.active(), payload.tutor_id)
    if errors:
        raise NetworkError("Référence inconnue.", errors=errors, status=422)
    return found


def _fill(offer: Offer, payload: OfferIn) -> Offer:
    for name, value in payload.dict(
        exclude={"company_id", "course_id", "trade_id", "tutor_id", "status"}
    ).items():
        setattr(offer, name, value)
    for name, value in _related(payload).items():
        setattr(offer, name, value)
    return offer


@router.get("/offers", response=list[OfferOut], summary="Offres d'apprentissage (filtres de la liste)")
@paginate(Pages)
def offer_list(request: HttpRequest, filters: Query[OfferFilterQuery]):
    require(request, "network.view_offers")
    params = {k: v for k, v in filters.dict().items() if v not in (None, "")}
    return OfferFilter(params, queryset=offer_selectors.offers_list()).qs


# Before /offers/{offer_id}: the first route whose path matches answers (405 for a POST).
class ImportLineOut(Schema):
    line: int
    external_id: str
    action: str  # "create" or "update"
    offer_id: int | None
    title: str
    changed: list[str]


class ImportOut(Schema):
    dry_run: bool
    written: bool
    created: int
    updated: int
    skipped: int
    lines: list[ImportLineOut]


class ImportOptions(Schema):
    format: str = Field("", pattern="^(|lba|csv)$", description="lba (JSON La bonne alternance) ou csv")
    dry_run: bool = False


@router.post(
    "/offers/import",
    response=ImportOut,
    summary="Importer un fichier d'offres (JSON La bonne alternance ou CSV), tout ou rien",
)
def offer_import(request: HttpRequest, file: File[UploadedFile], options: Form[ImportOptions]):
    require(request, "network.manage_offers")
    try:
        OFFER_FILES(file)
    except Exception as problem:
        raise NetworkError(
            " ".join(getattr(problem, "messages", [str(problem)])), field="file", status=422
        ) from None
    result = read_offers(file.read(), file.name or "", format=options.format)
    plan = import_services.offers_import_plan(result=result)
    body = {
        "dry_run": options.dry_run,
        "written": False,
        "created": len(plan.to_create),
        "updated": len(plan.to_update),
        "skipped": plan.skipped,
        "lines": [
            {
                "line": p.row.line,
                "external_id": p.row.external_id,
                "action": "update" if p.offer.pk else "create",
                "offer_id": p.offer.pk,
                "title": p.offer.title,
                "changed": p.changed,
            }
            for p in plan.planned
        ],
        "errors": [
            {"line": e.line, "column": e.column, "field": e.column_name, "reason": e.reason}
            for e in plan.refused
        ],
    }
    if plan.refused or not plan.ok:
        # The house error shape: every refused value located in the file, under "file".
        located = [f"ligne {e.line}, colonne {e.column} ({e.column_name}) : {e.reason}" for e in plan.refused]
        raise NetworkError(
            located[0] if located else "Aucune offre à importer.",
            errors={"file": located or ["Aucune offre à importer."]},
            status=422,
        )
    if not options.dry_run:
        import_services.offers_import(result=result, by=request.user, expected=plan.fingerprint)
        body["written"] = True
    return body


@router.get("/offers/{offer_id}", response=OfferOut, summary="Une offre")
def offer_detail(request: HttpRequest, offer_id: int):
    require(request, "network.view_offers")
    return get_object_or_404(offer_selectors.offers_list(), pk=offer_id)


@router.post("/offers", response={201: OfferOut}, summary="Créer une offre")
def offer_create(request: HttpRequest, payload: OfferCreateIn):
    require(request, "network.manage_offers")
    offer = _fill(Offer(status=payload.status), payload)
    return Status(201, offer_services.offer_create(offer=offer, by=request.user))


@router.put("/offers/{offer_id}", response=OfferOut, summary="Modifier une offre")
def offer_update(request: HttpRequest, offer_id: int, payload: OfferIn):
    require(request, "network.manage_offers")
    offer = get_object_or_404(Offer, pk=offer_id)
    return offer_services.offer_update(offer=_fill(offer, payload))


@router.post("/offers/{offer_id}/status", response=OfferOut, summary="Ouvrir, pourvoir, fermer une offre")
def offer_status(request: HttpRequest, offer_id: int, payload: StatusIn):
    require(request, "network.manage_offers")
    offer = get_object_or_404(Offer, pk=offer_id)
    return offer_services.offer_set_status(offer=offer, status=payload.status)


# candidate data ----------------------------------------------------------------------------------


class ProfileIn(Schema):
    has_car: bool = False
    max_km: int = Field(30, ge=0, le=200)
    skills: list[str] = Field(default_factory=list, max_length=20)


class ProfileOut(ProfileIn):
    person_id: int


class WishesIn(Schema):
    offer_ids: list[int] = Field(max_length=20, description="Les offres, la préférée d'abord.")


class WishOut(Schema):
    rank: int
    offer_id: int


class RatingIn(Schema):
    person_id: int
    rating: int = Field(ge=1, le=5)
    comment: str = Field("", max_length=250)


class RatingOut(RatingIn):
    offer_id: int


def _person(person_id: int) -> Person:
    return get_object_or_404(Person.objects.active(), pk=person_id)


@router.get("/candidates/{person_id}/profile", response=ProfileOut, summary="Profil de placement")
def candidate_profile(request: HttpRequest, person_id: int):
    require(request, "network.manage_candidates")
    person = _person(person_id)
    profile = matching_selectors.candidate_profile_of(person=person)
    if profile is None:
        return {"person_id": person.pk, "has_car": False, "max_km": 30, "skills": []}
    return profile


@router.put(
    "/candidates/{person_id}/profile", response=ProfileOut, summary="Enregistrer le profil de placement"
)
def candidate_profile_save(request: HttpRequest, person_id: int, payload: ProfileIn):
    require(request, "network.manage_candidates")
    return matching_services.candidate_profile_save(person=_person(person_id), **payload.dict())


@router.get("/candidates/{person_id}/wishes", response=list[WishOut], summary="Vœux d'un·e candidat·e")
def candidate_wishes(request: HttpRequest, person_id: int):
    require(request, "network.manage_candidates")
    return matching_selectors.candidate_wishes(person=_person(person_id))


@router.put("/candidates/{person_id}/wishes", response=list[WishOut], summary="Classer les vœux")
def candidate_wishes_set(request: HttpRequest, person_id: int, payload: WishesIn):
    require(request, "network.manage_candidates")
    person = _person(person_id)
    offers = Offer.objects.in_bulk(payload.offer_ids)
    unknown = [pk for pk in payload.offer_ids if pk not in offers]
    if unknown:
        raise NetworkError(
            "Offre inconnue.", errors={"offer_ids": [f"Offre inconnue : {unknown[0]}."]}, status=422
        )
    return matching_services.candidate_preferences_set(
        person=person, offers=[offers[pk] for pk in payload.offer_ids]
    )


@router.get("/offers/{offer_id}/ratings", response=list[RatingOut], summary="Appréciations de l'entreprise")
def offer_ratings(request: HttpRequest, offer_id: int):
    require(request, "network.manage_candidates")
    return matching_selectors.offer_ratings(offer=get_object_or_404(Offer, pk=offer_id))


@router.put("/offers/{offer_id}/ratings", response=RatingOut, summary="Noter un·e candidat·e rencontré·e")
def offer_rating_set(request: HttpRequest, offer_id: int, payload: RatingIn):
    require(request, "network.manage_candidates")
    offer = get_object_or_404(Offer, pk=offer_id)
    return matching_services.company_rating_set(
        offer=offer, person=_person(payload.person_id), rating=payload.rating, comment=payload.comment
    )
