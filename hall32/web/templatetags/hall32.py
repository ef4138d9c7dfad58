"""Template helpers shared by every app: Bootstrap widgets, sortable headers, French figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms, template
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hall32.core import dates

register = template.Library()


@register.filter
def widget_kind(bound_field: forms.BoundField) -> str:
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "check"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "select"
    return "input"


@register.filter
def bs_widget(bound_field: forms.BoundField) -> str:
    """The widget with Bootstrap classes, is-invalid and aria-describedby for its errors."""
    kind = widget_kind(bound_field)
    css = {"check": "form-check-input", "select": "form-select"}.get(kind, "form-control")
    attrs: dict[str, Any] = {"class": f"{css}{' is-invalid' if bound_field.errors else ''}"}
    existing = bound_field.field.widget.attrs.get("class")
    if existing:
        attrs["class"] += f" {existing}"
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def sort_th(context: template.Context, listing: Any, key: str, label: str, css: str = "") -> str:
    """A sortable table header: one click sorts ascending, the next descending."""
    current = listing.sort
    if current == key:
        target, icon, aria = f"-{key}", "bi-sort-up", "ascending"
    elif current == f"-{key}":
        target, icon, aria = key, "bi-sort-down", "descending"
    else:
        target, icon, aria = key, "bi-arrow-down-up text-body-tertiary", "none"
    url = listing.url_with(sort=target, page=None)
    return format_html(
        '<th scope="col" class="{}" aria-sort="{}">'
        '<a class="link-body-emphasis text-decoration-none" href="{}" hx-get="{}" hx-target="#{}" '
        'hx-push-url="true">{} <i class="bi {}" aria-hidden="true"></i></a></th>',
        css,
        aria,
        url,
        url,
        listing.target_id,
        label,
        icon,
    )


@register.filter
def percent(value: float | None, digits: int = 0) -> str:
    """0.537 -> « 54 % » in French (narrow no-break space before the sign), "54%" in English."""
    if value is None:
        return "–"
    space = "\u202f" if (get_language() or "fr").startswith("fr") else ""
    return f"{number_format(round(value * 100, digits), digits)}{space}%"


@register.filter
def fr_number(value: float | int | None, digits: int | None = None) -> str:
    if value is None:
        return "–"
    if digits is not None:
        value = round(value, digits)  # Django truncates decimals; figures are rounded
    return number_format(value, digits, use_l10n=True, force_grouping=True)


@register.simple_tag
def yes_no(value: bool) -> str:
    return _("oui") if value else _("non")


@register.filter
def page_url(listing: Any, number: int) -> str:
    return listing.page_url(number)


@register.filter
def elided_range(page: Any) -> list[Any]:
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))


@register.filter
def zip_lists(first: list[Any], second: list[Any]) -> list[tuple[Any, Any]]:
    return list(zip(first, second, strict=False))


@register.filter
def year_label(start_year: int | None) -> str:
    """2026 -> « 2026-2027 » (a school year, never with a thousands separator)."""
    if start_year in (None, ""):
        return ""
    return f"{int(start_year)}-{int(start_year) + 1}"


@register.filter
def fr_money(value: float | int | None) -> str:
    """1234.5 -> « 1 234,50 € »."""
    if value is None or value == "":
        return "–"
    return f"{number_format(round(value, 2), 2, use_l10n=True, force_grouping=True)}\u00a0€"


@register.filter
def minutes_hm(value: int | float | None) -> str:
    """225 -> « 3 h 45 », 60 -> « 1 h », 40 -> « 40 min »."""
    if value in (None, ""):
        return "–"
    total = int(round(float(value)))
    hours, minutes = divmod(total, 60)
    if not hours:
        return f"{minutes}\u00a0min"
    return f"{hours}\u00a0h\u00a0{minutes:02d}" if minutes else f"{hours}\u00a0h"


@register.simple_tag
def list_url(listing: Any, **changes: Any) -> str:
    """The list's URL with some parameters changed; an empty value drops it (page='')."""
    return listing.url_with(**{k: (None if v in ("", None) else v) for k, v in changes.items()})


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """mapping[key] in a template (None when absent)."""
    try:
        return mapping.get(key) if hasattr(mapping, "get") else mapping[key]
    except (KeyError, IndexError, TypeError):
        return None


def _flags(arg: str) -> set[str]:
    return {flag.strip() for flag in (arg or "").split(",") if flag.strip()}


def _day_or_none(value: Any) -> dt.date | None:
    """Like Django's date filter, anything but a date writes nothing (and `default` takes over)."""
    return value if isinstance(value, dt.date) else None


@register.filter
def long_date(value: Any, arg: str = "") -> str:
    """« 1er décembre 2026 » / "1 December 2026"; "weekday": « mardi 1er… », "noyear": « 1er décembre »."""
    flags = _flags(arg)
    return dates.long_date(_day_or_none(value), weekday="weekday" in flags, year="noyear" not in flags)


@register.filter
def long_datetime(value: Any, arg: str = "") -> str:
    """« 1er décembre 2026, 14:30 »; "weekday": « mardi 1er décembre 2026, 14:30 »."""
    return dates.long_datetime(_day_or_none(value), weekday="weekday" in _flags(arg))


@register.filter
def short_date(value: Any, arg: str = "") -> str:
    """« mar. 1er déc. » / "Tue 1 Dec" for agenda lines; "year" and "time" add them, "nomonth"
    leaves the month out (« mar. 1er »)."""
    flags = _flags(arg)
    return dates.short_date(
        _day_or_none(value), year="year" in flags, time="time" in flags, month="nomonth" not in flags
    )


@register.simple_tag
def colon() -> str:
    """The colon after a label: « Retards : 2 » in French (no-break space before), "Lates: 2"."""
    return "\u00a0:" if (get_language() or "fr").startswith("fr") else ":"


@register.simple_tag
def today(arg: str = "") -> str:
    """Today in Paris, written like long_date: {% today "weekday" %} → « mardi 1er décembre 2026 »."""
    return long_date(timezone.localdate(), arg)
