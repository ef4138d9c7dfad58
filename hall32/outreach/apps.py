from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "hall32.outreach"
    label = "outreach"
    verbose_name = _("Informer : événements, catalogue, promotion")

    def ready(self) -> None:
        import hall32.outreach.rules  # noqa: F401  (registers the app's permissions)
        from hall32.core import audit
        from hall32.outreach import panels, personal_data
        from hall32.outreach.models import ClassBooking, VisitorRegistration
        from hall32.web import dashboard, navigation

        audit.register(ClassBooking)
        audit.register(VisitorRegistration)
        personal_data.register()

        navigation.register(
            "inform",
            _("Métiers et formations"),
            "outreach:catalogue",
            perm=None,
            order=10,
            icon="tools",
        )
        navigation.register(
            "inform",
            _("Événements à venir"),
            "outreach:event_list_public",
            perm=None,
            order=20,
            icon="calendar-event",
        )
        navigation.register(
            "inform",
            _("Mes réservations de classe"),
            "outreach:my_bookings",
            perm="outreach.view_my_bookings",
            order=30,
            icon="journal-check",
        )
        navigation.register(
            "inform",
            _("Gérer les événements"),
            "outreach:event_list",
            perm="outreach.view_events",
            order=40,
            icon="kanban",
        )
        navigation.register(
            "inform",
            _("Statistiques de rayonnement"),
            "outreach:reach",
            perm="outreach.view_reach",
            order=50,
            icon="bar-chart-line",
        )
        navigation.register(
            "impact",
            _("Rayonnement (Informer)"),
            "outreach:reach",
            perm="outreach.view_reach",
            order=20,
            icon="megaphone",
        )

        dashboard.register(
            "outreach.upcoming",
            template="outreach/_panel_upcoming.html",
            context=panels.upcoming_panel,
            roles=["direction", "coordinator", "outreach_officer"],
            order=20,
        )
        dashboard.register(
            "outreach.teacher",
            template="outreach/_panel_teacher.html",
            context=panels.teacher_panel,
            roles=["teacher"],
            order=10,
            width="col-lg-8",
        )
        dashboard.register(
            "outreach.public",
            template="outreach/_panel_public.html",
            context=panels.public_panel,
            public=True,
            order=10,
            width="col-12",
        )
