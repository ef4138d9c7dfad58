"""Client projects: the return rate, the pipeline's rules, quotes, time spent, what a client sees."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from hall32.core.errors import DomainError
from hall32.core.models import Organisation
from hall32.core.roles import Role
from hall32.core.tests.factories import OrganisationFactory
from hall32.industry.models import Deliverable, Project, ProjectStatus, Quote
from hall32.industry.selectors.projects import client_return
from hall32.industry.services import projects as services
from hall32.industry.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_the_return_rate_counts_clients_with_a_further_project():
    # A: two projects; B: one project and one abandoned request; C: three; D: one; E (a large
    # group): two. Returning: A, C, E = 3 of 5.
    a, b, c, d = (OrganisationFactory(name=n) for n in "ABCD")
    e = OrganisationFactory(name="E", size_band=Organisation.SizeBand.LARGE_GROUP)
    for client, count in [(a, 2), (b, 1), (c, 3), (d, 1), (e, 2)]:
        for i in range(count):
            ProjectFactory(client=client, requested_on=dt.date(2021, 1, 1) + dt.timedelta(days=100 * i))
    ProjectFactory(client=b, status=ProjectStatus.ABANDONED, requested_on=dt.date(2022, 6, 1))

    figures = client_return()

    assert (figures.clients, figures.returning, figures.large_groups) == (5, 3, 1)
    assert figures.rate == pytest.approx(0.6)
    assert figures.by_size == {"sme": 4, "large_group": 1}


def test_the_return_rate_over_a_period_counts_only_its_projects():
    a = OrganisationFactory()
    ProjectFactory(client=a, requested_on=dt.date(2020, 3, 1))
    ProjectFactory(client=a, requested_on=dt.date(2024, 3, 1))

    assert client_return(until=dt.date(2022, 12, 31)).returning == 0
    assert client_return().returning == 1


def test_the_clients_are_counted_from_the_hub_s_opening_year(as_user, engineer, settings):
    settings.HUB_FIRST_SCHOOL_YEAR = 2018
    ProjectFactory(requested_on=dt.date(2018, 11, 5))

    page = as_user(engineer).get(reverse("industry:clients")).content.decode()
    home = as_user(engineer).get(reverse("core:home")).content.decode()

    assert "Clients depuis 2018" in page
    assert "clients depuis 2018" in home


def test_a_project_moves_along_its_pipeline_with_its_rules(engineer):
    project = services.project_create(
        project=Project(title="Support capteur", client=OrganisationFactory(), kind="part"), by=engineer
    )
    assert project.reference == f"PI-{timezone.localdate().year}-001"
    services.project_move(project=project, to=ProjectStatus.STUDY, by=engineer)
    quote = services.quote_create(
        project=project,
        lines=[services.LineInput("engineering", "Étude", Decimal("10"), "h", Decimal("85.00"))],
    )

    with pytest.raises(DomainError, match="ne peut pas passer"):
        services.project_move(project=project, to=ProjectStatus.CLOSED, by=engineer)
    services.quote_send(quote=quote, by=engineer)
    project.refresh_from_db()
    assert project.status == ProjectStatus.QUOTE
    with pytest.raises(DomainError, match="accepté un devis"):
        services.project_move(project=project, to=ProjectStatus.IN_PROGRESS, by=engineer)

    services.quote_decide(quote=quote, accepted=True, by=engineer)
    project.refresh_from_db()
    assert project.status == ProjectStatus.IN_PROGRESS and project.started_on == timezone.localdate()

    Deliverable.objects.create(project=project, title="Rapport d'essais", kind="report")
    with pytest.raises(DomainError, match="Rapport d'essais"):
        services.project_move(project=project, to=ProjectStatus.DELIVERED, by=engineer)
    services.deliverable_deliver(deliverable=project.deliverables.get())
    services.project_move(project=project, to=ProjectStatus.DELIVERED, by=engineer)
    with pytest.raises(DomainError) as no_rating:
        services.project_move(project=project, to=ProjectStatus.CLOSED, by=engineer)
    assert "satisfaction" in no_rating.value.errors
    services.project_move(project=project, to=ProjectStatus.CLOSED, by=engineer, satisfaction=5)

    project.refresh_from_db()
    assert (project.status, project.satisfaction, project.closed_on) == ("closed", 5, timezone.localdate())
    assert list(project.steps.values_list("to_status", flat=True)) == [
        "request",
        "study",
        "quote",
        "in_progress",
        "delivered",
        "closed",
    ]


def test_quote_totals_are_rounded_to_the_cent_with_vat():
    project = ProjectFactory(status=ProjectStatus.STUDY)
    quote = services.quote_create(
        project=project,
        lines=[
            services.LineInput("engineering", "Étude", Decimal("12.5"), "h", Decimal("85.00")),
            services.LineInput("machine", "EOS M 290", Decimal("3.25"), "h", Decimal("145.00")),
            services.LineInput("material", "Poudre", Decimal("1"), "forfait", Decimal("120.33")),
        ],
    )

    net, vat, gross = quote.totals()

    assert net == Decimal("1654.08")  # 1062.50 + 471.25 + 120.33
    assert vat == Decimal("330.82")  # 330.816
    assert gross == Decimal("1984.90")


def test_an_expired_quote_cannot_be_accepted(engineer):
    project = ProjectFactory(status=ProjectStatus.QUOTE)
    quote = Quote.objects.create(
        project=project,
        number="DEV-2025-001",
        status=Quote.Status.SENT,
        issued_on=timezone.localdate() - dt.timedelta(days=40),
        valid_until=timezone.localdate() - dt.timedelta(days=10),
    )

    with pytest.raises(DomainError, match="expiré"):
        services.quote_decide(quote=quote, accepted=True, by=engineer)
    quote.refresh_from_db()
    assert quote.status == Quote.Status.SENT


def test_time_is_logged_in_the_past_and_never_beyond_twelve_hours_a_day(engineer):
    project = ProjectFactory()
    today = timezone.localdate()

    with pytest.raises(DomainError) as future:
        services.time_entry_add(
            project=project,
            engineer=engineer,
            day=today + dt.timedelta(days=1),
            hours=Decimal("2"),
            activity="study",
        )
    services.time_entry_add(
        project=project, engineer=engineer, day=today, hours=Decimal("8"), activity="study"
    )
    with pytest.raises(DomainError) as too_long:
        services.time_entry_add(
            project=project, engineer=engineer, day=today, hours=Decimal("5"), activity="report"
        )

    assert "day" in future.value.errors and "hours" in too_long.value.errors
    assert project.time_entries.count() == 1


def test_a_client_sees_only_its_own_company_s_projects(client, make_user):
    emilie = make_user(Role.CLIENT)
    emilie.person.organisation = OrganisationFactory(name="Dias Composites")
    emilie.person.save()
    ours = ProjectFactory(client=emilie.person.organisation, title="Maquette fonctionnelle")
    theirs = ProjectFactory(title="Prototype du concurrent")
    client.force_login(emilie)

    listing = client.get(reverse("industry:my_projects"))
    own = client.get(reverse("industry:project_detail", args=[ours.pk]))
    other = client.get(reverse("industry:project_detail", args=[theirs.pk]))
    staff_list = client.get(reverse("industry:project_list"))
    api = client.get("/api/industry/projects")

    assert "Maquette fonctionnelle" in listing.content.decode()
    assert "Prototype du concurrent" not in listing.content.decode()
    assert own.status_code == 200
    assert other.status_code == 404
    assert staff_list.status_code == 403
    assert [p["reference"] for p in api.json()["items"]] == [ours.reference]


def test_a_client_filters_its_projects_by_progress_and_is_not_offered_a_company_size_filter(
    client, make_user
):
    emilie = make_user(Role.CLIENT)
    emilie.person.organisation = OrganisationFactory(name="Dias Composites")
    emilie.person.save()
    running = ProjectFactory(client=emilie.person.organisation, status="in_progress")
    ProjectFactory(client=emilie.person.organisation, status="closed")
    client.force_login(emilie)

    everything = client.get(reverse("industry:my_projects"))
    running_only = client.get(reverse("industry:my_projects"), {"open": "true"})

    form = everything.context["listing"].filterset.form
    assert "size" not in form.fields
    assert list(form.fields["open"].choices) == [("", "Tous"), ("true", "En cours")]
    assert everything.context["listing"].page.paginator.count == 2
    assert list(running_only.context["listing"].page.object_list) == [running]


def test_a_client_accepts_its_quote_and_the_project_starts(client, make_user):
    emilie = make_user(Role.CLIENT)
    emilie.person.organisation = OrganisationFactory()
    emilie.person.save()
    project = ProjectFactory(client=emilie.person.organisation, status=ProjectStatus.QUOTE)
    quote = Quote.objects.create(
        project=project,
        number="DEV-2026-010",
        status=Quote.Status.SENT,
        issued_on=timezone.localdate(),
        valid_until=timezone.localdate() + dt.timedelta(days=30),
    )
    client.force_login(emilie)

    response = client.post(reverse("industry:quote_accept", args=[quote.pk]), {"confirm": "on"})

    assert response.status_code == 302
    quote.refresh_from_db()
    project.refresh_from_db()
    assert quote.status == Quote.Status.ACCEPTED and quote.decided_by == emilie
    assert project.status == ProjectStatus.IN_PROGRESS


def test_a_client_asks_for_a_project_from_its_portal(client, make_user):
    emilie = make_user(Role.CLIENT)
    emilie.person.organisation = OrganisationFactory()
    emilie.person.save()
    client.force_login(emilie)

    response = client.post(
        reverse("industry:project_request"),
        {"title": "Tester une pièce en titane", "kind": "technology_test", "description": "Vingt pièces."},
    )

    project = Project.objects.get()
    assert response.status_code == 302
    assert (project.client, project.contact, project.status) == (
        emilie.person.organisation,
        emilie.person,
        ProjectStatus.REQUEST,
    )


def test_the_quote_pdf_is_a_pdf_with_its_number(client, engineer):
    project = ProjectFactory(status=ProjectStatus.STUDY)
    quote = services.quote_create(
        project=project, lines=[services.LineInput("engineering", "Étude", Decimal("4"), "h", Decimal("85"))]
    )
    client.force_login(engineer)

    response = client.get(reverse("industry:quote_pdf", args=[quote.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_impact_page_reads_the_return_rate_from_the_projects(as_user, direction):
    returning, once = OrganisationFactory(), OrganisationFactory()
    ProjectFactory(client=returning, requested_on=dt.date(2020, 1, 6))
    ProjectFactory(
        client=returning, requested_on=dt.date(2021, 1, 6), status=ProjectStatus.CLOSED, satisfaction=4
    )
    ProjectFactory(client=once)

    page = as_user(direction).get("/impact/").content.decode()

    assert "50\u202f%" in page and "revenues pour un autre projet" in page
    assert "4,0 / 5" in page


def test_a_machine_line_without_a_price_is_priced_at_the_machines_hourly_rate():
    from hall32.industry.tests.factories import EquipmentFactory

    printer = EquipmentFactory(hourly_rate=Decimal("145.00"))
    project = ProjectFactory(status=ProjectStatus.STUDY)

    quote = services.quote_create(
        project=project,
        lines=[services.LineInput("machine", "EOS M 290", Decimal("2"), "h", None, equipment_id=printer.pk)],
    )

    assert quote.lines.get().unit_price == Decimal("145.00")


def test_a_line_without_a_price_and_no_machine_to_price_it_is_refused():
    project = ProjectFactory(status=ProjectStatus.STUDY)

    with pytest.raises(DomainError, match="prix unitaire") as refused:
        services.quote_create(
            project=project, lines=[services.LineInput("engineering", "Étude", Decimal("2"), "h", None)]
        )

    assert refused.value.field == "unit_price" and not Quote.objects.exists()


def test_the_quote_page_prices_a_machine_line_left_blank_at_the_hourly_rate(client, engineer):
    from hall32.industry.tests.factories import EquipmentFactory

    printer = EquipmentFactory(hourly_rate=Decimal("145.00"))
    project = ProjectFactory(status=ProjectStatus.STUDY)
    client.force_login(engineer)

    response = client.post(
        reverse("industry:quote_create", args=[project.pk]),
        {
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "0",
            "lines-MIN_NUM_FORMS": "1",
            "lines-0-kind": "machine",
            "lines-0-label": "EOS M 290",
            "lines-0-equipment": printer.pk,
            "lines-0-quantity": "2",
            "lines-0-unit": "h",
            "lines-0-unit_price": "",
            "notes": "",
        },
    )

    assert response.status_code == 302
    assert Quote.objects.get().lines.get().unit_price == Decimal("145.00")
