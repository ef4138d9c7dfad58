"""The coordinator's dashboard counts what the lists it links to show, row for row."""

import re

import pytest
from django.utils import timezone

from hall32.core.roles import Role
from hall32.core.schoolyear import SchoolYear
from hall32.core.tests.factories import PersonFactory
from hall32.training.models import AbsenceAlert, Application, ApplicationStatus
from hall32.training.selectors.admissions import current_intake
from hall32.training.tests.factories import CohortFactory, CourseFactory

pytestmark = pytest.mark.django_db


def application(year, status=ApplicationStatus.ADMITTED, *, has_company=False):
    count = Application.objects.count() + 1
    return Application.objects.create(
        reference=f"C{year}-{count:04d}",
        applicant=PersonFactory(),
        course=CourseFactory(),
        school_year=year,
        status=status,
        motivation="Motivé·e.",
        has_company=has_company,
    )


@pytest.fixture
def admissions():
    intake = current_intake()
    application(intake)
    application(intake)
    application(intake, has_company=True)  # has a company: not "sans entreprise"
    application(intake, ApplicationStatus.CONTRACT_SIGNED)
    for _ in range(4):  # admitted by last year's campaign and never signed: not this campaign's
        application(intake - 1)
    return intake


def linked_count(page, url):
    """The figure a page shows in the link to `url`, and the link itself."""
    found = re.search(
        rf'href="({re.escape(url)}[^"]*)"[^>]*>(?:<i [^>]*></i>[^<]*)?<span class="badge[^"]*">(\d+)</span>',
        page,
    )
    assert found, f"no count linking to {url}"
    return int(found.group(2)), found.group(1).replace("&amp;", "&")


def test_the_admitted_without_company_count_is_the_list_it_links_to(as_user, make_user, admissions):
    client = as_user(make_user(Role.COORDINATOR))

    on_panel, panel_link = linked_count(
        client.get("/").content.decode(), "/former/admissions/sans-entreprise/"
    )
    on_pipeline, pipeline_link = linked_count(
        client.get("/former/admissions/").content.decode(), "/former/admissions/sans-entreprise/"
    )

    assert on_panel == len(client.get(panel_link).context["applications"]) == 2
    assert on_pipeline == len(client.get(pipeline_link).context["applications"]) == 2
    last_year = client.get("/former/admissions/sans-entreprise/", {"school_year": admissions - 1})
    assert len(last_year.context["applications"]) == 4
    assert client.get("/former/admissions/sans-entreprise/", {"school_year": "abc"}).status_code == 200
    assert client.get("/former/admissions/", {"school_year": "abc"}).status_code == 200


def test_the_pipeline_badges_of_the_panel_count_the_rows_they_link_to(as_user, make_user, admissions):
    client = as_user(make_user(Role.COORDINATOR))
    page = client.get("/").content.decode()

    for href, count in re.findall(r'href="(/former/admissions/\?status=[^"]+)">[^<]* : (\d+)</a>', page):
        listing = client.get(href.replace("&amp;", "&")).context["listing"]
        assert listing.page.paginator.count == int(count), href


def test_the_absence_alerts_count_is_the_list_it_links_to(as_user, make_user):
    year = SchoolYear.of(timezone.localdate()).start_year
    for school_year, n in [(year, 2), (year - 1, 3)]:
        cohort = CohortFactory(school_year=school_year)
        for _ in range(n):
            AbsenceAlert.objects.create(learner=PersonFactory(), cohort=cohort, rate=0.2)
    client = as_user(make_user(Role.COORDINATOR))

    panel = next(c for _p, c in client.get("/").context["panels"] if "absences" in c)
    alerts = client.get("/former/alertes/")

    assert panel["absences"] == len(alerts.context["absences"]) == 2
