"""The audit trail of personal data: every create, update and delete, with who, when, before, after.

Apps register their personal-data models in AppConfig.ready(); model signals then record every
change. Signals are the right hook here (not a business rule): no write path can forget them.
Bulk writes, which send no signals, call `record()` themselves. The actor comes from a context
variable set by the middleware for requests and by `acting_as()` for commands and tasks.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import uuid
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

SYSTEM_LABEL = "système"
REDACTED = "[effacé]"

_actor: ContextVar[Any] = ContextVar("hall32_audit_actor", default=None)
_suspended: ContextVar[bool] = ContextVar("hall32_audit_suspended", default=False)


@dataclass(frozen=True)
class AuditSpec:
    exclude: frozenset[str] = field(default_factory=frozenset)


_registry: dict[type[models.Model], AuditSpec] = {}


def register(model: type[models.Model], *, exclude: Iterable[str] = ()) -> None:
    """Audit every change of `model` (personal data). Excluded fields are never copied."""
    _registry[model] = AuditSpec(exclude=frozenset(exclude) | {"created_at", "updated_at"})
    uid = f"hall32-audit-{model._meta.label_lower}"
    pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}-pre", weak=False)
    post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-post", weak=False)
    post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-del", weak=False)


def registered_models() -> list[type[models.Model]]:
    return list(_registry)


def is_registered(model: type[models.Model]) -> bool:
    return model in _registry


@contextlib.contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Attribute the changes made inside the block to `user` (None: the system)."""
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


@contextlib.contextmanager
def suspended() -> Iterator[None]:
    """Record nothing inside the block: only for loading the generated demo hub, whose rows
    describe fictional people and are not changes anyone made."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def current_actor() -> Any:
    return _actor.get()


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The audited field values of an instance, as JSON-ready values (foreign keys as ids)."""
    spec = _registry.get(type(instance), AuditSpec())
    values: dict[str, Any] = {}
    for f in instance._meta.concrete_fields:
        if f.name in spec.exclude or f.attname in spec.exclude:
            continue
        values[f.name] = _plain(getattr(instance, f.attname))
    return values


def record(
    *,
    action: str,
    instance: models.Model,
    changes: dict[str, list[Any]] | None = None,
    actor: Any = None,
) -> None:
    """Write one audit entry (used by the signals, bulk writes, exports and erasures)."""
    from hall32.core.models import AuditEntry

    if _suspended.get():
        return
    who = actor if actor is not None else current_actor()
    authenticated = who is not None and getattr(who, "is_authenticated", False)
    AuditEntry.objects.create(
        actor=who if authenticated else None,
        actor_label=who.get_username() if authenticated else SYSTEM_LABEL,
        action=action,
        content_type=ContentType.objects.get_for_model(type(instance), for_concrete_model=False),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        changes=changes or {},
    )


def record_bulk_created(instances: Iterable[models.Model]) -> None:
    for instance in instances:
        record(
            action="create",
            instance=instance,
            changes={k: [None, v] for k, v in snapshot(instance).items()},
        )


def _before_save(sender: type[models.Model], instance: models.Model, raw: bool = False, **_: Any) -> None:
    if raw or _suspended.get():
        return
    before = None
    if instance.pk is not None and not instance._state.adding:
        old = sender._default_manager.filter(pk=instance.pk).first()
        before = snapshot(old) if old is not None else None
    instance._audit_before = before  # type: ignore[attr-defined]


def _after_save(
    sender: type[models.Model], instance: models.Model, created: bool, raw: bool = False, **_: Any
) -> None:
    if raw:
        return
    after = snapshot(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        record(action="create", instance=instance, changes={k: [None, v] for k, v in after.items()})
        return
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if changes:
        record(action="update", instance=instance, changes=changes)


def _after_delete(sender: type[models.Model], instance: models.Model, **_: Any) -> None:
    record(
        action="delete",
        instance=instance,
        changes={k: [v, None] for k, v in snapshot(instance).items()},
    )


def redact_history(instance: models.Model) -> int:
    """Blank the personal values in every past entry of `instance` (GDPR erasure)."""
    from hall32.core.models import AuditEntry

    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(instance), for_concrete_model=False),
        object_id=str(instance.pk),
    )
    count = 0
    for entry in entries:
        entry.changes = {
            k: [None if v is None else REDACTED for v in pair] for k, pair in entry.changes.items()
        }
        entry.object_repr = REDACTED
        entry.save(update_fields=["changes", "object_repr"])
        count += 1
    return count


def redact_rows(model: type[models.Model], ids: Iterable[Any], *, fields: set[str] | None) -> int:
    """Blank the personal values (`fields`; None: every field) in the past entries of the rows
    `ids` of `model`, and their labels, which often carry a name (GDPR erasure)."""
    from hall32.core.models import AuditEntry

    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
        object_id__in=[str(pk) for pk in ids],
    )
    count = 0
    for entry in entries:
        entry.changes = {
            k: [None if v is None else REDACTED for v in pair] if fields is None or k in fields else pair
            for k, pair in entry.changes.items()
        }
        entry.object_repr = REDACTED
        entry.save(update_fields=["changes", "object_repr"])
        count += 1
    return count


def rename_actor(user: Any, *, label: str) -> int:
    """The entries an erased account made keep their action, under the account's new name."""
    from hall32.core.models import AuditEntry

    return AuditEntry.objects.filter(actor=user).update(actor_label=label)
