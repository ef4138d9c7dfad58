"""API of the network app: matching runs and their results, introductions. The same services as
the pages, the same rules."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from hall32.core.models import Person
from hall32.network.filters import IntroductionFilter
from hall32.network.models import Introduction, MatchingAssignment, MatchingRun, Offer
from hall32.network.selectors import matching as matching_selectors
from hall32.network.services import matching as matching_services
from hall32.web.apikit import Moment, Pages, api_enum, require

router = Router(tags=["network"])

# matching

RunStatus = api_enum("MatchingRunStatus", MatchingRun.Status)
AssignmentAlgorithm = api_enum("MatchingAlgorithm", MatchingAssignment.Algorithm)
IntroductionStatus = api_enum("IntroductionStatus", Introduction.Status)


class AlgorithmSummaryOut(Schema):
    total_score: float
    placed: int
    blocking_pairs: int
    seconds: float | None = None


class AssignmentOut(Schema):
    person_id: int
    offer_id: int
    score: float
    blocking: bool


class MatchingRunOut(Schema):
    id: int
    status: RunStatus  # type: ignore[valid-type]
    created_at: dt.datetime
    candidates_count: int
    places_count: int
    reason: str
    message: str
    job_id: int | None
    summary: dict[str, AlgorithmSummaryOut]


class MatchingRunDetailOut(MatchingRunOut):
    assignments: dict[str, list[AssignmentOut]]


def _summaries(run: MatchingRun) -> dict[str, dict[str, Any]]:
    summary = run.summary or {}
    return {
        key: {k: summary[key].get(k) for k in ("total_score", "placed", "blocking_pairs", "seconds")}
        for key in (*MatchingAssignment.Algorithm.values, "greedy")
        if isinstance(summary.get(key), dict)
    }


def _run_out(run: MatchingRun, *, detail: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": run.pk,
        "status": run.status,
        "created_at": run.created_at,
        "candidates_count": run.candidates_count,
        "places_count": run.places_count,
        "reason": run.reason,
        "message": run.message,
        "job_id": run.job_id,
        "summary": _summaries(run),
    }
    if detail:
        rows: dict[str, list[dict[str, Any]]] = {}
        for a in run.assignments.order_by("algorithm", "offer_id", "person_id"):
            rows.setdefault(a.algorithm, []).append(
                {"person_id": a.person_id, "offer_id": a.offer_id, "score": a.score, "blocking": a.blocking}
            )
        out["assignments"] = rows
    return out


@router.get("/matching-runs", response=list[MatchingRunOut], summary="Calculs de placement")
@paginate(Pages, page_size=50)
def matching_run_list(request: HttpRequest):
    require(request, "network.run_matching")
    return [_run_out(r) for r in matching_selectors.matching_runs()]


@router.post(
    "/matching-runs", response={202: MatchingRunOut}, summary="Lancer un calcul de placement (tâche de fond)"
)
def matching_run_start(request: HttpRequest):
    require(request, "network.run_matching")
    run = matching_services.matching_run_start(by=request.user)
    run.refresh_from_db()
    return Status(202, _run_out(run))


@router.get(
    "/matching-runs/{matching_run_id}",
    response=MatchingRunDetailOut,
    summary="Un calcul : les deux affectations, leurs scores et paires bloquantes",
)
def matching_run_detail(request: HttpRequest, matching_run_id: int):
    require(request, "network.run_matching")
    return _run_out(get_object_or_404(MatchingRun, pk=matching_run_id), detail=True)


class IntroductionOut(Schema):
    id: int
    person_id: int
    offer_id: int
    run_id: int | None
    status: IntroductionStatus  # type: ignore[valid-type]
    score: float | None
    interview_at: dt.datetime | None
    decided_at: dt.datetime | None
    contract_id: int | None
    notes: str
    created_at: dt.datetime


class IntroductionIn(Schema):
    person_id: int = Field(ge=1, le=2**31 - 1)
    offer_id: int = Field(ge=1, le=2**31 - 1)
    run_id: int | None = Field(None, ge=1, le=2**31 - 1)
    notes: str = Field("", max_length=2000)


class TransitionIn(Schema):
    status: IntroductionStatus  # type: ignore[valid-type]
    interview_at: Moment | None = None
    notes: str = Field("", max_length=2000)


@router.get("/introductions", response=list[IntroductionOut], summary="Mises en relation")
@paginate(Pages, page_size=50)
def introduction_list(
    request: HttpRequest,
    status: IntroductionStatus | None = None,  # type: ignore[valid-type]
    q: str = Query("", max_length=100, description="Nom du candidat, offre, entreprise."),
):
    require(request, "network.manage_introductions")
    params = {"q": q, "status": status or ""}
    return IntroductionFilter(params, queryset=matching_selectors.introductions()).qs


@router.post("/introductions", response={201: IntroductionOut}, summary="Proposer une mise en relation")
def introduction_create(request: HttpRequest, payload: IntroductionIn):
    require(request, "network.manage_introductions")
    person = get_object_or_404(Person, pk=payload.person_id)
    offer = get_object_or_404(Offer, pk=payload.offer_id)
    run = get_object_or_404(MatchingRun, pk=payload.run_id) if payload.run_id else None
    introduction = matching_services.introduction_propose(
        person=person, offer=offer, run=run, notes=payload.notes, by=request.user
    )
    return Status(201, introduction)


@router.get("/introductions/{introduction_id}", response=IntroductionOut, summary="Une mise en relation")
def introduction_detail(request: HttpRequest, introduction_id: int):
    require(request, "network.manage_introductions")
    return get_object_or_404(Introduction, pk=introduction_id)


@router.post(
    "/introductions/{introduction_id}/transition",
    response=IntroductionOut,
    summary="Faire avancer une mise en relation (entretien, acceptée, refusée, retirée)",
)
def introduction_transition(request: HttpRequest, introduction_id: int, payload: TransitionIn):
    require(request, "network.manage_introductions")
    introduction = get_object_or_404(Introduction, pk=introduction_id)
    return matching_services.introduction_transition(
        introduction=introduction,
        status=str(payload.status),
        interview_at=payload.interview_at,
        notes=payload.notes,
        by=request.user,
    )
