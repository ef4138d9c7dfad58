from django.urls import path

from hall32.outreach.views import planning, public, staff

app_name = "outreach"

urlpatterns = [
    # Public
    path("", public.catalogue, name="catalogue"),
    path("formations/<slug:slug>/", public.course_detail, name="course_detail"),
    path("evenements/", public.event_list, name="event_list_public"),
    path("evenements.ics", public.events_ics, name="events_ics"),
    path("evenements/<slug:slug>/", public.event_public, name="event_public"),
    path("reservations/<uuid:token>/", public.booking_status, name="booking_status"),
    path("reservations/<uuid:token>/annuler/", public.booking_cancel, name="booking_cancel"),
    path("visites/<uuid:token>/", public.visitor_status, name="visitor_status"),
    path("visites/<uuid:token>/annuler/", public.visitor_cancel, name="visitor_cancel"),
    # Teachers
    path("mes-reservations/", staff.my_bookings, name="my_bookings"),
    path("mes-reservations/<int:pk>/ateliers.ics", staff.my_booking_rotation, name="my_booking_rotation"),
    # Staff
    path("gestion/", staff.event_list, name="event_list"),
    path("gestion/nouveau/", staff.event_create, name="event_create"),
    path("gestion/statistiques/", staff.reach, name="reach"),
    path("gestion/<int:pk>/", staff.event_detail, name="event_detail"),
    path("gestion/<int:pk>/modifier/", staff.event_edit, name="event_edit"),
    path("gestion/<int:pk>/annuler/", staff.event_cancel, name="event_cancel"),
    path("gestion/<int:pk>/equipe/", staff.event_staffing, name="event_staffing"),
    path("gestion/<int:pk>/bilan/", staff.event_tally, name="event_tally"),
    path("gestion/<int:pk>/visites/", staff.open_day, name="open_day"),
    path("gestion/<int:pk>/accueil/", staff.check_in, name="check_in"),
    path("gestion/<int:pk>/accueil/<int:registration_pk>/", staff.check_in_mark, name="check_in_mark"),
    path(
        "gestion/reservations/<int:pk>/annuler/",
        staff.booking_staff_cancel,
        name="booking_staff_cancel",
    ),
    path("gestion/reservations/<int:pk>/<str:action>/", staff.booking_action, name="booking_action"),
    path("gestion/<int:pk>/planning/", planning.planning, name="planning"),
    path("gestion/<int:pk>/planning/ateliers/", planning.planning_setup, name="planning_setup"),
    path("gestion/<int:pk>/planning/calculer/", planning.planning_run, name="planning_run"),
    path("gestion/<int:pk>/planning/modifier/", planning.planning_edit, name="planning_edit"),
    path("gestion/<int:pk>/planning/<int:plan_pk>/pdf/", planning.planning_pdf, name="planning_pdf"),
    path(
        "gestion/<int:pk>/planning/<int:plan_pk>/classe/<int:booking_pk>.ics",
        planning.planning_ics,
        name="planning_ics",
    ),
    path(
        "gestion/<int:pk>/planning/<int:plan_pk>/atelier/<int:workshop_pk>.ics",
        planning.planning_workshop_ics,
        name="planning_workshop_ics",
    ),
]
