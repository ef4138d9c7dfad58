"""Client projects: requests, the status pipeline, time spent, deliverables, quotes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from hall32.core.dates import long_date
from hall32.core.models import Organisation, User
from hall32.core.services import ReferenceSeries, reference_issue, validated_save
from hall32.industry.errors import Forbidden, IndustryError
from hall32.industry.models import (
    PROJECT_TRANSITIONS,
    Deliverable,
    Equipment,
    Project,
    ProjectKind,
    ProjectStatus,
    ProjectStep,
    Quote,
    QuoteLine,
    TimeEntry,
)

QUOTE_VALIDITY_DAYS = 30


PROJECT_REFERENCES = ReferenceSeries(
    kind="industry.project", model=Project, field="reference", prefix="PI-{year}-", digits=3
)
QUOTE_NUMBERS = ReferenceSeries(
    kind="industry.quote", model=Quote, field="number", prefix="DEV-{year}-", digits=3
)


def _step(project: Project, *, from_status: str, by: User | None, note: str = "") -> None:
    ProjectStep.objects.create(
        project=project,
        from_status=from_status,
        to_status=project.status,
        at=timezone.now(),
        by=by if by and by.pk else None,
        note=note[:300],
    )


@transaction.atomic
def project_create(*, project: Project, by: User | None) -> Project:
    """Record a new project (staff), numbered PI-<year>-NNN, at the request stage."""
    if project.client.kind != Organisation.Kind.COMPANY:
        raise IndustryError(_("Le client d'un projet est une entreprise."), field="client")
    project.requested_on = project.requested_on or timezone.localdate()
    project.status = ProjectStatus.REQUEST
    project.reference = reference_issue(series=PROJECT_REFERENCES, year=project.requested_on.year)
    validated_save(project)
    _step(project, from_status="", by=by, note=_("Demande enregistrée."))
    return project


@transaction.atomic
def project_request(*, by: User, title: str, description: str, kind: str) -> Project:
    """A client asks for a project from its portal; the Pôle Industrie studies it."""
    person = by.person
    if person is None or person.organisation is None:
        raise Forbidden(_("Votre compte n'est rattaché à aucune entreprise."))
    project = Project(
        title=title.strip(),
        description=description.strip(),
        kind=kind if kind in ProjectKind.values else ProjectKind.PART,
        client=person.organisation,
        contact=person,
    )
    return project_create(project=project, by=by)


@transaction.atomic
def project_update(*, project: Project) -> Project:
    return validated_save(project)


@transaction.atomic
def project_move(
    *,
    project: Project,
    to: str,
    by: User | None,
    note: str = "",
    satisfaction: int | None = None,
    satisfaction_comment: str = "",
    on: dt.date | None = None,
) -> Project:
    """Move a project along its pipeline. Starting needs an accepted quote, delivering needs every
    deliverable handed over, closing needs the client's satisfaction."""
    Project.objects.select_for_update().get(pk=project.pk)  # two moves at once: the second waits
    project.refresh_from_db()
    if to not in PROJECT_TRANSITIONS[project.status]:
        raise IndustryError(
            _("Un projet « %(from)s » ne peut pas passer à « %(to)s ».")
            % {
                "from": project.get_status_display(),
                "to": ProjectStatus(to).label if to in ProjectStatus.values else to,
            },
            field="to",
        )
    day = on or timezone.localdate()
    if to == ProjectStatus.IN_PROGRESS and project.status == ProjectStatus.QUOTE:
        if not project.quotes.filter(status=Quote.Status.ACCEPTED).exists():
            raise IndustryError(_("Le projet démarre quand le client a accepté un devis."), field="to")
        project.started_on = project.started_on or day
    if to == ProjectStatus.DELIVERED:
        pending = list(
            project.deliverables.filter(delivered_on__isnull=True).values_list("title", flat=True)[:3]
        )
        if pending:
            raise IndustryError(
                _("Livrables pas encore remis : %(list)s.")
                % {"list": ", ".join(f"« {t} »" for t in pending)},
                field="to",
            )
        project.delivered_on = day
    if to == ProjectStatus.CLOSED:
        if satisfaction is None or not 1 <= satisfaction <= 5:
            raise IndustryError(
                _("Notez la satisfaction du client de 1 à 5 pour clôturer le projet."), field="satisfaction"
            )
        project.satisfaction = satisfaction
        project.satisfaction_comment = satisfaction_comment.strip()
        project.closed_on = day
    previous = project.status
    project.status = to
    project.save()
    _step(project, from_status=previous, by=by, note=note)
    return project


@transaction.atomic
def time_entry_add(
    *, project: Project, engineer: User, day: dt.date, hours: Decimal, activity: str, note: str = ""
) -> TimeEntry:
    if not project.is_open:
        raise IndustryError(_("Ce projet est clos : on n'y saisit plus de temps."))
    if day > timezone.localdate():
        raise IndustryError(
            _("On saisit le temps passé, pas le temps prévu : choisissez une date passée."), field="day"
        )
    if day < project.requested_on:
        raise IndustryError(_("Cette date précède la demande du client."), field="day")
    already = TimeEntry.objects.filter(engineer=engineer, day=day).aggregate(total=Sum("hours"))["total"] or 0
    if already + hours > 12:
        raise IndustryError(
            _("Avec ces heures, la journée dépasserait 12 h (déjà %(h)s h saisies ce jour-là).")
            % {"h": already},
            field="hours",
        )
    entry = TimeEntry(
        project=project, engineer=engineer, day=day, hours=hours, activity=activity, note=note.strip()
    )
    return validated_save(entry)


@transaction.atomic
def time_entry_delete(*, entry: TimeEntry) -> None:
    if not entry.project.is_open:
        raise IndustryError(_("Ce projet est clos : son temps passé ne change plus."))
    entry.delete()


@transaction.atomic
def deliverable_save(*, deliverable: Deliverable) -> Deliverable:
    if deliverable.delivered_on and deliverable.delivered_on > timezone.localdate():
        raise IndustryError(_("Un livrable se remet aujourd'hui ou avant."), field="delivered_on")
    return validated_save(deliverable)


@transaction.atomic
def deliverable_deliver(*, deliverable: Deliverable, on: dt.date | None = None) -> Deliverable:
    if deliverable.delivered_on:
        raise IndustryError(_("Ce livrable est déjà remis."))
    deliverable.delivered_on = on or timezone.localdate()
    deliverable.save(update_fields=["delivered_on", "updated_at"])
    return deliverable


# --- Quotes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineInput:
    kind: str
    label: str
    quantity: Decimal
    unit: str
    unit_price: Decimal | None  # None on a machine line: the machine's hourly rate
    equipment_id: int | None = None


@transaction.atomic
def quote_create(*, project: Project, lines: list[LineInput], notes: str = "") -> Quote:
    if not project.may_be_quoted:
        raise IndustryError(_("On chiffre un projet à l'étude ou au stade du devis."))
    if not lines:
        raise IndustryError(_("Un devis compte au moins une ligne."), field="lines")
    year = timezone.localdate().year
    quote = Quote.objects.create(
        project=project, number=reference_issue(series=QUOTE_NUMBERS, year=year), notes=notes
    )
    quote_set_lines(quote=quote, lines=lines)
    return quote


def _unit_prices(lines: list[LineInput]) -> list[Decimal]:
    """Each line's price: the one given, else, on a machine line, the machine's hourly rate (for
    the pages and the API alike)."""
    rates = dict(
        Equipment.objects.filter(
            pk__in={line.equipment_id for line in lines if line.equipment_id}
        ).values_list("pk", "hourly_rate")
    )
    prices = []
    for line in lines:
        price = line.unit_price
        if price is None and line.kind == QuoteLine.Kind.MACHINE and line.equipment_id is not None:
            price = rates.get(line.equipment_id)
        if price is None:
            raise IndustryError(_("Indiquez le prix unitaire."), field="unit_price")
        prices.append(price)
    return prices


@transaction.atomic
def quote_set_lines(*, quote: Quote, lines: list[LineInput], notes: str | None = None) -> Quote:
    if quote.status != Quote.Status.DRAFT:
        raise IndustryError(_("Seul un devis en brouillon se modifie ; faites-en un nouveau."))
    if not lines:
        raise IndustryError(_("Un devis compte au moins une ligne."), field="lines")
    prices = _unit_prices(lines)
    quote.lines.all().delete()
    QuoteLine.objects.bulk_create(
        QuoteLine(
            quote=quote,
            position=i,
            kind=line.kind,
            label=line.label.strip(),
            quantity=line.quantity,
            unit=line.unit.strip() or "h",
            unit_price=price,
            equipment_id=line.equipment_id,
        )
        for i, (line, price) in enumerate(zip(lines, prices, strict=True))
    )
    if notes is not None:
        quote.notes = notes
        quote.save(update_fields=["notes", "updated_at"])
    return quote


def _notify_quote(quote: Quote, kind: str) -> None:
    """Queue the e-mail about a quote (to the client when sent, to the engineer when answered)
    once the transaction has committed (never inside it)."""
    from hall32.industry.tasks import send_quote_email

    quote_id = quote.pk
    transaction.on_commit(lambda: send_quote_email.delay(quote_id, kind))


@transaction.atomic
def quote_send(*, quote: Quote, by: User | None) -> Quote:
    """Issue the quote to the client (valid 30 days); the project reaches the quote stage."""
    if quote.status != Quote.Status.DRAFT:
        raise IndustryError(_("Ce devis est déjà envoyé."))
    if not quote.lines.exists():
        raise IndustryError(_("Un devis compte au moins une ligne."))
    quote.status = Quote.Status.SENT
    quote.issued_on = timezone.localdate()
    quote.valid_until = quote.issued_on + dt.timedelta(days=QUOTE_VALIDITY_DAYS)
    quote.save(update_fields=["status", "issued_on", "valid_until", "updated_at"])
    _notify_quote(quote, "sent")
    if quote.project.status == ProjectStatus.STUDY:
        project_move(
            project=quote.project,
            to=ProjectStatus.QUOTE,
            by=by,
            note=_("Devis %(n)s envoyé.") % {"n": quote.number},
        )
    return quote


@transaction.atomic
def quote_decide(*, quote: Quote, accepted: bool, by: User) -> Quote:
    """The client accepts (the project starts) or declines a sent quote."""
    quote = Quote.objects.select_for_update().select_related("project").get(pk=quote.pk)
    if quote.status != Quote.Status.SENT:
        raise IndustryError(_("Seul un devis envoyé s'accepte ou se refuse."))
    if accepted and quote.valid_until and quote.valid_until < timezone.localdate():
        raise IndustryError(
            _("Ce devis a expiré le %(d)s : demandez-en un nouveau.") % {"d": long_date(quote.valid_until)}
        )
    quote.status = Quote.Status.ACCEPTED if accepted else Quote.Status.DECLINED
    quote.decided_on = timezone.localdate()
    quote.decided_by = by
    quote.save(update_fields=["status", "decided_on", "decided_by", "updated_at"])
    _notify_quote(quote, "decided")
    if accepted:
        quote.project.quotes.filter(status=Quote.Status.SENT).exclude(pk=quote.pk).update(
            status=Quote.Status.DECLINED, decided_on=quote.decided_on
        )
        if quote.project.status == ProjectStatus.QUOTE:
            project_move(
                project=quote.project,
                to=ProjectStatus.IN_PROGRESS,
                by=by,
                note=_("Devis %(n)s accepté.") % {"n": quote.number},
            )
    return quote
