"""Load the demo hub (every app's part, once each): `python manage.py seed_demo --seed 32`."""

import time

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from hall32.demo import loader as demo


class Command(BaseCommand):
    help = "Charge le hub de démonstration (une seule fois : relancer ne duplique rien)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=32, help="graine aléatoire (32 par défaut)")
        parser.add_argument(
            "--today",
            type=str,
            default=None,
            help="date de référence AAAA-MM-JJ (par défaut aujourd'hui, heure de Paris)",
        )

    def handle(self, *args, seed: int, today: str | None, verbosity: int, **options) -> None:
        from datetime import date

        reference = date.fromisoformat(today) if today else timezone.localdate()
        started = time.perf_counter()
        self.stdout.write(f"Hub de démonstration (seed {seed}) :")
        loaded = demo.seed_all(seed=seed, today=reference, log=self.stdout.write)
        elapsed = time.perf_counter() - started
        if loaded:
            self.stdout.write(self.style.SUCCESS(f"Chargé en {elapsed:.1f} s : {', '.join(loaded)}."))
        else:
            self.stdout.write("Rien à charger : le hub de démonstration est déjà en place.")
