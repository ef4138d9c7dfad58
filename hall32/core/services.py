"""Writes of the core app: organisations, people, guardians, GDPR export and erasure, jobs,
reference numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hall32.core import audit, duplicates, gdpr
from hall32.core.errors import Conflict, DomainError, NotFound
from hall32.core.models import Guardianship, Job, Organisation, Person, ReferenceCounter, User


def validated_save(instance: Any, *, exclude: list[str] | None = None) -> Any:
    """full_clean() then save(): model validators hold for forms, the API and commands alike."""
    instance.full_clean(exclude=exclude)
    instance.save()
    return instance


@dataclass(frozen=True)
class Rows:
    """What a table of rows on a page asks for: rows to save, each with the values of its
    many-to-many fields, and rows to delete. Built unsaved by the view (web.pages.formset_rows)."""

    saved: list[tuple[Any, dict[str, Iterable[Any]]]] = field(default_factory=list)
    deleted: list[Any] = field(default_factory=list)


def rows_apply(rows: Rows) -> None:
    """Delete, then save each row and set its many-to-many values (a new row needs its id first).
    The caller's service holds the transaction."""
    for row in rows.deleted:
        row.delete()
    for row, many in rows.saved:
        row.save()
        for name, values in many.items():
            getattr(row, name).set(values)


@transaction.atomic
def organisation_save(*, organisation: Organisation) -> Organisation:
    """Create or update an organisation, refusing a duplicate of another one (core.duplicates)."""
    if organisation.siret:
        organisation.siret = organisation.siret.replace(" ", "")
    if organisation.uai:
        organisation.uai = organisation.uai.strip().upper()
    _refuse_duplicate(organisation)  # partners
    return validated_save(organisation)


# partners: duplicates are refused with a link to the record in the way ----------------------------


def _refuse_duplicate(organisation: Organisation) -> None:
    from hall32.core.selectors import organisation_duplicate_of

    found = organisation_duplicate_of(
        name=organisation.name,
        postcode=organisation.postcode,
        siret=organisation.siret,
        uai=organisation.uai,
        exclude_pk=organisation.pk,
    )
    if found is None:
        return
    other, field_name = found
    where = f" ({other.city})" if other.city else ""
    if field_name == "siret":
        message = _("Ce SIRET est déjà celui de « %(name)s »%(where)s : complétez cette fiche plutôt.")
    elif field_name == "uai":
        message = _("Ce code UAI est déjà celui de « %(name)s »%(where)s : complétez cette fiche plutôt.")
    else:
        message = _(
            "« %(name)s »%(where)s, au même code postal, porte un nom très proche : "
            "c'est sans doute la même organisation, complétez sa fiche (ou fusionnez les deux)."
        )
    raise Conflict(
        message % {"name": other.name, "where": where},
        field=field_name,
        code="duplicate",
        link=other.get_absolute_url(),
    )


@transaction.atomic
def organisation_delete(*, organisation: Organisation) -> None:
    organisation.delete()


@transaction.atomic
def person_save(*, person: Person) -> Person:
    """Create or update a person; records when consents change (proof of consent)."""
    if person.pk:
        previous = Person.objects.filter(pk=person.pk).values("consent_contact", "consent_image").first()
        if previous and (
            previous["consent_contact"] != person.consent_contact
            or previous["consent_image"] != person.consent_image
        ):
            person.consent_updated_at = timezone.now()
    elif person.consent_contact or person.consent_image:
        person.consent_updated_at = timezone.now()
    return validated_save(person)


@transaction.atomic
def guardian_add(*, child: Person, guardian: Person, relationship: str) -> Guardianship:
    if child.pk == guardian.pk:
        raise DomainError(_("Une personne ne peut pas être son propre responsable."), field="guardian")
    link, _created = Guardianship.objects.get_or_create(
        child=child, guardian=guardian, defaults={"relationship": relationship}
    )
    return link


def _person_record(person: Person) -> dict[str, Any]:
    return {
        "id": person.pk,
        **{k: v for k, v in audit.snapshot(person).items() if k != "id"},
        "responsables": [
            {
                "nom": g.guardian.full_name,
                "lien": g.get_relationship_display(),
                "courriel": g.guardian.email,
                "téléphone": g.guardian.phone,
            }
            for g in person.guardianships.select_related("guardian")
        ],
        "personnes_à_charge": [g.child.full_name for g in person.wards.select_related("child")],
    }


def person_export(*, person: Person, by: User | None) -> dict[str, Any]:
    """Everything the platform holds about a person (GDPR right of access), logged in the audit."""
    if person.erased_at:
        raise DomainError(_("Les données de cette personne ont été effacées."), status=410)
    data: dict[str, Any] = {
        "format": "hall32-export-rgpd/1",
        "exporté_le": timezone.now().isoformat(),
        "personne": _person_record(person),
    }
    user = User.objects.filter(person=person).prefetch_related("groups").first()
    if user is not None:
        data["compte"] = {
            "identifiant": user.username,
            "rôles": sorted(user.roles),
            "dernière_connexion": user.last_login.isoformat() if user.last_login else None,
            "créé_le": user.date_joined.isoformat(),
        }
    for section in gdpr.sections():
        data[section.name] = section.export(person)
    data["historique"] = [
        {"date": e.at.isoformat(), "action": e.action, "par": e.actor_label} for e in person_history(person)
    ]
    with transaction.atomic():
        audit.record(action="export", instance=person, actor=by)
    return data


def person_history(person: Person) -> list[Any]:
    from hall32.core.selectors import audit_entries_for

    return list(audit_entries_for(instance=person))


@transaction.atomic
def person_erase(*, person: Person, by: User | None) -> Person:
    """GDPR erasure, from the registry of personal fields (core.gdpr.personal_data): every row
    about the person is blanked or deleted, its audit history redacted, the account closed and the
    person anonymised. Gender and birth year stay, so yearly statistics still add up."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.erased_at:
        raise DomainError(_("Les données de cette personne ont déjà été effacées."))
    for section in gdpr.sections():
        if section.erase is not None:
            section.erase(person)
    for spec in gdpr.personal_models().values():
        if spec.custom or not spec.owners:
            continue
        ids = gdpr.erase_rows(spec, person)
        if ids and audit.is_registered(spec.model):
            audit.redact_rows(spec.model, ids, fields=None if spec.delete else set(spec.erase))
    user = User.objects.filter(person=person).first()
    if user is not None:
        user.is_active = False
        user.username = f"efface-{person.pk}"
        user.first_name = user.last_name = user.email = ""
        user.last_login = None
        user.set_unusable_password()
        user.save()
        audit.redact_history(user)
        audit.rename_actor(user, label=user.username)
    person.first_name = _("Personne")
    person.last_name = _("effacée n° %(id)s") % {"id": person.pk}
    if person.birth_date:
        person.birth_date = dt.date(person.birth_date.year, 1, 1)
    person.email = person.phone = person.address = person.postcode = person.city = ""
    person.job_title = ""
    person.organisation = None
    person.consent_contact = person.consent_image = False
    person.consent_updated_at = None
    person.erased_at = timezone.now()
    person.save()
    audit.redact_history(person)
    audit.record(action="erase", instance=person, actor=by)
    return person


def job_create(*, kind: str, params: dict[str, Any], by: User | None) -> Job:
    return Job.objects.create(kind=kind, params=params, created_by=by if by and by.pk else None)


def job_progress(*, job_id: int, progress: int, message: str = "") -> None:
    """Report progress from a running task; a single UPDATE, outside any long transaction."""
    Job.objects.filter(pk=job_id, started_at__isnull=True).update(started_at=timezone.now())
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.RUNNING, progress=max(0, min(100, progress)), message=message[:300]
    )


def job_finish(*, job_id: int, result: dict[str, Any] | None = None, error: str | None = None) -> None:
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.FAILED if error else Job.Status.SUCCEEDED,
        progress=100,
        message=(error or _("Terminé."))[:300],
        result=result or {},
        finished_at=timezone.now(),
    )


def errors_from(exc: ValidationError) -> dict[str, list[str]]:
    """A ValidationError as {field: [messages]} ('__all__' for the non-field ones)."""
    if hasattr(exc, "error_dict"):
        return {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
    return {"__all__": [str(m) for m in exc.messages]}


# --- Reference numbers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferenceSeries:
    """How one kind of record is numbered: `prefix` (with {year}) then the number on `digits` digits,
    written in `model.field` (PI-2026-001, DEV-2026-001, C2027-0001, A2026-00001)."""

    kind: str
    model: type[models.Model]
    field: str
    prefix: str
    digits: int

    def format(self, *, year: int, number: int) -> str:
        return f"{self.prefix.format(year=year)}{number:0{self.digits}d}"

    def highest(self, *, year: int) -> int:
        """The highest number of the year already written, by the service or not (demo, imports)."""
        prefix = self.prefix.format(year=year)
        written = self.model._default_manager.filter(**{f"{self.field}__startswith": prefix}).values_list(
            self.field, flat=True
        )
        return max((int(r[len(prefix) :]) for r in written if r[len(prefix) :].isdigit()), default=0)


def _locked_counter(*, kind: str, year: int) -> ReferenceCounter:
    counters = ReferenceCounter.objects.select_for_update()
    try:
        return counters.get(kind=kind, year=year)
    except ReferenceCounter.DoesNotExist:
        pass
    # The first number of a year: two transactions may both find no counter and both insert one;
    # the second insert waits for the first to commit, then breaks the unique constraint. The
    # savepoint lets the loser roll back that insert alone and lock the winner's row instead.
    try:
        with transaction.atomic():
            return ReferenceCounter.objects.create(kind=kind, year=year)
    except IntegrityError:
        return counters.get(kind=kind, year=year)


@transaction.atomic
def reference_next(*, series: ReferenceSeries, year: int) -> int:
    """The next number of a kind in a year, never given twice, even to two requests at once.

    Two creations at once used to read the same highest number and write the same reference, the
    second failing on the unique constraint. The counter's row is now locked until the caller's
    transaction commits (PostgreSQL: SELECT ... FOR UPDATE; SQLite takes the database's write lock
    when the transaction begins, transaction_mode IMMEDIATE in hall32/env.py), so the second waits
    and reads the first one's number. The rows
    already written are read under that lock too, so that numbers written without the service
    (the demo, a factory, an import) are skipped rather than given again."""
    counter = _locked_counter(kind=series.kind, year=year)
    counter.last = max(counter.last, series.highest(year=year)) + 1
    counter.save(update_fields=["last"])
    return counter.last


def reference_issue(*, series: ReferenceSeries, year: int) -> str:
    """The next reference of a kind in a year, formatted (call inside the transaction that saves it)."""
    return series.format(year=year, number=reference_next(series=series, year=year))


# partners: merging two organisations that are one ---------------------------------------------

# The fields the kept record takes from the merged one when its own are blank.
MERGE_FILLS = (
    "size_band",
    "sector",
    "school_kind",
    "agency_kind",
    "siret",
    "uai",
    "address",
    "postcode",
    "city",
    "website",
    "email",
    "phone",
)


@dataclass(frozen=True)
class MergeReport:
    """What a merge moved (rows per kind of link, each with its label), settled and filled."""

    kept: Organisation
    merged_name: str
    moved: dict[str, int]
    labels: dict[str, str]
    settled: dict[str, int]
    filled: list[str]

    @property
    def total(self) -> int:
        return sum(self.moved.values())

    @property
    def filled_labels(self) -> list[str]:
        fields = {f.name: f for f in Organisation._meta.concrete_fields}
        return [str(fields[name].verbose_name) for name in self.filled]


class _DryRun(Exception):
    def __init__(self, report: MergeReport) -> None:
        self.report = report


def _move(rel: Any, *, kept: Organisation, merged: Organisation) -> int:
    if rel.many_to_many:
        through = rel.through._default_manager
        ours = rel.field.m2m_reverse_field_name()  # the through's column that points at Organisation
        theirs = rel.field.m2m_field_name()
        rows = through.filter(**{ours: merged})
        # A record linked to both keeps one link (the pair is unique in the through table).
        rows.filter(**{f"{theirs}__in": through.filter(**{ours: kept}).values(theirs)}).delete()
        return int(rows.update(**{ours: kept}))
    name = rel.field.name
    return int(rel.related_model._base_manager.filter(**{name: merged}).update(**{name: kept}))


def _merge(*, kept: Organisation, merged: Organisation, by: User | None) -> MergeReport:
    if kept.pk == merged.pk:
        raise DomainError(_("Choisissez une autre organisation que celle que vous gardez."), field="merged")
    # Both rows are locked (in the order of their ids, as any other merge would take them) so that
    # nobody links a record to the merged organisation while its links move.
    locked = {
        o.pk: o
        for o in Organisation.objects.select_for_update().filter(pk__in=[kept.pk, merged.pk]).order_by("pk")
    }
    if merged.pk not in locked:
        raise NotFound(
            _("Cette organisation n'existe plus : elle a peut-être déjà été fusionnée."), field="merged"
        )
    if kept.pk not in locked:
        raise NotFound(_("L'organisation à garder n'existe plus."), field="kept")
    ours, theirs = locked[kept.pk], locked[merged.pk]
    moved: dict[str, int] = {}
    labels: dict[str, str] = {}
    settled: dict[str, int] = {}
    for rel in duplicates.links(Organisation):
        model = rel.related_model
        label = model._meta.label_lower
        resolver = duplicates.resolver_for(model)
        if resolver is not None and label not in settled:
            settled[label] = resolver(kept=ours, merged=theirs)
        key = f"{label}.{rel.field.name}"
        try:
            with transaction.atomic():
                count = _move(rel, kept=ours, merged=theirs)
        except IntegrityError:
            raise Conflict(
                _("Fusion impossible : des « %(what)s » des deux organisations entrent en conflit.")
                % {"what": model._meta.verbose_name_plural},
                field="merged",
            ) from None
        if count:
            moved[key] = count
            labels[key] = f"{str(model._meta.verbose_name_plural).capitalize()} ({rel.field.verbose_name})"
    filled = [name for name in MERGE_FILLS if not getattr(ours, name) and getattr(theirs, name)]
    gone = {
        "id": theirs.pk,
        "nom": theirs.name,
        "siret": theirs.siret,
        "uai": theirs.uai,
        "commune": theirs.city,
    }
    for name in filled:
        setattr(ours, name, getattr(theirs, name))
    ours.is_founder = ours.is_founder or theirs.is_founder
    if theirs.notes:
        ours.notes = "\n\n".join(n for n in (ours.notes, f"{theirs.name} : {theirs.notes}") if n)
    # Deleted before the kept record takes its SIRET or UAI, which are unique.
    theirs.delete()
    validated_save(ours)
    audit.record(
        action="merge",
        instance=ours,
        actor=by,
        changes={
            "fusion": [gone, None],
            **{key: [None, count] for key, count in moved.items()},
            **({"champs_repris": [None, filled]} if filled else {}),
        },
    )
    return MergeReport(
        kept=ours,
        merged_name=theirs.name,
        moved=moved,
        labels=labels,
        settled={k: v for k, v in settled.items() if v},
        filled=filled,
    )


@transaction.atomic
def organisation_merge(
    *, kept: Organisation, merged: Organisation, by: User | None, dry_run: bool = False
) -> MergeReport:
    """Move every link of `merged` (people, contracts, projects, bookings, events, partnerships,
    interactions…) to `kept`, fill `kept`'s blank fields from it, delete it and write an audit
    entry on `kept` naming what moved. With `dry_run`, the same work is done and rolled back: the
    report says what a merge would move."""
    try:
        with transaction.atomic():
            report = _merge(kept=kept, merged=merged, by=by)
            if dry_run:
                raise _DryRun(report)
    except _DryRun as rolled_back:
        return rolled_back.report
    return report
