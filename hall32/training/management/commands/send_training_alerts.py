"""Send the coordination the list of apprentices without a contract three months after their start."""

from hall32.core.commands import ServiceCommand
from hall32.training.services.alerts import contract_alerts_send


class Command(ServiceCommand):
    help = "Envoie à la coordination les apprenti·e·s sans contrat trois mois après la rentrée."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{contract_alerts_send()} apprenti·e·s sans contrat.")
