"""Offer import: first a plan (which offers are created, which updated, which lines refused), then
the writes, exactly as planned, all or nothing.

The match rule: an offer of the file is one already imported when an offer has the same origin
(La bonne alternance or CSV) and the same identifier: importing the same file twice updates,
never creates twice. The company is found by its SIRET (by its exact name when the CSV has no
SIRET column) among the organisations; an unknown company refuses its line, naming it: creating
organisations is the directory's business (its duplicate checks), and an offer is for a company
of the network (services/offers.py). A course is found by the RNCP code when the file gives one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hall32.core import audit
from hall32.core.models import Organisation, User
from hall32.core.services import reference_issue
from hall32.network.errors import NetworkError
from hall32.network.importing import ImportError_, ImportResult, OfferRow
from hall32.network.models import Offer
from hall32.network.selectors import offers as selectors
from hall32.network.services.offers import OFFER_REFERENCES, offer_check, offer_save
from hall32.training import selectors as training_selectors

# The offer's fields a row fills; a field the file leaves empty keeps what the offer had.
FILLED = (
    "title",
    "site_name",
    "address",
    "postcode",
    "city",
    "start_date",
    "places",
    "rome_code",
    "rncp_code",
    "rhythm",
    "requirements",
    "required_skills",
    "wanted_skills",
    "description",
    "contact_email",
    "tutor_capacity",
    "adults_only",
    "needs_car",
)
# A refusal of the offers' rules, on the row's field it concerns.
FIELD_OF = {"company": "siret", "trade": "rome_code", "course": "rncp_code", "tutor": "tutor_capacity"}


@dataclass
class PlannedOffer:
    row: OfferRow
    offer: Offer  # unsaved: a new one (no pk) or the one found again, with the file's values
    status: str = ""
    changed: list[str] = field(default_factory=list)  # the fields an update changes


@dataclass
class ImportPlan:
    to_create: list[PlannedOffer] = field(default_factory=list)
    to_update: list[PlannedOffer] = field(default_factory=list)
    refused: list[ImportError_] = field(default_factory=list)
    skipped: int = 0

    @property
    def ok(self) -> bool:
        return not self.refused and bool(self.to_create or self.to_update)

    @property
    def planned(self) -> list[PlannedOffer]:
        return sorted(self.to_create + self.to_update, key=lambda p: p.row.line)

    @property
    def fingerprint(self) -> str:
        """What the import would write, as a digest: the confirmation must find the same."""
        payload = [
            {"row": p.row.values(), "offer": p.offer.pk, "company": p.offer.company_id, "changed": p.changed}
            for p in self.planned
        ]
        refused = [[e.line, e.column, e.reason] for e in self.refused]
        text = json.dumps({"planned": payload, "refused": refused}, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


def _company(row: OfferRow) -> Organisation | None:
    if row.siret:
        return selectors.company_by_siret(siret=row.siret)
    return Organisation.objects.filter(kind=Organisation.Kind.COMPANY, name__iexact=row.company_name).first()


def _value(offer: Offer, name: str) -> object:
    return getattr(offer, name)


def _label(name: str) -> str:
    return str(getattr(Offer._meta.get_field(name), "verbose_name", name))


def offers_import_plan(*, result: ImportResult) -> ImportPlan:
    """Read only: what `offers_import` would do with this file, line by line."""
    plan = ImportPlan(refused=list(result.errors), skipped=result.skipped)
    if result.errors:
        return plan
    for row in result.rows:
        company = _company(row)
        if company is None:
            who = (
                _("SIRET %(siret)s") % {"siret": row.siret}
                if row.siret
                else _("« %(name)s »") % {"name": row.company_name}
            )
            plan.refused.append(
                row.located(
                    "siret" if row.siret else "company_name",
                    _("entreprise inconnue (%(who)s) : ajoutez-la à l'annuaire et ouvrez-lui un partenariat")
                    % {"who": who},
                )
            )
            continue
        found = selectors.offer_by_source(source=row.source, external_id=row.external_id)
        offer = found or Offer(source=row.source, external_id=row.external_id, status=row.status)
        before = {name: _value(offer, name) for name in FILLED} if found else {}
        company_before = offer.company_id if found else None
        offer.company = company
        for name in FILLED:
            value = getattr(row, name)
            if found is None or value not in ("", None, []):
                setattr(offer, name, value)
        if row.rncp_code:
            offer.course = training_selectors.course_with_rncp(code=row.rncp_code)
        try:
            offer_check(offer=offer, previous_start=before.get("start_date"))
        except NetworkError as error:
            for name, messages in error.errors.items():
                attribute = FIELD_OF.get(name, name)
                plan.refused += [row.located(attribute, message) for message in messages]
            continue
        planned = PlannedOffer(row=row, offer=offer, status=row.status)
        if found is None:
            plan.to_create.append(planned)
        else:
            planned.changed = [_label(name) for name in FILLED if before[name] != _value(offer, name)]
            if company_before != company.pk:
                planned.changed.append(_label("company"))
            plan.to_update.append(planned)
    plan.refused.sort(key=lambda e: (e.line, e.column))
    return plan


@dataclass
class ImportOutcome:
    created: int = 0
    updated: int = 0


def _refused(plan: ImportPlan) -> NetworkError:
    first = plan.refused[0]
    return NetworkError(
        ngettext(
            "%(n)s erreur, rien n'a été importé : ligne %(line)s, %(column)s, %(why)s",
            "%(n)s erreurs, rien n'a été importé ; la première, ligne %(line)s, %(column)s : %(why)s",
            len(plan.refused),
        )
        % {"n": len(plan.refused), "line": first.line, "column": first.column_name, "why": first.reason},
        field="file",
    )


@transaction.atomic
def offers_import(*, result: ImportResult, by: User | None, expected: str | None = None) -> ImportOutcome:
    """Write a checked offer file as planned: offers created or updated. One transaction: all or
    nothing. `expected` is the fingerprint of the plan the user saw; when the data changed since,
    nothing is written (NetworkError, code "stale")."""
    # Two imports of one file at once would both plan to create the same offers: the existing
    # rows of that origin are locked, and the unique (source, external_id) constraint stops the
    # second's creations, so nothing of it is written.
    sources = {row.source for row in result.rows}
    list(Offer.objects.select_for_update().filter(source__in=sources).values_list("pk", flat=True))
    plan = offers_import_plan(result=result)
    if plan.refused:
        raise _refused(plan)
    if not plan.ok:
        raise NetworkError(_("Aucune offre à importer."), field="file")
    if expected is not None and plan.fingerprint != expected:
        raise NetworkError(
            _(
                "Les données ont changé depuis l'aperçu : vérifiez l'aperçu à jour, puis confirmez de nouveau."
            ),
            field="file",
            code="stale",
            status=409,
        )
    outcome = ImportOutcome()
    with audit.acting_as(by):
        for planned in plan.planned:
            offer = planned.offer
            if offer.pk is None:
                offer.reference = reference_issue(series=OFFER_REFERENCES, year=timezone.localdate().year)
                outcome.created += 1
            else:
                outcome.updated += 1
            try:
                offer_save(offer=offer)
            except NetworkError as error:
                raise NetworkError(
                    _("Ligne %(line)s : %(why)s") % {"line": planned.row.line, "why": error.message},
                    field="file",
                ) from None
    return outcome
