from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "hall32.outreach"
    label = "outreach"
    verbose_name = _("Informer : événements, catalogue, promotion")
