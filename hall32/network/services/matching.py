"""Services of the network app: matching (issue 11, in progress)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from hall32.core.models import Person
from hall32.network.errors import NetworkError
from hall32.network.models import CandidatePreference, CandidateProfile, CompanyRating, Offer
from hall32.network.selectors.matching import candidate_was_met
from hall32.network.services.offers import skills_clean

# candidate data (h12/offers) ---------------------------------------------------------------------
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


# end of candidate data (h12/offers) --------------------------------------------------------------
