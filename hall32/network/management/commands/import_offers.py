"""Import apprenticeship offers from a file, all or nothing; never a network call.

    python manage.py import_offers export-lba.json --dry-run
    python manage.py import_offers offres.csv --format csv

`--format` is `lba` (La bonne alternance's job export, JSON) or `csv`; by default it is read from
the file. `--dry-run` prints what would be created and updated and writes nothing. Every refused
value is printed as FILE:LINE:COLUMN: field : reason, and nothing is written; exit status 1.
"""

from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from hall32.core.commands import ServiceCommand, refused_as_command_error
from hall32.network.importing import read_offers
from hall32.network.services.imports import offers_import, offers_import_plan


class Command(ServiceCommand):
    help = "Importe des offres d'apprentissage (export La bonne alternance en JSON, ou CSV) : tout ou rien."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=["lba", "csv"], default="", help="lba (JSON) ou csv")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="affiche ce qui serait créé et mis à jour, sans rien écrire",
        )

    def handle(self, *args, file: Path, format: str, dry_run: bool, **options) -> None:
        if not file.is_file():
            raise CommandError(f"{file}: fichier introuvable")
        result = read_offers(file.read_bytes(), file.name, format=format)
        if result.source:
            self.stdout.write(f"{file}: lu ainsi : {result.source}")
        plan = offers_import_plan(result=result)
        for planned in plan.planned:
            action = "à mettre à jour" if planned.offer.pk else "à créer"
            changed = f" ({', '.join(planned.changed) or 'inchangée'})" if planned.offer.pk else ""
            self.stdout.write(
                f"{file}:{planned.row.line}: {action} : {planned.row.external_id} · {planned.offer.title}"
                f" · {planned.offer.company.name}{changed}"
            )
        if plan.skipped:
            n = plan.skipped
            self.stdout.write(
                f"{file}: {n} entreprise{'s' if n > 1 else ''} sans offre (lbaCompanies) : "
                f"{'ignorées' if n > 1 else 'ignorée'}."
            )
        if plan.refused:
            for error in plan.refused:
                self.stderr.write(error.located(str(file)))
            n = len(plan.refused)
            raise CommandError(f"{file}: {n} erreur{'s' if n > 1 else ''} : rien n'a été importé.")
        if dry_run:
            self.stdout.write("Essai (--dry-run) : rien n'a été écrit.")
            return
        with refused_as_command_error(f"{file}: %(why)s Rien n'a été importé."):
            outcome = offers_import(result=result, by=None, expected=plan.fingerprint)
        created, updated = outcome.created, outcome.updated
        self.stdout.write(
            self.style.SUCCESS(
                f"{created} {'offres créées' if created > 1 else 'offre créée'}, "
                f"{updated} {'mises' if updated > 1 else 'mise'} à jour."
            )
        )
