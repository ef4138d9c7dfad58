"""Machine bookings: create, move, end early, cancel; never two on one machine at once.

The race: two people pick the same free slot at the same moment; each request checks for
overlaps, finds none, and inserts. Every write therefore locks the machine's row first
(select_for_update), so the second request waits, then sees the first booking and is refused,
naming it. On PostgreSQL the exclusion constraint of migration 0002 is the safety net under this
check; its IntegrityError is turned into the same refusal.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hall32.core import tokens
from hall32.core.dates import long_date
from hall32.core.models import User
from hall32.industry import hours
from hall32.industry.errors import Conflict, Forbidden, IndustryError
from hall32.industry.models import Booking, Equipment, FeedToken, Project, QualificationGrant


def _when(booking: Booking) -> str:
    start, end = timezone.localtime(booking.start), timezone.localtime(booking.end)
    day = long_date(start, weekday=True)
    if start.date() == end.date():
        return f"{day}, {start:%H:%M}–{end:%H:%M}"
    return f"{day} {start:%H:%M} – {long_date(end, weekday=True)} {end:%H:%M}"


def describe(booking: Booking, *, viewer: User | None = None) -> str:
    """A booking named for a refusal: its reference and times, and its purpose if the viewer may
    know it (staff, or the person who booked)."""
    when = _when(booking)
    if booking.kind == Booking.Kind.MAINTENANCE:
        return _("la maintenance « %(title)s » %(ref)s (%(when)s)") % {
            "title": booking.title,
            "ref": booking.reference,
            "when": when,
        }
    if booking.kind == Booking.Kind.SCHEDULED:
        return _("l'opération planifiée %(ref)s « %(title)s » (%(when)s)") % {
            "ref": booking.reference,
            "title": booking.title,
            "when": when,
        }
    may_know = viewer is not None and (viewer.is_hub_staff or viewer.pk == booking.user_id)
    if may_know and booking.title:
        return _("la réservation %(ref)s « %(title)s » (%(when)s)") % {
            "ref": booking.reference,
            "title": booking.title,
            "when": when,
        }
    return _("la réservation %(ref)s (%(when)s)") % {"ref": booking.reference, "when": when}


def conflicts(
    *, equipment: Equipment, start: dt.datetime, end: dt.datetime, exclude: int | None = None
) -> list[Booking]:
    found = Booking.objects.confirmed().filter(equipment=equipment).overlapping(start, end)
    if exclude:
        found = found.exclude(pk=exclude)
    return list(found.order_by("start")[:5])


def qualification_problem(
    *, equipment: Equipment, user: User, start: dt.datetime, end: dt.datetime
) -> str | None:
    """Why `user` may not use `equipment` over [start, end), naming the qualification; None if they may."""
    qualification = equipment.qualification
    if qualification is None:
        return None
    first_day, last_day = (
        timezone.localtime(start).date(),
        timezone.localtime(end - dt.timedelta(seconds=1)).date(),
    )
    grants = list(
        QualificationGrant.objects.filter(person_id=user.person_id, qualification=qualification)
        if user.person_id
        else []
    )
    if any(g.is_valid_on(first_day) and g.is_valid_on(last_day) for g in grants):
        return None
    expiries = [
        g.expires_on for g in grants if g.revoked_on is None and g.expires_on and g.expires_on < last_day
    ]
    if expiries:
        latest = max(expiries)
        if latest < timezone.localdate():
            return _(
                "Votre habilitation « %(q)s » a expiré le %(d)s : faites-la renouveler pour réserver %(m)s."
            ) % {
                "q": qualification.name,
                "d": long_date(latest),
                "m": equipment.name,
            }
        return _("Votre habilitation « %(q)s » expire le %(d)s, avant la fin de ce créneau.") % {
            "q": qualification.name,
            "d": long_date(latest),
        }
    if any(g.revoked_on for g in grants):
        return _("Votre habilitation « %(q)s » a été retirée : voyez un·e ingénieur·e du Pôle Industrie.") % {
            "q": qualification.name
        }
    return _(
        "Il faut l'habilitation « %(q)s » pour réserver %(m)s. Elle est accordée par un·e ingénieur·e "
        "du Pôle Industrie après la formation."
    ) % {"q": qualification.name, "m": equipment.name}


def _check(
    *,
    equipment: Equipment,
    start: dt.datetime,
    end: dt.datetime,
    by: User,
    kind: str,
    project: Project | None,
    check_past: bool = True,
) -> None:
    if not equipment.is_active:
        raise IndustryError(_("Cette machine est hors service : elle ne se réserve pas."), field="equipment")
    problems = hours.booking_problems(
        start=start,
        end=end,
        now=timezone.now(),
        unattended=equipment.runs_unattended or kind == Booking.Kind.MAINTENANCE,
        check_past=check_past,
    )
    if problems:
        first = next(iter(problems.values()))[0]
        raise IndustryError(first, errors=problems)
    if kind != Booking.Kind.MAINTENANCE:
        problem = qualification_problem(equipment=equipment, user=by, start=start, end=end)
        if problem:
            raise Forbidden(problem, field="equipment", code="qualification")
    if project is not None:
        if not by.has_perm("industry.open_project", project):
            raise Forbidden(_("Ce projet n'est pas le vôtre."), field="project")
        if not project.is_open:
            raise IndustryError(
                _("Ce projet est clos : on n'y impute plus d'heures machine."), field="project"
            )


def _refuse_overlap(
    *, equipment: Equipment, start: dt.datetime, end: dt.datetime, by: User, exclude: int | None = None
) -> None:
    clash = conflicts(equipment=equipment, start=start, end=end, exclude=exclude)
    if clash:
        raise Conflict(
            _("Ce créneau chevauche %(what)s.") % {"what": describe(clash[0], viewer=by)},
            field="start",
            code="overlap",
        )


def _lock(equipment: Equipment) -> Equipment:
    # Serialises the writes on one machine (see the module docstring for the race).
    return Equipment.objects.select_for_update().get(pk=equipment.pk)


def _save(booking: Booking, *, by: User) -> Booking:
    """Save under a savepoint: if PostgreSQL's exclusion constraint fires (a writer that did not
    lock), answer as the service check would."""
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as error:
        if "no_overlap" not in str(error):
            raise
        _refuse_overlap(
            equipment=booking.equipment, start=booking.start, end=booking.end, by=by, exclude=booking.pk
        )
        raise Conflict(_("Ce créneau vient d'être pris."), field="start", code="overlap") from error
    return booking


def _notify(booking: Booking, kind: str, *, by: User) -> None:
    """Tell the person a booking is for that someone else made, moved or cancelled it, with the
    invitation for their calendar; queued once the transaction has committed (never inside it)."""
    if booking.kind != Booking.Kind.USAGE or booking.user_id is None or booking.user_id == by.pk:
        return
    from hall32.industry.tasks import send_booking_email

    booking_id, by_id = booking.pk, by.pk
    transaction.on_commit(lambda: send_booking_email.delay(booking_id, kind, by_id))


@transaction.atomic
def booking_create(
    *,
    equipment: Equipment,
    start: dt.datetime,
    end: dt.datetime,
    by: User,
    title: str = "",
    notes: str = "",
    project: Project | None = None,
    kind: str = Booking.Kind.USAGE,
    for_user: User | None = None,
) -> Booking:
    """Book a machine for [start, end), for `by` or, by an engineer, for `for_user` (who is then
    told by e-mail). Refused, naming the reason: a time outside the rules, a missing or expired
    qualification of the person who will use the machine, or an overlap with another booking or a
    maintenance window."""
    owner = for_user or by
    if owner.pk != by.pk:
        if not by.has_perm("industry.book_for_others"):
            raise Forbidden(
                _("Seul·e un·e ingénieur·e du Pôle Industrie réserve pour quelqu'un d'autre."),
                field="for_user",
            )
        if not (owner.is_active and owner.has_perm("industry.book_equipment")):
            raise IndustryError(_("Cette personne n'a pas accès aux machines."), field="for_user")
    _check(equipment=equipment, start=start, end=end, by=owner, kind=kind, project=project)
    equipment = _lock(equipment)
    _refuse_overlap(equipment=equipment, start=start, end=end, by=by)
    booking = Booking(
        equipment=equipment,
        kind=kind,
        start=start,
        end=end,
        title=title.strip(),
        notes=notes.strip(),
        user=owner,
        project=project,
    )
    booking = _save(booking, by=by)
    _notify(booking, "made", by=by)
    return booking


def _may_change(booking: Booking, by: User) -> None:
    if not by.has_perm("industry.modify_booking", booking):
        raise Forbidden(_("Vous ne pouvez modifier que vos propres réservations."))
    if booking.status != Booking.Status.CONFIRMED:
        raise IndustryError(_("Cette réservation est annulée."))


@transaction.atomic
def booking_update(
    *,
    booking: Booking,
    start: dt.datetime,
    end: dt.datetime,
    by: User,
    title: str = "",
    notes: str = "",
    project: Project | None = None,
) -> Booking:
    """Move or change a booking that has not ended; once it has started, only its end may move."""
    _may_change(booking, by)
    now = timezone.now()
    if booking.end <= now:
        raise IndustryError(_("Cette réservation est terminée : elle ne se modifie plus."))
    started = booking.start <= now
    if started and start != booking.start:
        raise IndustryError(_("Cette réservation a commencé : seule sa fin peut changer."), field="start")
    owner = booking.user or by
    _check(
        equipment=booking.equipment,
        start=start,
        end=end,
        by=owner,
        kind=booking.kind,
        project=project,
        check_past=not started,
    )
    _lock(booking.equipment)
    _refuse_overlap(equipment=booking.equipment, start=start, end=end, by=by, exclude=booking.pk)
    moved = (start, end) != (booking.start, booking.end)
    booking.start, booking.end = start, end
    booking.title, booking.notes, booking.project = title.strip(), notes.strip(), project
    booking = _save(booking, by=by)
    if moved:
        _notify(booking, "moved", by=by)
    return booking


@transaction.atomic
def booking_end_early(*, booking: Booking, by: User) -> Booking:
    """Free the rest of a running booking (the machine is done sooner than planned)."""
    _may_change(booking, by)
    now = timezone.now().replace(second=0, microsecond=0)
    if not booking.start < now < booking.end:
        raise IndustryError(_("Seule une réservation en cours peut être écourtée."))
    booking.planned_end = booking.planned_end or booking.end
    booking.end = now
    booking.save(update_fields=["end", "planned_end", "updated_at"])
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking, by: User) -> Booking:
    """Cancel a booking that has not started (a running one is ended early instead)."""
    _may_change(booking, by)
    if booking.start <= timezone.now():
        raise IndustryError(_("Cette réservation a commencé : écourtez-la plutôt que de l'annuler."))
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["status", "cancelled_at", "updated_at"])
    _notify(booking, "cancelled", by=by)
    return booking


@transaction.atomic
def feed_token_issue(*, user: User) -> str:
    """A new secret link to the user's bookings feed, replacing the old one (whose calendars stop
    updating). Returns the secret, the only time it can be read: the database keeps its digest."""
    return tokens.replace(FeedToken, user=user)
