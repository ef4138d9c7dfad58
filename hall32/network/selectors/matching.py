"""Reads of the network app: matching (issue 11, in progress)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hall32.core import geo
from hall32.core.models import Person
from hall32.network.models import (
    CandidatePreference,
    CandidateProfile,
    CompanyRating,
    Introduction,
    MatchingAssignment,
    MatchingRun,
    Offer,
)
from hall32.network.optimisation import pairs as engine
from hall32.training import selectors as training_selectors
from hall32.training.selectors import admissions as training_admissions

# candidate data -----------------------------------------------------------------------------------


def admitted_candidates() -> QuerySet[Person]:
    """The people admitted for this intake who have no company yet (training's admissions)."""
    intake = training_selectors.admissions.current_intake()
    applications = training_selectors.admissions.admitted_without_company(school_year=intake)
    return Person.objects.filter(pk__in=applications.values("applicant_id")).order_by(
        "last_name", "first_name"
    )


def candidate_profile_of(*, person: Person) -> CandidateProfile | None:
    return CandidateProfile.objects.filter(person=person).first()


def candidate_wishes(*, person: Person) -> list[CandidatePreference]:
    return list(
        CandidatePreference.objects.filter(person=person).select_related("offer__company").order_by("rank")
    )


def offer_rateable_candidates(*, offer: Offer) -> QuerySet[Person]:
    """Whom the company may have met for the offer: those introduced to it, and the admitted
    candidates (met at a forum, an immersion day, a job dating)."""
    introduced = Introduction.objects.filter(offer=offer).values("person_id")
    admitted = admitted_candidates().values("pk")
    return Person.objects.filter(Q(pk__in=introduced) | Q(pk__in=admitted)).order_by(
        "last_name", "first_name"
    )


def candidate_was_met(*, offer: Offer, person: Person) -> bool:
    return (
        Introduction.objects.filter(offer=offer, person=person).exists()
        or admitted_candidates().filter(pk=person.pk).exists()
    )


def offer_ratings(*, offer: Offer) -> list[CompanyRating]:
    return list(
        CompanyRating.objects.filter(offer=offer)
        .select_related("person")
        .order_by("-rating", "person__last_name")
    )


# end of candidate data ----------------------------------------------------------------------------


# matching runs and introductions

# The algorithms a run stores, in the order the page shows them (greedy is only summarised).
ALGORITHMS = (MatchingAssignment.Algorithm.OPTIMAL, MatchingAssignment.Algorithm.STABLE)


@dataclass
class MatchingProblem:
    """What the engine is given, and the records behind each id (person id, offer id)."""

    candidates: list[engine.Candidate]
    offers: list[engine.Offer]
    people: dict[int, training_admissions.PlacementCandidate]
    offer_rows: dict[int, Offer]
    rules: engine.Rules = field(default_factory=engine.Rules)

    @property
    def places(self) -> int:
        return sum(o.capacity for o in self.offers)

    def candidate(self, person_id: int) -> engine.Candidate | None:
        return next((c for c in self.candidates if c.id == person_id), None)

    def offer(self, offer_id: int) -> engine.Offer | None:
        return next((o for o in self.offers if o.id == offer_id), None)


def _offer_course(offer: Offer) -> str:
    if offer.course is not None:
        return training_admissions.course_key(offer.course)
    return offer.rncp_code.strip()


def _offer_trade(offer: Offer) -> str:
    # The catalogue's trades have no ROME code: both sides compare the trade's slug.
    if offer.trade is not None:
        return offer.trade.slug
    return offer.course.trade.slug if offer.course is not None else ""


def open_offers() -> QuerySet[Offer]:
    return (
        Offer.objects.open()
        .select_related("company", "course__trade", "trade", "tutor")
        .annotate(
            accepted=Count("introductions", filter=Q(introductions__status=Introduction.Status.ACCEPTED))
        )
    )


def engine_offer(offer: Offer, *, accepted: int, ratings: dict[int, int]) -> engine.Offer:
    """An open offer as the engine sees it: its places and its tutors' capacity less the
    candidates already accepted."""
    point = geo.coordinates(offer.postcode) if offer.postcode else None
    return engine.Offer(
        id=offer.pk,
        company_id=offer.company_id,
        course=_offer_course(offer),
        start=offer.start_date,
        places=max(0, offer.places - accepted),
        trade=_offer_trade(offer),
        tutor_capacity=None if offer.tutor_capacity is None else max(0, offer.tutor_capacity - accepted),
        rhythm="",  # free text on both sides: not a filter until it is a choice
        lat=point[0] if point else None,
        lon=point[1] if point else None,
        adults_only=offer.adults_only,
        needs_car=offer.needs_car,
        required_skills=frozenset(offer.required_skills or ()),
        skills=frozenset(offer.wanted_skills or ()),
        ratings=ratings,
    )


def matching_problem() -> MatchingProblem:
    """The unplaced candidates (training's admitted learners without a contract) and the open
    offers, with both sides' preferences, loaded into the engine's dataclasses."""
    people = {c.person_id: c for c in training_admissions.matching_candidates()}
    offers = list(open_offers())
    offer_ids = [o.pk for o in offers]
    ratings: dict[int, dict[int, int]] = {}
    for offer_id, person_id, mark in CompanyRating.objects.filter(offer_id__in=offer_ids).values_list(
        "offer_id", "person_id", "rating"
    ):
        ratings.setdefault(offer_id, {})[person_id] = mark
    wishes: dict[int, list[int]] = {}
    for person_id, offer_id in (
        CandidatePreference.objects.filter(person_id__in=people, offer_id__in=offer_ids)
        .order_by("person_id", "rank")
        .values_list("person_id", "offer_id")
    ):
        wishes.setdefault(person_id, []).append(offer_id)
    profiles = {p.person_id: p for p in CandidateProfile.objects.filter(person_id__in=people)}
    candidates = []
    for person_id, person in people.items():
        profile = profiles.get(person_id)
        candidates.append(
            engine.Candidate(
                id=person_id,
                course=person.course_code,
                available_from=person.available_from,
                trade=person.trade,
                birth_date=person.birth_date,
                lat=person.lat,
                lon=person.lon,
                has_car=profile.has_car if profile else False,
                max_km=float(profile.max_km if profile else person.mobility_km),
                skills=frozenset(profile.skills or ()) if profile else frozenset(),
                preferences=tuple(wishes.get(person_id, ())),
            )
        )
    return MatchingProblem(
        candidates=candidates,
        offers=[
            engine_offer(o, accepted=getattr(o, "accepted", 0), ratings=ratings.get(o.pk, {})) for o in offers
        ],
        people=people,
        offer_rows={o.pk: o for o in offers},
    )


def _age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def pair_problem(
    candidate: engine.Candidate,
    offer: engine.Offer,
    *,
    name: str,
    rules: engine.Rules = engine.RULES,
) -> str | None:
    """The first hard filter the pair breaks, in French, naming the candidate; None when the pair
    is admissible. The same filters as pairs.admissible, in its order."""
    if offer.capacity <= 0:
        return _("L'offre n'a plus de place.")
    if candidate.course != offer.course:
        return _("%(name)s ne prépare pas la formation de l'offre.") % {"name": name}
    window = dt.timedelta(days=rules.start_window_days)
    if offer.start < candidate.available_from:
        return _("L'offre commence avant que %(name)s soit disponible.") % {"name": name}
    if offer.start > candidate.available_from + window:
        return _("L'offre commence plus de %(days)s jours après la disponibilité de %(name)s.") % {
            "days": rules.start_window_days,
            "name": name,
        }
    if candidate.rhythm and offer.rhythm and candidate.rhythm != offer.rhythm:
        return _("Le rythme de l'alternance ne correspond pas.")
    if offer.adults_only and candidate.birth_date is None:
        return _("L'offre est réservée aux majeurs et la date de naissance de %(name)s est inconnue.") % {
            "name": name
        }
    if (
        offer.adults_only
        and candidate.birth_date
        and _age_on(candidate.birth_date, offer.start) < rules.adult_age
    ):
        return _("%(name)s est mineur·e et l'offre est réservée aux majeurs.") % {"name": name}
    if offer.needs_car and not candidate.has_car:
        return _("L'offre demande un véhicule et %(name)s n'en a pas.") % {"name": name}
    missing = offer.required_skills - candidate.skills
    if missing:
        return _("Il manque à %(name)s des compétences exigées : %(skills)s.") % {
            "name": name,
            "skills": ", ".join(sorted(missing)),
        }
    km = engine.distance_km(candidate, offer)
    limit = min(candidate.max_km, rules.max_km)
    if km is not None and km > limit:
        return _("Trop loin (%(km)s km pour %(limit)s km acceptés).") % {
            "km": round(km),
            "limit": round(limit),
        }
    return None


def unplaced_reason(candidate: engine.Candidate, offers: list[engine.Offer], *, name: str) -> str:
    """Why a candidate has no admissible offer at all (the filter that ruled out most offers), or
    that every offer they could take went to someone else."""
    same_course = [o for o in offers if o.course == candidate.course]
    if not same_course:
        return _("Aucune offre ouverte pour sa formation.")
    if any(engine.admissible(candidate, o) for o in same_course):
        return _("Les offres possibles sont allées à d'autres candidat·es.")
    reasons = Counter(pair_problem(candidate, o, name=name) for o in same_course)
    reason, count = reasons.most_common(1)[0]
    return ngettext(
        "Aucune offre possible : %(reason)s",
        "Aucune offre possible (%(n)s offres) ; le plus souvent : %(reason)s",
        count,
    ) % {"reason": reason, "n": len(same_course)}


# --- the pages' reads ---------------------------------------------------------------------------


def matching_runs() -> QuerySet[MatchingRun]:
    return MatchingRun.objects.select_related("started_by", "job")


@dataclass
class OfferColumn:
    offer: Offer
    places: int
    rows: list[MatchingAssignment]


@dataclass
class AssignmentView:
    """One assignment of a run as the page shows it."""

    algorithm: str
    label: str
    total_score: float
    placed: int
    blocking_count: int
    blocking: list[tuple[Any, Offer]]
    offers: list[OfferColumn]
    unplaced: list[tuple[str, str]]
    seconds: float | None


def run_assignments(*, run: MatchingRun, algorithm: str) -> list[MatchingAssignment]:
    return list(
        run.assignments.filter(algorithm=algorithm)
        .select_related("person", "offer__company")
        .order_by("offer__company__name", "offer__title", "offer_id", "-score", "person__last_name")
    )


def assignment_view(*, run: MatchingRun, algorithm: str, people: dict[int, Any]) -> AssignmentView | None:
    summary = (run.summary or {}).get(algorithm)
    if summary is None:
        return None
    rows = run_assignments(run=run, algorithm=algorithm)
    offer_ids = {r.offer_id for r in rows} | {o for _c, o in summary.get("blocking", [])}
    offers = Offer.objects.select_related("company").in_bulk(offer_ids)
    columns: dict[int, OfferColumn] = {}
    for row in rows:
        column = columns.setdefault(
            row.offer_id,
            OfferColumn(row.offer, (run.summary.get("places") or {}).get(str(row.offer_id), 0), []),
        )
        column.rows.append(row)
    placed = {r.person_id for r in rows}
    reasons = run.summary.get("reasons", {})
    unplaced = [
        (
            people.get(int(pid), pid),
            reasons.get(pid) or _("Les offres possibles sont allées à d'autres candidat·es."),
        )
        for pid in run.summary.get("candidates", [])
        if int(pid) not in placed
    ]
    return AssignmentView(
        algorithm=algorithm,
        label=str(MatchingAssignment.Algorithm(algorithm).label),
        total_score=summary.get("total_score", 0.0),
        placed=summary.get("placed", 0),
        blocking_count=summary.get("blocking_pairs", 0),
        blocking=[(people.get(c, c), offers[o]) for c, o in summary.get("blocking", []) if o in offers],
        offers=list(columns.values()),
        unplaced=unplaced,
        seconds=summary.get("seconds"),
    )


def run_people(*, run: MatchingRun) -> dict[int, str]:
    """The run's candidates by person id, with their names (the summary keeps the ids only)."""
    from hall32.core.models import Person

    ids = [int(p) for p in (run.summary or {}).get("candidates", [])]
    return {p.pk: p.full_name for p in Person.objects.filter(pk__in=ids).only("first_name", "last_name")}


def open_introductions_by_pair(*, run: MatchingRun) -> dict[tuple[int, int], Introduction]:
    people = [int(p) for p in (run.summary or {}).get("candidates", [])]
    return {
        (i.person_id, i.offer_id): i
        for i in Introduction.objects.filter(
            person_id__in=people, status__in=[*Introduction.OPEN_STATUSES, Introduction.Status.ACCEPTED]
        )
    }


def introductions() -> QuerySet[Introduction]:
    return Introduction.objects.select_related("person", "offer__company", "run", "proposed_by")


def introduction_detail(*, pk: int) -> Introduction:
    return introductions().get(pk=pk)
