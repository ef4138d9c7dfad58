"""With USE_THOUSAND_SEPARATOR on, Django prints the integer 1234 as "1 234" in French. Good for a
count on screen; wrong for a primary key in a link, a form value or an HTML id. Templates pass such
numbers through ``unlocalize``."""

import re
from pathlib import Path

from django.conf import settings
from django.template import Context, Template

ROOT = Path(settings.BASE_DIR) / "hall32"
RAW_IDENTIFIER = re.compile(r"\{\{\s*[\w.]*(?:\.pk|\.id|(?<!auto)(?<!target)_id)\s*\}\}")


def test_identifiers_in_templates_are_never_printed_with_a_thousands_separator():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {match.group(0)}"
        for path in sorted(ROOT.glob("*/templates/**/*.html"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        for match in RAW_IDENTIFIER.finditer(line)
    ]
    assert offenders == []


def test_unlocalize_keeps_an_identifier_whole_where_plain_output_would_split_it(settings):
    settings.LANGUAGE_CODE = "fr"
    template = Template('{% load l10n %}<a href="?machine={{ pk|unlocalize }}">{{ pk }}</a>')

    html = template.render(Context({"pk": 12345}))

    assert html == '<a href="?machine=12345">12\xa0345</a>'
