"""GDPR export and erasure across apps, and the registry of personal fields.

Each app that holds personal data registers:
- a section: an exporter (what it holds about a person, as JSON-ready data), for the right of
  access; core.services.person_export calls them all;
- for every model that points at a person or an account, which of its fields are personal data
  and how erasure blanks them, and which were reviewed as not personal (`personal_data`).
  core.services.person_erase erases from this registry alone, and a test fails when a model
  gains a field that the registry does not name: no personal field is left behind by oversight.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models, transaction

if TYPE_CHECKING:
    from hall32.core.models import Person

Exporter = Callable[["Person"], Any]
Eraser = Callable[["Person"], None]


@dataclass(frozen=True)
class Section:
    name: str
    export: Exporter
    erase: Eraser | None = None


_sections: dict[str, Section] = {}


def register(name: str, *, export: Exporter, erase: Eraser | None = None) -> None:
    _sections[name] = Section(name=name, export=export, erase=erase)


def sections() -> list[Section]:
    return list(_sections.values())


# --- The registry of personal fields ---------------------------------------------------------

# How erasure treats a personal field: BLANK writes the field's empty value ("" for text, None
# when nullable, False for a boolean, {} for JSON; a file is deleted from storage), NEW_TOKEN
# gives a secret link a fresh random value (the old link stops working); any other value is
# written as is, and a callable receives the erased person and returns the value.
BLANK = "__blank__"
NEW_TOKEN = "__new_token__"

# Fields every model may have without a review: keys and timestamps of the row.
NOT_PERSONAL_BY_NATURE = frozenset({"id", "created_at", "updated_at"})


@dataclass(frozen=True)
class PersonalData:
    model: type[models.Model]
    # Lookups from the model to the Person a row is about ("apprentice", "user__person",
    # "application__applicant"): the rows erasure touches.
    owners: tuple[str, ...]
    # Personal fields and how erasure treats them.
    erase: Mapping[str, Any] = field(default_factory=dict)
    # Fields reviewed as not personal data, and links to people that are not the row's subject
    # (who recorded it, who decided): the person behind them is anonymised, the row keeps them.
    keep: frozenset[str] = frozenset()
    # The rows are removed altogether (a qualification, a guardianship, a calendar token).
    delete: bool = False
    # Erased by the service itself (the Person and the User), still listed here for the test.
    custom: bool = False

    def named(self) -> set[str]:
        owner_fields = {lookup.split("__")[0] for lookup in self.owners}
        return set(self.erase) | set(self.keep) | owner_fields | NOT_PERSONAL_BY_NATURE


_personal: dict[type[models.Model], PersonalData] = {}


def personal_data(
    model: type[models.Model],
    *,
    owners: Iterable[str],
    erase: Mapping[str, Any] | Iterable[str] = (),
    keep: Iterable[str] = (),
    delete: bool = False,
    custom: bool = False,
) -> None:
    """Declare the personal fields of `model` (see PersonalData); once per model."""
    if model in _personal:
        raise KeyError(f"{model._meta.label} is already in the registry of personal data")
    how = dict(erase) if isinstance(erase, Mapping) else dict.fromkeys(erase, BLANK)
    _personal[model] = PersonalData(
        model=model,
        owners=tuple(owners),
        erase=how,
        keep=frozenset(keep),
        delete=delete,
        custom=custom,
    )


def personal_models() -> dict[type[models.Model], PersonalData]:
    return dict(_personal)


def blank_value(model_field: models.Field) -> Any:
    """The value that erases a field: a field whose empty value is not obvious must say it."""
    if isinstance(model_field, models.BooleanField):
        return False
    if isinstance(model_field, models.FileField):
        return ""
    if model_field.null:
        return None
    if isinstance(model_field, models.CharField | models.TextField):
        return ""
    if isinstance(model_field, models.JSONField):
        return {}
    raise ValueError(
        f"{model_field.model._meta.label}.{model_field.name} has no empty value: "
        "give erasure an explicit one in the registry"
    )


def _value(how: Any, model_field: models.Field, person: Person) -> Any:
    if how == BLANK:
        return blank_value(model_field)
    if callable(how):
        return how(person)
    return how


def erase_rows(spec: PersonalData, person: Person) -> list[Any]:
    """Blank (or delete) the rows of one model that are about `person`; return their ids, whose
    audit history the caller redacts."""
    if not spec.owners:
        return []
    manager = spec.model._default_manager
    condition = models.Q()
    for lookup in spec.owners:
        condition |= models.Q(**{lookup: person})
    rows = manager.filter(condition)
    ids = list(rows.values_list("pk", flat=True).distinct())
    if not ids:
        return []
    rows = manager.filter(pk__in=ids)
    files = [name for name in spec.erase if isinstance(spec.model._meta.get_field(name), models.FileField)]
    stored = [getattr(row, name) for row in rows for name in files if getattr(row, name)]
    if spec.delete:
        for row in rows:
            row.delete()  # one by one, so that the audit trail records each deletion
    else:
        values: dict[str, Any] = {}
        per_row: list[str] = []
        for name, how in spec.erase.items():
            if how == NEW_TOKEN:
                per_row.append(name)
            else:
                values[name] = _value(how, spec.model._meta.get_field(name), person)
        if values:
            rows.update(**values)
        for pk in ids:
            if per_row:
                manager.filter(pk=pk).update(**{name: uuid.uuid4() for name in per_row})
    for stored_file in stored:
        # Files go once the erasure is committed: a rollback must not leave rows without files.
        storage, name = stored_file.storage, stored_file.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    return ids
