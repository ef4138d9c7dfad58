"""The audit trail as a person reads it: field labels instead of column names, readable values
(choices' labels, dates, oui/non, the name of a linked record), the time in Paris in the locale's
format, and a link to the object when it still exists and the reader may open it.

One presenter for the audit page and a person's history card. A page of entries costs one query
per kind of object and per kind of linked record on it, never one per entry.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection, models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from hall32.core.audit import REDACTED
from hall32.core.dates import long_date
from hall32.core.models import AuditEntry

PARIS = ZoneInfo("Europe/Paris")
LONG_TEXT = 120
FIRST_CHANGES = 6  # beyond, a creation's or deletion's values fold away


@dataclass(frozen=True)
class Change:
    name: str  # the field's name, for the curious
    label: str  # its verbose name, translated
    before: str
    after: str


@dataclass(frozen=True)
class EntryView:
    entry: AuditEntry
    at: dt.datetime  # in Paris
    when: str  # the locale's short date and time
    type_label: str
    url: str | None
    changes: list[Change] = field(default_factory=list)

    @property
    def first_changes(self) -> list[Change]:
        return self.changes[:FIRST_CHANGES]

    @property
    def more_changes(self) -> list[Change]:
        return self.changes[FIRST_CHANGES:]


class _WouldQuery(Exception):
    pass


def _no_query(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    raise _WouldQuery


def _cheap_name(obj: models.Model) -> str | None:
    """The record's name, when printing it needs no further query (else None)."""
    try:
        with connection.execute_wrapper(_no_query):
            return str(obj)
    except _WouldQuery:
        return None


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None


def describe(entries: Iterable[AuditEntry], *, user: Any) -> list[EntryView]:
    """Readable rows for audit entries (fetched with their content type)."""
    entries = list(entries)
    models_of = {e.content_type_id: e.content_type.model_class() for e in entries}

    # The objects themselves (for the link), one query per kind of object.
    wanted: dict[int, set[str]] = defaultdict(set)
    for e in entries:
        if models_of[e.content_type_id] is not None:
            wanted[e.content_type_id].add(e.object_id)
    existing: dict[tuple[int, str], models.Model] = {}
    for ct_id, ids in wanted.items():
        model = models_of[ct_id]
        assert model is not None
        for obj in model._default_manager.filter(pk__in=_keys(model._meta.pk, ids)):
            existing[(ct_id, str(obj.pk))] = obj

    # The names of the records foreign keys point to, one query per kind of record.
    targets: dict[type[models.Model], set[Any]] = defaultdict(set)
    for e in entries:
        for name, pair in e.changes.items():
            f = _field(models_of[e.content_type_id], name)
            if _points_to_a_record(f):
                assert f is not None and f.related_model is not None
                targets[f.related_model] |= {v for v in pair if v is not None and v != REDACTED}
    names: dict[tuple[type[models.Model], str], str] = {}
    for model, ids in targets.items():
        related = [f.name for f in model._meta.concrete_fields if _points_to_a_record(f)]
        for obj in model._default_manager.select_related(*related).filter(pk__in=_keys(model._meta.pk, ids)):
            name = _cheap_name(obj)
            if name is not None:
                names[(model, str(obj.pk))] = name

    rows = []
    for e in entries:
        model = models_of[e.content_type_id]
        obj = existing.get((e.content_type_id, e.object_id))
        url = None
        if obj is not None and hasattr(obj, "get_absolute_url"):
            meta = obj._meta
            if user.has_perm(f"{meta.app_label}.view_{meta.model_name}", obj):
                url = obj.get_absolute_url()
        at = timezone.localtime(e.at, PARIS)
        rows.append(
            EntryView(
                entry=e,
                at=at,
                when=formats.date_format(at, "SHORT_DATETIME_FORMAT"),
                type_label=_type_label(e.content_type, model),
                url=url,
                changes=_changes(e, model, names),
            )
        )
    return rows


def _points_to_a_record(f: models.Field | None) -> bool:
    return f is not None and bool(f.many_to_one or f.one_to_one) and f.related_model is not None


def _keys(pk_field: models.Field, values: Iterable[Any]) -> list[Any]:
    """The primary keys among recorded values (a redacted or malformed id names nothing)."""
    keys = []
    for value in values:
        try:
            keys.append(pk_field.to_python(value))
        except (ValidationError, ValueError, TypeError):
            continue
    return keys


def _type_label(content_type: ContentType, model: type[models.Model] | None) -> str:
    return str(capfirst(model._meta.verbose_name)) if model is not None else content_type.model


def _changes(
    entry: AuditEntry, model: type[models.Model] | None, names: dict[tuple[type[models.Model], str], str]
) -> list[Change]:
    changes = []
    for name, pair in entry.changes.items():
        if model is not None and name == model._meta.pk.name:
            continue  # the object's number is shown with it
        before, after = (list(pair) + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        if entry.action in {AuditEntry.Action.CREATE, AuditEntry.Action.DELETE} and (
            (after if entry.action == AuditEntry.Action.CREATE else before) in (None, "")
        ):
            continue  # a creation lists what was filled in, a deletion what was held
        f = _field(model, name)
        label = str(capfirst(f.verbose_name)) if f is not None else name
        changes.append(Change(name, label, readable(f, before, names), readable(f, after, names)))
    return changes


def readable(f: models.Field | None, value: Any, names: dict[tuple[type[models.Model], str], str]) -> str:
    """A recorded value as a person reads it, in the active language."""
    if value is None or value == "":
        return _("(vide)")
    if value == REDACTED:
        return _("[effacé]")
    if f is None:
        return _shorten(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
    if _points_to_a_record(f):
        return names.get((f.related_model, str(value)), _("n° %(id)s") % {"id": value})
    if f.choices:
        labels = {str(k): v for k, v in f.flatchoices}
        if str(value) in labels:
            return str(labels[str(value)])
    try:
        return _typed(f, value)
    except (ValueError, TypeError, decimal.InvalidOperation):
        return _shorten(str(value))


def _typed(f: models.Field, value: Any) -> str:
    if isinstance(f, models.BooleanField):
        return _("oui") if value else _("non")
    if isinstance(f, models.DateTimeField):
        moment = dt.datetime.fromisoformat(value)
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, dt.UTC)
        return formats.date_format(timezone.localtime(moment, PARIS), "SHORT_DATETIME_FORMAT")
    if isinstance(f, models.DateField):
        return long_date(dt.date.fromisoformat(value))
    if isinstance(f, models.TimeField):
        return dt.time.fromisoformat(value).strftime("%H:%M")
    if isinstance(f, models.DecimalField):
        return formats.number_format(decimal.Decimal(str(value)), f.decimal_places, use_l10n=True)
    if isinstance(f, models.FloatField):
        return formats.number_format(float(value), use_l10n=True)
    if isinstance(f, models.IntegerField):
        return str(int(value))  # years and counts: no thousands separator
    if isinstance(f, models.JSONField) or not isinstance(value, str):
        return _shorten(json.dumps(value, ensure_ascii=False))
    return _shorten(value)


def _shorten(text: str) -> str:
    return text if len(text) <= LONG_TEXT else text[: LONG_TEXT - 1] + "…"


def audited_types() -> list[tuple[str, str]]:
    """The kinds of object the trail holds entries for, as (app_label.model, label) by label."""
    found = ContentType.objects.filter(pk__in=AuditEntry.objects.values("content_type"))
    choices = [(f"{ct.app_label}.{ct.model}", _type_label(ct, ct.model_class())) for ct in found]
    return sorted(choices, key=lambda c: c[1].lower())
