"""Contracts and the three-month alert."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from hall32.core.models import Guardianship
from hall32.training.law import add_months
from hall32.training.models import Contract, Enrolment


def contracts() -> QuerySet[Contract]:
    return Contract.objects.select_related("apprentice", "employer", "course").prefetch_related(
        "tutors__person"
    )


def usual_opco() -> int | None:
    """The OPCO a new contract starts with: the one the last contract went to (most of the hub's
    employers belong to the same one); the coordinator changes it when it differs."""
    return (
        Contract.objects.exclude(opco=None)
        .order_by("-created_at", "-pk")
        .values_list("opco_id", flat=True)
        .first()
    )


def contracts_visible_to(*, user: Any) -> QuerySet[Contract]:
    """Staff see every contract; a tutor the contracts they follow; a learner their own; a parent
    those of their minor children."""
    if user.has_perm("training.view_contracts"):
        return contracts()
    pid = getattr(user, "person_id", None)
    minors = [
        g.child_id
        for g in Guardianship.objects.filter(guardian_id=pid).select_related("child")
        if g.child.is_minor
    ]
    return (
        contracts()
        .filter(Q(tutors__person_id=pid) | Q(apprentice_id=pid) | Q(apprentice_id__in=minors))
        .distinct()
    )


def learners_without_contract(*, today: dt.date) -> QuerySet[Enrolment]:
    """Apprentices (by status) still enrolled, with no signed contract covering today, three months
    or more after their course started: the coordinator must help them find a company."""
    signed = Contract.objects.filter(
        apprentice=OuterRef("person"),
        status=Contract.Status.SIGNED,
        start_date__lte=today,
        end_date__gte=today,
        broken_on__isnull=True,
    )
    # The course started three months ago or more: their first enrolment in it is that old.
    long_enough = Enrolment.objects.filter(
        person=OuterRef("person"),
        cohort__course=OuterRef("cohort__course"),
        start_date__lte=add_months(today, -3),
    )
    return (
        Enrolment.objects.current_on(today)
        .filter(status=Enrolment.Status.APPRENTICE)
        .annotate(has_contract=Exists(signed), started=Exists(long_enough))
        .filter(has_contract=False, started=True)
        .select_related("person", "cohort__course")
        .order_by("cohort__start_date", "person__last_name")
    )


def contracts_of_employer(*, organisation: Any, user: Any) -> QuerySet[Contract]:
    """The contracts an organisation signed as employer, as `user` may see them (the network's
    timeline of an organisation reads them here)."""
    return contracts_visible_to(user=user).filter(employer=organisation).order_by("-start_date", "-pk")
