"""GDPR export and erasure across apps.

Each app that holds personal data registers a section: an exporter (what it holds about a person,
as JSON-ready data) and optionally an eraser (what it must blank when the person is erased).
core.services.person_export / person_erase call them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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
