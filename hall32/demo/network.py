"""The demo hub's partnerships: one for each organisation the core part made a partner (on its
partner dates, so that the partner counts stay 17 in 2019-20 and 75 in 2022-23), and prospects
among the companies that never were partners."""

from __future__ import annotations

from hall32.core.models import Organisation, years_before
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


def load(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("network")
    rows: list[Partnership] = []
    never: list[Organisation] = []
    for org in Organisation.objects.order_by("pk"):
        if org.partner_since is None:
            if org.kind == Organisation.Kind.COMPANY:
                never.append(org)
            continue
        ended = org.partner_until is not None and org.partner_until < ctx.today
        rows.append(
            Partnership(
                organisation=org,
                kind=Kind.FOUNDER if org.is_founder else KINDS[Organisation.Kind(org.kind)],
                stage=Stage.LAPSED if ended else Stage.PARTNER,
                start=org.partner_since,
                end=org.partner_until,
            )
        )
    for org in rng.sample(never, min(PROSPECTS, len(never))):
        rows.append(
            Partnership(
                organisation=org,
                kind=Kind.COMPANY,
                stage=rng.choice([Stage.PROSPECT, Stage.CONTACTED]),
                start=random_day(rng, years_before(ctx.today, 1), ctx.today),
            )
        )
    Partnership.objects.bulk_create(rows)
    return {"partnerships": len(rows)}
