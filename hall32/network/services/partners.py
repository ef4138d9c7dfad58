"""Services of the network app: every write to a partnership, with its rules."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hall32.core.models import Organisation
from hall32.core.services import validated_save
from hall32.network.errors import Conflict, NetworkError
from hall32.network.models import Agreement, ContactRole, Partnership

Kind = Partnership.Kind
Stage = Partnership.Stage

# The organisations a kind of partnership can be with; a kind not listed fits any organisation
# (a founder, a funder or an OPCO can be a company, a public body or a funder).
KIND_FITS: dict[str, set[str]] = {
    Kind.COMPANY: {Organisation.Kind.COMPANY},
    Kind.INDUSTRY_CLIENT: {Organisation.Kind.COMPANY},
    Kind.SCHOOL: {Organisation.Kind.SCHOOL},
    Kind.REFERRAL: {Organisation.Kind.AGENCY},
}

# The way a partnership moves forward: back to prospect after a contact that led nowhere yet, and
# lapsing only once it was a partner (`partnership_end` closes a prospect without lapsing it).
NEXT_STAGES: dict[str, set[str]] = {
    Stage.PROSPECT: {Stage.CONTACTED, Stage.PARTNER},
    Stage.CONTACTED: {Stage.PROSPECT, Stage.PARTNER},
    Stage.PARTNER: {Stage.LAPSED},
    Stage.LAPSED: set(),
}


def _check_dates(*, start: date, end: date | None) -> None:
    if end is not None and end < start:
        raise NetworkError(_("La fin doit être le jour du début ou après."), field="end")


@transaction.atomic
def partnership_create(
    *,
    organisation: Organisation,
    kind: str,
    stage: str = Stage.PROSPECT,
    start: date,
    end: date | None = None,
    notes: str = "",
) -> Partnership:
    """Open a partnership of one kind with an organisation (one open partnership per kind)."""
    if kind not in Kind.values:
        raise NetworkError(_("Choisissez un type de partenariat."), field="kind")
    if stage not in Stage.values:
        raise NetworkError(_("Choisissez une étape."), field="stage")
    fits = KIND_FITS.get(kind)
    if fits is not None and organisation.kind not in fits:
        raise NetworkError(
            _("Un partenariat « %(kind)s » ne convient pas à : %(organisation_kind)s.")
            % {"kind": Kind(kind).label, "organisation_kind": organisation.get_kind_display()},
            field="kind",
        )
    _check_dates(start=start, end=end)
    if stage == Stage.LAPSED and end is None:
        raise NetworkError(_("Indiquez la date de fin d'un ancien partenariat."), field="end")
    # The organisation's row is locked so that two people opening the same kind at once are
    # told by this check, not by the unique constraint's IntegrityError.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    same_kind = Partnership.objects.filter(organisation=organisation, kind=kind)
    if same_kind.open().exists():
        raise Conflict(
            _("%(organisation)s a déjà un partenariat « %(kind)s » en cours.")
            % {"organisation": organisation, "kind": Kind(kind).label},
            field="kind",
        )
    overlapping = same_kind.filter(end__gte=start, start__lte=end or date.max)
    if overlapping.exists():
        raise Conflict(
            _("Ces dates chevauchent un partenariat « %(kind)s » précédent de %(organisation)s.")
            % {"organisation": organisation, "kind": Kind(kind).label},
            field="start",
        )
    partnership = Partnership(
        organisation=organisation, kind=kind, stage=stage, start=start, end=end, notes=notes
    )
    partnership.save()
    return partnership


def _locked(partnership: Partnership) -> Partnership:
    return Partnership.objects.select_for_update().get(pk=partnership.pk)


@transaction.atomic
def partnership_change_stage(*, partnership: Partnership, stage: str, on: date | None = None) -> Partnership:
    """Move a partnership to its next stage on a day (today by default).

    Becoming a partner starts the partnership's span that day; lapsing ends it that day.
    """
    day = on or timezone.localdate()
    current = _locked(partnership)
    if stage not in Stage.values:
        raise NetworkError(_("Choisissez une étape."), field="stage")
    if current.end is not None and current.stage != Stage.PARTNER:
        raise NetworkError(_("Ce partenariat est terminé : ouvrez-en un nouveau."), field="stage")
    if stage not in NEXT_STAGES[current.stage]:
        raise NetworkError(
            _("Un partenariat à l'étape « %(current)s » ne peut pas passer à « %(stage)s ».")
            % {"current": current.get_stage_display(), "stage": Stage(stage).label},
            field="stage",
        )
    if stage == Stage.LAPSED:
        return _end(current, day)
    if stage == Stage.PARTNER:
        earlier = Partnership.objects.filter(organisation_id=current.organisation_id, kind=current.kind)
        if earlier.exclude(pk=current.pk).filter(end__gte=day).exists():
            raise Conflict(_("Ce jour tombe pendant un partenariat précédent du même type."), field="start")
        current.start = day
    current.stage = stage
    current.save(update_fields=["stage", "start", "updated_at"])
    return current


def _end(partnership: Partnership, day: date) -> Partnership:
    _check_dates(start=partnership.start, end=day)
    partnership.end = day
    if partnership.stage == Stage.PARTNER:
        # Still counted as a partner up to `day`: the counts read the span, not the stage.
        partnership.stage = Stage.LAPSED
    partnership.save(update_fields=["stage", "end", "updated_at"])
    return partnership


@transaction.atomic
def partnership_end(*, partnership: Partnership, on: date | None = None) -> Partnership:
    """Close a partnership on a day (today by default): a partner lapses, a prospect is dropped."""
    current = _locked(partnership)
    # A partner may have a planned end (a fixed-term agreement), and may still end earlier.
    if current.end is not None and current.stage != Stage.PARTNER:
        raise NetworkError(_("Ce partenariat est déjà terminé."), field="end")
    return _end(current, on or timezone.localdate())


# partners: what a merge of two organisations does with their partnerships and contacts' roles -----

STAGE_RANK: dict[str, int] = {Stage.PARTNER: 0, Stage.CONTACTED: 1, Stage.PROSPECT: 2, Stage.LAPSED: 3}


def partnerships_merge(*, kept: Organisation, merged: Organisation) -> int:
    """Settle, before a merge moves them, the open partnerships of a kind both organisations have
    (one open partnership per kind): the one furthest along stays (a partner before a contact,
    then the earlier start), and starts on the earlier day when both were partners; the other's
    notes and agreements go to it, and it is deleted. Closed partnerships simply move."""
    settled = 0
    open_ones = Partnership.objects.open().select_for_update()
    for theirs in open_ones.filter(organisation=merged):
        ours = open_ones.filter(organisation=kept, kind=theirs.kind).first()
        if ours is None:
            continue
        stay, drop = sorted([ours, theirs], key=lambda p: (STAGE_RANK[p.stage], p.start, p.pk))
        if stay.stage == drop.stage == Stage.PARTNER:
            stay.start = min(stay.start, drop.start)
        stay.notes = "\n\n".join(n for n in (stay.notes, drop.notes) if n)
        drop.agreements.update(partnership=stay)
        drop.delete()  # first: the survivor may move onto the kept organisation's open slot
        stay.organisation = kept
        stay.save(update_fields=["organisation", "start", "notes", "updated_at"])
        settled += 1
    return settled


def contact_roles_merge(*, kept: Organisation, merged: Organisation) -> int:
    """Settle the open roles the same person holds at both organisations: the kept one's stays
    (since the earlier day), the other is deleted."""
    settled = 0
    open_roles = ContactRole.objects.filter(end__isnull=True).select_for_update()
    for theirs in open_roles.filter(organisation=merged):
        ours = open_roles.filter(organisation=kept, person_id=theirs.person_id, role=theirs.role).first()
        if ours is None:
            continue
        starts = [d for d in (ours.start, theirs.start) if d is not None]
        ours.start = min(starts) if starts else None
        ours.is_primary = ours.is_primary or theirs.is_primary
        ours.save(update_fields=["start", "is_primary", "updated_at"])
        theirs.delete()
        settled += 1
    return settled


# partners: partnership agreements kept as documents ----------------------------------------------


@transaction.atomic
def agreement_create(
    *,
    organisation: Organisation,
    title: str,
    file: Any,
    partnership: Partnership | None = None,
    signed_on: date | None = None,
    valid_until: date | None = None,
) -> Agreement:
    """File a signed agreement with an organisation (its kind and size checked from its content)."""
    if partnership is not None and partnership.organisation_id != organisation.pk:
        raise NetworkError(_("Choisissez un partenariat de cette organisation."), field="partnership")
    if signed_on and valid_until and valid_until < signed_on:
        raise NetworkError(_("La fin de validité doit suivre la signature."), field="valid_until")
    agreement = Agreement(
        organisation=organisation,
        partnership=partnership,
        title=title.strip(),
        signed_on=signed_on,
        valid_until=valid_until,
        file=file,
    )
    return validated_save(agreement)


@transaction.atomic
def agreement_delete(*, agreement: Agreement) -> None:
    """Delete an agreement and, once the deletion is committed, its file."""
    storage, name = agreement.file.storage, agreement.file.name
    agreement.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
