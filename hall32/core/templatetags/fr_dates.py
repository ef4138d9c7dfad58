"""Dates spelt out the French way (« 1er décembre 2026 »), English when the page is in English."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from hall32.core.dates import long_date as spell

register = template.Library()


@register.filter
def long_date(value: dt.date | None, style: str = "") -> str:
    """{{ d|long_date }} « 1er décembre 2026 »; "weekday": « mardi 1er décembre 2026 »;
    "day": « mardi 1er décembre » (no year)."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return spell(value, weekday=style in {"weekday", "day"}, year=style != "day")


@register.simple_tag
def long_today(style: str = "weekday") -> str:
    """Today in Paris, spelt out: {% long_today %} « mardi 1er décembre 2026 »."""
    return long_date(timezone.localdate(), style)
