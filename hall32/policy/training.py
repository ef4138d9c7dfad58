"""Training: cohorts, attendance, paths, admissions, contracts, outcomes, programmes.

A learner, their company tutor and their parents (while the learner is a minor) see only that
learner; a trainer sees the cohorts they teach; a referral partner sees the people they referred.
"""

from typing import Any

import rules

from hall32.policy.predicates import (
    is_company_tutor,
    is_direction,
    is_guardian,
    is_hub_staff,
    is_learner,
    is_manager,
    is_referral_partner,
    is_trainer,
    register_model,
)


def _person_id(user: Any) -> int | None:
    return getattr(user, "person_id", None)


@rules.predicate
def trains_cohort(user: Any, cohort: Any) -> bool:
    pid = _person_id(user)
    if cohort is None or pid is None:
        return False
    return cohort.trainers.filter(pk=pid).exists() or cohort.sessions.filter(trainer_id=pid).exists()


@rules.predicate
def trains_learner(user: Any, learner: Any) -> bool:
    from hall32.training.models import Cohort

    pid = _person_id(user)
    if learner is None or pid is None:
        return False
    return Cohort.objects.filter(enrolments__person=learner, trainers__pk=pid).exists()


@rules.predicate
def tutors_learner(user: Any, learner: Any) -> bool:
    from hall32.training.models import ContractTutor

    pid = _person_id(user)
    if learner is None or pid is None:
        return False
    return ContractTutor.objects.filter(person_id=pid, contract__apprentice=learner).exists()


@rules.predicate
def is_parent_of_minor(user: Any, learner: Any) -> bool:
    from hall32.core.models import Guardianship

    pid = _person_id(user)
    if learner is None or pid is None or not learner.is_minor:
        return False
    return Guardianship.objects.filter(child=learner, guardian_id=pid).exists()


@rules.predicate
def is_the_learner(user: Any, learner: Any) -> bool:
    return learner is not None and _person_id(user) == learner.pk


@rules.predicate
def tutors_contract(user: Any, contract: Any) -> bool:
    pid = _person_id(user)
    return contract is not None and pid is not None and contract.tutors.filter(person_id=pid).exists()


@rules.predicate
def contract_of_self_or_child(user: Any, contract: Any) -> bool:
    return contract is not None and (
        is_the_learner(user, contract.apprentice) or is_parent_of_minor(user, contract.apprentice)
    )


@rules.predicate
def referred_it(user: Any, referral: Any) -> bool:
    if referral is None:
        return False
    return referral.created_by_id == user.pk or (
        _person_id(user) is not None and referral.referrer_id == _person_id(user)
    )


@rules.predicate
def coaches_it(user: Any, referral: Any) -> bool:
    pid = _person_id(user)
    return (
        referral is not None
        and pid is not None
        and referral.session_id is not None
        and (referral.session.coach_id == pid)
    )


@rules.predicate
def sees_own_timetable(user: Any, learner: Any) -> bool:
    return is_the_learner(user, learner) or is_parent_of_minor(user, learner)


can_see_learner = is_manager | trains_learner | tutors_learner | is_parent_of_minor | is_the_learner

rules.set_perm("training.view_cohorts", is_hub_staff)
rules.set_perm("training.manage_cohorts", is_manager)
rules.set_perm("training.view_cohort", is_manager | trains_cohort)
rules.set_perm("training.take_attendance", is_manager | trains_cohort)
rules.set_perm("training.view_learner", can_see_learner)
rules.set_perm("training.evaluate_as_trainer", is_manager | trains_learner)
rules.set_perm("training.evaluate_as_tutor", tutors_learner)
rules.set_perm("training.view_learner_timetable", is_manager | trains_learner | sees_own_timetable)
rules.set_perm("training.view_my_path", is_learner)
rules.set_perm("training.view_my_apprentices", is_company_tutor)
rules.set_perm("training.view_applications", is_manager)
rules.set_perm("training.manage_applications", is_manager)
rules.set_perm("training.view_contracts", is_manager)
rules.set_perm("training.manage_contracts", is_manager)
rules.set_perm("training.view_contract", is_manager | tutors_contract | contract_of_self_or_child)
rules.set_perm("training.view_outcomes", is_hub_staff)
rules.set_perm("training.manage_outcomes", is_manager)
rules.set_perm("training.view_programmes", is_manager | is_trainer)
rules.set_perm("training.manage_programmes", is_manager)
rules.set_perm("training.refer", is_manager | is_referral_partner)
rules.set_perm("training.view_my_referrals", is_referral_partner)
rules.set_perm("training.view_referral", is_manager | referred_it | coaches_it)
rules.set_perm("training.write_progress_note", is_manager | coaches_it)
rules.set_perm("training.view_alerts", is_manager)
rules.set_perm("training.view_children", is_guardian)

for model in [
    "trade",
    "course",
    "cohort",
    "rubric",
    "rubriccriterion",
    "attendancecode",
    "programme",
    "programmesession",
    "competencyblock",
    "competency",
]:
    register_model(
        f"training.{model}", view=is_hub_staff, add=is_manager, change=is_manager, delete=is_direction
    )
for model in ["enrolment", "application", "outcome", "evaluation", "attendance"]:
    register_model(
        f"training.{model}", view=is_manager, add=is_manager, change=is_manager, delete=is_direction
    )
# Contracts and referrals keep their object-level view rule (set above); the admin's other actions:
for model in ["contract", "referral"]:
    rules.set_perm(f"training.add_{model}", is_manager)
    rules.set_perm(f"training.change_{model}", is_manager)
    rules.set_perm(f"training.delete_{model}", is_direction)
