"""The demo hub's partnerships. The core part (and training.frameworks, for the hub itself) makes
the partners as it draws their dates, so that the partner counts stay 17 in 2019-20 and 75 in
2022-23 and the parts after it find the partner companies; this part adds prospects among the
companies that never were partners. The network_* parts, loaded after the other apps, add the
rest: the other kinds of partnership and their history (network_relations), the contacts' roles,
interactions and follow-up tasks (network_interactions), and the offers and the unplaced
candidates (network_offers)."""

from __future__ import annotations

from datetime import date

from hall32.core.models import Organisation, OrganisationQuerySet, years_before
from hall32.demo.data import random_day
from hall32.demo.loader import DemoContext
from hall32.network.models import Partnership

Kind, Stage = Partnership.Kind, Partnership.Stage

KINDS = {
    Organisation.Kind.COMPANY: Kind.COMPANY,
    Organisation.Kind.SCHOOL: Kind.SCHOOL,
    Organisation.Kind.AGENCY: Kind.REFERRAL,
    Organisation.Kind.FUNDER: Kind.FUNDER,
    Organisation.Kind.PUBLIC_BODY: Kind.FUNDER,
}

PROSPECTS = 14

# The stages a partner went through: a prospect or a contact never was one.
PARTNER_STAGES = (Stage.PARTNER, Stage.LAPSED)


def partnership(org: Organisation, *, start: date, end: date | None, today: date) -> Partnership:
    """The partnership of an organisation that was a partner from start to end (None: still is)."""
    ended = end is not None and end < today
    return Partnership(
        organisation=org,
        kind=Kind.FOUNDER if org.is_founder else KINDS[Organisation.Kind(org.kind)],
        stage=Stage.LAPSED if ended else Stage.PARTNER,
        start=start,
        end=end,
    )


def partner_companies() -> OrganisationQuerySet:
    """The companies that are or were partners, by primary key."""
    return (
        Organisation.objects.companies()
        .filter(
            partnerships__stage__in=PARTNER_STAGES, partnerships__kind__in=Partnership.PARTNER_COMPANY_KINDS
        )
        .distinct()
        .order_by("pk")
    )


def partner_spans() -> dict[int, tuple[date, date | None]]:
    """Each partner company's id: the first day and the last (None: still a partner). Of the company
    kinds only: the later parts add other kinds (a Pôle Industrie client, a funder) to the same
    organisations."""
    rows = Partnership.objects.filter(stage__in=PARTNER_STAGES, kind__in=Partnership.PARTNER_COMPANY_KINDS)
    return {p.organisation_id: (p.start, p.end) for p in rows}


def load(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("network")
    never = list(Organisation.objects.companies().filter(partnerships__isnull=True).order_by("pk"))
    rows = [
        Partnership(
            organisation=org,
            kind=Kind.COMPANY,
            stage=rng.choice([Stage.PROSPECT, Stage.CONTACTED]),
            start=random_day(rng, years_before(ctx.today, 1), ctx.today),
        )
        for org in rng.sample(never, min(PROSPECTS, len(never)))
    ]
    Partnership.objects.bulk_create(rows)
    return {"partnerships": Partnership.objects.count()}
