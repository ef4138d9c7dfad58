from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "hall32.network"
    label = "network"
    verbose_name = _("Connecter : partenaires et offres")

    def ready(self) -> None:
        import hall32.network.rules  # noqa: F401  (registers the app's permissions)
        from hall32.core import audit
        from hall32.network import panels, personal_data
        from hall32.network.models import Partnership
        from hall32.web import dashboard, navigation, sections

        audit.register(Partnership)
        # matching
        from hall32.network.models import Introduction, MatchingRun

        audit.register(MatchingRun, exclude=["summary"])
        audit.register(Introduction)
        navigation.register(
            "connect",
            _("Placement en entreprise"),
            "network:matching_home",
            perm="network.run_matching",
            order=60,
            icon="diagram-2",
        )
        navigation.register(
            "connect",
            _("Mises en relation"),
            "network:introduction_list",
            perm="network.manage_introductions",
            order=65,
            icon="person-check",
        )
        personal_data.register()

        dashboard.register(
            "network.directory",
            template="network/_panel_directory.html",
            context=panels.directory_panel,
            roles=["direction", "coordinator", "outreach_officer", "industry_engineer"],
            order=80,
        )
        sections.register(
            sections.ORGANISATION,
            "network.partnerships",
            template="network/_organisation_partnerships.html",
            context=panels.organisation_partnerships,
        )
