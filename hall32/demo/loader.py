"""The demo hub's loader: each part is registered (hall32/demo/apps.py); `seed_demo` loads them in
order, once each.

Every part draws from its own random generator, derived from the seed and the part's name, so
that adding a part (or more data to one part) never changes what the others generate.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Model
from faker import Faker

from hall32.core import audit

# The demo covers every school year from the hub's opening to the current one; the published
# figures (117 students in 2019-20, 197 in 2022-23...) hold for the years they describe. The demo
# reproduces the hub that opened in 2019 (the default of settings.HUB_FIRST_SCHOOL_YEAR, which
# production code reads instead): a deployment that sets another year does not move the demo.
FIRST_YEAR = 2019

M = TypeVar("M", bound=Model)


@dataclass
class DemoContext:
    seed: int
    today: date
    shared: dict[str, Any] = field(default_factory=dict)

    def rng(self, part: str) -> random.Random:
        return random.Random(f"hall32:{self.seed}:{part}")

    def faker(self, part: str) -> Faker:
        fake = Faker("fr_FR")
        fake.seed_instance(f"hall32:{self.seed}:{part}")
        return fake


@dataclass(frozen=True)
class Part:
    name: str
    order: int
    load: Callable[[DemoContext], dict[str, int] | None]


_parts: dict[str, Part] = {}


def register(name: str, load: Callable[[DemoContext], dict[str, int] | None], *, order: int) -> None:
    _parts[name] = Part(name, order, load)


def parts() -> list[Part]:
    return sorted(_parts.values(), key=lambda p: p.order)


def bulk_create_dated(model: type[Model], objects: list[M], *, fields: list[str]) -> list[M]:
    """bulk_create, keeping the values the generator gave to auto_now_add fields.

    An insert stamps those fields with the current time; the demo backdates them (an application
    received last spring). The fields' auto_now_add is switched off for the insert, so that the
    rows are written with their dates at once: writing them back with bulk_update cost a second
    UPDATE per batch and, for a thousand rows, more time than the insert (its CASE is compiled
    row by row). Safe as the demo loads in one thread.
    """
    stamped = [
        f for f in (model._meta.get_field(name) for name in fields) if getattr(f, "auto_now_add", False)
    ]
    for f in stamped:
        f.auto_now_add = False
    try:
        model._default_manager.bulk_create(objects)
    finally:
        for f in stamped:
            f.auto_now_add = True
    return objects


def bulk_link(relation: Any, links: Iterable[tuple[Model, Iterable[Model]]]) -> int:
    """Insert many-to-many links, [(source, [targets])], in one query: what `.set()` or `.add()`
    would store for each source (duplicates dropped), without their two queries a source.

    `relation` is the many-to-many descriptor, such as `Cohort.trainers`.
    """
    field, through = relation.field, relation.through
    source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    rows = []
    for obj, targets in links:
        for pk in dict.fromkeys(t.pk for t in targets):
            rows.append(through(**{source: obj.pk, target: pk}))
    through.objects.bulk_create(rows)
    return len(rows)


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """A part makes tens of thousands of model instances and almost no reference cycles: the cyclic
    collector's passes over the growing heap cost about a tenth of the load's CPU time, for a few
    megabytes kept until the part ends (reference counting frees the rest as it goes)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def seed_all(*, seed: int, today: date, log: Callable[[str], None] = lambda _msg: None) -> list[str]:
    """Load each part not loaded yet, each in one transaction; return the parts loaded now."""
    from hall32.core.models import DemoSeed

    loaded: list[str] = []
    context = DemoContext(seed=seed, today=today)
    for part in parts():
        existing = DemoSeed.objects.filter(part=part.name).first()
        if existing is not None:
            log(f"  {part.name}: déjà chargé (seed {existing.seed}), inchangé")
            continue
        with transaction.atomic(), audit.suspended(), _without_cyclic_gc():
            counts = part.load(context) or {}
            DemoSeed.objects.create(part=part.name, seed=seed)
        # « ordonnancements : 1 », a label and its count: never « 1 ordonnancements ».
        summary = ", ".join(f"{k}\u00a0: {v}" for k, v in counts.items())
        log(f"  {part.name}: {summary or 'chargé'}")
        loaded.append(part.name)
    return loaded
