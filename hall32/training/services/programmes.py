"""Targeted programmes: referral by a partner, intake, weekly notes, outcome."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from hall32.core import services as core_services
from hall32.core.models import Organisation, Person, User
from hall32.training.errors import TrainingError
from hall32.training.law import age_on
from hall32.training.models import (
    REFERRAL_TRANSITIONS,
    Programme,
    ProgrammeSession,
    ProgressNote,
    Referral,
    ReferralStatus,
)


@transaction.atomic
def referral_create(
    *,
    person: Person,
    programme: Programme,
    referred_by: Organisation,
    referrer: Person | None,
    referred_on: dt.date,
    reason: str = "",
    session: ProgrammeSession | None = None,
    by: User | None = None,
) -> Referral:
    """A partner refers someone to a programme; the programme's age limits apply on that day."""
    if referred_by.kind not in {
        Organisation.Kind.AGENCY,
        Organisation.Kind.COMPANY,
        Organisation.Kind.PUBLIC_BODY,
    }:
        raise TrainingError(
            _("Une orientation vient d'une structure d'emploi ou d'orientation, ou d'un employeur."),
            field="referred_by",
        )
    if session is not None and session.programme_id != programme.pk:
        raise TrainingError(_("Cette session n'appartient pas à ce programme."), field="session")
    if person.birth_date and (programme.min_age or programme.max_age):
        age = age_on(person.birth_date, referred_on)
        if (programme.min_age and age < programme.min_age) or (programme.max_age and age > programme.max_age):
            raise TrainingError(
                _("Ce programme accueille les %(a)s-%(b)s ans : %(name)s a %(age)s ans.")
                % {"a": programme.min_age, "b": programme.max_age, "name": person.full_name, "age": age},
                field="birth_date",
            )
    if (
        Referral.objects.filter(person=person, programme=programme)
        .exclude(status__in=[ReferralStatus.COMPLETED, ReferralStatus.DROPPED])
        .exists()
    ):
        raise TrainingError(
            _("Cette personne a déjà une orientation en cours vers ce programme."), field="programme"
        )
    return Referral.objects.create(
        person=person,
        programme=programme,
        session=session,
        referred_by=referred_by,
        referrer=referrer,
        referred_on=referred_on,
        reason=reason,
        created_by=by if by and by.pk else None,
    )


@transaction.atomic
def referral_for_new_person(
    *,
    first_name: str,
    last_name: str,
    birth_date: dt.date | None,
    email: str,
    phone: str,
    postcode: str,
    **kwargs,
) -> Referral:
    person = core_services.person_save(
        person=Person(
            first_name=first_name,
            last_name=last_name,
            birth_date=birth_date,
            email=email,
            phone=phone,
            postcode=postcode,
        )
    )
    return referral_create(person=person, **kwargs)


@transaction.atomic
def referral_move(
    *, referral: Referral, to_status: str, on: dt.date, session: ProgrammeSession | None = None
) -> Referral:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if to_status not in REFERRAL_TRANSITIONS[referral.status]:
        raise TrainingError(
            _("Passage impossible de « %(a)s » à « %(b)s ».")
            % {"a": ReferralStatus(referral.status).label, "b": ReferralStatus(to_status).label},
            field="status",
        )
    if to_status == ReferralStatus.INTAKE:
        referral.intake_on = on
        if session is not None:
            referral.session = session
    if to_status == ReferralStatus.IN_PROGRESS and referral.session is None:
        raise TrainingError(_("Affectez une session avant le début du parcours."), field="session")
    if to_status == ReferralStatus.COMPLETED and not referral.outcome:
        raise TrainingError(_("Indiquez la sortie du parcours pour le clore."), field="outcome")
    referral.status = to_status
    referral.save()
    return referral


@transaction.atomic
def referral_outcome(
    *, referral: Referral, outcome: str, on: dt.date, detail: str = "", employer: Organisation | None = None
) -> Referral:
    if outcome not in Referral.Outcome.values:
        raise TrainingError(_("Choisissez une sortie."), field="outcome")
    if referral.status not in {ReferralStatus.IN_PROGRESS, ReferralStatus.COMPLETED}:
        raise TrainingError(_("La sortie s'enregistre pour un parcours commencé."), field="outcome")
    referral.outcome, referral.outcome_on, referral.outcome_detail, referral.employer = (
        outcome,
        on,
        detail,
        employer,
    )
    if referral.status == ReferralStatus.IN_PROGRESS:
        referral.status = ReferralStatus.COMPLETED
    referral.save()
    return referral


@transaction.atomic
def progress_note_add(
    *, referral: Referral, week: int, note: str, on: dt.date, by: User | None
) -> ProgressNote:
    if referral.status not in {ReferralStatus.INTAKE, ReferralStatus.IN_PROGRESS}:
        raise TrainingError(_("Les points d'étape se notent pendant le parcours."), field="note")
    if not note.strip():
        raise TrainingError(_("Écrivez le point d'étape."), field="note")
    weeks = referral.programme.duration_weeks
    if not 1 <= week <= weeks:
        raise TrainingError(_("Semaine de 1 à %(n)s.") % {"n": weeks}, field="week")
    return ProgressNote.objects.create(
        referral=referral, week=week, note=note.strip(), written_on=on, author=by if by and by.pk else None
    )
