"""Training: cohorts, attendance, paths, admissions, contracts, outcomes, programmes.

A learner, their company tutor and their parents (while the learner is a minor) see only that
learner; a trainer sees the cohorts they teach; a referral partner sees the people they referred.
"""

from typing import Any

import rules
from django.db.models import Q, QuerySet
from django.utils import timezone

from hall32.core import access
from hall32.core.predicates import (
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


def cohorts_taught(person_id: int | None) -> QuerySet[Any]:
    """The cohorts a person teaches: named among its trainers, or teaching one of its sessions."""
    from hall32.training.models import Cohort

    if person_id is None:
        return Cohort.objects.none()
    return Cohort.objects.filter(Q(trainers__pk=person_id) | Q(sessions__trainer_id=person_id)).distinct()


@rules.predicate
def trains_cohort(user: Any, cohort: Any) -> bool:
    if cohort is None:
        return False
    return cohorts_taught(_person_id(user)).filter(pk=cohort.pk).exists()


@rules.predicate
def trains_learner(user: Any, learner: Any) -> bool:
    if learner is None or _person_id(user) is None:
        return False
    return _learners_taught(user).filter(pk=learner.pk).exists()


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
def coaches_session(user: Any, session: Any) -> bool:
    pid = _person_id(user)
    return session is not None and pid is not None and session.coach_id == pid


@rules.predicate
def sees_own_timetable(user: Any, learner: Any) -> bool:
    return is_the_learner(user, learner) or is_parent_of_minor(user, learner)


can_see_learner = is_manager | trains_learner | tutors_learner | is_parent_of_minor | is_the_learner

rules.add_perm("training.view_cohorts", is_hub_staff)
rules.add_perm("training.manage_cohorts", is_manager)
rules.add_perm("training.take_attendance", is_manager | trains_cohort)
rules.add_perm("training.view_learner", can_see_learner)
rules.add_perm("training.evaluate_as_trainer", is_manager | trains_learner)
rules.add_perm("training.evaluate_as_tutor", tutors_learner)
rules.add_perm("training.view_learner_timetable", is_manager | trains_learner | sees_own_timetable)
rules.add_perm("training.view_my_path", is_learner)
rules.add_perm("training.view_my_apprentices", is_company_tutor)
rules.add_perm("training.view_applications", is_manager)
rules.add_perm("training.manage_applications", is_manager)
rules.add_perm("training.view_contracts", is_manager)
rules.add_perm("training.manage_contracts", is_manager)
rules.add_perm("training.view_contract", is_manager | tutors_contract | contract_of_self_or_child)
# The apprentice's own part of the CERFA (birth place, nationality, disability, schooling): not the
# tutor's to read.
rules.add_perm("training.view_contract_personal", is_manager | contract_of_self_or_child)
rules.add_perm("training.view_outcomes", is_hub_staff)
rules.add_perm("training.manage_outcomes", is_manager)
rules.add_perm("training.view_programmes", is_manager | is_trainer)
# Who takes part in a targeted programme (young dropouts, refugees) and how they leave it: the
# coordination and the session's coach, not every trainer (they see the figures).
rules.add_perm("training.view_session_participants", is_manager | coaches_session)
rules.add_perm("training.manage_programmes", is_manager)
rules.add_perm("training.refer", is_manager | is_referral_partner)
rules.add_perm("training.view_my_referrals", is_referral_partner)
rules.add_perm("training.view_referral", is_manager | referred_it | coaches_it)
rules.add_perm("training.write_progress_note", is_manager | coaches_it)
rules.add_perm("training.view_alerts", is_manager)
rules.add_perm("training.view_children", is_guardian)

register_model(
    "training.cohort", view=is_manager | trains_cohort, add=is_manager, change=is_manager, delete=is_direction
)
for model in [
    "trade",
    "course",
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
    rules.add_perm(f"training.add_{model}", is_manager)
    rules.add_perm(f"training.change_{model}", is_manager)
    rules.add_perm(f"training.delete_{model}", is_direction)


# --- People and their fields (hall32.core.access) --------------------------------------------


def _people() -> Any:
    from hall32.core.models import Person

    return Person.objects


def _learners_taught(user: Any) -> QuerySet[Any]:
    return _people().filter(enrolments__cohort__in=cohorts_taught(_person_id(user)).values("pk"))


def _tutors_of(learners: QuerySet[Any]) -> QuerySet[Any]:
    return _people().filter(tutored_contracts__contract__apprentice__in=learners.values("pk"))


def _trainers_of(learners: QuerySet[Any]) -> QuerySet[Any]:
    from hall32.training.models import Cohort, Session

    cohorts = Cohort.objects.filter(enrolments__person__in=learners.values("pk")).values("pk")
    return _people().filter(
        Q(taught_cohorts__in=cohorts) | Q(pk__in=Session.objects.filter(cohort__in=cohorts).values("trainer"))
    )


def _apprentices(user: Any) -> QuerySet[Any]:
    pid = _person_id(user)
    return _people().filter(contracts__tutors__person_id=pid) if pid else _people().none()


def _minor_children(user: Any) -> QuerySet[Any]:
    from hall32.core.models import years_before

    pid = _person_id(user)
    if pid is None:
        return _people().none()
    return _people().filter(
        guardianships__guardian_id=pid, birth_date__gt=years_before(timezone.localdate(), 18)
    )


def _me(user: Any) -> QuerySet[Any]:
    pid = _person_id(user)
    return _people().filter(pk=pid) if pid else _people().none()


def _learner_and_children(user: Any) -> QuerySet[Any]:
    return _people().filter(Q(pk__in=_me(user).values("pk")) | Q(pk__in=_minor_children(user).values("pk")))


def _guardians_of_me(user: Any) -> QuerySet[Any]:
    return _people().filter(wards__child__in=_me(user).values("pk"))


def _referred(user: Any) -> QuerySet[Any]:
    pid = _person_id(user)
    made = Q(referrals__created_by_id=user.pk)
    if pid:
        made |= Q(referrals__referrer_id=pid)
    return _people().filter(made)


def _coached(user: Any) -> QuerySet[Any]:
    """The participants of the programme sessions the user coaches (none for anyone else: the
    grant applies to every account, and costs a query only when asked about a person)."""
    pid = _person_id(user)
    return _people().filter(referrals__session__coach_id=pid) if pid else _people().none()


WORK_CONTACT = ("name", "work", "email", "phone")

access.grant("learner_taught", who=is_trainer, people=_learners_taught, fields=("name", "work", "email"))
access.grant(
    "tutor_of_learner_taught",
    who=is_trainer,
    people=lambda user: _tutors_of(_learners_taught(user)),
    fields=WORK_CONTACT,
)
access.grant(
    "apprentice", who=is_company_tutor, people=_apprentices, fields=("name", "email", "phone", "civil")
)
access.grant(
    "minor_child",
    who=is_guardian,
    people=_minor_children,
    fields=("name", "work", "email", "phone", "civil", "address", "guardians", "consents"),
)
access.grant("own_guardian", who=is_learner, people=_guardians_of_me, fields=("name", "email", "phone"))
access.grant(
    "tutor_of_learner",
    who=is_learner | is_guardian,
    people=lambda user: _tutors_of(_learner_and_children(user)),
    fields=WORK_CONTACT,
)
access.grant(
    "trainer_of_learner",
    who=is_learner | is_guardian,
    people=lambda user: _trainers_of(_learner_and_children(user)),
    fields=("name", "work", "email"),
)
access.grant(
    "referred_person",
    who=is_referral_partner,
    people=_referred,
    fields=("name", "civil", "email", "phone", "address"),
)
access.grant(
    "programme_participant",
    who=rules.is_authenticated,
    people=_coached,
    fields=("name", "civil", "email", "phone"),
)
