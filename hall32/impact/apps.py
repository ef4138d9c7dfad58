from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "hall32.impact"
    label = "impact"
    verbose_name = _("Impact : tableau de bord et rapport annuel")

    def ready(self) -> None:
        import hall32.impact.rules  # noqa: F401  (registers the app's permissions)
        from hall32.web import navigation

        navigation.register(
            "impact",
            _("Chiffres clés"),
            "impact:key_figures",
            perm="impact.view_dashboard",
            order=10,
            icon="bar-chart",
        )
