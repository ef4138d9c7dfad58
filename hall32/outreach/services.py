"""Writes of the outreach app: events, class bookings and their waiting list, forum plans,
open-day registrations and the guides' rota, tallies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hall32.core import selectors as core_selectors
from hall32.core import services as core_services
from hall32.core.dates import long_date
from hall32.core.jobs import run_reporting
from hall32.core.models import Job, Organisation, Person, User
from hall32.outreach import selectors
from hall32.outreach.errors import Conflict, OutreachError
from hall32.outreach.models import (
    ApprenticeAvailability,
    ClassBooking,
    Event,
    EventKind,
    EventTally,
    ForumPlan,
    PlanAssignment,
    PlanStaffing,
    TourAssignment,
    VisitorRegistration,
    WorkshopPreference,
)
from hall32.outreach.optimisation import forum as forum_opt
from hall32.outreach.optimisation import rota as rota_opt


def _notify(booking_id: int, kind: str) -> None:
    """Queue an e-mail about a booking once the transaction has committed (never inside it)."""
    from hall32.outreach.tasks import send_booking_email

    transaction.on_commit(lambda: send_booking_email.delay(booking_id, kind))


def _notify_visitor(registration_id: int) -> None:
    """Queue the confirmation of an open-day registration once the transaction has committed."""
    from hall32.outreach.tasks import send_visitor_email

    transaction.on_commit(lambda: send_visitor_email.delay(registration_id))


# --- Events --------------------------------------------------------------------------------------


def _unique_slug(event: Event) -> str:
    base = slugify(f"{event.title}-{timezone.localtime(event.start):%Y-%m-%d}")[:200] or "evenement"
    slug, index = base, 2
    while Event.objects.filter(slug=slug).exclude(pk=event.pk).exists():
        slug, index = f"{base}-{index}", index + 1
    return slug


@transaction.atomic
def event_save(*, event: Event) -> Event:
    """Create or update an event; a larger capacity lets waiting classes in, in order."""
    if not event.slug:
        event.slug = _unique_slug(event)
    core_services.validated_save(event)
    if event.takes_classes:
        waitlist_refill(event=event)
    return event


@transaction.atomic
def event_cancel(*, event: Event) -> Event:
    """Cancel an event and every active booking, telling each teacher."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == Event.Status.CANCELLED:
        raise OutreachError(_("Cet événement est déjà annulé."))
    event.status = Event.Status.CANCELLED
    event.save(update_fields=["status", "updated_at"])
    for booking in event.bookings.active():
        booking.status = ClassBooking.Status.CANCELLED
        booking.cancelled_at = timezone.now()
        booking.save(update_fields=["status", "cancelled_at", "updated_at"])
        _notify(booking.pk, "event_cancelled")
    return event


# --- Class bookings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeacherContact:
    first_name: str
    last_name: str
    email: str
    phone: str = ""


def _normalise_class(name: str) -> str:
    return " ".join(name.lower().replace("ème", "e").replace("è", "e").split())


def teacher_for(*, contact: TeacherContact, school: Organisation) -> Person:
    """The teacher's record, found by e-mail (so a teacher booking twice is one person)."""
    person = Person.objects.active().filter(email__iexact=contact.email.strip()).first()
    if person is None:
        person = core_services.person_save(
            person=Person(
                first_name=contact.first_name.strip(),
                last_name=contact.last_name.strip(),
                email=contact.email.strip().lower(),
                phone=contact.phone.strip(),
                organisation=school,
                job_title=_("Enseignant·e"),
            )
        )
    elif person.organisation_id is None:
        person.organisation = school
        core_services.person_save(person=person)
    return person


def school_for(
    *, school: Organisation | None, name: str = "", postcode: str = "", uai: str = ""
) -> Organisation:
    """The school picked in the list, or the one the teacher typed (created once, found by UAI)."""
    if school is not None:
        if school.kind != Organisation.Kind.SCHOOL:
            raise OutreachError(_("Choisissez un établissement scolaire."), field="school")
        return school
    if not name.strip():
        raise OutreachError(
            _("Choisissez votre établissement dans la liste ou saisissez son nom."), field="school"
        )
    # partners: the school already there under its UAI or a close name (core.duplicates' rule),
    # which creating it again would be refused for.
    found = core_selectors.organisation_duplicate_of(
        name=name.strip(), postcode=postcode, uai=uai.strip().upper()
    )
    if found is not None and (found[1] == "uai" or found[0].kind == Organisation.Kind.SCHOOL):
        return found[0]
    return core_services.organisation_save(
        organisation=Organisation(
            name=name.strip(),
            kind=Organisation.Kind.SCHOOL,
            postcode=postcode,
            uai=uai.strip().upper(),
        )
    )


@transaction.atomic
def booking_create(
    *,
    event: Event,
    school: Organisation,
    teacher: Person,
    class_name: str,
    level: str,
    girls: int,
    boys: int,
    arrival: dt.time | None = None,
    departure: dt.time | None = None,
    needs: str = "",
    preferences: Iterable[int] = (),
    booked_by: User | None = None,
) -> ClassBooking:
    """Book a class: confirmed if it fits, else on the waiting list in order of request.

    Two teachers may ask for the last places at the same moment: the event row is locked
    (SELECT ... FOR UPDATE) so the capacity check and the insert happen one booking at a time;
    on SQLite the write transaction (BEGIN IMMEDIATE) serialises them the same way.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.takes_classes:
        raise OutreachError(_("Cet événement n'accueille pas de réservations de classes."))
    if event.status != Event.Status.PUBLISHED or not event.registration_open:
        raise OutreachError(_("Les réservations sont fermées pour cet événement."))
    if event.start <= timezone.now():
        raise OutreachError(_("Cet événement a déjà commencé : il n'est plus possible de réserver."))
    if girls < 0 or boys < 0 or girls + boys == 0:
        raise OutreachError(_("Indiquez le nombre de filles et de garçons de la classe."), field="girls")
    if not class_name.strip():
        raise OutreachError(_("Indiquez le nom de la classe (par exemple 3e B)."), field="class_name")
    if arrival and departure and departure <= arrival:
        raise OutreachError(_("Le départ doit être après l'arrivée."), field="departure")
    day = timezone.localtime(event.start).date()
    same_day = (
        ClassBooking.objects.active().filter(school=school, event__start__date=day).select_related("event")
    )
    wanted = _normalise_class(class_name)
    for other in same_day:
        if _normalise_class(other.class_name) == wanted:
            raise Conflict(
                _("La classe %(name)s de cet établissement est déjà inscrite le %(day)s (%(event)s).")
                % {
                    "name": other.class_name,
                    "day": long_date(day),
                    "event": other.event.title,
                },
                field="class_name",
            )
    pupils = girls + boys
    fits = event.capacity is None or selectors.confirmed_pupils(event=event) + pupils <= event.capacity
    now = timezone.now()
    booking = ClassBooking.objects.create(
        event=event,
        school=school,
        teacher=teacher,
        booked_by=booked_by if booked_by and booked_by.pk else None,
        class_name=class_name.strip(),
        level=level,
        pupils=pupils,
        girls=girls,
        boys=boys,
        status=ClassBooking.Status.CONFIRMED if fits else ClassBooking.Status.WAITLISTED,
        requested_at=now,
        confirmed_at=now if fits else None,
        arrival=arrival,
        departure=departure,
        needs=needs.strip(),
    )
    workshops = set(event.workshops.values_list("pk", flat=True))
    ranked = [w for w in dict.fromkeys(preferences) if w in workshops]
    WorkshopPreference.objects.bulk_create(
        WorkshopPreference(booking=booking, workshop_id=w, rank=rank)
        for rank, w in enumerate(ranked, start=1)
    )
    _notify(booking.pk, "confirmed" if fits else "waitlisted")
    return booking


@dataclass(frozen=True)
class SchoolChoice:
    """The school picked in the list, or the one the teacher typed."""

    school: Organisation | None
    name: str = ""
    postcode: str = ""
    uai: str = ""


@transaction.atomic
def booking_request(
    *,
    event: Event,
    school: SchoolChoice,
    contact: TeacherContact,
    class_name: str,
    level: str,
    girls: int,
    boys: int,
    arrival: dt.time | None = None,
    departure: dt.time | None = None,
    needs: str = "",
    preferences: Iterable[int] = (),
    booked_by: User | None = None,
) -> ClassBooking:
    """A teacher's request, from the page or the API: their school and their record found or made,
    then the class booked; a refused booking leaves no new school or teacher behind."""
    found = school_for(school=school.school, name=school.name, postcode=school.postcode, uai=school.uai)
    return booking_create(
        event=event,
        school=found,
        teacher=teacher_for(contact=contact, school=found),
        class_name=class_name,
        level=level,
        girls=girls,
        boys=boys,
        arrival=arrival,
        departure=departure,
        needs=needs,
        preferences=preferences,
        booked_by=booked_by,
    )


@transaction.atomic
def booking_cancel(*, booking: ClassBooking) -> ClassBooking:
    """Cancel a booking; the freed places go to the waiting classes, in order."""
    event = Event.objects.select_for_update().get(pk=booking.event_id)
    booking = ClassBooking.objects.select_related("event").get(pk=booking.pk)
    refusal = selectors.booking_cancel_refusal(booking=booking)
    if refusal:
        raise OutreachError(refusal)
    booking.status = ClassBooking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["status", "cancelled_at", "updated_at"])
    _notify(booking.pk, "cancelled")
    waitlist_refill(event=event)
    return booking


def waitlist_refill(*, event: Event) -> list[ClassBooking]:
    """Confirm waiting classes in order of request while places remain. A class too large for the
    places left keeps its rank, and a smaller class behind it may go in (first fit, in order).
    Callers hold the event's row lock."""
    free = None if event.capacity is None else event.capacity - selectors.confirmed_pupils(event=event)
    promoted = []
    for waiting in event.bookings.waiting():
        if free is not None and waiting.pupils > free:
            continue
        waiting.status = ClassBooking.Status.CONFIRMED
        waiting.confirmed_at = timezone.now()
        waiting.save(update_fields=["status", "confirmed_at", "updated_at"])
        _notify(waiting.pk, "promoted")
        promoted.append(waiting)
        if free is not None:
            free -= waiting.pupils
    return promoted


@transaction.atomic
def booking_set_status(*, booking: ClassBooking, status: str) -> ClassBooking:
    """Staff mark a confirmed class as absent on the day (or present again)."""
    allowed = {ClassBooking.Status.CONFIRMED, ClassBooking.Status.NO_SHOW}
    if status not in allowed or booking.status not in allowed:
        raise OutreachError(_("Seule une classe confirmée peut être marquée absente ou présente."))
    booking.status = status
    booking.save(update_fields=["status", "updated_at"])
    return booking


def reminders_send(*, now: dt.datetime | None = None, days_before: int = 3) -> int:
    """Queue the reminder of every confirmed class whose event starts within `days_before` days.
    Safe to run twice: a booking is reminded once (reminder_sent_at)."""
    now = now or timezone.now()
    due = ClassBooking.objects.confirmed().filter(
        reminder_sent_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
        event__start__gt=now,
        event__start__lte=now + dt.timedelta(days=days_before),
    )
    count = 0
    for booking in due:
        with transaction.atomic():
            updated = ClassBooking.objects.filter(pk=booking.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if updated:
                _notify(booking.pk, "reminder")
                count += 1
    return count


# --- Forum-day planning --------------------------------------------------------------------------


def forum_plan_start(*, event: Event, by: User | None, time_limit: float = 10.0) -> Job:
    """Queue the planner for a forum day; the page follows its progress through the job."""
    from hall32.outreach.tasks import compute_forum_plan

    if event.kind != EventKind.FORUM:
        raise OutreachError(_("Seul un forum des métiers se planifie par ateliers."))
    if not event.bookings.confirmed().exists():
        raise OutreachError(_("Aucune classe confirmée : rien à planifier."))
    with transaction.atomic():
        job = core_services.job_create(
            kind="forum_plan", params={"event": event.pk, "time_limit": time_limit}, by=by
        )
        ForumPlan.objects.create(
            event=event,
            status=ForumPlan.Status.PENDING,
            is_current=False,
            job=job,
            created_by=by if by and by.pk else None,
        )
        transaction.on_commit(lambda: compute_forum_plan.delay(job.pk))
    return job


def _solve(
    *, event: Event, time_limit: float, progress: forum_opt.Progress | None
) -> tuple[forum_opt.ForumPlan, int | None]:
    """The solver's plan and the first-come-first-served score (outside any transaction)."""
    problem = selectors.forum_problem(event=event)
    greedy = forum_opt.greedy(problem)
    if progress is None:
        result = forum_opt.solve(problem, time_limit=time_limit)
    else:  # the solver reports from its own threads; the database is written from this one
        result = run_reporting(
            lambda note: forum_opt.solve(problem, time_limit=time_limit, progress=note), progress
        )
    return result, greedy.objective


def forum_plan_solve(
    *, event: Event, time_limit: float, by: User | None, progress: forum_opt.Progress | None = None
) -> tuple[ForumPlan, forum_opt.ForumPlan]:
    """Solve a forum day now and store the result (the solve runs outside any transaction)."""
    result, greedy = _solve(event=event, time_limit=time_limit, progress=progress)
    plan = ForumPlan(event=event, created_by=by if by and by.pk else None)
    return _store_plan(plan=plan, result=result, greedy=greedy), result


def forum_plan_compute(*, job_id: int) -> ForumPlan:
    """Run the planner job: solve with visible progress, fill in the job's plan, finish the job."""
    job = Job.objects.get(pk=job_id)
    event = Event.objects.get(pk=job.params["event"])
    time_limit = float(job.params.get("time_limit", 10.0))
    # A job queued before plans were made with their job has none yet.
    plan = ForumPlan.objects.filter(job=job).first() or ForumPlan(
        event=event, job=job, created_by=job.created_by
    )
    core_services.job_progress(job_id=job_id, progress=0, message=_("Préparation du calcul…"))

    def report(elapsed: float, objective: int, bound: float) -> None:
        percent = min(95, int(100 * elapsed / max(time_limit, 0.1)))
        core_services.job_progress(
            job_id=job_id,
            progress=percent,
            message=_("Un planning est trouvé ; recherche d'un meilleur…"),
        )

    result, greedy = _solve(event=event, time_limit=time_limit, progress=report)
    plan = _store_plan(plan=plan, result=result, greedy=greedy)
    url = event.get_staff_url() + "planning/"
    if result.found:
        message = (
            _("Planning calculé : le meilleur possible avec ces contraintes.")
            if result.proven_optimal
            else _(
                "Planning calculé dans le temps imparti ; relancez avec une durée plus longue pour tenter de l'améliorer."
            )
        )
        core_services.job_finish(job_id=job_id, result={"plan": plan.pk, "redirect": url, "message": message})
    else:
        core_services.job_finish(
            job_id=job_id,
            result={"plan": plan.pk, "redirect": url},
            error=" ".join(result.reasons)[:290] or _("Aucun plan possible."),
        )
    return plan


@transaction.atomic
def _store_plan(
    *, plan: ForumPlan, result: forum_opt.ForumPlan, greedy: int | None, status: str | None = None
) -> ForumPlan:
    """Fill in `plan` with the result; a plan found becomes the event's current one."""
    # A finishing job and a hand edit may store at once: each clears the current flag, then sets
    # its own, and without a lock neither sees the other's new plan, leaving two current plans
    # (which the partial unique constraint now refuses). Locking the event's row makes the second
    # wait for the first to commit, then clear its plan in turn.
    Event.objects.select_for_update().get(pk=plan.event_id)
    if result.found:
        ForumPlan.objects.filter(event_id=plan.event_id, is_current=True).update(is_current=False)
    plan.status = status or result.status
    plan.objective = result.objective
    plan.bound = result.bound
    plan.greedy_objective = greedy
    plan.seconds = round(result.seconds, 3)
    plan.reasons = result.reasons
    plan.is_current = result.found
    plan.save()
    PlanAssignment.objects.bulk_create(
        PlanAssignment(plan=plan, booking_id=c, slot_id=s, workshop_id=w)
        for (c, s), w in result.assignment.items()
    )
    PlanStaffing.objects.bulk_create(
        PlanStaffing(plan=plan, workshop_id=w, slot_id=s, apprentice_id=a)
        for (w, s), people in result.staffing.items()
        for a in people
    )
    return plan


def forum_plan_edit(*, plan: ForumPlan, changes: dict[tuple[int, int], int], by: User | None) -> ForumPlan:
    """Apply hand edits (class, slot) -> workshop, re-check every rule, and keep the result as a new
    plan. Refused, naming each broken rule, if the edited rotation does not hold."""
    problem = selectors.forum_problem(event=plan.event)
    assignment = selectors.plan_assignment(plan=plan)
    assignment.update(changes)
    violations = forum_opt.check_plan(problem, assignment)
    if violations:
        raise OutreachError(" ".join(v.message for v in violations[:6]), code="plan_invalid")
    staffing, _unstaffed = forum_opt.staff(problem, assignment)
    edited = forum_opt.ForumPlan(
        status="FEASIBLE",
        assignment=assignment,
        staffing=staffing,
        objective=forum_opt.objective_of(problem, assignment),
    )
    return _store_plan(
        plan=ForumPlan(event=plan.event, created_by=by if by and by.pk else None),
        result=edited,
        greedy=plan.greedy_objective,
        status=ForumPlan.Status.EDITED,
    )


# --- Open days -----------------------------------------------------------------------------------


@transaction.atomic
def visitor_register(
    *,
    event: Event,
    first_name: str,
    last_name: str,
    email: str,
    phone: str = "",
    visitor_kind: str = VisitorRegistration.VisitorKind.YOUNG,
    young_people: int = 1,
    girls: int = 0,
    parents: int = 0,
    level: str = "",
    course_id: int | None = None,
    tour_slot_id: int | None = None,
    consent_contact: bool = False,
) -> VisitorRegistration:
    """Register visitors for an open day; a full day or a full tour departure is refused."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.takes_visitors:
        raise OutreachError(_("Cet événement ne prend pas d'inscriptions de visiteurs."))
    if event.status != Event.Status.PUBLISHED or not event.registration_open or event.start <= timezone.now():
        raise OutreachError(_("Les inscriptions sont fermées pour cet événement."))
    if young_people + parents == 0:
        raise OutreachError(_("Indiquez combien de personnes viendront."), field="young_people")
    if girls > young_people:
        raise OutreachError(_("Le nombre de filles ne peut pas dépasser le nombre de jeunes."), field="girls")
    visitors = young_people + parents
    if event.capacity is not None and selectors.registered_visitors(event=event) + visitors > event.capacity:
        raise Conflict(_("La journée est complète. Inscrivez-vous à la prochaine date ou contactez-nous."))
    slot = None
    if tour_slot_id:
        slot = event.tour_slots.filter(pk=tour_slot_id).first()
        if slot is None:
            raise OutreachError(_("Choisissez un départ de visite de cette journée."), field="tour_slot")
        booked = (
            slot.registrations.filter(cancelled_at__isnull=True).aggregate(
                n=Sum("young_people") + Sum("parents")
            )["n"]
            or 0
        )
        if booked + visitors > slot.capacity:
            raise Conflict(_("Ce départ de visite est complet : choisissez-en un autre."), field="tour_slot")
    person = Person.objects.active().filter(email__iexact=email.strip()).first() if email else None
    if person is None:
        person = core_services.person_save(
            person=Person(
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                email=email.strip().lower(),
                phone=phone.strip(),
                consent_contact=consent_contact,
            )
        )
    registration = VisitorRegistration.objects.create(
        event=event,
        person=person,
        visitor_kind=visitor_kind,
        young_people=young_people,
        girls=girls,
        parents=parents,
        level=level,
        course_id=course_id,
        tour_slot=slot,
    )
    _notify_visitor(registration.pk)
    return registration


@transaction.atomic
def visitor_cancel(*, registration: VisitorRegistration) -> VisitorRegistration:
    if registration.cancelled_at:
        raise OutreachError(_("Cette inscription est déjà annulée."))
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["cancelled_at", "updated_at"])
    return registration


@transaction.atomic
def visitor_check_in(*, registration: VisitorRegistration, came: bool = True) -> VisitorRegistration:
    """Record at the desk, on the day, that a registration's visitors came (or undo a wrong tick).
    Registering is not coming: nothing can be recorded before the open day. Safe to repeat."""
    registration = (
        VisitorRegistration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    )
    if registration.cancelled_at:
        raise OutreachError(_("Cette inscription est annulée."))
    refusal = selectors.check_in_refusal(event=registration.event)
    if refusal:
        raise OutreachError(refusal)
    if registration.attended != came:
        registration.attended = came
        registration.save(update_fields=["attended", "updated_at"])
    return registration


@transaction.atomic
def forum_setup_save(*, workshops: core_services.Rows, slots: core_services.Rows) -> None:
    """A forum's workshops (with their apprentices) and its slots as the planner set them, all or
    nothing: the plan is computed from both."""
    core_services.rows_apply(slots)
    core_services.rows_apply(workshops)


@transaction.atomic
def tour_slots_save(*, slots: core_services.Rows) -> None:
    """An open day's tour departures as the team set them."""
    core_services.rows_apply(slots)


@transaction.atomic
def availability_set(
    *, availability: ApprenticeAvailability, many: dict[str, Iterable[Any]]
) -> ApprenticeAvailability:
    """What an apprentice can give on an event (`many`: the slots), replacing what they said
    before, one row per apprentice and event: the old row goes and the new one comes in one
    transaction, so a failed save leaves the old availability, not none."""
    ApprenticeAvailability.objects.filter(
        event=availability.event, apprentice=availability.apprentice
    ).delete()
    core_services.rows_apply(core_services.Rows(saved=[(availability, many)]))
    return availability


@transaction.atomic
def tour_rota_compute(*, event: Event) -> rota_opt.RotaResult:
    """Assign the available apprentices to the tour departures, fairly, and store the rota."""
    problem = selectors.rota_problem(event=event)
    result = rota_opt.solve(problem)
    TourAssignment.objects.filter(slot__event=event).delete()
    TourAssignment.objects.bulk_create(
        TourAssignment(slot_id=s, apprentice_id=a) for s, people in result.assignment.items() for a in people
    )
    return result


# --- Tallies ---------------------------------------------------------------------------------------


@transaction.atomic
def tally_save(
    *,
    event: Event,
    pupils: int,
    girls: int,
    parents: int = 0,
    teachers: int = 0,
    classes: int = 0,
    schools: Iterable[Organisation] = (),
    notes: str = "",
) -> EventTally:
    if girls > pupils:
        raise OutreachError(_("Le nombre de filles ne peut pas dépasser le nombre de jeunes."), field="girls")
    tally, _created = EventTally.objects.update_or_create(
        event=event,
        defaults={
            "pupils": pupils,
            "girls": girls,
            "parents": parents,
            "teachers": teachers,
            "classes": classes,
            "notes": notes,
        },
    )
    tally.schools.set(list(schools))
    return tally


def event_staff_set(*, event: Event, staff: Iterable[Person], apprentices: Iterable[Person]) -> None:
    from hall32.outreach.models import EventStaff

    with transaction.atomic():
        EventStaff.objects.filter(event=event).delete()
        EventStaff.objects.bulk_create(
            [EventStaff(event=event, person=p, role=EventStaff.Role.STAFF) for p in staff]
            + [
                EventStaff(event=event, person=p, role=EventStaff.Role.APPRENTICE)
                for p in apprentices
                if p not in set(staff)
            ]
        )
