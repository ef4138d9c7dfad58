"""PDF documents with WeasyPrint, rendered from templates in the hub's language."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template, {**context, "today": timezone.localdate()})
    return HTML(string=html).write_pdf()
