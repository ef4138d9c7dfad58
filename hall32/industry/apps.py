from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndustryConfig(AppConfig):
    name = "hall32.industry"
    label = "industry"
    verbose_name = _("Innover : Pôle Industrie")

    def ready(self) -> None:
        import hall32.industry.rules  # noqa: F401  (registers the app's permissions)
        from hall32.core import audit
        from hall32.industry import panels, personal_data
        from hall32.industry.models import (
            Booking,
            Equipment,
            LineConfiguration,
            MaintenancePlan,
            Project,
            Qualification,
            QualificationGrant,
            Quote,
            TimeEntry,
        )
        from hall32.web import dashboard, navigation

        for model in (
            Equipment,
            Qualification,
            QualificationGrant,
            MaintenancePlan,
            Booking,
            Project,
            Quote,
            TimeEntry,
            LineConfiguration,
        ):
            audit.register(model)
        personal_data.register()

        nav = navigation.register
        nav("innovate", _("Nos équipements"), "industry:equipment_list", perm=None, order=10, icon="cpu")
        nav(
            "innovate",
            _("Planning des machines"),
            "industry:board",
            perm="industry.book_equipment",
            order=20,
            icon="calendar-week",
        )
        nav(
            "innovate",
            _("Mes réservations"),
            "industry:my_bookings",
            perm="industry.view_my_bookings",
            order=25,
            icon="bookmark-check",
        )
        nav(
            "innovate",
            _("Mes projets"),
            "industry:my_projects",
            perm="industry.view_my_projects",
            order=28,
            icon="briefcase",
        )
        nav(
            "innovate",
            _("Projets clients"),
            "industry:project_list",
            perm="industry.view_projects",
            order=30,
            icon="briefcase",
        )
        nav(
            "innovate",
            _("Habilitations"),
            "industry:grant_list",
            perm="industry.view_qualifications",
            order=40,
            icon="patch-check",
        )
        nav(
            "innovate",
            _("Ordonnancement"),
            "industry:schedule_list",
            perm="industry.schedule_jobs",
            order=50,
            icon="bar-chart-steps",
        )
        nav(
            "innovate",
            _("Ligne modulaire"),
            "industry:line_list",
            perm="industry.simulate_lines",
            order=60,
            icon="diagram-3",
        )
        nav(
            "innovate",
            _("Utilisation des machines"),
            "industry:usage_report",
            perm="industry.view_usage_report",
            order=70,
            icon="table",
        )
        nav(
            "impact",
            _("Pôle Industrie (Innover)"),
            "industry:clients",
            perm="industry.view_projects",
            order=30,
            icon="buildings",
        )

        dashboard.register(
            "industry.engineer",
            template="industry/_panel_engineer.html",
            context=panels.engineer_panel,
            roles=["industry_engineer", "direction"],
            order=25,
        )
        dashboard.register(
            "industry.bookings",
            template="industry/_panel_bookings.html",
            context=panels.bookings_panel,
            roles=["industry_engineer", "trainer", "learner", "client"],
            order=40,
        )
        dashboard.register(
            "industry.client",
            template="industry/_panel_client.html",
            context=panels.client_panel,
            roles=["client"],
            order=10,
            width="col-lg-8",
        )
