from django.urls import path

from hall32.network.views import offers

app_name = "network"

urlpatterns: list = [
    # offers
    path("offres/", offers.offer_list, name="offer_list"),
    path("offres/nouvelle/", offers.offer_create, name="offer_create"),
    path("offres/importer/", offers.offer_import, name="offer_import"),
    path("offres/<int:pk>/", offers.offer_detail, name="offer_detail"),
    path("offres/<int:pk>/modifier/", offers.offer_edit, name="offer_edit"),
    path("offres/<int:pk>/statut/<str:status>/", offers.offer_status, name="offer_status"),
    path("offres/<int:pk>/appreciations/", offers.offer_rate, name="offer_rate"),
    path("candidats/<int:person_pk>/voeux/", offers.candidate_wishes, name="candidate_wishes"),
]
