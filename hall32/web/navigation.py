"""The main navigation: five sections, each app registering its entries with a permission."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SECTIONS: list[tuple[str, Promise, str]] = [
    ("inform", _("Informer"), "megaphone"),
    ("train", _("Former"), "mortarboard"),
    ("innovate", _("Innover"), "cpu"),
    ("connect", _("Connecter"), "people"),
    ("impact", _("Impact"), "graph-up-arrow"),
]


@dataclass(frozen=True)
class Entry:
    section: str
    label: Promise | str
    url_name: str
    perm: str | None  # None: public, shown to everyone
    order: int = 100
    icon: str = ""
    staff_only_divider: bool = False


_entries: list[Entry] = []


def register(
    section: str,
    label: Promise | str,
    url_name: str,
    *,
    perm: str | None,
    order: int = 100,
    icon: str = "",
) -> None:
    if section not in {key for key, _label, _icon in SECTIONS}:
        raise ValueError(f"unknown navigation section {section!r}")
    _entries.append(Entry(section, label, url_name, perm, order, icon))


def menu_for(request: HttpRequest) -> list[dict[str, object]]:
    """The sections with the entries this user may open; empty sections are left out."""
    user = request.user
    current = request.path
    menu = []
    for key, label, icon in SECTIONS:
        items = []
        for entry in sorted((e for e in _entries if e.section == key), key=lambda e: e.order):
            if entry.perm is not None and not user.has_perm(entry.perm):
                continue
            url = reverse(entry.url_name)
            items.append(
                {
                    "label": entry.label,
                    "url": url,
                    "icon": entry.icon,
                    "active": current.startswith(url),
                }
            )
        if items:
            menu.append(
                {
                    "key": key,
                    "label": label,
                    "icon": icon,
                    "items": items,
                    "active": any(i["active"] for i in items),
                }
            )
    return menu
