"""Import learners into a cohort from a CSV or XLSX file, all or nothing.

    python manage.py import_learners eleves.xlsx --cohort BAC-MSPC-2026-1 --dry-run
    python manage.py import_learners eleves.xlsx --cohort BAC-MSPC-2026-1

`--dry-run` prints what would be created and updated (with each change) and writes nothing. Every
refused cell is printed as FILE:LINE:COLUMN: reason, and nothing is written; exit status 1.
"""

from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from hall32.core.commands import ServiceCommand, refused_as_command_error
from hall32.training.importing import read_file
from hall32.training.models import Cohort
from hall32.training.services.imports import ImportPlan, learners_import, learners_import_plan


class Command(ServiceCommand):
    help = "Importe des apprenant·e·s (CSV ou XLSX) dans une promotion : tout ou rien."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--cohort", required=True, help="code de la promotion (ex. BAC-MSPC-2026-1)")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="affiche ce qui serait créé et mis à jour, sans rien écrire",
        )

    def handle(self, *args, file: Path, cohort: str, dry_run: bool, **options) -> None:
        found = Cohort.objects.filter(code=cohort).first()
        if found is None:
            raise CommandError(f"promotion inconnue : {cohort}")
        if not file.is_file():
            raise CommandError(f"{file}: fichier introuvable")
        result = read_file(file, start=found.start_date)
        if result.source:
            self.stdout.write(f"{file}: lu ainsi : {result.source}")
        plan = learners_import_plan(cohort=found, result=result)
        self.report(plan, file)
        if plan.refused:
            for error in plan.refused:
                self.stderr.write(error.located(str(file)))
            n = len(plan.refused)
            raise CommandError(f"{n} erreur{'s' if n > 1 else ''} : rien n'a été importé.")
        if dry_run:
            self.stdout.write("Essai (--dry-run) : rien n'a été écrit.")
            return
        # What was printed is what is written: if the data changed meanwhile, nothing is.
        with refused_as_command_error(f"{file}: %(why)s Rien n'a été importé."):
            outcome = learners_import(cohort=found, result=result, by=None, expected=plan.fingerprint)
        self.stdout.write(
            self.style.SUCCESS(
                f"{outcome.created} créé·e·s, {outcome.updated} mis·e·s à jour, "
                f"{len(outcome.enrolments)} inscrit·e·s dans {found.code}."
            )
        )

    def report(self, plan: ImportPlan, file: Path) -> None:
        for planned in plan.to_create:
            row = planned.row
            self.stdout.write(f"{file}:{row.line}: à créer : {row.last_name.upper()} {row.first_name}")
        for planned in plan.to_update:
            person = planned.person
            assert person is not None  # to_update holds the people found again
            changes = [f"{c.label} : {c.old or '—'} → {c.new}" for c in planned.changes]
            changes += [f"{c.label} gardé : « {c.old} » (le fichier dit « {c.new} »)" for c in planned.kept]
            changes += [
                f"responsable, {c.label} : {c.old or '—'} → {c.new}" for c in planned.guardian_changes
            ]
            if planned.already_enrolled:
                changes.append("déjà inscrit·e")
            self.stdout.write(
                f"{file}:{planned.row.line}: à mettre à jour : {person.last_name.upper()} {person.first_name}"
                f" ({'; '.join(changes) or 'fiche inchangée'})"
            )
