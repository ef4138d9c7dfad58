"""Services of the network app: matching (issue 11, in progress)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hall32.core import services as core_services
from hall32.core.models import Person, User
from hall32.network.errors import Conflict, NetworkError
from hall32.network.models import (
    CandidatePreference,
    CandidateProfile,
    CompanyRating,
    Introduction,
    MatchingAssignment,
    MatchingRun,
    Offer,
)
from hall32.network.optimisation import matching as engine_matching
from hall32.network.optimisation import pairs as engine
from hall32.network.selectors import matching as selectors
from hall32.network.selectors.matching import candidate_was_met
from hall32.network.services.offers import skills_clean

# candidate data -----------------------------------------------------------------------------------
# What matching knows of a candidate beyond the application: mobility and skills, the offers
# they rank, and the companies' ratings after meeting them. The runs come below.

MAX_KM = 200
MAX_WISHES = 20


@transaction.atomic
def candidate_profile_save(
    *, person: Person, has_car: bool, max_km: int, skills: Sequence[str] | str
) -> CandidateProfile:
    """A candidate's mobility (a car or not, the farthest they will travel) and skills."""
    if not 0 <= max_km <= MAX_KM:
        raise NetworkError(_("De 0 à %(max)s km.") % {"max": MAX_KM}, field="max_km")
    profile, _created = CandidateProfile.objects.select_for_update().get_or_create(person=person)
    profile.has_car = has_car
    profile.max_km = max_km
    profile.skills = skills_clean(skills)
    profile.save()
    return profile


@transaction.atomic
def candidate_preferences_set(*, person: Person, offers: Sequence[Offer]) -> list[CandidatePreference]:
    """A candidate's wishes, favourite first (ranks 1..n), open offers only; replaces the previous."""
    if len(offers) > MAX_WISHES:
        raise NetworkError(_("%(max)s vœux au plus.") % {"max": MAX_WISHES}, field="offers")
    ids = [offer.pk for offer in offers]
    if len(set(ids)) != len(ids):
        raise NetworkError(_("Chaque offre une seule fois dans les vœux."), field="offers")
    # Two saves of one candidate's wishes at once: the person row serialises them (ranks unique).
    Person.objects.select_for_update().filter(pk=person.pk).first()
    not_open = Offer.objects.filter(pk__in=ids).exclude(status=Offer.Status.OPEN)
    closed = list(not_open.values_list("reference", flat=True)[:3])
    if closed:
        raise NetworkError(
            _("Seules les offres ouvertes peuvent être des vœux : %(list)s.") % {"list": ", ".join(closed)},
            field="offers",
        )
    CandidatePreference.objects.filter(person=person).delete()
    return CandidatePreference.objects.bulk_create(
        [CandidatePreference(person=person, offer_id=pk, rank=rank) for rank, pk in enumerate(ids, start=1)]
    )


@transaction.atomic
def company_rating_set(*, offer: Offer, person: Person, rating: int, comment: str = "") -> CompanyRating:
    """The company's rating of a candidate it met for an offer (1 to 5), replacing an earlier one."""
    if not 1 <= rating <= 5:
        raise NetworkError(_("Une appréciation va de 1 à 5."), field="rating")
    if not candidate_was_met(offer=offer, person=person):
        raise NetworkError(
            _("%(person)s n'a pas rencontré cette entreprise : proposez d'abord une mise en relation.")
            % {"person": person},
            field="person",
        )
    comment = " ".join(comment.split())
    if len(comment) > 250:
        raise NetworkError(_("250 caractères au plus."), field="comment")
    found, _created = CompanyRating.objects.update_or_create(
        offer=offer, person=person, defaults={"rating": rating, "comment": comment}
    )
    return found


# end of candidate data ----------------------------------------------------------------------------


# matching runs and introductions

Algorithm = MatchingAssignment.Algorithm
IntroStatus = Introduction.Status

REASONS = {
    "no_candidates": gettext_noop(
        "Aucun·e candidat·e à placer : aucun·e admis·e sans contrat pour le moment."
    ),
    "no_places": gettext_noop("Aucune place à pourvoir : aucune offre ouverte n'a de place libre."),
    "no_admissible_pair": gettext_noop(
        "Aucune affectation possible : aucun·e candidat·e ne passe les filtres d'aucune offre "
        "(formation, date de début, âge, exigences, distance)."
    ),
}


def _reason_text(reason: str) -> str:
    # Worded at call time, in the active language (the module-level strings are the msgids).
    return _(REASONS[reason])


def matching_run_start(*, by: User | None) -> MatchingRun:
    """Queue a matching run; the run's page follows its job's progress."""
    from hall32.network.tasks import compute_matching_run

    with transaction.atomic():
        job = core_services.job_create(kind="network.matching", params={}, by=by)
        run = MatchingRun.objects.create(
            started_by=by if by and by.pk else None, job=job, status=MatchingRun.Status.PENDING
        )
        job.params = {"run": run.pk}
        job.save(update_fields=["params"])
        transaction.on_commit(lambda: compute_matching_run.delay(job.pk))
    return run


def _summary(result: engine.Result) -> dict[str, Any]:
    return {
        "total_score": round(result.total_score, 3),
        "placed": result.placed,
        "blocking_pairs": len(result.blocking_pairs),
        "blocking": [list(p) for p in result.blocking_pairs],
        "seconds": round(result.seconds, 4),
    }


def _score_of(pairs: engine.Pairs) -> dict[tuple[int, int], tuple[float, int]]:
    """(candidate id, offer id) -> (score, pair index), for every admissible pair."""
    c_ids = [c.id for c in pairs.candidates]
    o_ids = [o.id for o in pairs.offers]
    return {
        (c_ids[i], o_ids[j]): (float(s), p)
        for p, (i, j, s) in enumerate(
            zip(pairs.candidate.tolist(), pairs.offer.tolist(), pairs.score.tolist(), strict=True)
        )
    }


def matching_run_compute(*, job_id: int) -> MatchingRun:
    """Run the job of a matching: load the problem, compute the optimal, stable and greedy
    assignments, store the first two with their scores and blocking flags. Safe twice: a run
    already done is returned as it is, and a half-stored one is stored again from scratch."""
    from hall32.core.models import Job

    job = Job.objects.get(pk=job_id)
    run = MatchingRun.objects.get(pk=job.params["run"])
    if run.status != MatchingRun.Status.PENDING:
        return run
    core_services.job_progress(
        job_id=job_id, progress=5, message=_("Chargement des candidat·es et des offres…")
    )
    problem = selectors.matching_problem()
    core_services.job_progress(job_id=job_id, progress=30, message=_("Calcul des paires possibles…"))
    pairs = engine.admissible_pairs(problem.candidates, problem.offers, rules=problem.rules)
    core_services.job_progress(job_id=job_id, progress=50, message=_("Calcul des deux affectations…"))
    results = {
        Algorithm.OPTIMAL: engine_matching.optimal(problem.candidates, problem.offers, pairs=pairs),
        Algorithm.STABLE: engine_matching.deferred_acceptance(
            problem.candidates, problem.offers, pairs=pairs
        ),
        "greedy": engine_matching.greedy(problem.candidates, problem.offers, pairs=pairs),
    }
    reason = next((r.reason for r in results.values() if r.reason), None)
    names = {pid: p.full_name for pid, p in problem.people.items()}
    reasons = {
        str(c.id): selectors.unplaced_reason(c, problem.offers, name=names[c.id]) for c in problem.candidates
    }
    _store_run(run=run, problem=problem, pairs=pairs, results=results, reason=reason, reasons=reasons)
    if reason:
        core_services.job_finish(
            job_id=job_id,
            result={"redirect": run.get_absolute_url(), "message": run.message},
            error=run.message,
        )
    else:
        core_services.job_finish(
            job_id=job_id,
            result={
                "redirect": run.get_absolute_url(),
                "message": _("Placement calculé : comparez les deux affectations."),
            },
        )
    return run


@transaction.atomic
def _store_run(
    *,
    run: MatchingRun,
    problem: selectors.MatchingProblem,
    pairs: engine.Pairs,
    results: dict[str, engine.Result],
    reason: str | None,
    reasons: dict[str, str],
) -> MatchingRun:
    # A redelivered task and the first one may both reach here: the row lock makes the second
    # wait, then find the run done.
    run = MatchingRun.objects.select_for_update().get(pk=run.pk)
    if run.status != MatchingRun.Status.PENDING:
        return run
    run.assignments.all().delete()
    scores = _score_of(pairs)
    for algorithm in (Algorithm.OPTIMAL, Algorithm.STABLE):
        result = results[algorithm]
        blocking = {c for c, _o in result.blocking_pairs}
        MatchingAssignment.objects.bulk_create(
            MatchingAssignment(
                run=run,
                algorithm=algorithm,
                person_id=c,
                offer_id=o,
                score=round(scores[(c, o)][0], 3),
                blocking=c in blocking,
            )
            for c, o in result.assignments.items()
        )
    run.candidates_count = len(problem.candidates)
    run.places_count = problem.places
    run.summary = {
        **{str(k): _summary(v) for k, v in results.items()},
        "candidates": [str(c.id) for c in problem.candidates],
        "places": {str(o.id): o.capacity for o in problem.offers},
        "reasons": reasons,
    }
    run.reason = reason or ""
    run.message = _reason_text(reason) if reason else ""
    run.status = MatchingRun.Status.FAILED if reason else MatchingRun.Status.DONE
    run.save()
    return run


def matching_run_fail(*, job_id: int) -> None:
    """An unexpected error: the run stops waiting (the job records the error)."""
    from hall32.core.models import Job

    params = Job.objects.filter(pk=job_id).values_list("params", flat=True).first() or {}
    MatchingRun.objects.filter(pk=params.get("run") or 0, status=MatchingRun.Status.PENDING).update(
        status=MatchingRun.Status.FAILED, message=_("Le calcul a échoué : relancez-le.")
    )


# --- hand adjustment ------------------------------------------------------------------------------


def _locked_run(run: MatchingRun) -> MatchingRun:
    # Two coordinators adjusting the same run at once: each move reads then writes the manual
    # set; the row lock serialises them so that no move is checked against a stale set.
    locked = MatchingRun.objects.select_for_update().get(pk=run.pk)
    if locked.status != MatchingRun.Status.DONE:
        raise NetworkError(_("Ce calcul n'est pas terminé : il ne s'ajuste pas."), code="run_not_done")
    return locked


def _manual_summary(run: MatchingRun, problem: selectors.MatchingProblem) -> dict[str, Any]:
    """The manual set's total score and blocking pairs, against the current candidates and
    offers; its scores and blocking flags are refreshed too."""
    pairs = engine.admissible_pairs(problem.candidates, problem.offers, rules=problem.rules)
    scores = _score_of(pairs)
    rows = list(run.assignments.filter(algorithm=Algorithm.MANUAL))
    assessable = {r.person_id: r.offer_id for r in rows if (r.person_id, r.offer_id) in scores}
    result = engine_matching.assess(assessable, pairs=pairs)
    blocking = {c for c, _o in result.blocking_pairs}
    for row in rows:
        row.score = round(scores.get((row.person_id, row.offer_id), (0.0, -1))[0], 3)
        row.blocking = row.person_id in blocking
    MatchingAssignment.objects.bulk_update(rows, ["score", "blocking"])
    summary = _summary(result)
    summary["total_score"] = round(sum(r.score for r in rows), 3)
    summary["placed"] = len(rows)
    return summary


@transaction.atomic
def matching_adjust_start(*, run: MatchingRun, algorithm: str, by: User | None) -> MatchingRun:
    """Copy the optimal or the stable assignment as the run's manual one (replacing it)."""
    run = _locked_run(run)
    if algorithm not in (Algorithm.OPTIMAL, Algorithm.STABLE):
        raise NetworkError(_("Choisissez l'affectation de départ : optimale ou stable."), field="algorithm")
    run.assignments.filter(algorithm=Algorithm.MANUAL).delete()
    MatchingAssignment.objects.bulk_create(
        MatchingAssignment(
            run=run, algorithm=Algorithm.MANUAL, person_id=a.person_id, offer_id=a.offer_id, score=a.score
        )
        for a in run.assignments.filter(algorithm=algorithm)
    )
    run.summary = {**run.summary, str(Algorithm.MANUAL): _manual_summary(run, selectors.matching_problem())}
    run.summary[str(Algorithm.MANUAL)]["from"] = str(algorithm)
    run.save(update_fields=["summary", "updated_at"])
    return run


@transaction.atomic
def matching_adjust_move(
    *, run: MatchingRun, person: Person, offer: Offer | None, by: User | None
) -> MatchingRun:
    """Move a candidate of the manual assignment to another offer (None: unassign), the hard
    filters and the offer's places checked again; refused, naming the broken rule."""
    run = _locked_run(run)
    if str(Algorithm.MANUAL) not in run.summary:
        raise NetworkError(
            _("Commencez par « Ajuster à partir de celle-ci » sur l'une des deux affectations."),
            code="no_manual",
        )
    problem = selectors.matching_problem()
    manual = run.assignments.filter(algorithm=Algorithm.MANUAL)
    if offer is not None:
        candidate = problem.candidate(person.pk)
        if candidate is None:
            raise NetworkError(
                _("%(name)s n'est plus candidat·e (contrat ou candidature changée).") % {"name": person},
                field="person",
            )
        engine_offer = problem.offer(offer.pk)
        if engine_offer is None:
            raise NetworkError(_("Cette offre n'est plus ouverte."), field="offer")
        problem_text = selectors.pair_problem(
            candidate, engine_offer, name=person.full_name, rules=problem.rules
        )
        if problem_text:
            raise NetworkError(problem_text, field="offer", code="not_admissible")
        taken = manual.filter(offer=offer).exclude(person=person).count()
        if taken >= engine_offer.capacity:
            raise Conflict(
                _(
                    "Plus de place : les places de l'offre « %(title)s » sont toutes prises dans cette affectation."
                )
                % {"title": offer.title},
                field="offer",
                code="over_capacity",
            )
    manual.filter(person=person).delete()
    if offer is not None:
        MatchingAssignment.objects.create(
            run=run, algorithm=Algorithm.MANUAL, person=person, offer=offer, score=0.0
        )
    origin = run.summary[str(Algorithm.MANUAL)].get("from", "")
    run.summary[str(Algorithm.MANUAL)] = {**_manual_summary(run, problem), "from": origin}
    run.save(update_fields=["summary", "updated_at"])
    return run


# --- introductions ----------------------------------------------------------------------------------

# Where an introduction may go from each status (each move e-mails both sides).
NEXT_STATUSES: dict[str, set[str]] = {
    IntroStatus.PROPOSED: {
        IntroStatus.INTERVIEW,
        IntroStatus.ACCEPTED,
        IntroStatus.REFUSED,
        IntroStatus.WITHDRAWN,
    },
    IntroStatus.INTERVIEW: {IntroStatus.ACCEPTED, IntroStatus.REFUSED, IntroStatus.WITHDRAWN},
    IntroStatus.ACCEPTED: set(),
    IntroStatus.REFUSED: set(),
    IntroStatus.WITHDRAWN: set(),
}


def _notify(introduction_id: int, status: str) -> None:
    from hall32.network.tasks import send_introduction_emails

    transaction.on_commit(lambda: send_introduction_emails.delay(introduction_id, status))


@transaction.atomic
def introduction_propose(
    *,
    person: Person,
    offer: Offer,
    by: User | None,
    run: MatchingRun | None = None,
    score: float | None = None,
    notes: str = "",
) -> Introduction:
    """Propose a candidate to a company for an offer; both sides are told by e-mail."""
    # Two proposals of the same pair at once: the offer's row lock makes the second see the first.
    offer = Offer.objects.select_for_update(of=("self",)).select_related("company").get(pk=offer.pk)
    if offer.status != Offer.Status.OPEN:
        raise Conflict(
            _("L'offre « %(title)s » n'est plus ouverte (%(status)s).")
            % {"title": offer.title, "status": offer.get_status_display()},
            field="offer",
        )
    existing = Introduction.objects.filter(
        person=person, offer=offer, status__in=[*Introduction.OPEN_STATUSES, IntroStatus.ACCEPTED]
    ).first()
    if existing is not None:
        raise Conflict(
            _("%(name)s est déjà mis·e en relation pour cette offre (%(status)s).")
            % {"name": person, "status": existing.get_status_display()},
            field="person",
        )
    if score is None and run is not None:
        score = (
            run.assignments.filter(person=person, offer=offer)
            .order_by("algorithm")
            .values_list("score", flat=True)
            .first()
        )
    introduction = Introduction.objects.create(
        person=person,
        offer=offer,
        run=run,
        status=IntroStatus.PROPOSED,
        proposed_by=by if by and by.pk else None,
        score=score,
        notes=notes.strip(),
    )
    _notify(introduction.pk, IntroStatus.PROPOSED)
    return introduction


@transaction.atomic
def introduction_transition(
    *,
    introduction: Introduction,
    status: str,
    by: User | None,
    interview_at: dt.datetime | None = None,
    notes: str = "",
) -> Introduction:
    """Move an introduction on (proposed → interview → accepted or refused; withdrawn while
    open); both sides are told. Accepted: a draft contract is opened, and when the offer's places
    are all taken it is filled and its other proposals are withdrawn, as are the candidate's."""
    current = Introduction.objects.select_for_update().get(pk=introduction.pk)
    if status not in IntroStatus.values:
        raise NetworkError(_("Choisissez un statut."), field="status")
    if status not in NEXT_STATUSES[current.status]:
        raise NetworkError(
            _("Une mise en relation « %(current)s » ne peut pas passer à « %(status)s ».")
            % {"current": current.get_status_display(), "status": IntroStatus(status).label},
            field="status",
        )
    if status == IntroStatus.INTERVIEW:
        if interview_at is None:
            raise NetworkError(_("Indiquez la date et l'heure de l'entretien."), field="interview_at")
        current.interview_at = interview_at
    if notes.strip():
        current.notes = f"{current.notes}\n{notes.strip()}".strip()
    current.status = status
    if status in {IntroStatus.ACCEPTED, IntroStatus.REFUSED, IntroStatus.WITHDRAWN}:
        current.decided_at = timezone.now()
    if status == IntroStatus.ACCEPTED:
        _accept(current, by=by)
    current.save()
    _notify(current.pk, status)
    return current


def _accept(introduction: Introduction, *, by: User | None) -> None:
    from hall32.training.services import contracts as training_contracts

    # The offer's row lock: two acceptances at once must not both take its last place.
    offer = (
        Offer.objects.select_for_update(of=("self",))
        .select_related("company", "course", "tutor")
        .get(pk=introduction.offer_id)
    )
    accepted = offer.introductions.filter(status=IntroStatus.ACCEPTED).exclude(pk=introduction.pk).count()
    if accepted >= offer.places:
        raise Conflict(_("Plus de place : l'offre est déjà pourvue."), field="status")
    contract = training_contracts.contract_draft_open(
        apprentice=introduction.person,
        employer=offer.company,
        start_date=offer.start_date,
        course=offer.course,
        tutor=offer.tutor,
        job_title=offer.title,
        by=by,
    )
    introduction.contract_id = contract.pk
    if accepted + 1 >= offer.places:
        _offer_filled(offer, keep=introduction.pk)
    # The candidate is placed: their other proposals are withdrawn (and both sides told).
    _withdraw(
        Introduction.objects.filter(
            person_id=introduction.person_id, status__in=Introduction.OPEN_STATUSES
        ).exclude(pk=introduction.pk)
    )


def _offer_filled(offer: Offer, *, keep: int) -> None:
    """Every place taken: the offer is filled and its other open proposals withdrawn.

    Writes the status field directly, not through offers.offer_set_status, whose transitions would
    refuse an offer taken back to a draft or closed while its introductions were under way."""
    offer.status = Offer.Status.FILLED
    offer.save(update_fields=["status", "updated_at"])  # a save, not an update: audited
    _withdraw(
        Introduction.objects.filter(offer_id=offer.pk, status__in=Introduction.OPEN_STATUSES).exclude(pk=keep)
    )


def _withdraw(queryset: Any) -> None:
    now = timezone.now()
    for other in list(queryset.select_for_update()):
        other.status = IntroStatus.WITHDRAWN
        other.decided_at = now
        other.save(update_fields=["status", "decided_at", "updated_at"])
        _notify(other.pk, IntroStatus.WITHDRAWN)
