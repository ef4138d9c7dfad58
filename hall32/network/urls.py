from django.urls import path

from hall32.network.views import partners

app_name = "network"

urlpatterns: list = [
    # partners
    path("", partners.connect_home, name="home"),
    path("partenaires/", partners.partner_directory, name="partner_directory"),
    path("partenaires/liste-de-diffusion/", partners.mailing_list, name="mailing_list"),
    path(
        "organisations/<int:pk>/partenariats/nouveau/", partners.partnership_create, name="partnership_create"
    ),
    path("partenariats/<int:pk>/etape/", partners.partnership_stage, name="partnership_stage"),
    path("partenariats/<int:pk>/terminer/", partners.partnership_end, name="partnership_end"),
    path("organisations/<int:pk>/conventions/nouvelle/", partners.agreement_create, name="agreement_create"),
    path("conventions/<int:pk>/fichier/", partners.agreement_file, name="agreement_file"),
    path("conventions/<int:pk>/supprimer/", partners.agreement_delete, name="agreement_delete"),
]
