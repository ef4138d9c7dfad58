from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "hall32.core"
    label = "core"
    verbose_name = _("Socle : organisations, personnes, sites")

    def ready(self) -> None:
        import hall32.core.rules  # noqa: F401  (registers core's permissions)
        from hall32.core import audit, personal_data
        from hall32.core.models import Guardianship, Person, User
        from hall32.core.panels import audit_panel, profile_panel
        from hall32.web import dashboard, navigation

        personal_data.register()
        audit.register(Person)
        audit.register(Guardianship)
        audit.register(User, exclude=["password", "last_login"])

        navigation.register(
            "connect",
            _("Organisations"),
            "core:organisation_list",
            perm="core.view_organisation",
            order=10,
            icon="building",
        )
        navigation.register(
            "connect",
            _("Personnes"),
            "core:person_list",
            perm="core.view_directory",
            order=20,
            icon="people",
        )
        navigation.register(
            "impact",
            _("Journal d'audit"),
            "core:audit_list",
            perm="core.view_auditentry",
            order=90,
            icon="journal-text",
        )

        dashboard.register(
            "core.audit",
            template="core/_panel_audit.html",
            context=audit_panel,
            roles=["direction"],
            order=90,
        )
        dashboard.register(
            "core.profile",
            template="core/_panel_profile.html",
            context=profile_panel,
            order=999,
            width="col-lg-4",
        )
