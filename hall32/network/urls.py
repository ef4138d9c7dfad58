from django.urls import path

from hall32.network.views import matching

app_name = "network"

urlpatterns: list = [
    # matching
    path("placement/", matching.matching_home, name="matching_home"),
    path("placement/calculer/", matching.matching_start, name="matching_start"),
    path("placement/<int:pk>/", matching.matching_run, name="matching_run"),
    path("placement/<int:pk>/ajuster/", matching.matching_adjust, name="matching_adjust"),
    path("placement/<int:pk>/deplacer/", matching.matching_move, name="matching_move"),
    path("mises-en-relation/", matching.introduction_list, name="introduction_list"),
    path("mises-en-relation/proposer/", matching.introduction_propose, name="introduction_propose"),
    path("mises-en-relation/<int:pk>/", matching.introduction_detail, name="introduction_detail"),
]
