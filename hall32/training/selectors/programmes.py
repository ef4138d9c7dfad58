"""Targeted programmes: sessions, participants, outcomes; what each partner may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from hall32.training.models import ProgrammeSession, Referral, ReferralStatus


def referrals() -> QuerySet[Referral]:
    return Referral.objects.select_related("person", "programme", "session", "referred_by", "referrer")


def referrals_visible_to(*, user: Any) -> QuerySet[Referral]:
    """Staff see every referral; a referral partner sees only the people they referred."""
    if user.has_perm("training.manage_programmes"):
        return referrals()
    pid = getattr(user, "person_id", None)
    visible = Q(created_by=user)
    if pid:
        visible |= Q(referrer_id=pid) | Q(session__coach_id=pid)
    return referrals().filter(visible)


def sessions() -> QuerySet[ProgrammeSession]:
    return ProgrammeSession.objects.select_related("programme", "coach").annotate(
        participants=Count("referrals", filter=~Q(referrals__status=ReferralStatus.REFERRED), distinct=True),
        offers=Count(
            "referrals",
            filter=Q(referrals__outcome__in=[Referral.Outcome.JOB_OFFER, Referral.Outcome.EMPLOYMENT]),
            distinct=True,
        ),
    )
