from django.urls import path

from hall32.training.views import (
    admissions,
    announcements,
    cohorts,
    contracts,
    learners,
    outcomes,
    programmes,
)

app_name = "training"

urlpatterns = [
    # Public
    path("candidater/", admissions.apply, name="apply"),
    path("candidature/<uuid:token>/", admissions.application_status, name="application_status"),
    path("agenda/<slug:token>.ics", learners.learner_feed, name="learner_feed"),
    # Admissions
    path("admissions/", admissions.pipeline, name="pipeline"),
    path("admissions/sans-entreprise/", admissions.without_company, name="without_company"),
    path("admissions/<int:pk>/", admissions.application_detail, name="application_detail"),
    path("admissions/<int:pk>/etape/", admissions.application_move, name="application_move"),
    path("admissions/<int:pk>/decision/", admissions.application_decide, name="application_decide"),
    path("admissions/<int:pk>/entretien/", admissions.interview_record, name="interview_record"),
    path("admissions/<int:pk>/courrier.pdf", admissions.decision_letter, name="decision_letter"),
    # Cohorts, timetable, attendance
    path("promotions/", cohorts.cohort_list, name="cohort_list"),
    path("promotions/<int:pk>/", cohorts.cohort_detail, name="cohort_detail"),
    path("promotions/<int:pk>/inscrire/", cohorts.cohort_enrol, name="cohort_enrol"),
    path("promotions/<int:pk>/importer/", cohorts.cohort_import, name="cohort_import"),
    path("promotions/<int:pk>/emploi-du-temps/", cohorts.cohort_timetable, name="cohort_timetable"),
    path("promotions/<int:pk>/seances.json", cohorts.cohort_sessions_json, name="cohort_sessions_json"),
    path("seances/", learners.my_sessions, name="my_sessions"),
    path("seances/<int:pk>/appel/", learners.attendance_take, name="attendance_take"),
    # Learners and their paths
    path("apprenants/<int:pk>/", learners.learner_detail, name="learner_detail"),
    path("apprenants/<int:pk>/evaluer/", learners.evaluation_new, name="evaluation_new"),
    path("apprenants/<int:pk>/agenda/", learners.learner_feed_create, name="learner_feed_create"),
    path("mon-parcours/", learners.my_path, name="my_path"),
    path("mes-enfants/", learners.my_children, name="my_children"),
    path("mes-apprentis/", learners.my_apprentices, name="my_apprentices"),
    # Contracts and alerts
    path("contrats/", contracts.contract_list, name="contract_list"),
    path("contrats/nouveau/", contracts.contract_new, name="contract_new"),
    path("contrats/<int:pk>/", contracts.contract_detail, name="contract_detail"),
    path("contrats/<int:pk>/modifier/", contracts.contract_edit, name="contract_edit"),
    path("contrats/<int:pk>/document.pdf", contracts.contract_document, name="contract_document"),
    path("contrats/<int:pk>/signer/", contracts.contract_sign, name="contract_sign"),
    path("contrats/<int:pk>/rompre/", contracts.contract_break, name="contract_break"),
    path("alertes/", contracts.alerts, name="alerts"),
    # Messages from the hub
    path("messages/", announcements.announcement_list, name="announcement_list"),
    path("messages/nouveau/", announcements.announcement_new, name="announcement_new"),
    path("messages/<int:pk>/retirer/", announcements.announcement_delete, name="announcement_delete"),
    # Outcomes
    path("devenirs/", outcomes.outcome_list, name="outcome_list"),
    path("devenirs/<int:pk>/suivi/", outcomes.outcome_followup, name="outcome_followup"),
    path("devenirs/<int:learner_pk>/<int:course_pk>/", outcomes.outcome_edit, name="outcome_edit"),
    # Programmes
    path("programmes/", programmes.programme_list, name="programme_list"),
    path("programmes/sessions/<int:pk>/", programmes.programme_session, name="programme_session"),
    path("orientations/", programmes.referral_list, name="referral_list"),
    path("orientations/nouvelle/", programmes.referral_new, name="referral_new"),
    path("orientations/<int:pk>/", programmes.referral_detail, name="referral_detail"),
    path("orientations/<int:pk>/etape/", programmes.referral_move, name="referral_move"),
    path("orientations/<int:pk>/note/", programmes.referral_note, name="referral_note"),
    path("orientations/<int:pk>/sortie/", programmes.referral_outcome, name="referral_outcome"),
]
