"""Send the reminder of every class expected within three days (run daily; safe to run twice)."""

from django.core.management.base import CommandParser

from hall32.core.commands import ServiceCommand
from hall32.outreach.services import reminders_send


class Command(ServiceCommand):
    help = "Envoie les rappels aux enseignants dont la classe est attendue dans les 3 jours."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=3)

    def handle(self, *args, days: int, **options) -> None:
        count = reminders_send(days_before=days)
        self.stdout.write(f"{count} rappel{'s' if count > 1 else ''} envoyé{'s' if count > 1 else ''}.")
