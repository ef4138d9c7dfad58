from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "hall32.network"
    label = "network"
    verbose_name = _("Connecter : partenaires et offres")

    def ready(self) -> None:
        from hall32.network import panels
        from hall32.web import dashboard

        dashboard.register(
            "network.directory",
            template="network/_panel_directory.html",
            context=panels.directory_panel,
            roles=["direction", "coordinator", "outreach_officer", "industry_engineer"],
            order=80,
        )
