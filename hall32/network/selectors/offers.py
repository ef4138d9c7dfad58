"""Reads of the network app: apprenticeship offers, the companies and tutors an offer may name,
and what an offer's page warns about."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from hall32.core.models import Organisation, Person
from hall32.network.models import Offer, OfferQuerySet, Partnership

APPRENTICES_PER_TUTOR = 2  # as services.offers (Code du travail R6223-6)


def offers_list() -> OfferQuerySet:
    return Offer.objects.select_related("company", "course", "trade", "tutor").annotate(
        wishes=Count("candidate_preferences", distinct=True)
    )


def offer_detail(*, pk: int) -> Offer:
    return Offer.objects.select_related("company", "course", "trade", "tutor").get(pk=pk)


def network_companies() -> QuerySet[Organisation]:
    """Companies an offer may be for: with an open partnership as a founder or a host."""
    return (
        Organisation.objects.filter(
            kind=Organisation.Kind.COMPANY,
            partnerships__kind__in=Partnership.PARTNER_COMPANY_KINDS,
            partnerships__end__isnull=True,
        )
        .distinct()
        .order_by("name")
    )


def offer_companies() -> QuerySet[Organisation]:
    """Companies that have offers (the list's filter)."""
    return Organisation.objects.filter(offers__isnull=False).distinct().order_by("name")


def company_people() -> QuerySet[Person]:
    """People working for a company of the network: the tutors an offer may name."""
    return (
        Person.objects.active()
        .filter(organisation__in=network_companies())
        .select_related("organisation")
        .order_by("last_name", "first_name")
    )


def offer_by_source(*, source: str, external_id: str) -> Offer | None:
    return Offer.objects.filter(source=source, external_id=external_id).first()


def company_by_siret(*, siret: str) -> Organisation | None:
    return Organisation.objects.filter(siret=siret).first()


def offer_warnings(*, offer: Offer) -> list[str]:
    """What the coordinator should know before placing anyone on the offer."""
    warnings = []
    if offer.tutor_capacity and offer.tutor_capacity > APPRENTICES_PER_TUTOR:
        warnings.append(
            _(
                "Au-delà de %(n)s apprenti·e·s, il faut plusieurs maîtres d'apprentissage : deux "
                "apprenti·e·s chacun, plus un·e redoublant·e (Code du travail, R6223-6)."
            )
            % {"n": APPRENTICES_PER_TUTOR}
        )
    if offer.tutor_id is None and offer.status == Offer.Status.OPEN:
        warnings.append(_("Aucun·e tuteur·rice n'est désigné·e : le contrat en demandera un·e."))
    return warnings


def open_offers() -> OfferQuerySet:
    return Offer.objects.open().select_related("company").order_by("company__name", "title")


def offer_counts() -> dict[str, int]:
    counts = Offer.objects.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in Offer.Status.values}
    )
    return {key: value or 0 for key, value in counts.items()}
