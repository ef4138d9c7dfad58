"""An upload is judged by its content, not its name: the allow-list of kinds and the size cap."""

import io
import struct
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from hall32.web.uploads import FileRule

RULE = FileRule(
    ("pdf", "png", "jpeg", "webp", "tiff", "heic", "step", "stl", "dxf", "iges", "zip", "office"),
    max_mb=1,
)


def a_zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def an_xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


IGES_START = ("Pièce usinée, export CATIA".ljust(72) + "S      1\n").encode("latin-1")
GOOD = {
    "rapport.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "photo.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40,
    "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 40,
    "piece.step": b"ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION(('piece'),'2;1');\nENDSEC;\n",
    "piece.stp": b"\xef\xbb\xbfISO-10303-21;\nHEADER;\nENDSEC;\n",
    "piece.stl": b"solid piece\n facet normal 0 0 1\n  outer loop\n   vertex 0 0 0\n",
    "binaire.stl": b"\x00" * 80 + struct.pack("<I", 2) + b"\x11" * 100,
    "plan.dxf": b"  0\r\nSECTION\r\n  2\r\nHEADER\r\n  9\r\n$ACADVER\r\n",
    "commente.dxf": b"999\ndxfrw 0.6\n  0\nSECTION\n  2\nHEADER\n",
    "piece.igs": IGES_START,
    "archive.zip": a_zip("piece.step", "plan.pdf"),
    "note.docx": a_zip("[Content_Types].xml", "_rels/.rels", "word/document.xml"),
    "devis.xlsx": an_xlsx(),
}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_the_files_a_client_sends_are_accepted(name):
    RULE(SimpleUploadedFile(name, GOOD[name]))


EXE = b"MZ\x90\x00" + b"\x00" * 76 + struct.pack("<I", 1) + b"\x00" * 50  # a binary STL's exact size
REFUSED = {
    "page.html": (b"<!doctype html><script>alert(1)</script>", "n'est pas accepté"),
    "logo.svg": (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "n'est pas accepté"),
    "setup.exe": (b"MZ\x90\x00" + b"\x00" * 200, "n'est pas accepté"),
    "rapport.pdf": (b"<!doctype html><p>pas un PDF</p>", "n'est pas un vrai fichier PDF"),
    "piece.stl": (EXE, "n'est pas un vrai fichier STL"),
    "dessin.stl": (b"<svg>solid facet</svg>", "n'est pas un vrai fichier STL"),
    "piece.step": (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "n'est pas un vrai fichier STEP"),
    "plan.dxf": (b"just text\n", "n'est pas un vrai fichier DXF"),
    "archive.zip": (b"PK but no archive", "n'est pas un vrai fichier ZIP"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_file_whose_content_is_not_an_allowed_kind_is_refused_whatever_its_name(name):
    content, message = REFUSED[name]

    with pytest.raises(ValidationError, match=message):
        RULE(SimpleUploadedFile(name, content))


def test_a_misnamed_picture_is_refused_with_the_name_it_should_have():
    with pytest.raises(ValidationError) as refused:
        RULE(SimpleUploadedFile("photo.png", GOOD["photo.jpg"]))

    assert "est en fait un fichier JPEG\xa0: renommez-le en .jpg" in refused.value.messages[0]


def test_a_file_over_the_cap_is_refused_with_the_limit():
    big = GOOD["rapport.pdf"] + b"\x00" * (1024 * 1024)

    with pytest.raises(ValidationError, match="1 Mo au plus") as refused:
        RULE(SimpleUploadedFile("rapport.pdf", big))

    assert refused.value.code == "file_too_large"


def test_the_cap_follows_its_setting(settings):
    settings.HALL32_TEST_MAX_MB = 3
    rule = FileRule(("pdf",), max_mb=1, max_mb_setting="HALL32_TEST_MAX_MB")

    rule(SimpleUploadedFile("rapport.pdf", GOOD["rapport.pdf"] + b"\x00" * (2 * 1024 * 1024)))

    assert "3 Mo au plus" in rule.help_text()


def test_the_help_text_and_the_file_picker_name_every_accepted_kind():
    assert "PDF, PNG, JPEG" in RULE.help_text() and "STEP, STL, DXF" in RULE.help_text()
    assert RULE.accept().startswith(".pdf,.png,.jpg,.jpeg,")


def test_a_learner_list_is_text_even_when_it_starts_like_a_binary_signature():
    rule = FileRule(("csv", "xlsx"), max_mb=5)

    rule(SimpleUploadedFile("liste.csv", b"BMX;Nom;Prenom\n1;Roux;Tom\n"))
    rule(SimpleUploadedFile("liste.xlsx", an_xlsx()))
    with pytest.raises(ValidationError):
        rule(SimpleUploadedFile("liste.csv", b"MZ\x90\x00\x03\x00\x00\x00"))
