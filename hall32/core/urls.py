from django.urls import path

from hall32.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("confidentialite/", views.privacy, name="privacy"),
    path("mes-donnees/", views.my_data, name="my_data"),
    path("annuaire/organisations/", views.organisation_list, name="organisation_list"),
    path("annuaire/organisations/nouvelle/", views.organisation_create, name="organisation_create"),
    path("annuaire/organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path(
        "annuaire/organisations/<int:pk>/modifier/",
        views.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "annuaire/organisations/<int:pk>/supprimer/",
        views.organisation_delete,
        name="organisation_delete",
    ),
    # partners
    path("annuaire/organisations/<int:pk>/fusionner/", views.organisation_merge, name="organisation_merge"),
    path(
        "annuaire/organisations/<int:pk>/fusionner/<int:other>/",
        views.organisation_merge_confirm,
        name="organisation_merge_confirm",
    ),
    path("annuaire/personnes/", views.person_list, name="person_list"),
    path("annuaire/personnes/nouvelle/", views.person_create, name="person_create"),
    path("annuaire/personnes/<int:pk>/", views.person_detail, name="person_detail"),
    path("annuaire/personnes/<int:pk>/modifier/", views.person_edit, name="person_edit"),
    path("annuaire/personnes/<int:pk>/export/", views.person_export, name="person_export"),
    path("annuaire/personnes/<int:pk>/effacer/", views.person_erase, name="person_erase"),
    path("audit/", views.audit_list, name="audit_list"),
    path("taches/<int:pk>/", views.job_status, name="job_status"),
]
