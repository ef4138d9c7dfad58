"""Import learners into a cohort from a CSV or XLSX file, all or nothing.

    python manage.py import_learners eleves.xlsx --cohort BAC-MSPC-2026-1

Every bad cell is printed as FILE:LINE:COLUMN: reason, and nothing is written; exit status 1.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hall32.core.errors import DomainError
from hall32.training.importing import read_file
from hall32.training.models import Cohort
from hall32.training.services.cohorts import learners_import


class Command(BaseCommand):
    help = "Importe des apprenant·e·s (CSV ou XLSX) dans une promotion : tout ou rien."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--cohort", required=True, help="code de la promotion (ex. BAC-MSPC-2026-1)")

    def handle(self, *args, file: Path, cohort: str, **options) -> None:
        found = Cohort.objects.filter(code=cohort).first()
        if found is None:
            raise CommandError(f"promotion inconnue : {cohort}")
        if not file.is_file():
            raise CommandError(f"{file}: fichier introuvable")
        result = read_file(file, start=found.start_date)
        if result.errors:
            for error in result.errors:
                self.stderr.write(error.located(str(file)))
            raise CommandError(
                f"{len(result.errors)} erreur{'s' if len(result.errors) > 1 else ''} : rien n'a été importé."
            )
        try:
            created = learners_import(cohort=found, rows=result.rows, by=None)
        except DomainError as error:
            raise CommandError(f"{file}: {error.message} Rien n'a été importé.") from None
        self.stdout.write(self.style.SUCCESS(f"{len(created)} apprenant·e·s inscrit·e·s dans {found.code}."))
