from django.urls import path

from hall32.industry.views import bookings, equipment, lines, projects, scheduling

app_name = "industry"

urlpatterns = [
    # Machines
    path("equipements/", equipment.equipment_list, name="equipment_list"),
    path("equipements/nouvelle/", equipment.equipment_create, name="equipment_create"),
    path("equipements/<int:pk>/", equipment.equipment_detail, name="equipment_detail"),
    path("equipements/<int:pk>/modifier/", equipment.equipment_edit, name="equipment_edit"),
    path("equipements/<int:pk>/reservations.json", bookings.events_json, name="equipment_events"),
    path("equipements/<int:pk>/maintenance/nouvelle/", equipment.maintenance_edit, name="maintenance_create"),
    path(
        "equipements/<int:pk>/maintenance/<int:plan_pk>/", equipment.maintenance_edit, name="maintenance_edit"
    ),
    path(
        "equipements/<int:pk>/maintenance/<int:plan_pk>/arreter/",
        equipment.maintenance_stop,
        name="maintenance_stop",
    ),
    path("equipements/flux/<uuid:token>.ics", bookings.equipment_feed, name="equipment_feed"),
    # Bookings
    path("planning/", bookings.board, name="board"),
    path("planning/calendrier/", bookings.calendar, name="calendar"),
    path("planning/reservations.json", bookings.events_json, name="events"),
    path("disponibles/", bookings.free_machines, name="free_machines"),
    path("reservations/", bookings.my_bookings, name="my_bookings"),
    path("reservations/nouvelle/", bookings.booking_create, name="booking_create"),
    path("reservations/<int:pk>/", bookings.booking_detail, name="booking_detail"),
    path("reservations/<int:pk>/modifier/", bookings.booking_edit, name="booking_edit"),
    path("reservations/<int:pk>/annuler/", bookings.booking_cancel, name="booking_cancel"),
    path("reservations/<int:pk>/terminer/", bookings.booking_end, name="booking_end"),
    path("reservations/flux/renouveler/", bookings.user_feed_renew, name="user_feed_renew"),
    path("reservations/flux/<slug:token>.ics", bookings.user_feed, name="user_feed"),
    path("utilisation/", bookings.usage_report, name="usage_report"),
    # Qualifications
    path("habilitations/", equipment.grant_list, name="grant_list"),
    path("habilitations/accorder/", equipment.grant_create, name="grant_create"),
    path("habilitations/<int:pk>/retirer/", equipment.grant_revoke, name="grant_revoke"),
    path("habilitations/types/", equipment.qualification_list, name="qualification_list"),
    path("habilitations/types/nouvelle/", equipment.qualification_edit, name="qualification_create"),
    path("habilitations/types/<int:pk>/", equipment.qualification_edit, name="qualification_edit"),
    # Projects
    path("projets/", projects.project_list, name="project_list"),
    path("projets/nouveau/", projects.project_create, name="project_create"),
    path("projets/<int:pk>/", projects.project_detail, name="project_detail"),
    path("projets/<int:pk>/modifier/", projects.project_edit, name="project_edit"),
    path("projets/<int:pk>/etape/", projects.project_move, name="project_move"),
    path("projets/<int:pk>/temps/", projects.time_entry_add, name="time_entry_add"),
    path(
        "projets/<int:pk>/temps/<int:entry_pk>/supprimer/",
        projects.time_entry_delete,
        name="time_entry_delete",
    ),
    path("projets/<int:pk>/livrables/nouveau/", projects.deliverable_edit, name="deliverable_create"),
    path(
        "projets/<int:pk>/livrables/<int:deliverable_pk>/", projects.deliverable_edit, name="deliverable_edit"
    ),
    path(
        "projets/<int:pk>/livrables/<int:deliverable_pk>/fichier/",
        projects.deliverable_file,
        name="deliverable_file",
    ),
    path("projets/<int:project_pk>/devis/nouveau/", projects.quote_edit, name="quote_create"),
    path("devis/<int:pk>/", projects.quote_detail, name="quote_detail"),
    path("devis/<int:pk>/modifier/", projects.quote_edit, name="quote_edit"),
    path("devis/<int:pk>/pdf/", projects.quote_pdf, name="quote_pdf"),
    path("devis/<int:pk>/envoyer/", projects.quote_send, name="quote_send"),
    path("devis/<int:pk>/accepter/", projects.quote_decide, {"decision": "accepter"}, name="quote_accept"),
    path("devis/<int:pk>/refuser/", projects.quote_decide, {"decision": "refuser"}, name="quote_decline"),
    path("mes-projets/", projects.my_projects, name="my_projects"),
    path("mes-projets/demande/", projects.project_request, name="project_request"),
    path("clients/", projects.clients, name="clients"),
    # Scheduling
    path("ordonnancement/", scheduling.schedule_list, name="schedule_list"),
    path("ordonnancement/nouveau/", scheduling.schedule_create, name="schedule_create"),
    path("ordonnancement/<int:pk>/", scheduling.schedule_detail, name="schedule_detail"),
    path("ordonnancement/<int:pk>/operations/", scheduling.schedule_operations, name="schedule_operations"),
    path("ordonnancement/<int:pk>/calculer/", scheduling.schedule_run, name="schedule_run"),
    path("ordonnancement/<int:pk>/reserver/", scheduling.schedule_apply, name="schedule_apply"),
    path("ordonnancement/<int:pk>/dupliquer/", scheduling.schedule_duplicate, name="schedule_duplicate"),
    # Modular line
    path("lignes/", lines.line_list, name="line_list"),
    path("lignes/nouvelle/", lines.line_edit, name="line_create"),
    path("lignes/comparer/", lines.line_compare, name="line_compare"),
    path("lignes/<int:pk>/", lines.line_detail, name="line_detail"),
    path("lignes/<int:pk>/modifier/", lines.line_edit, name="line_edit"),
    path("lignes/<int:pk>/simuler/", lines.line_simulate, name="line_simulate"),
    path("lignes/<int:pk>/investir/", lines.line_simulate, {"kind": "improve"}, name="line_improve"),
    path("lignes/<int:pk>/dupliquer/", lines.line_duplicate, name="line_duplicate"),
]
