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
        from hall32.web import dashboard, sections

        audit.register(Partnership)
        # offers
        from hall32.network.models import CompanyRating, Offer
        from hall32.web import navigation

        audit.register(Offer)
        audit.register(CompanyRating)
        navigation.register(
            "connect",
            _("Offres d'apprentissage"),
            "network:offer_list",
            perm="network.view_offers",
            order=30,
            icon="briefcase",
        )
        # end offers
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
