from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "hall32.network"
    label = "network"
    verbose_name = _("Connecter : partenaires et offres")
