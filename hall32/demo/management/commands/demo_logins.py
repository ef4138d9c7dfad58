"""Print one demo login per role (after `seed_demo`)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from hall32.core.models import User
from hall32.core.roles import Role
from hall32.demo.data import DEMO_ACCOUNTS


class Command(BaseCommand):
    help = "Affiche un identifiant de démonstration par rôle."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000")

    def handle(self, *args, url: str, **options) -> None:
        existing = set(
            User.objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS]).values_list("username", flat=True)
        )
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Hall 32 est servi sur {url}/"))
        self.stdout.write(
            f"Mot de passe de tous les comptes de démonstration : {settings.HALL32_DEMO_PASSWORD}"
        )
        width = max(len(a[0]) for a in DEMO_ACCOUNTS) + 2
        for username, role, first, last, *_ in DEMO_ACCOUNTS:
            if username in existing:
                self.stdout.write(f"  {username:<{width}} {Role(role).label} ({first} {last})")
        self.stdout.write("")
