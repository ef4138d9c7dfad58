from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "hall32.network"
    label = "network"
    verbose_name = _("Connecter : partenaires et offres")

    def ready(self) -> None:
        import hall32.network.rules  # noqa: F401  (registers the app's permissions)
        from hall32.core import audit, duplicates
        from hall32.network import panels, personal_data
        from hall32.network.models import Agreement, ContactRole, FollowUpTask, Interaction, Partnership
        from hall32.network.services import partners as partner_services
        from hall32.web import dashboard, navigation, sections

        audit.register(Partnership)
        # offers
        from hall32.network.models import CompanyRating, Offer

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

        # partners: agreements audited; a merge of organisations settles partnerships and roles first.
        audit.register(Agreement)
        duplicates.register_resolver(Partnership, partner_services.partnerships_merge)
        duplicates.register_resolver(ContactRole, partner_services.contact_roles_merge)
        navigation.register(
            "connect",
            _("Accueil Connecter"),
            "network:home",
            perm="network.view_partner_directory",
            order=5,
            icon="diagram-3",
        )
        navigation.register(
            "connect",
            _("Annuaire des partenaires"),
            "network:partner_directory",
            perm="network.view_partner_directory",
            order=30,
            icon="person-vcard",
        )

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

        # contacts
        audit.register(ContactRole)
        audit.register(Interaction)
        audit.register(FollowUpTask, exclude=["reminded_at"])  # the daily reminder is no one's change
        personal_data.register_contacts()
        navigation.register(
            "connect", _("Mes tâches"), "network:my_tasks", perm="network.view_my_tasks", order=20
        )
        navigation.register(
            "connect", _("Échanges"), "network:interaction_list", perm="network.view_interactions", order=30
        )
        dashboard.register(
            "network.my_tasks",
            template="network/_panel_tasks.html",
            context=panels.my_tasks_panel,
            roles=["direction", "coordinator", "outreach_officer", "industry_engineer"],
            order=81,
        )
        for key, template, context, order in [
            ("network.contacts", "network/_organisation_contacts.html", panels.organisation_contacts, 110),
            ("network.followup", "network/_organisation_followup.html", panels.organisation_followup, 120),
            ("network.timeline", "network/_organisation_timeline.html", panels.organisation_timeline, 130),
        ]:
            sections.register(sections.ORGANISATION, key, template=template, context=context, order=order)
        # contacts end
