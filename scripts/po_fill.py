"""Fill empty English translations from a JSON object {french msgid: english} read on stdin.

    python scripts/po_fill.py < translations.json
Plural entries take a list [singular, plural]. Prints the msgids still untranslated.
"""

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parent.parent / "hall32" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def main() -> None:
    translations = json.load(sys.stdin)
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if key in translations:
            value = translations[key]
            message.string = tuple(value) if isinstance(message.id, tuple) else value
            message.flags.discard("fuzzy")
    with PO.open("wb") as handle:
        write_po(handle, catalog, width=100, include_previous=False)
    for message in catalog:
        if message.id and (
            not message.string or (isinstance(message.string, tuple) and not all(message.string))
        ):
            print("untranslated:", message.id)


if __name__ == "__main__":
    main()
