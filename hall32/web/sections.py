"""Sections other apps add to a detail page: an app that may not be imported by the page's app
(core's organisation page shows network's partnerships) registers a template fragment and a
function returning its context for the request and the page's object.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

# The pages that take sections.
ORGANISATION = "core.organisation_detail"


@dataclass(frozen=True)
class Section:
    key: str
    template: str
    context: Callable[[HttpRequest, Any], dict[str, Any] | None]
    order: int = 100


_sections: dict[str, dict[str, Section]] = {}


def register(
    page: str,
    key: str,
    *,
    template: str,
    context: Callable[[HttpRequest, Any], dict[str, Any] | None],
    order: int = 100,
) -> None:
    _sections.setdefault(page, {})[key] = Section(key, template, context, order)


def sections_for(page: str, request: HttpRequest, obj: Any) -> list[tuple[Section, dict[str, Any]]]:
    """The page's sections with their contexts; a None context (say, for a user who may not see
    it) hides a section."""
    chosen = []
    for section in sorted(_sections.get(page, {}).values(), key=lambda s: (s.order, s.key)):
        context = section.context(request, obj)
        if context is not None:
            chosen.append((section, context))
    return chosen
