"""Compile the .po catalogues to .mo with Babel (pure Python: no GNU gettext needed)."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile les catalogues de traduction (.po -> .mo)."

    def handle(self, *args, verbosity: int, **options) -> None:
        count = 0
        for root in settings.LOCALE_PATHS:
            for po_path in Path(root).glob("*/LC_MESSAGES/*.po"):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                with po_path.open("rb") as handle:
                    try:
                        catalog = read_po(handle, locale=po_path.parent.parent.name, abort_invalid=True)
                    except Exception as error:  # a broken catalogue names itself
                        raise CommandError(f"{po_path}: {error}") from None
                with mo_path.open("wb") as handle:
                    write_mo(handle, catalog, use_fuzzy=False)
                count += 1
        if verbosity:
            if count == 0:
                self.stdout.write("Traductions à jour.")
            else:
                plural = "s" if count > 1 else ""
                self.stdout.write(f"{count} catalogue{plural} compilé{plural}.")
