"""The home dashboard: each app registers panels for the roles they concern.

A panel is a template fragment and a function returning its context for the request's user.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    context: Callable[[HttpRequest], dict[str, Any] | None]
    roles: frozenset[str] = field(default_factory=frozenset)  # empty: every signed-in user
    order: int = 100
    width: str = "col-lg-6"
    public: bool = False  # shown on the landing page to visitors, not on dashboards


_panels: dict[str, Panel] = {}


def register(
    key: str,
    *,
    template: str,
    context: Callable[[HttpRequest], dict[str, Any] | None],
    roles: Iterable[str] = (),
    order: int = 100,
    width: str = "col-lg-6",
    public: bool = False,
) -> None:
    _panels[key] = Panel(key, template, context, frozenset(roles), order, width, public)


def panels_for(request: HttpRequest) -> list[tuple[Panel, dict[str, Any]]]:
    """The panels the user's roles call for, with their contexts; a None context hides a panel."""
    user = request.user
    signed_in = user.is_authenticated
    roles = getattr(user, "roles", frozenset())
    chosen = []
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.key)):
        if panel.public == signed_in:
            continue
        if panel.roles and not (panel.roles & roles):
            continue
        context = panel.context(request)
        if context is not None:
            chosen.append((panel, context))
    return chosen
