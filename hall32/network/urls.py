from django.urls import path

from hall32.network.views import contacts, matching, offers, partners

app_name = "network"

urlpatterns: list = []

# contacts
urlpatterns += [
    path("organisations/<int:pk>/contacts/nouveau/", contacts.contact_add, name="contact_add"),
    path("contacts/<int:pk>/privilegie/", contacts.contact_primary, name="contact_primary"),
    path("contacts/<int:pk>/terminer/", contacts.contact_end, name="contact_end"),
    path("echanges/", contacts.interaction_list, name="interaction_list"),
    path("organisations/<int:pk>/echanges/nouveau/", contacts.interaction_create, name="interaction_create"),
    path("echanges/<int:pk>/", contacts.interaction_edit, name="interaction_edit"),
    path("echanges/<int:pk>/supprimer/", contacts.interaction_delete, name="interaction_delete"),
    path("mes-taches/", contacts.my_tasks, name="my_tasks"),
    path("organisations/<int:pk>/taches/nouvelle/", contacts.task_create, name="task_create"),
    path("taches/<int:pk>/", contacts.task_edit, name="task_edit"),
    path("taches/<int:pk>/faite/", contacts.task_done, name="task_done"),
    path("taches/<int:pk>/rouvrir/", contacts.task_reopen, name="task_reopen"),
    path("taches/<int:pk>/supprimer/", contacts.task_delete, name="task_delete"),
    path("organisations/<int:pk>/historique/", contacts.organisation_history, name="organisation_history"),
]
# contacts end

# partners
urlpatterns += [
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

# offers
urlpatterns += [
    path("offres/", offers.offer_list, name="offer_list"),
    path("offres/nouvelle/", offers.offer_create, name="offer_create"),
    path("offres/importer/", offers.offer_import, name="offer_import"),
    path("offres/<int:pk>/", offers.offer_detail, name="offer_detail"),
    path("offres/<int:pk>/modifier/", offers.offer_edit, name="offer_edit"),
    path("offres/<int:pk>/statut/<str:status>/", offers.offer_status, name="offer_status"),
    path("offres/<int:pk>/appreciations/", offers.offer_rate, name="offer_rate"),
    path("candidats/<int:person_pk>/voeux/", offers.candidate_wishes, name="candidate_wishes"),
]

# matching
urlpatterns += [
    path("placement/", matching.matching_home, name="matching_home"),
    path("placement/calculer/", matching.matching_start, name="matching_start"),
    path("placement/<int:pk>/", matching.matching_run, name="matching_run"),
    path("placement/<int:pk>/ajuster/", matching.matching_adjust, name="matching_adjust"),
    path("placement/<int:pk>/deplacer/", matching.matching_move, name="matching_move"),
    path("mises-en-relation/", matching.introduction_list, name="introduction_list"),
    path("mises-en-relation/proposer/", matching.introduction_propose, name="introduction_propose"),
    path("mises-en-relation/<int:pk>/", matching.introduction_detail, name="introduction_detail"),
]
