"""Services of the network app: every write to an apprenticeship offer, with its rules.

Which companies: an offer is a company's (an organisation of kind company) that is in the hub's
network, that is with an open partnership as a founder or a host of apprentices, at any stage
(prospect, contacted, partner). A company never met, or whose partnerships have all ended, gets
one first (the partner directory): an offer then always leads back to someone the hub knows.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hall32.core import audit, geo
from hall32.core.models import Organisation, User
from hall32.core.services import ReferenceSeries, reference_issue, validated_save
from hall32.network.errors import NetworkError
from hall32.network.models import Offer, Partnership

Status = Offer.Status

OFFER_REFERENCES = ReferenceSeries(
    kind="network.offer", model=Offer, field="reference", prefix="OFF-{year}-", digits=4
)

# Code du travail (R6223-6): a maître d'apprentissage follows two apprentices at most, plus one
# who repeats a year. Beyond two, an offer needs several tutors: the offer's page says so.
APPRENTICES_PER_TUTOR = 2
MAX_PLACES = 50
MAX_SKILLS = 20
MAX_SKILL_LENGTH = 60
ROME_CODE = re.compile(r"[A-N]\d{4}")

# Where an offer may go from each status: filled and closed offers can be opened again (filled:
# a place freed up; closed: back to a draft to be reviewed first).
NEXT_STATUSES: dict[str, set[str]] = {
    Status.DRAFT: {Status.OPEN, Status.CLOSED},
    Status.OPEN: {Status.FILLED, Status.CLOSED, Status.DRAFT},
    Status.FILLED: {Status.OPEN, Status.CLOSED},
    Status.CLOSED: {Status.DRAFT},
}


def skills_clean(values: Iterable[str] | str) -> list[str]:
    """Short skills, as typed (comma- or semicolon-separated) or listed: trimmed, each once."""
    if isinstance(values, str):
        values = re.split(r"[,;\n]", values)
    found: list[str] = []
    for value in values:
        skill = " ".join(str(value).split())
        if not skill:
            continue
        if len(skill) > MAX_SKILL_LENGTH:
            raise NetworkError(
                _("« %(skill)s… » est trop long : %(max)s caractères au plus par compétence.")
                % {"skill": skill[:20], "max": MAX_SKILL_LENGTH},
                field="skills",
            )
        if skill.casefold() not in {f.casefold() for f in found}:
            found.append(skill)
    if len(found) > MAX_SKILLS:
        raise NetworkError(
            _("%(max)s compétences au plus : gardez l'essentiel.") % {"max": MAX_SKILLS}, field="skills"
        )
    return found


def _skills(offer: Offer) -> None:
    for name in ("required_skills", "wanted_skills"):
        try:
            setattr(offer, name, skills_clean(getattr(offer, name) or []))
        except NetworkError as error:
            raise NetworkError(error.message, field=name) from None


def company_in_network(company: Organisation) -> bool:
    return Partnership.objects.filter(
        organisation=company, kind__in=Partnership.PARTNER_COMPANY_KINDS, end__isnull=True
    ).exists()


def offer_check(*, offer: Offer, previous_start: object = None) -> None:
    """The rules of an offer being created (`previous_start` None) or changed."""
    company = offer.company
    if company.kind != Organisation.Kind.COMPANY:
        raise NetworkError(_("Une offre d'apprentissage est celle d'une entreprise."), field="company")
    if not company_in_network(company):
        raise NetworkError(
            _(
                "%(company)s n'est pas dans le réseau : ouvrez-lui d'abord un partenariat "
                "« entreprise d'accueil » (même au stade de prospect)."
            )
            % {"company": company.name},
            field="company",
        )
    offer.title = " ".join(offer.title.split())
    if not offer.title:
        raise NetworkError(_("Donnez l'intitulé du poste."), field="title")
    offer.postcode = (offer.postcode or "").strip()
    if not re.fullmatch(r"\d{5}", offer.postcode):
        raise NetworkError(_("Un code postal compte 5 chiffres."), field="postcode")
    communes = geo.communes(offer.postcode)
    if not communes:
        raise NetworkError(
            _("Code postal %(code)s inconnu : vérifiez-le.") % {"code": offer.postcode}, field="postcode"
        )
    offer.city = " ".join(offer.city.split())
    if not offer.city:
        # A postcode of one commune names it; of several, the site's commune must be said (the
        # first one listed is no more likely than the others).
        if len(communes) > 1:
            names = ", ".join(p.label for p in communes[:4])
            raise NetworkError(
                _("Le code postal %(code)s couvre plusieurs communes (%(names)s…) : indiquez la commune.")
                % {"code": offer.postcode, "names": names},
                field="city",
            )
        offer.city = communes[0].label
    today = timezone.localdate()
    if offer.start_date < today and offer.start_date != previous_start:
        raise NetworkError(_("Le début ne peut pas être dans le passé."), field="start_date")
    if not 1 <= offer.places <= MAX_PLACES:
        raise NetworkError(_("De 1 à %(max)s places par offre.") % {"max": MAX_PLACES}, field="places")
    # The course gives its RNCP code and its trade. training's Trade has no ROME code (yet): the
    # ROME code stays as typed or as the imported file gives it.
    if offer.course is not None:
        if not offer.rncp_code:
            offer.rncp_code = offer.course.rncp_code
        if offer.trade is None:
            offer.trade = offer.course.trade
    offer.rncp_code = offer.rncp_code.strip().upper()
    offer.rome_code = offer.rome_code.strip().upper()
    if offer.rome_code and not ROME_CODE.fullmatch(offer.rome_code):
        raise NetworkError(
            _("Un code ROME s'écrit d'une lettre et de quatre chiffres (H2913)."), field="rome_code"
        )
    if offer.tutor is not None and offer.tutor.organisation_id != company.pk:
        raise NetworkError(
            _("%(tutor)s ne travaille pas chez %(company)s : choisissez un·e salarié·e de l'entreprise.")
            % {"tutor": offer.tutor, "company": company.name},
            field="tutor",
        )
    if offer.tutor_capacity is not None:
        if offer.tutor_capacity < 1:
            raise NetworkError(_("Les tuteurs suivent au moins un·e apprenti·e."), field="tutor_capacity")
        if offer.places > offer.tutor_capacity:
            raise NetworkError(
                _(
                    "Les tuteurs ne peuvent suivre que %(n)s apprenti·e·s : ouvrez au plus %(n)s places, "
                    "ou augmentez leur capacité (deux apprentis par maître d'apprentissage)."
                )
                % {"n": offer.tutor_capacity},
                field="places",
            )
    _skills(offer)


def offer_save(*, offer: Offer) -> Offer:
    """full_clean then save, a model rule refused as a NetworkError on its field (the caller holds
    the transaction)."""
    try:
        return validated_save(offer)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise NetworkError(messages[0], field=field) from None


@transaction.atomic
def offer_create(*, offer: Offer, by: User | None = None) -> Offer:
    """Record a new offer (draft or open), numbered OFF-<year>-NNNN; `by` is the audit's author
    when the call comes from outside a request (a command, a task)."""
    if offer.status not in (Status.DRAFT, Status.OPEN):
        raise NetworkError(_("Une nouvelle offre est un brouillon ou une offre ouverte."), field="status")
    offer_check(offer=offer)
    offer.reference = reference_issue(series=OFFER_REFERENCES, year=timezone.localdate().year)
    with audit.acting_as(by) if by is not None else contextlib.nullcontext():
        return offer_save(offer=offer)


@transaction.atomic
def offer_update(*, offer: Offer) -> Offer:
    """Save an offer's changes; its status moves with offer_set_status."""
    # Two edits at once: the row is locked so that the second checks against the first's save.
    stored = Offer.objects.select_for_update().get(pk=offer.pk)
    offer.status = stored.status
    offer.reference = stored.reference
    offer_check(offer=offer, previous_start=stored.start_date)
    return offer_save(offer=offer)


@transaction.atomic
def offer_set_status(*, offer: Offer, status: str) -> Offer:
    """Open, fill, close an offer, or take it back to a draft."""
    current = Offer.objects.select_for_update().get(pk=offer.pk)
    if status not in Status.values:
        raise NetworkError(_("Choisissez un statut."), field="status")
    if status not in NEXT_STATUSES[current.status]:
        raise NetworkError(
            _("Une offre « %(current)s » ne peut pas passer à « %(status)s ».")
            % {"current": current.get_status_display(), "status": Status(status).label},
            field="status",
        )
    if status == Status.OPEN and current.start_date < timezone.localdate():
        raise NetworkError(
            _("Le début de l'offre est passé : changez-le avant de l'ouvrir."), field="start_date"
        )
    current.status = status
    current.save(update_fields=["status", "updated_at"])
    offer.status = current.status
    return current
