"""Reading a learner list as hub staff really write it: French or English headers, Excel's CSV
flavours, French dates; every bad cell a located error, never a traceback."""

import datetime as dt

import pytest

from hall32.core.models import Person
from hall32.training.importing import MAX_LENGTHS, column_for, read_learners
from hall32.training.tests.factories import xlsx

START = dt.date(2026, 9, 7)


def test_a_french_excel_csv_with_semicolons_in_windows_1252_is_read():
    content = (
        "Nom;Prénom;Date de naissance;E-mail\r\nLefèvre;Zoé;31/12/2007;zoe.lefevre@example.org\r\n".encode(
            "cp1252"
        )
    )

    result = read_learners(content, "liste.csv", start=START)

    assert result.ok, result.errors
    row = result.rows[0]
    assert (row.last_name, row.first_name, row.birth_date, row.email) == (
        "Lefèvre",
        "Zoé",
        dt.date(2007, 12, 31),
        "zoe.lefevre@example.org",
    )
    assert "Windows-1252" in result.source and "point-virgule" in result.source


def test_an_english_header_with_commas_is_read():
    content = b"first_name,last_name,birth_date,email\nTom,Roux,2007-11-02,tom@example.org\n"

    result = read_learners(content, "list.csv", start=START)

    assert result.ok, result.errors
    assert (result.rows[0].first_name, result.rows[0].last_name) == ("Tom", "Roux")


@pytest.mark.parametrize(
    ("header", "attribute"),
    [
        ("Nom", "last_name"),
        ("NOM DE FAMILLE", "last_name"),
        ("last name", "last_name"),
        ("Nom de l'élève", "last_name"),
        ("Prénom", "first_name"),
        ("first_name", "first_name"),
        ("Date de naissance", "birth_date"),
        ("Né(e) le", "birth_date"),
        ("née le", "birth_date"),
        ("Date de naissance (JJ/MM/AAAA)", "birth_date"),
        ("birth date", "birth_date"),
        ("Courriel", "email"),
        ("E-mail", "email"),
        ("Mail", "email"),
        ("Téléphone", "phone"),
        ("Portable", "phone"),
        ("Tél.", "phone"),
        ("Code postal", "postcode"),
        ("CP", "postcode"),
        ("Ville", "city"),
        ("Sexe", "gender"),
        ("responsable_nom", "guardian_last_name"),
        ("Nom du représentant légal", "guardian_last_name"),
        ("E-mail des parents", "guardian_email"),
        ("Portable parent", "guardian_phone"),
        ("Classe", None),
    ],
)
def test_the_header_names_people_use_are_recognised(header, attribute):
    assert column_for(header) == attribute


def test_an_unknown_column_is_refused_with_the_names_that_are_accepted():
    content = b"Nom;Prenon;Date de naissance;Classe\nRoux;Tom;02/11/2007;2nde\n"

    result = read_learners(content, "liste.csv", start=START)

    by_column = {e.column: e for e in result.errors if "inconnue" in e.reason}
    assert set(by_column) == {2, 4} and by_column[2].line == 1
    assert any("Prénom" in e.reason and "absente" in e.reason for e in result.errors)
    assert "colonne inconnue" in by_column[4].reason
    assert "vouliez-vous dire «\xa0Prénom\xa0»" in by_column[2].reason
    for name in ("Nom de famille", "first name", "Né(e) le", "E-mail", "Portable", "CP"):
        assert name in by_column[2].reason


def test_a_five_thousand_character_name_is_a_line_level_error():
    content = f"nom;prenom;date_naissance\n{'A' * 5000};Tom;02/11/2007\nRoux;Léo;03/11/2007\n".encode()

    result = read_learners(content, "liste.csv", start=START)

    [error] = result.errors
    assert (error.line, error.column, error.column_name) == (2, 1, "nom")
    assert "trop long" in error.reason and "100 au plus" in error.reason
    assert "AAAA" not in error.reason
    assert [r.first_name for r in result.rows] == ["Léo"]


def test_the_field_lengths_are_those_of_a_person_record():
    for attribute, limit in MAX_LENGTHS.items():
        field = attribute.removeprefix("guardian_")
        assert Person._meta.get_field(field).max_length == limit, attribute


@pytest.mark.parametrize(
    "written", ["31/12/2008", "31-12-2008", "31.12.2008", "2008-12-31", "31/12/08", "2008-12-31 00:00:00"]
)
def test_french_date_forms_are_read(written):
    content = f"nom;prenom;date_naissance;responsable_nom;responsable_courriel\nRoux;Tom;{written};Roux;a@example.org\n"

    result = read_learners(content.encode(), "liste.csv", start=START)

    assert result.ok, result.errors
    assert result.rows[0].birth_date == dt.date(2008, 12, 31)


def test_a_date_that_does_not_exist_says_so():
    result = read_learners(b"nom;prenom;date_naissance\nRoux;Tom;31/02/2008\n", "liste.csv", start=START)

    assert "n'existe pas" in result.errors[0].reason


def test_excel_date_cells_and_numbers_that_lost_their_leading_zero_are_read():
    content = xlsx(
        [
            ["Liste des apprentis, rentrée 2026"],
            ["Nom", "Prénom", "Né(e) le", "Portable", "CP"],
            ["Roux", "Tom", dt.datetime(2007, 11, 2), 639980101, 1000],
            ["Petit", "Zoé", 39000, "06 12 34 56 78", "63000"],
        ]
    )

    result = read_learners(content, "liste.xlsx", start=START)

    assert result.ok, result.errors
    tom, zoe = result.rows
    assert (tom.line, tom.birth_date, tom.phone, tom.postcode) == (
        3,
        dt.date(2007, 11, 2),
        "0639980101",
        "01000",
    )
    assert zoe.birth_date == dt.date(2006, 10, 10)  # Excel's serial 39000


def test_a_utf16_tab_separated_file_from_excel_is_read():
    content = "Nom\tPrénom\tDate de naissance\nRoux\tTom\t02/11/2007\n".encode("utf-16")

    result = read_learners(content, "liste.csv", start=START)

    assert result.ok, result.errors
    assert "UTF-16" in result.source and "tabulation" in result.source


def test_line_numbers_are_those_of_the_file_even_after_a_sep_line_and_blank_lines():
    content = b"sep=;\nnom;prenom;date_naissance\nRoux;Tom;02/11/2007\n\n;Zoe;03/11/2007\n"

    result = read_learners(content, "liste.csv", start=START)

    [error] = result.errors
    assert (error.line, error.column_name) == (5, "nom")


def test_two_columns_for_the_same_field_are_refused():
    result = read_learners(b"Nom;Prenom;Naissance;Courriel;E-mail\n", "liste.csv", start=START)

    [error] = result.errors
    assert error.column == 5 and "colonne 4" in error.reason


def test_the_same_email_on_two_lines_is_refused():
    content = b"nom;prenom;date_naissance;courriel\nRoux;Tom;02/11/2007;t@example.org\nRoux;Lou;02/11/2006;T@example.org\n"

    result = read_learners(content, "liste.csv", start=START)

    [error] = result.errors
    assert (error.line, error.column_name) == (3, "courriel") and "ligne 2" in error.reason


def test_an_old_excel_file_is_refused_with_what_to_do():
    result = read_learners(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "liste.xls", start=START)

    assert ".xlsx" in result.errors[0].reason


def test_genders_and_statuses_are_read_as_people_write_them():
    content = "nom;prenom;date_naissance;civilité;statut\nRoux;Tom;02/11/2007;M.;Apprenti(e)\nRoux;Lou;02/11/2006;Mme;Élève\n"

    result = read_learners(content.encode(), "liste.csv", start=START)

    assert result.ok, result.errors
    assert [(r.gender, r.status) for r in result.rows] == [("M", "apprentice"), ("F", "student")]


def test_a_title_line_with_a_comma_does_not_make_the_comma_the_separator():
    content = "Liste des apprentis, rentrée 2026\nNom;Prénom;Né(e) le\nRoux;Tom;02/11/2007\n".encode("cp1252")

    result = read_learners(content, "liste.csv", start=START)

    assert result.ok, result.errors
    assert result.rows[0].line == 3


def test_the_recognised_names_are_listed_once_however_many_columns_are_unknown():
    result = read_learners(b"Nom;Classe;Prenom;Date de naissance;Remarques\n", "liste.csv", start=START)

    first, second = result.errors
    assert "Nom de famille" in first.reason and first.column == 2
    assert "Nom de famille" not in second.reason and "plus haut" in second.reason
