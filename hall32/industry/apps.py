from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndustryConfig(AppConfig):
    name = "hall32.industry"
    label = "industry"
    verbose_name = _("Innover : Pôle Industrie")
