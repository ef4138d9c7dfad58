"""Compile the .po catalogues to .mo with Babel (pure Python: no GNU gettext needed).

The source strings are French, so French needs no catalogue, except for one thing: without one,
gettext falls back to the English rule for plurals ("0 réservations"), while French takes the
singular for 0 and 1 ("0 réservation"). The French catalogue is therefore derived from the
English one at compile time: every plural message, French on both sides, under French's
Plural-Forms. Nothing to keep by hand.
"""

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

FRENCH_PLURALS = "nplurals=2; plural=(n > 1);"


class Command(BaseCommand):
    help = "Compile les catalogues de traduction (.po -> .mo)."

    def handle(self, *args, verbosity: int, **options) -> None:
        count = 0
        for root in settings.LOCALE_PATHS:
            for po_path in Path(root).glob("*/LC_MESSAGES/*.po"):
                mo_path = po_path.with_suffix(".mo")
                outputs = [mo_path]
                if po_path.parent.parent.name == "en":
                    outputs.append(Path(root) / "fr" / "LC_MESSAGES" / mo_path.name)
                if all(o.exists() and o.stat().st_mtime >= po_path.stat().st_mtime for o in outputs):
                    continue
                with po_path.open("rb") as handle:
                    try:
                        catalog = read_po(handle, locale=po_path.parent.parent.name, abort_invalid=True)
                    except Exception as error:  # a broken catalogue names itself
                        raise CommandError(f"{po_path}: {error}") from None
                with mo_path.open("wb") as handle:
                    write_mo(handle, catalog, use_fuzzy=False)
                count += 1
                if len(outputs) > 1:
                    french_plurals(catalog, outputs[1])
        if verbosity:
            if count == 0:
                self.stdout.write("Traductions à jour.")
            else:
                plural = "s" if count > 1 else ""
                self.stdout.write(f"{count} catalogue{plural} compilé{plural}.")


def french_plurals(english: Catalog, mo_path: Path) -> None:
    """The French catalogue: each plural message of `english`, its French source on both sides."""
    header = f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: {FRENCH_PLURALS}\\n"\n'
    french = read_po(io.StringIO(header), locale="fr")
    for message in english:
        if message.id and isinstance(message.id, tuple | list):
            french.add(message.id, string=tuple(message.id), context=message.context)
    mo_path.parent.mkdir(parents=True, exist_ok=True)
    with mo_path.open("wb") as handle:
        write_mo(handle, french, use_fuzzy=False)
