"""Services of the network app: contacts' roles at an organisation, interactions with it, and the
follow-up tasks that come out of them (with their e-mail reminders)."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hall32.core import services as core_services
from hall32.core.emails import address_of
from hall32.core.models import Organisation, Person, User
from hall32.network.errors import Conflict, NetworkError
from hall32.network.models import ContactRole, FollowUpTask, Interaction

logger = logging.getLogger(__name__)

Role = ContactRole.Role

# How far ahead a reminder may be asked for: beyond a month it is a plan, not a reminder.
MAX_REMIND_DAYS = 60


def _may_own(user: User | None) -> bool:
    return user is not None and user.is_active and user.has_perm("network.view_my_tasks")


# --- Contacts' roles -------------------------------------------------------------------------------


def _check_person(*, organisation: Organisation, person: Person) -> None:
    if person.erased_at is not None:
        raise NetworkError(_("Les données de cette personne ont été effacées."), field="person")
    if person.organisation_id != organisation.pk:
        raise NetworkError(
            _("%(person)s n'est pas rattaché·e à %(organisation)s : rattachez d'abord la personne.")
            % {"person": person, "organisation": organisation},
            field="person",
        )


def _unmark_primary(*, organisation: Organisation, keep: ContactRole | None = None) -> None:
    others = ContactRole.objects.filter(organisation=organisation, is_primary=True, end__isnull=True)
    if keep is not None:
        others = others.exclude(pk=keep.pk)
    for other in others:  # one by one, so that the audit trail records each change
        other.is_primary = False
        other.save(update_fields=["is_primary", "updated_at"])


@transaction.atomic
def contact_role_add(
    *,
    organisation: Organisation,
    person: Person,
    role: str,
    is_primary: bool = False,
    start: dt.date | None = None,
) -> ContactRole:
    """Give a person of the organisation a role there: one open role of a kind per person, and one
    privileged contact per organisation (marking a new one unmarks the previous one)."""
    if role not in Role.values:
        raise NetworkError(_("Choisissez un rôle."), field="role")
    _check_person(organisation=organisation, person=person)
    if start is not None and start > timezone.localdate():
        raise NetworkError(_("Un rôle commence aujourd'hui au plus tard."), field="start")
    # The organisation's row is locked so that two people adding the same role at once are told
    # by this check, not by the unique constraint's IntegrityError.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    open_roles = ContactRole.objects.filter(organisation=organisation, person=person, end__isnull=True)
    if open_roles.filter(role=role).exists():
        raise Conflict(
            _("%(person)s est déjà « %(role)s » de %(organisation)s.")
            % {"person": person, "role": Role(role).label, "organisation": organisation},
            field="role",
        )
    contact = ContactRole(
        organisation=organisation, person=person, role=role, is_primary=is_primary, start=start
    )
    contact.save()
    if is_primary:
        _unmark_primary(organisation=organisation, keep=contact)
    return contact


@transaction.atomic
def contact_create(
    *,
    organisation: Organisation,
    first_name: str,
    last_name: str,
    role: str,
    email: str = "",
    phone: str = "",
    job_title: str = "",
    is_primary: bool = False,
) -> ContactRole:
    """Record a new person at the organisation and give them a role there, in one go."""
    if not first_name.strip() or not last_name.strip():
        raise NetworkError(_("Indiquez le prénom et le nom."), field="last_name")
    person = core_services.person_save(
        person=Person(
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email,
            phone=phone,
            job_title=job_title,
            organisation=organisation,
        )
    )
    return contact_role_add(organisation=organisation, person=person, role=role, is_primary=is_primary)


def _locked_role(contact: ContactRole) -> ContactRole:
    return ContactRole.objects.select_for_update().select_related("organisation", "person").get(pk=contact.pk)


@transaction.atomic
def contact_role_mark_primary(*, contact: ContactRole) -> ContactRole:
    """Make this contact the organisation's privileged one (the previous one no longer is)."""
    current = _locked_role(contact)
    if current.end is not None:
        raise NetworkError(_("Ce rôle est terminé : il ne peut plus être le contact privilégié."))
    _unmark_primary(organisation=current.organisation, keep=current)
    current.is_primary = True
    current.save(update_fields=["is_primary", "updated_at"])
    return current


@transaction.atomic
def contact_role_end(*, contact: ContactRole, on: dt.date | None = None) -> ContactRole:
    """End a role on a day (today by default): the person stays in the directory."""
    current = _locked_role(contact)
    day = on or timezone.localdate()
    if current.end is not None:
        raise NetworkError(_("Ce rôle est déjà terminé."), field="end")
    if current.start is not None and day < current.start:
        raise NetworkError(_("La fin doit être le jour du début ou après."), field="end")
    current.end = day
    current.is_primary = False
    current.save(update_fields=["end", "is_primary", "updated_at"])
    return current


# --- Interactions ---------------------------------------------------------------------------------


def _check_interaction(
    *, organisation: Organisation, kind: str, subject: str, owner: User | None, contacts: Iterable[Person]
) -> list[Person]:
    if kind not in Interaction.Kind.values:
        raise NetworkError(_("Choisissez le type d'échange."), field="kind")
    if not subject.strip():
        raise NetworkError(_("Indiquez l'objet de l'échange."), field="subject")
    if owner is not None and not _may_own(owner):
        raise NetworkError(
            _("%(user)s ne suit pas les partenaires : choisissez un membre de l'équipe.")
            % {"user": owner.display_name},
            field="owner",
        )
    people = list(contacts)
    strangers = [p for p in people if p.organisation_id != organisation.pk or p.erased_at]
    if strangers:
        raise NetworkError(
            _("Ne sont pas de %(organisation)s : %(names)s.")
            % {"organisation": organisation, "names": ", ".join(str(p) for p in strangers)},
            field="contacts",
        )
    return people


@transaction.atomic
def interaction_create(
    *,
    organisation: Organisation,
    kind: str,
    happened_at: dt.datetime,
    subject: str,
    owner: User | None,
    notes: str = "",
    contacts: Iterable[Person] = (),
) -> Interaction:
    """Record a meeting, call, e-mail, visit or event with an organisation, and who was there."""
    people = _check_interaction(
        organisation=organisation, kind=kind, subject=subject, owner=owner, contacts=contacts
    )
    interaction = Interaction(
        organisation=organisation,
        kind=kind,
        happened_at=happened_at,
        subject=subject.strip(),
        notes=notes,
        owner=owner,
    )
    interaction.save()
    interaction.contacts.set(people)
    return interaction


@transaction.atomic
def interaction_update(
    *,
    interaction: Interaction,
    kind: str,
    happened_at: dt.datetime,
    subject: str,
    owner: User | None,
    notes: str = "",
    contacts: Iterable[Person] = (),
) -> Interaction:
    current = Interaction.objects.select_for_update().select_related("organisation").get(pk=interaction.pk)
    people = _check_interaction(
        organisation=current.organisation, kind=kind, subject=subject, owner=owner, contacts=contacts
    )
    current.kind, current.happened_at, current.subject = kind, happened_at, subject.strip()
    current.notes, current.owner = notes, owner
    current.save()
    current.contacts.set(people)
    return current


@transaction.atomic
def interaction_delete(*, interaction: Interaction) -> None:
    """Delete an interaction; its follow-up tasks stay, no longer attached to it."""
    interaction.delete()


# --- Follow-up tasks ------------------------------------------------------------------------------


def _check_task(*, title: str, due_on: dt.date, owner: User, remind_days_before: int) -> None:
    if not title.strip():
        raise NetworkError(_("Indiquez ce qu'il y a à faire."), field="title")
    if not _may_own(owner):
        raise NetworkError(
            _("%(user)s ne suit pas les partenaires : choisissez un membre de l'équipe.")
            % {"user": owner.display_name},
            field="owner",
        )
    if not 0 <= remind_days_before <= MAX_REMIND_DAYS:
        raise NetworkError(
            _("Le rappel se donne entre 0 et %(max)s jours avant l'échéance.") % {"max": MAX_REMIND_DAYS},
            field="remind_days_before",
        )


@transaction.atomic
def task_create(
    *,
    organisation: Organisation,
    title: str,
    due_on: dt.date,
    owner: User,
    remind_days_before: int = 1,
    interaction: Interaction | None = None,
) -> FollowUpTask:
    """Plan something to do for an organisation by a day; its owner is reminded by e-mail."""
    _check_task(title=title, due_on=due_on, owner=owner, remind_days_before=remind_days_before)
    if interaction is not None and interaction.organisation_id != organisation.pk:
        raise NetworkError(_("Cet échange est avec une autre organisation."), field="interaction")
    task = FollowUpTask(
        organisation=organisation,
        interaction=interaction,
        title=title.strip(),
        due_on=due_on,
        owner=owner,
        remind_days_before=remind_days_before,
    )
    task.save()
    return task


def _locked_task(task: FollowUpTask) -> FollowUpTask:
    return FollowUpTask.objects.select_for_update().get(pk=task.pk)


@transaction.atomic
def task_update(
    *, task: FollowUpTask, title: str, due_on: dt.date, owner: User, remind_days_before: int
) -> FollowUpTask:
    """Change a task; a new due date, reminder or owner sends the reminder again when it is due."""
    current = _locked_task(task)
    _check_task(title=title, due_on=due_on, owner=owner, remind_days_before=remind_days_before)
    if (current.due_on, current.remind_days_before, current.owner_id) != (
        due_on,
        remind_days_before,
        owner.pk,
    ):
        current.reminded_at = None
    current.title, current.due_on, current.owner = title.strip(), due_on, owner
    current.remind_days_before = remind_days_before
    current.save()
    return current


@transaction.atomic
def task_done(*, task: FollowUpTask, at: dt.datetime | None = None) -> FollowUpTask:
    current = _locked_task(task)
    if current.done_at is not None:
        raise NetworkError(_("Cette tâche est déjà faite."))
    current.done_at = at or timezone.now()
    current.save(update_fields=["done_at", "updated_at"])
    return current


@transaction.atomic
def task_reopen(*, task: FollowUpTask) -> FollowUpTask:
    current = _locked_task(task)
    if current.done_at is None:
        raise NetworkError(_("Cette tâche n'est pas faite."))
    current.done_at = None
    current.save(update_fields=["done_at", "updated_at"])
    return current


@transaction.atomic
def task_delete(*, task: FollowUpTask) -> None:
    task.delete()


def _reminder_email(owner: User, tasks: list[FollowUpTask], today: dt.date) -> EmailMessage | None:
    address = address_of(owner)
    if not address:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "network/email/task_reminder.txt",
            {
                "name": owner.person.first_name if owner.person_id and owner.person else owner.display_name,
                "tasks": tasks,
                "today": today,
                "url": f"{settings.SITE_URL}/connecter/mes-taches/",
            },
        )
        subject = ngettext(
            "Connecter : %(n)s tâche de suivi à faire",
            "Connecter : %(n)s tâches de suivi à faire",
            len(tasks),
        ) % {"n": len(tasks)}
    return EmailMessage(subject=subject, body=body, to=[address])


def task_reminders_send(*, now: dt.datetime | None = None) -> int:
    """E-mail each owner, once, the open tasks whose reminder day has come (run daily by Celery
    beat); returns the number of tasks reminded. Safe to run twice: a task is reminded once
    (reminded_at, claimed before the message leaves, after the commit). Nothing personal is logged."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = FollowUpTask.objects.filter(done_at__isnull=True, reminded_at__isnull=True).select_related(
        "organisation", "owner__person"
    )
    by_owner: dict[int, list[FollowUpTask]] = defaultdict(list)
    for task in due.order_by("due_on", "pk"):
        if task.due_on - dt.timedelta(days=task.remind_days_before) <= today:
            by_owner[task.owner_id].append(task)
    count = 0
    for tasks in by_owner.values():
        owner = tasks[0].owner
        with transaction.atomic():
            # Claimed before sending: a second run at the same time finds them reminded already.
            claimed = FollowUpTask.objects.filter(
                pk__in=[t.pk for t in tasks], reminded_at__isnull=True
            ).select_for_update()
            ids = list(claimed.values_list("pk", flat=True))
            if not ids:
                continue
            FollowUpTask.objects.filter(pk__in=ids).update(reminded_at=now)
            mine = [t for t in tasks if t.pk in set(ids)]
            message = _reminder_email(owner, mine, today)
            if message is not None:
                transaction.on_commit(message.send)
            count += len(ids)
    logger.info("network task reminders: %s tasks for %s owners", count, len(by_owner))
    return count
