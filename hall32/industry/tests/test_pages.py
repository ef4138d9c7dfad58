"""The industry pages: bounded queries on every list, the booking dialog, the usage report and its
spreadsheet, the iCal feeds, who may open what."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from hall32.core.dates import long_date
from hall32.core.roles import Role
from hall32.core.tests.factories import OrganisationFactory
from hall32.industry.models import Booking, QualificationGrant
from hall32.industry.services import bookings as booking_services
from hall32.industry.tests.factories import (
    BookingFactory,
    EquipmentFactory,
    GrantFactory,
    LineFactory,
    ModuleFactory,
    ProjectFactory,
    QualificationFactory,
    next_monday_at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(engineer):
    qualification = QualificationFactory()
    for _ in range(12):
        machine = EquipmentFactory(qualification=qualification)
        project = ProjectFactory()
        BookingFactory(
            equipment=machine, user=engineer, project=project, start=next_monday_at(9), end=next_monday_at(11)
        )
        GrantFactory(qualification=qualification)
        LineFactory(client=project.client)
    for line in LineFactory._meta.model.objects.all():
        ModuleFactory(line=line, position=0)
    GrantFactory(qualification=qualification, person=engineer.person)


@pytest.mark.parametrize(
    "url,limit",
    [
        ("/innover/equipements/", 8),
        ("/innover/planning/", 10),
        ("/innover/reservations/?when=", 12),
        ("/innover/habilitations/?state=", 10),
        ("/innover/projets/", 10),
        ("/innover/clients/", 12),
        ("/innover/ordonnancement/", 10),
        ("/innover/lignes/", 10),
        ("/innover/utilisation/", 10),
    ],
)
def test_list_pages_keep_a_bounded_number_of_queries(
    as_user, engineer, filled, url, limit, django_assert_max_num_queries
):
    client = as_user(engineer)

    with django_assert_max_num_queries(limit):
        response = client.get(url)

    assert response.status_code == 200


def test_the_equipment_catalogue_is_public_and_searches(client):
    EquipmentFactory(name="Imprimante métal EOS", capabilities="Titane Ti6Al4V")
    EquipmentFactory(name="Tour CN")

    response = client.get("/innover/equipements/?q=titane")

    assert response.status_code == 200
    assert [m.name for m in response.context["listing"].page.object_list] == ["Imprimante métal EOS"]


def test_the_booking_dialog_confirms_and_tells_the_calendar_to_refresh(as_user, make_user):
    machine = EquipmentFactory(qualification=None)
    client = as_user(make_user(Role.LEARNER))
    start = next_monday_at(9)

    dialog = client.get(
        reverse("industry:booking_create"),
        {
            "equipment": machine.pk,
            "start": start.isoformat(),
            "end": (start + dt.timedelta(hours=2)).isoformat(),
        },
        HTTP_HX_REQUEST="true",
    )
    saved = client.post(
        reverse("industry:booking_create"),
        {
            "equipment": machine.pk,
            "start": timezone.localtime(start).strftime("%Y-%m-%dT%H:%M"),
            "end": timezone.localtime(start).strftime("%Y-%m-%dT11:00"),
            "title": "Essai",
        },
        HTTP_HX_REQUEST="true",
    )

    assert 'value="' + timezone.localtime(start).strftime("%Y-%m-%dT%H:%M") + '"' in dialog.content.decode()
    assert saved.status_code == 200
    assert saved["HX-Trigger"] == "bookingSaved"
    assert "Réservation confirmée" in saved.content.decode()
    assert Booking.objects.get().title == "Essai"


def test_a_refused_booking_shows_its_reason_next_to_the_field_and_changes_nothing(as_user, make_user):
    machine = EquipmentFactory(qualification=None)
    BookingFactory(equipment=machine, start=next_monday_at(9), end=next_monday_at(11))
    client = as_user(make_user(Role.LEARNER))
    local = timezone.localtime(next_monday_at(10))

    response = client.post(
        reverse("industry:booking_create"),
        {
            "equipment": machine.pk,
            "start": local.strftime("%Y-%m-%dT%H:%M"),
            "end": local.strftime("%Y-%m-%dT12:00"),
        },
        HTTP_HX_REQUEST="true",
    )

    page = response.content.decode()
    assert 'id="id_start_error"' in page and "chevauche" in page
    assert Booking.objects.count() == 1


def test_the_usage_report_adds_up_hours_per_machine_and_client_and_prices_client_work(as_user, engineer):
    eos = EquipmentFactory(name="EOS M 290", hourly_rate=Decimal("145.00"))
    client_company = OrganisationFactory(name="Michelin")
    project = ProjectFactory(client=client_company)
    tz = timezone.get_current_timezone()
    year = timezone.localdate().year - 1
    BookingFactory(
        equipment=eos,
        project=project,
        start=dt.datetime(year, 3, 2, 9, tzinfo=tz),
        end=dt.datetime(year, 3, 2, 13, tzinfo=tz),
    )
    BookingFactory(
        equipment=eos,
        start=dt.datetime(year, 3, 9, 9, tzinfo=tz),
        end=dt.datetime(year, 3, 9, 11, 30, tzinfo=tz),
    )
    BookingFactory(
        equipment=eos,
        kind=Booking.Kind.MAINTENANCE,
        start=dt.datetime(year, 3, 16, 9, tzinfo=tz),
        end=dt.datetime(year, 3, 16, 17, tzinfo=tz),
    )
    BookingFactory(
        equipment=eos,
        status=Booking.Status.CANCELLED,
        start=dt.datetime(year, 4, 1, 9, tzinfo=tz),
        end=dt.datetime(year, 4, 1, 17, tzinfo=tz),
    )

    response = as_user(engineer).get(reverse("industry:usage_report"), {"annee": year})
    spreadsheet = as_user(engineer).get(reverse("industry:usage_report"), {"annee": year, "format": "xlsx"})

    page = response.content.decode()
    # The year goes into links and the year selector unformatted ("2026", not "2 026").
    assert f'<option value="{year}" selected>{year}</option>' in page
    assert f"?annee={year}&amp;format=xlsx" in page
    report = response.context["report"]
    machine_line = report.by_equipment[0]
    assert machine_line.months[2] == pytest.approx(6.5) and machine_line.total == pytest.approx(6.5)
    michelin = next(line for line in report.by_client if line.key == client_company.pk)
    assert michelin.total == pytest.approx(4.0) and michelin.revenue == Decimal("580.00")
    assert report.total_revenue == Decimal("580.00")

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(spreadsheet.content))
    by_client = book.worksheets[1]
    rows = {r[0]: r for r in by_client.iter_rows(values_only=True)}
    assert rows["Michelin"][-1] == 580.0 and rows["Michelin"][-2] == 4.0


def test_the_machine_feed_shows_busy_windows_without_personal_data(client, make_user):
    machine = EquipmentFactory(code="FA-P1")
    learner = make_user(Role.LEARNER, first_name="Lucas")
    BookingFactory(equipment=machine, user=learner, title="Projet secret de Lucas")

    body = client.get(reverse("industry:equipment_feed", args=[machine.feed_token])).content.decode()

    assert "BEGIN:VEVENT" in body and "FA-P1" in body
    assert "secret" not in body and "Lucas" not in body


def test_a_user_feed_lists_their_bookings_and_renewing_the_link_cuts_the_old_one(as_user, make_user):
    learner = make_user(Role.LEARNER)
    BookingFactory(equipment=EquipmentFactory(code="US-5X"), user=learner, title="Usinage du support")
    token = booking_services.feed_token_issue(user=learner)
    client = as_user(learner)

    before = client.get(reverse("industry:user_feed", args=[token]))
    client.post(reverse("industry:user_feed_renew"))
    after = client.get(reverse("industry:user_feed", args=[token]))

    assert "Usinage du support" in before.content.decode()
    assert after.status_code == 404


def test_an_engineer_grants_a_qualification_that_expires_after_its_validity(as_user, engineer, make_user):
    qualification = QualificationFactory(name="Usinage CN", validity_months=24)
    learner = make_user(Role.LEARNER)
    day = timezone.localdate() - dt.timedelta(days=3)

    response = as_user(engineer).post(
        reverse("industry:grant_create"),
        {"qualification": qualification.pk, "person": learner.person.pk, "granted_on": day.isoformat()},
    )

    grant = QualificationGrant.objects.get()
    assert response.status_code == 302
    assert grant.expires_on == day.replace(year=day.year + 2) and grant.granted_by == engineer


@pytest.mark.parametrize(
    "role,url,expected",
    [
        (Role.LEARNER, "/innover/habilitations/accorder/", 403),
        (Role.TRAINER, "/innover/projets/", 403),
        (Role.CLIENT, "/innover/utilisation/", 403),
        (Role.TEACHER, "/innover/planning/", 403),
        (Role.GUARDIAN, "/innover/reservations/", 403),
        (Role.LEARNER, "/innover/ordonnancement/", 403),
        (Role.CLIENT, "/innover/lignes/nouvelle/", 403),
        (Role.LEARNER, "/innover/planning/", 200),
        (Role.CLIENT, "/innover/mes-projets/", 200),
    ],
)
def test_each_role_opens_only_what_concerns_it(as_user, make_user, role, url, expected):
    assert as_user(make_user(role)).get(url).status_code == expected


def test_someone_else_s_booking_is_not_found(as_user, make_user):
    booking = BookingFactory(user=make_user(Role.LEARNER))

    assert as_user(make_user(Role.LEARNER)).get(booking.get_absolute_url()).status_code == 404


def test_the_grants_list_flags_the_qualifications_that_expire_within_sixty_days(as_user, engineer):
    today = timezone.localdate()
    soon = GrantFactory(expires_on=today + dt.timedelta(days=20))
    later = GrantFactory(expires_on=today + dt.timedelta(days=200))

    page = as_user(engineer).get(reverse("industry:grant_list")).content.decode()

    def cell(date):
        return f">{long_date(date)}</span>"

    assert (
        f'class="badge text-bg-warning" title="Expire dans moins de 60 jours"{cell(soon.expires_on)}' in page
    )
    assert cell(later.expires_on) not in page and long_date(later.expires_on) in page


def test_the_engineer_dashboard_counts_what_its_links_list(as_user, engineer):
    today = timezone.localdate()
    for status in ["request", "study", "delivered", "closed", "abandoned"]:
        ProjectFactory(status=status)
    GrantFactory(expires_on=today + dt.timedelta(days=45))
    GrantFactory(expires_on=today + dt.timedelta(days=300))
    browser = as_user(engineer)

    counts = browser.get("/").context["panels"]
    panel = next(context for _panel, context in counts if "open_projects" in context)
    open_list = browser.get(reverse("industry:project_list"), {"open": "true"}).context["listing"]
    expiring = browser.get(reverse("industry:grant_list"), {"state": "expiring"}).context["listing"]

    assert panel["requests"] == 1
    assert panel["open_projects"] == open_list.page.paginator.count == 3
    assert panel["expiring"] == expiring.page.paginator.count == 1


@pytest.mark.django_db
def test_who_holds_which_qualification_is_for_engineers_and_managers_only(as_user, make_user):
    allowed = {Role.INDUSTRY_ENGINEER, Role.DIRECTION, Role.COORDINATOR}
    for role in (
        Role.INDUSTRY_ENGINEER,
        Role.DIRECTION,
        Role.COORDINATOR,
        Role.TRAINER,
        Role.OUTREACH_OFFICER,
    ):
        status = as_user(make_user(role)).get("/innover/habilitations/").status_code
        assert (status == 200) == (role in allowed), role


def _free_search(client, start, end, **headers):
    return client.get(
        reverse("industry:free_machines"),
        {
            "start": timezone.localtime(start).strftime("%Y-%m-%dT%H:%M"),
            "end": timezone.localtime(end).strftime("%Y-%m-%dT%H:%M"),
        },
        **headers,
    )


def test_an_htmx_free_machine_search_answers_its_results_only(as_user, engineer):
    EquipmentFactory(name="Tour CN Haas ST-10", qualification=None)
    start = next_monday_at(9)

    response = _free_search(
        as_user(engineer),
        start,
        start + dt.timedelta(hours=2),
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="free-search",
    )

    body = response.content.decode()
    assert "Tour CN Haas ST-10" in body
    assert "<html" not in body and "<nav" not in body and body.count('id="free-results"') == 1
    # After a booking the same search is asked again, so that the booked machine leaves the list.
    assert 'hx-trigger="bookingSaved from:body"' in body


def test_a_free_machine_search_with_the_end_before_the_start_says_so_next_to_the_end(as_user, engineer):
    start = next_monday_at(9)

    response = _free_search(
        as_user(engineer),
        start,
        start - dt.timedelta(hours=1),
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="free-search",
    )

    body = response.content.decode()
    assert 'id="id_end_error"' in body and "La fin doit être après le début." in body
    assert "<html" not in body


def test_the_booking_dialog_is_titled_with_the_machine_it_books(as_user, make_user):
    machine = EquipmentFactory(name="Scanner 3D GOM ATOS Q", qualification=None)
    client = as_user(make_user(Role.LEARNER))

    chosen = client.get(reverse("industry:booking_create"), {"equipment": machine.pk}, HTTP_HX_REQUEST="true")
    open_choice = client.get(reverse("industry:booking_create"), HTTP_HX_REQUEST="true")

    assert (
        '<h2 class="modal-title h5" id="booking-modal-title">Scanner 3D GOM ATOS Q</h2>'
        in chosen.content.decode()
    )
    assert 'id="booking-modal-title">Réserver une machine</h2>' in open_choice.content.decode()


def test_the_week_board_shows_a_night_booking_on_each_of_its_days_up_to_or_from_midnight(as_user, engineer):
    printer = EquipmentFactory(name="Imprimante résine Formlabs Form 3L")
    BookingFactory(
        equipment=printer,
        start=next_monday_at(18),
        end=next_monday_at(18) + dt.timedelta(hours=12),
        title="Impression de nuit",
    )

    response = as_user(engineer).get("/innover/planning/", {"semaine": next_monday_at(9).date().isoformat()})

    row = response.context["rows"][0]
    assert [[(s.from_before, s.to_after) for s in day] for day in row.days[:3]] == [
        [(False, True)],
        [(True, False)],
        [],
    ]
    body = response.content.decode()
    assert "18:00 →" in body and "→ 06:00" in body and "18:00–06:00" not in body


def test_the_week_board_narrows_to_one_family_of_machines(as_user, engineer):
    from hall32.industry.models import Equipment

    EquipmentFactory(name="Tour CN Haas ST-10", category=Equipment.Category.MACHINING)
    EquipmentFactory(name="Scanner 3D GOM ATOS Q", category=Equipment.Category.METROLOGY)
    client = as_user(engineer)

    narrowed = client.get("/innover/planning/", {"categorie": Equipment.Category.MACHINING})
    unknown = client.get("/innover/planning/", {"categorie": "sous-marins"})

    assert [r.equipment.name for r in narrowed.context["rows"]] == ["Tour CN Haas ST-10"]
    assert len(unknown.context["rows"]) == 2


def test_on_the_week_board_a_booker_sees_their_own_booking_and_only_that_others_are_taken(as_user, make_user):
    printer = EquipmentFactory(name="Imprimante F370")
    learner, other = make_user(Role.LEARNER), make_user(Role.LEARNER)
    BookingFactory(equipment=printer, user=learner, title="Mon support")
    BookingFactory(equipment=printer, user=other, start=next_monday_at(14), title="Pièce d'un autre")
    BookingFactory(equipment=printer, kind="maintenance", start=next_monday_at(17), title="Nettoyage buse")
    week = {"semaine": next_monday_at(9).date().isoformat()}

    slots = as_user(learner).get("/innover/planning/", week).context["rows"][0].days[0]

    assert [(s.booking.title, s.shown) for s in slots] == [
        ("Mon support", True),
        ("Pièce d'un autre", False),
        ("Nettoyage buse", True),
    ]
    mine, theirs, upkeep = slots
    assert mine.href == mine.booking.get_absolute_url() and mine.colour == "#0d6efd"
    assert theirs.href == "" and upkeep.href == printer.get_absolute_url()


def test_a_client_sees_no_draft_quote_and_is_told_one_will_come(as_user, make_user):
    from hall32.core.tests.factories import OrganisationFactory
    from hall32.industry.models import Quote
    from hall32.industry.tests.factories import ProjectFactory

    client_user = make_user(Role.CLIENT)
    client_user.person.organisation = OrganisationFactory(name="Dias Composites")
    client_user.person.save()
    project = ProjectFactory(client=client_user.person.organisation, status="quote")
    Quote.objects.create(project=project, number="DEV-2026-001")

    body = as_user(client_user).get(project.get_absolute_url()).content.decode()

    assert "DEV-2026-001" not in body and "Le devis vous sera proposé ici" in body
