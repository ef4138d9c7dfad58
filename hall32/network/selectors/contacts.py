"""Reads of the network app: an organisation's contacts and their roles, interactions, follow-up
tasks ("my tasks"), and one timeline per organisation across the four missions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hall32.core import selectors as core_selectors
from hall32.core.models import Organisation, Person, User
from hall32.core.roles import Role
from hall32.industry import selectors as industry_selectors
from hall32.network.models import ContactRole, FollowUpTask, Interaction, Partnership
from hall32.outreach import selectors as outreach_selectors
from hall32.training import selectors as training_selectors

NETWORK_ROLES = (Role.DIRECTION, Role.COORDINATOR, Role.OUTREACH_OFFICER, Role.INDUSTRY_ENGINEER)


# --- Contacts -------------------------------------------------------------------------------------


def contact_roles_of(*, organisation: Organisation, current: bool = True) -> QuerySet[ContactRole]:
    """The organisation's contacts with their roles: the privileged contact first."""
    roles = ContactRole.objects.filter(organisation=organisation).select_related("person")
    if current:
        roles = roles.filter(end__isnull=True)
    return roles.order_by("-is_primary", "person__last_name", "person__first_name", "role")


def people_of_organisation(*, organisation: Organisation) -> QuerySet[Person]:
    """The people who may be a contact of the organisation, or present at an interaction with it."""
    return Person.objects.active().filter(organisation=organisation).order_by("last_name", "first_name")


def network_staff() -> QuerySet[User]:
    """The accounts that may own an interaction or a task."""
    return (
        User.objects.filter(is_active=True, groups__name__in=NETWORK_ROLES)
        .select_related("person")
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


# --- Interactions ----------------------------------------------------------------------------------


def interactions() -> QuerySet[Interaction]:
    return Interaction.objects.select_related("organisation", "owner__person").prefetch_related(
        Prefetch("contacts", queryset=Person.objects.order_by("last_name", "first_name"))
    )


def interactions_of(*, organisation: Organisation) -> QuerySet[Interaction]:
    return interactions().filter(organisation=organisation).order_by("-happened_at", "-pk")


# --- Follow-up tasks -------------------------------------------------------------------------------


@dataclass
class MyTasks:
    overdue: list[FollowUpTask]
    today: list[FollowUpTask]
    upcoming: list[FollowUpTask]
    done: list[FollowUpTask]

    @property
    def open_count(self) -> int:
        return len(self.overdue) + len(self.today) + len(self.upcoming)


def tasks() -> QuerySet[FollowUpTask]:
    return FollowUpTask.objects.select_related("organisation", "owner__person", "interaction")


def my_tasks(*, user: User, today: dt.date | None = None, done_limit: int = 20) -> MyTasks:
    """A user's open tasks, overdue, due today and upcoming, and the last ones done."""
    today = today or timezone.localdate()
    mine = tasks().filter(owner=user)
    open_tasks = list(mine.filter(done_at__isnull=True).order_by("due_on", "pk"))
    return MyTasks(
        overdue=[t for t in open_tasks if t.due_on < today],
        today=[t for t in open_tasks if t.due_on == today],
        upcoming=[t for t in open_tasks if t.due_on > today],
        done=list(mine.filter(done_at__isnull=False).order_by("-done_at", "-pk")[:done_limit]),
    )


def open_tasks_of(*, organisation: Organisation) -> QuerySet[FollowUpTask]:
    return tasks().filter(organisation=organisation, done_at__isnull=True).order_by("due_on", "pk")


# --- The organisation's timeline -----------------------------------------------------------------

MISSIONS: dict[str, Promise] = {
    "inform": gettext_lazy("Informer"),
    "train": gettext_lazy("Former"),
    "innovate": gettext_lazy("Innover"),
    "connect": gettext_lazy("Connecter"),
}
INTERACTION_ICONS: dict[str, str] = {
    Interaction.Kind.MEETING: "people",
    Interaction.Kind.CALL: "telephone",
    Interaction.Kind.EMAIL: "envelope",
    Interaction.Kind.VISIT: "geo-alt",
    Interaction.Kind.EVENT: "calendar-event",
}


@dataclass(frozen=True)
class TimelineEntry:
    """One dated fact about an organisation, from one of the four missions."""

    at: dt.datetime  # aware; a fact known by its day only stands at noon, Paris time
    mission: str
    icon: str
    text: str
    url: str = ""

    @property
    def mission_label(self) -> Promise:
        return MISSIONS[self.mission]

    @property
    def day(self) -> dt.date:
        return timezone.localtime(self.at).date()


def _noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _training(organisation: Organisation, user: Any) -> list[TimelineEntry]:
    entries = []
    for contract in training_selectors.contracts.contracts_of_employer(organisation=organisation, user=user):
        url = contract.get_absolute_url() if user.has_perm("training.view_contract", contract) else ""
        names = {"apprentice": contract.apprentice, "course": contract.course, "ref": contract.reference}
        entries.append(
            TimelineEntry(
                _noon(contract.start_date),
                "train",
                "mortarboard",
                _("Contrat %(ref)s : accueille %(apprentice)s en apprentissage (%(course)s)") % names,
                url,
            )
        )
        if contract.broken_on:
            entries.append(
                TimelineEntry(
                    _noon(contract.broken_on),
                    "train",
                    "x-octagon",
                    _("Contrat %(ref)s de %(apprentice)s rompu") % names,
                    url,
                )
            )
    return entries


def _industry(organisation: Organisation, user: Any) -> list[TimelineEntry]:
    entries = []
    for project in industry_selectors.projects.projects_of_client(organisation=organisation, user=user):
        url = project.get_absolute_url()
        names = {"ref": project.reference, "title": project.title}
        entries.append(
            TimelineEntry(
                _noon(project.requested_on),
                "innovate",
                "briefcase",
                _("Projet %(ref)s demandé : %(title)s") % names,
                url,
            )
        )
        if project.delivered_on:
            entries.append(
                TimelineEntry(
                    _noon(project.delivered_on),
                    "innovate",
                    "box-seam",
                    _("Projet %(ref)s livré") % names,
                    url,
                )
            )
        for quote in project.quotes.all():
            quoted = {"number": quote.number, "ref": project.reference}
            if quote.issued_on:
                entries.append(
                    TimelineEntry(
                        _noon(quote.issued_on),
                        "innovate",
                        "receipt",
                        _("Devis %(number)s envoyé (projet %(ref)s)") % quoted,
                        quote.get_absolute_url(),
                    )
                )
            if quote.decided_on and quote.status in {quote.Status.ACCEPTED, quote.Status.DECLINED}:
                text = (
                    _("Devis %(number)s accepté")
                    if quote.status == quote.Status.ACCEPTED
                    else _("Devis %(number)s refusé")
                )
                entries.append(
                    TimelineEntry(
                        _noon(quote.decided_on),
                        "innovate",
                        "check2-square",
                        text % quoted,
                        quote.get_absolute_url(),
                    )
                )
    return entries


def _outreach(organisation: Organisation, user: Any) -> list[TimelineEntry]:
    texts = {
        "host": _("A accueilli « %(event)s »"),
        "booking": _("Classe %(detail)s inscrite à « %(event)s »"),
        "represented": _("Présent à « %(event)s »"),
    }
    return [
        TimelineEntry(
            row.event.start,
            "inform",
            "megaphone",
            texts[row.how] % {"event": row.event.title, "detail": row.detail},
            row.event.get_staff_url(),
        )
        for row in outreach_selectors.organisation_participations(organisation=organisation, user=user)
    ]


def _network(organisation: Organisation, user: Any) -> list[TimelineEntry]:
    entries = []
    if user.has_perm("network.view_interactions"):
        for interaction in Interaction.objects.filter(organisation=organisation).select_related(
            "owner__person"
        ):
            entries.append(
                TimelineEntry(
                    interaction.happened_at,
                    "connect",
                    INTERACTION_ICONS.get(interaction.kind, "chat"),
                    f"{interaction.get_kind_display()} : {interaction.subject}",
                    reverse("network:interaction_edit", args=[interaction.pk]),
                )
            )
    if user.has_perm("network.view_partnership"):
        today = timezone.localdate()
        partnerships = list(Partnership.objects.filter(organisation=organisation))
        entries += _stage_changes(partnerships)
        for p in partnerships:
            names = {"kind": p.get_kind_display()}
            began = (
                _("Devient partenaire : %(kind)s")
                if p.stage in {Partnership.Stage.PARTNER, Partnership.Stage.LAPSED}
                else _("Premier contact (%(stage)s) : %(kind)s")
            )
            entries.append(
                TimelineEntry(
                    _noon(p.start),
                    "connect",
                    "building-check",
                    began % {**names, "stage": p.get_stage_display()},
                )
            )
            if p.end and p.end <= today:
                ended = (
                    _("Fin du partenariat : %(kind)s")
                    if p.stage == Partnership.Stage.LAPSED
                    else _("Prospect abandonné : %(kind)s")
                )
                entries.append(TimelineEntry(_noon(p.end), "connect", "slash-circle", ended % names))
    return entries


def _stage_changes(partnerships: list[Partnership]) -> list[TimelineEntry]:
    """The moves a partnership's dates do not show (back to prospect, contacted), from the audit
    trail; becoming a partner and lapsing are read from its start and end."""
    if not partnerships:
        return []
    by_id = {str(p.pk): p for p in partnerships}
    changes = core_selectors.audit_entries().filter(
        content_type=ContentType.objects.get_for_model(Partnership), object_id__in=by_id, action="update"
    )
    entries = []
    for change in changes:
        stage = change.changes.get("stage")
        if not stage or stage[1] not in {Partnership.Stage.CONTACTED, Partnership.Stage.PROSPECT}:
            continue
        p = by_id[change.object_id]
        names = {"kind": p.get_kind_display(), "stage": Partnership.Stage(stage[1]).label}
        entries.append(
            TimelineEntry(
                change.at, "connect", "arrow-right-circle", _("Étape « %(stage)s » : %(kind)s") % names
            )
        )
    return entries


def organisation_timeline(*, organisation: Organisation, user: Any) -> list[TimelineEntry]:
    """Everything dated the hub knows about an organisation across the four missions, newest first:
    apprentices hosted and their contracts, projects and quotes, events, interactions and
    partnership changes, each part only for those who may see it."""
    if not user.has_perm("network.view_timeline"):
        return []
    entries = (
        _training(organisation, user)
        + _industry(organisation, user)
        + _outreach(organisation, user)
        + _network(organisation, user)
    )
    return sorted(entries, key=lambda entry: entry.at, reverse=True)
