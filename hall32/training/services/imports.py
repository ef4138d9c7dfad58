"""Learner import: first a plan (who is created, who is updated and how, which lines are refused),
then the writes, exactly as planned, all or nothing.

The match rule: a line is a person already in Hall 32 when an active person has its e-mail, else
when one has its last name, first name and birth date. A person found again gets the contact
details the file brings (e-mail, phone, postcode, town, gender, a missing birth date); a cell left
empty never erases anything, and a name that differs is kept as Hall 32 has it (the plan says so).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hall32.core import audit
from hall32.core import services as core_services
from hall32.core.errors import DomainError
from hall32.core.models import Guardianship, Person, User
from hall32.training.errors import TrainingError
from hall32.training.importing import ImportError_, ImportResult, LearnerRow
from hall32.training.law import age_on
from hall32.training.models import Cohort, Enrolment
from hall32.training.services.cohorts import enrolment_create

# What a person found again may receive from the file, and how each is named in the preview.
UPDATABLE = {
    "email": gettext_lazy("courriel"),
    "phone": gettext_lazy("téléphone"),
    "postcode": gettext_lazy("code postal"),
    "city": gettext_lazy("commune"),
    "gender": gettext_lazy("genre"),
    "birth_date": gettext_lazy("date de naissance"),
}
KEPT = {"last_name": gettext_lazy("nom"), "first_name": gettext_lazy("prénom")}


@dataclass(frozen=True)
class Change:
    attribute: str
    label: str
    old: str
    new: str


@dataclass
class PlannedLearner:
    row: LearnerRow
    person: Person | None = None  # None: a new person
    matched_by: str = ""  # "email" or "identity"
    changes: list[Change] = field(default_factory=list)  # applied to the person found again
    kept: list[Change] = field(default_factory=list)  # what the file says otherwise, not applied
    already_enrolled: bool = False  # in this cohort already: the enrolment is left as it is
    guardian: Person | None = None  # the guardian found again by e-mail
    guardian_changes: list[Change] = field(default_factory=list)
    guardian_from_line: int | None = None  # a guardian created by an earlier line (siblings)
    guardian_link_new: bool = False
    cohort_start: dt.date = dt.date.min

    @property
    def wants_guardian(self) -> bool:
        return self.row.has_guardian and age_on(self.row.birth_date, self.cohort_start) < 18

    @property
    def status_label(self) -> str:
        return str(Enrolment.Status(self.row.status).label)

    @property
    def guardian_new(self) -> bool:
        return self.wants_guardian and self.guardian is None and self.guardian_from_line is None


@dataclass
class ImportPlan:
    to_create: list[PlannedLearner] = field(default_factory=list)
    to_update: list[PlannedLearner] = field(default_factory=list)
    refused: list[ImportError_] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused and bool(self.to_create or self.to_update)

    @property
    def fingerprint(self) -> str:
        """What the import would write, as a digest: the confirmation must find the same."""

        def changes(items: list[Change]) -> list[list[str]]:
            return [[c.attribute, c.old, c.new] for c in items]

        planned = [
            {
                "row": {k: str(v) for k, v in vars(p.row).items()},
                "person": p.person.pk if p.person else None,
                "changes": changes(p.changes),
                "kept": changes(p.kept),
                "enrolled": p.already_enrolled,
                "guardian": p.guardian.pk if p.guardian else None,
                "guardian_changes": changes(p.guardian_changes),
                "guardian_from": p.guardian_from_line,
                "guardian_new": p.guardian_new,
                "link": p.guardian_link_new,
            }
            for p in sorted(self.to_create + self.to_update, key=lambda p: p.row.line)
        ]
        refused = [[e.line, e.column, e.reason] for e in self.refused]
        payload = json.dumps({"planned": planned, "refused": refused}, sort_keys=True, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone or "")


def _same(attribute: str, old: object, new: object) -> bool:
    if attribute in ("phone",):
        return _digits(str(old)) == _digits(str(new))
    return str(old or "").strip().casefold() == str(new or "").strip().casefold()


def _shown(attribute: str, value: object) -> str:
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if attribute == "gender":
        return str(Person.Gender(str(value)).label) if value else ""
    return str(value or "")


def _learner_changes(person: Person, row: LearnerRow) -> list[Change]:
    found = []
    for attribute, label in UPDATABLE.items():
        new = getattr(row, attribute)
        old = getattr(person, attribute)
        if attribute == "birth_date":
            if old is None:
                found.append(Change(attribute, str(label), "", _shown(attribute, new)))
            continue
        if attribute == "gender" and new == Person.Gender.UNSPECIFIED:
            continue  # "X" in the file is no news worth overwriting a known gender with
        if new and not _same(attribute, old, new):
            found.append(Change(attribute, str(label), _shown(attribute, old), _shown(attribute, new)))
    return found


def learners_import_plan(*, cohort: Cohort, result: ImportResult) -> ImportPlan:
    """Read only: what `learners_import` would do with this file, line by line."""
    plan = ImportPlan(refused=list(result.errors))
    matched: dict[int, int] = {}  # person pk -> the line that found it
    new_guardians: dict[str, int] = {}  # e-mail -> the line that creates that guardian
    enrolled = set(Enrolment.objects.filter(cohort=cohort).values_list("person_id", flat=True))
    for row in result.rows:
        planned = PlannedLearner(row=row, cohort_start=cohort.start_date)
        refusals = len(plan.refused)

        def refuse(attribute: str, reason: str, row: LearnerRow = row) -> None:
            plan.refused.append(result.error_at(row.line, attribute, reason))

        person = None
        if row.email:
            person = Person.objects.active().filter(email__iexact=row.email).first()
            planned.matched_by = "email" if person else ""
            if person and person.birth_date and person.birth_date != row.birth_date:
                refuse(
                    "email",
                    _(
                        "ce courriel est celui d'une autre personne de Hall 32 (date de naissance "
                        "différente) : vérifiez-le, ou laissez la case vide"
                    ),
                )
        if person is None:
            person = (
                Person.objects.active()
                .filter(
                    last_name__iexact=row.last_name,
                    first_name__iexact=row.first_name,
                    birth_date=row.birth_date,
                )
                .first()
            )
            planned.matched_by = "identity" if person else ""
        planned.person = person
        if person is not None:
            if person.pk in matched:
                refuse("last_name", _("même personne que la ligne %(line)s") % {"line": matched[person.pk]})
            matched.setdefault(person.pk, row.line)
            planned.changes = _learner_changes(person, row)
            # Names stay as Hall 32 has them; "MARTIN" is "Martin", but "Lea" is not "Léa": say so.
            planned.kept = [
                Change(a, str(label), getattr(person, a), getattr(row, a))
                for a, label in KEPT.items()
                if not _same(a, getattr(person, a), getattr(row, a))
            ]
            planned.already_enrolled = person.pk in enrolled
        if planned.wants_guardian:
            email = row.guardian_email.lower()
            guardian = Person.objects.active().filter(email__iexact=email).first() if email else None
            if email and (email == row.email.lower() or (guardian and person and guardian.pk == person.pk)):
                refuse("guardian_email", _("c'est le courriel de l'apprenti·e, pas celui d'un responsable"))
            elif guardian is not None:
                planned.guardian = guardian
                if row.guardian_phone and not _same("phone", guardian.phone, row.guardian_phone):
                    planned.guardian_changes.append(
                        Change("phone", str(UPDATABLE["phone"]), guardian.phone, row.guardian_phone)
                    )
            elif email and email in new_guardians:
                planned.guardian_from_line = new_guardians[email]
            elif email:
                new_guardians[email] = row.line
            planned.guardian_link_new = not (
                person
                and planned.guardian
                and Guardianship.objects.filter(child=person, guardian=planned.guardian).exists()
            )
        if len(plan.refused) > refusals:
            continue
        (plan.to_update if person else plan.to_create).append(planned)
    plan.refused.sort(key=lambda e: (e.line, e.column))
    return plan


def _save(person: Person, line: int) -> Person:
    try:
        return core_services.person_save(person=person)
    except ValidationError as error:  # a rule of the model the reader does not know: still a line
        reasons = "; ".join(m for messages in error.message_dict.values() for m in messages)
        raise TrainingError(
            _("Ligne %(line)s : %(why)s") % {"line": line, "why": reasons}, field="file"
        ) from None


@dataclass
class ImportOutcome:
    created: int = 0
    updated: int = 0
    enrolments: list[Enrolment] = field(default_factory=list)


@transaction.atomic
def learners_import(
    *, cohort: Cohort, result: ImportResult, by: User | None, expected: str | None = None
) -> ImportOutcome:
    """Write a checked learner list as planned: people created or updated, guardians for minors,
    enrolments. One transaction: all or nothing. `expected` is the fingerprint of the plan the
    user saw; when the data changed since, nothing is written (TrainingError, code "stale")."""
    # Two imports into the same cohort at once would both plan to create the same people: the
    # cohort row is locked, so the second one plans again after the first has committed.
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    plan = learners_import_plan(cohort=cohort, result=result)
    if plan.refused:
        first = plan.refused[0]
        raise TrainingError(
            ngettext(
                "%(n)s erreur, rien n'a été importé : ligne %(line)s, %(why)s",
                "%(n)s erreurs, rien n'a été importé ; la première, ligne %(line)s : %(why)s",
                len(plan.refused),
            )
            % {"n": len(plan.refused), "line": first.line, "why": first.reason},
            field="file",
        )
    if not plan.ok:
        raise TrainingError(_("Aucune ligne à importer."), field="file")
    if expected is not None and plan.fingerprint != expected:
        raise TrainingError(
            _(
                "Les données ont changé depuis l'aperçu : vérifiez l'aperçu à jour, puis confirmez de nouveau."
            ),
            field="file",
            code="stale",
            status=409,
        )
    outcome = ImportOutcome()
    guardians_created: dict[int, Person] = {}  # line that created a guardian -> that guardian
    with audit.acting_as(by):
        for planned in sorted(plan.to_create + plan.to_update, key=lambda p: p.row.line):
            row = planned.row
            if planned.person is None:
                person = _save(
                    Person(
                        first_name=row.first_name,
                        last_name=row.last_name,
                        birth_date=row.birth_date,
                        gender=row.gender or Person.Gender.UNSPECIFIED,
                        email=row.email.lower(),
                        phone=row.phone,
                        postcode=row.postcode,
                        city=row.city,
                    ),
                    row.line,
                )
                outcome.created += 1
            else:
                person = planned.person
                if planned.changes:
                    for change in planned.changes:
                        value = getattr(row, change.attribute)
                        setattr(
                            person, change.attribute, value.lower() if change.attribute == "email" else value
                        )
                    person = _save(person, row.line)
                outcome.updated += 1
            if planned.wants_guardian:
                guardian = planned.guardian
                if guardian is not None and planned.guardian_changes:
                    guardian.phone = row.guardian_phone
                    guardian = _save(guardian, row.line)
                elif planned.guardian_from_line is not None:
                    guardian = guardians_created[planned.guardian_from_line]
                elif guardian is None:
                    guardian = _save(
                        Person(
                            first_name=row.guardian_first_name or "–",
                            last_name=row.guardian_last_name,
                            email=row.guardian_email.lower(),
                            phone=row.guardian_phone,
                        ),
                        row.line,
                    )
                    guardians_created[row.line] = guardian
                Guardianship.objects.get_or_create(child=person, guardian=guardian)
            if planned.already_enrolled:
                continue
            try:
                outcome.enrolments.append(enrolment_create(cohort=cohort, person=person, status=row.status))
            except DomainError as error:
                raise TrainingError(
                    _("Ligne %(line)s : %(why)s") % {"line": row.line, "why": error.message}, field="file"
                ) from None
    return outcome
