"""Read a learner list (CSV or XLSX) as hub staff write it, and check every cell before anything
is written.

Plain Python, no database: `read_learners` returns rows and located errors (line, column, reason);
the import service plans and writes nothing unless the whole file is clean.

What it takes: the header names people use, in French or English, whatever their case, accents,
spaces and punctuation ("Nom de famille", "Prénom", "Né(e) le", "E-mail", "Portable", "CP",
"first_name"...); a title row above the header; CSV in UTF-8 (with or without BOM), UTF-16 (Excel's
"Texte Unicode") or Windows-1252, separated by ";", "," or tabs (Excel's "sep=;" line too); XLSX with
real date cells; dates as 31/12/2008, 31-12-2008, 31.12.2008, 31/12/08 or 2008-12-31.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hall32.core.tabular import Column, ImportError_, compact, csv_table
from hall32.web.uploads import FileRule

# The page accepts these (kind read from the content, 5 MiB at most); the command reads any path.
LEARNER_FILES = FileRule(("csv", "xlsx"), max_mb=5)

# Field lengths, as in core.Person (a test keeps them equal): a longer cell is a line-level error.
MAX_LENGTHS = {
    "last_name": 100,
    "first_name": 100,
    "email": 254,
    "phone": 30,
    "postcode": 5,
    "city": 120,
    "guardian_last_name": 100,
    "guardian_first_name": 100,
    "guardian_email": 254,
    "guardian_phone": 30,
}


LEARNER = ("élève", "apprenti", "apprentie", "apprenant", "apprenante", "stagiaire", "jeune")
GUARDIAN = (
    "responsable",
    "responsable légal",
    "responsable 1",
    "représentant légal",
    "représentant",
    "resp",
    "parent",
    "parents",
    "guardian",
    "legal guardian",
)
LINKS = ("", "du", "de", "des", "de la", "de l'", "d'")

LAST_NAME = (
    "nom",
    "nom de famille",
    "nom de naissance",
    "nom d'usage",
    "nom usuel",
    "last name",
    "surname",
    "family name",
)
FIRST_NAME = ("prénom", "prénoms", "prénom usuel", "first name", "given name", "forename")
BIRTH_DATE = (
    "date de naissance",
    "date naissance",
    "naissance",
    "né(e) le",
    "né le",
    "née le",
    "né·e le",
    "ddn",
    "birth date",
    "date of birth",
    "birthdate",
    "dob",
)
EMAIL = (
    "courriel",
    "e-mail",
    "email",
    "mail",
    "mél",
    "adresse mail",
    "adresse e-mail",
    "adresse électronique",
    "adresse courriel",
    "email address",
)
PHONE = (
    "téléphone",
    "tél",
    "tel",
    "portable",
    "mobile",
    "téléphone portable",
    "tél portable",
    "numéro de téléphone",
    "gsm",
    "phone",
    "phone number",
    "mobile phone",
)

COLUMNS: tuple[Column, ...] = (
    Column("last_name", gettext_lazy("Nom"), LAST_NAME, ("Nom de famille", "last name")),
    Column("first_name", gettext_lazy("Prénom"), FIRST_NAME, ("first name",)),
    Column(
        "birth_date",
        gettext_lazy("Date de naissance"),
        BIRTH_DATE,
        ("Né(e) le", "Naissance", "birth date"),
    ),
    Column(
        "gender", gettext_lazy("Genre"), ("genre", "sexe", "civilité", "gender", "sex"), ("Sexe", "Civilité")
    ),
    Column("email", gettext_lazy("Courriel"), EMAIL, ("E-mail", "Mail", "email")),
    Column("phone", gettext_lazy("Téléphone"), PHONE, ("Tél", "Portable", "phone")),
    Column(
        "postcode",
        gettext_lazy("Code postal"),
        ("code postal", "cp", "postcode", "postal code", "zip", "zip code"),
        ("CP", "postcode"),
    ),
    Column(
        "city", gettext_lazy("Commune"), ("commune", "ville", "localité", "city", "town"), ("Ville", "city")
    ),
    Column("status", gettext_lazy("Statut"), ("statut", "status", "régime"), ("status",)),
    Column(
        "guardian_last_name",
        gettext_lazy("Nom du responsable"),
        tuple(f"{g} {b}" for g in GUARDIAN for b in (*LAST_NAME, "name"))
        + tuple(f"{b} {link} {g}" for g in GUARDIAN for b in LAST_NAME for link in LINKS),
        ("Responsable nom", "Nom du représentant légal", "guardian last name"),
    ),
    Column(
        "guardian_first_name",
        gettext_lazy("Prénom du responsable"),
        tuple(f"{g} {b}" for g in GUARDIAN for b in FIRST_NAME)
        + tuple(f"{b} {link} {g}" for g in GUARDIAN for b in FIRST_NAME for link in LINKS),
        ("Responsable prénom", "guardian first name"),
    ),
    Column(
        "guardian_email",
        gettext_lazy("Courriel du responsable"),
        tuple(f"{g} {b}" for g in GUARDIAN for b in EMAIL)
        + tuple(f"{b} {link} {g}" for g in GUARDIAN for b in EMAIL for link in LINKS),
        ("Responsable courriel", "E-mail des parents", "guardian email"),
    ),
    Column(
        "guardian_phone",
        gettext_lazy("Téléphone du responsable"),
        tuple(f"{g} {b}" for g in GUARDIAN for b in PHONE)
        + tuple(f"{b} {link} {g}" for g in GUARDIAN for b in PHONE for link in LINKS),
        ("Responsable téléphone", "Portable parent", "guardian phone"),
    ),
)
BY_ATTRIBUTE = {c.attribute: c for c in COLUMNS}
REQUIRED = ("last_name", "first_name", "birth_date")
# A learner's own columns may name them: "Nom de l'élève", "Prénom apprenti", "Date de naissance élève".
LEARNER_FIELDS = ("last_name", "first_name", "birth_date", "email", "phone")

GENDERS = {
    "f": "F",
    "femme": "F",
    "fille": "F",
    "feminin": "F",
    "mme": "F",
    "madame": "F",
    "mlle": "F",
    "female": "F",
    "w": "F",
    "m": "M",
    "h": "M",
    "homme": "M",
    "garcon": "M",
    "masculin": "M",
    "monsieur": "M",
    "mr": "M",
    "male": "M",
    "x": "X",
    "autre": "X",
    "nonbinaire": "X",
    "other": "X",
}
STATUSES = {
    "apprenti": "apprentice",
    "apprentie": "apprentice",
    "apprentissage": "apprentice",
    "apprentice": "apprentice",
    "scolaire": "student",
    "eleve": "student",
    "student": "student",
    "stagiaire": "trainee",
    "trainee": "trainee",
}


def _aliases() -> dict[str, str]:
    found: dict[str, str] = {}

    def add(alias: str, attribute: str) -> None:
        key = compact(alias)
        if found.setdefault(key, attribute) != attribute:
            raise ValueError(f"header alias {alias!r} names both {found[key]} and {attribute}")

    for column in COLUMNS:
        for alias in column.aliases:
            add(alias, column.attribute)
        if column.attribute in LEARNER_FIELDS:
            for alias in column.aliases:
                for who in LEARNER:
                    for link in ("", "de l'", "du", "de la"):
                        add(f"{alias} {link} {who}", column.attribute)
    return found


ALIASES = _aliases()


def column_for(header: object) -> str | None:
    """The field a header names, or None: "Date de naissance (JJ/MM/AAAA)" names the birth date."""
    key = compact(header)
    if key in ALIASES:
        return ALIASES[key]
    without_hint = compact(re.sub(r"\([^)]*\)|\[[^]]*\]", " ", str(header or "")))
    return ALIASES.get(without_hint)


def accepted_headers() -> str:
    """Every field with a few of the names it is recognised by, for the unknown-column error."""
    return " ; ".join(
        f"{column.label} ({', '.join(column.shown)})" if column.shown else str(column.label)
        for column in COLUMNS
    )


@dataclass
class LearnerRow:
    line: int
    last_name: str
    first_name: str
    birth_date: dt.date
    gender: str = ""  # "" when the file does not say (a new person is then "X", unspecified)
    email: str = ""
    phone: str = ""
    postcode: str = ""
    city: str = ""
    status: str = "apprentice"
    guardian_last_name: str = ""
    guardian_first_name: str = ""
    guardian_email: str = ""
    guardian_phone: str = ""

    @property
    def has_guardian(self) -> bool:
        return bool(self.guardian_last_name and (self.guardian_email or self.guardian_phone))


@dataclass
class ImportResult:
    rows: list[LearnerRow] = field(default_factory=list)
    errors: list[ImportError_] = field(default_factory=list)
    # Where each field is in the file: attribute -> (column number, header as written).
    columns: dict[str, tuple[int, str]] = field(default_factory=dict)
    source: str = ""  # how the file was read: "CSV, point-virgule, Windows-1252"

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)

    def error_at(self, line: int, attribute: str, reason: str) -> ImportError_:
        """A located error for a field of a line (the first column when the file lacks the field)."""
        number, header = self.columns.get(attribute, (1, str(BY_ATTRIBUTE[attribute].label)))
        return ImportError_(line, number, header, reason)


class Unreadable(Exception):
    pass


def _shown(value: object, limit: int = 40) -> str:
    text = str(value if value is not None else "")
    return text if len(text) <= limit else text[: limit - 1] + "…"


DELIMITERS = {
    ";": gettext_lazy("point-virgule"),
    ",": gettext_lazy("virgule"),
    "\t": gettext_lazy("tabulation"),
}


def _table(content: bytes, name: str) -> tuple[list[tuple[int, list[object]]], str]:
    """The file's rows with their line numbers (as a spreadsheet or an editor shows them)."""
    if content.startswith(b"PK\x03\x04"):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), data_only=True)
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(min_row=1, min_col=1, values_only=True)
        return [(number, list(row)) for number, row in enumerate(rows, start=1)], "XLSX"
    if content.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise Unreadable(_("format Excel 97-2003 (.xls) : enregistrez le fichier en .xlsx ou en .csv"))
    table, delimiter, encoding = csv_table(content, delimiter_of=lambda lines: _delimiter(lines[:10]))
    return table, f"CSV, {DELIMITERS.get(delimiter, delimiter)}, {encoding}"


def _delimiter(lines: list[str]) -> str:
    """The separator under which the first lines hold the most recognised header names (a title
    line such as "Liste des apprentis, rentrée 2026" must not make it a comma); else the most
    frequent one."""

    def recognised(delimiter: str) -> int:
        rows = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
        return max((sum(1 for cell in row if column_for(cell)) for row in rows), default=0)

    def frequent(delimiter: str) -> int:
        return max((line.count(delimiter) for line in lines), default=0)

    return max((";", "\t", ","), key=lambda d: (recognised(d), frequent(d)))


DATE_FORMATS = (
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d/%m/%y",
    "%d-%m-%y",
    "%d.%m.%y",
)


def _date(value: object, *, start: dt.date) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 100_000:
        from openpyxl.utils.datetime import from_excel

        return from_excel(value).date()  # an Excel date cell read as its serial number
    text = str(value or "").strip()
    text = re.split(r"[ T]\d{1,2}:\d{2}", text)[0].strip()  # "2008-12-31 00:00:00"
    for pattern in DATE_FORMATS:
        try:
            day = dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if pattern.endswith("%y") and day > start:  # 31/12/08 is 2008, 14/03/95 is 1995
            day = day.replace(year=day.year - 100)
        return day
    return None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return f"{value:%d/%m/%Y}"
    return str(value).strip()


def _digits_cell(attribute: str, value: object) -> str:
    """A phone or postcode typed in a number cell lost its leading zero: give it back."""
    text = _text(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and text.isdigit():
        if attribute in ("phone", "guardian_phone") and len(text) == 9:
            return "0" + text
        if attribute == "postcode" and len(text) == 4:
            return "0" + text
    return text


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _header(table: list[tuple[int, list[object]]]) -> int | None:
    """Where the header is: the first of the first rows that names at least two fields (a title
    row such as "Liste des apprentis 2026" may come first)."""
    filled = [i for i, (_line, row) in enumerate(table) if any(_text(c) for c in row)]
    for index in filled[:5]:
        if sum(1 for cell in table[index][1] if column_for(cell)) >= 2:
            return index
    return filled[0] if filled else None


def read_learners(content: bytes, name: str, *, start: dt.date, min_age: int = 15) -> ImportResult:
    """Parse and check a learner list; `start` is the cohort's start (ages are counted on it)."""
    result = ImportResult()
    try:
        table, result.source = _table(content, name)
    except Unreadable as problem:
        result.errors.append(ImportError_(1, 1, _("fichier"), str(problem)))
        return result
    except Exception as problem:  # an unreadable file is one located error, not a crash
        result.errors.append(
            ImportError_(1, 1, _("fichier"), _("illisible (%(why)s)") % {"why": type(problem).__name__})
        )
        return result
    header_index = _header(table)
    if header_index is None:
        result.errors.append(ImportError_(1, 1, _("fichier"), _("le fichier est vide")))
        return result
    header_line, headers = table[header_index]
    names_listed = False  # the recognised names are listed once, with the first unknown column
    for number, header in enumerate(headers, start=1):
        written = _text(header)
        if not written:
            continue  # a column without a header is a stray cell, not data
        attribute = column_for(written)
        if attribute is None:
            close = difflib.get_close_matches(compact(written), list(ALIASES), n=1, cutoff=0.8)
            hint = (
                _("vouliez-vous dire « %(name)s » ? ") % {"name": BY_ATTRIBUTE[ALIASES[close[0]]].label}
                if close
                else ""
            )
            reason = (
                _("colonne inconnue ; %(hint)svoir les noms reconnus plus haut") % {"hint": hint}
                if names_listed
                else _("colonne inconnue ; %(hint)snoms reconnus : %(names)s")
                % {"hint": hint, "names": accepted_headers()}
            )
            result.errors.append(ImportError_(header_line, number, _shown(written), reason))
            names_listed = True
        elif attribute in result.columns:
            first_number, first_header = result.columns[attribute]
            result.errors.append(
                ImportError_(
                    header_line,
                    number,
                    _shown(written),
                    _("même champ que la colonne %(n)s (« %(other)s ») : gardez-en une seule")
                    % {"n": first_number, "other": _shown(first_header)},
                )
            )
        else:
            result.columns[attribute] = (number, _shown(written))
    for required in REQUIRED:
        if required not in result.columns:
            column = BY_ATTRIBUTE[required]
            result.errors.append(
                ImportError_(
                    header_line,
                    1,
                    str(column.label),
                    _("colonne « %(name)s » absente de l'en-tête (noms reconnus : %(names)s)")
                    % {"name": column.label, "names": ", ".join((str(column.label), *column.shown))},
                )
            )
    if result.errors:
        return result
    seen: dict[tuple[str, str, dt.date], int] = {}
    emails: dict[str, int] = {}
    for line, raw in table[header_index + 1 :]:
        if not any(_text(c) for c in raw):
            continue
        errors_before = len(result.errors)

        def error(attribute: str, reason: str, line: int = line) -> None:
            result.errors.append(result.error_at(line, attribute, reason))

        cells = {a: (raw[n - 1] if n - 1 < len(raw) else None) for a, (n, _h) in result.columns.items()}
        values: dict[str, str] = {}
        for attribute, value in cells.items():
            if attribute == "birth_date":
                continue
            values[attribute] = _digits_cell(attribute, value)
            limit = MAX_LENGTHS.get(attribute)
            if limit and len(values[attribute]) > limit:
                error(
                    attribute,
                    _("trop long : %(n)s caractères, %(max)s au plus")
                    % {"n": number_format(len(values[attribute]), force_grouping=True), "max": limit},
                )
                values[attribute] = values[attribute][:limit]
        for required in ("last_name", "first_name"):
            if not values.get(required):
                error(required, _("valeur obligatoire manquante"))
        raw_birth = cells.get("birth_date")
        birth = _date(raw_birth, start=start)
        if birth is None:
            written = _shown(_text(raw_birth))
            if not written:
                error("birth_date", _("valeur obligatoire manquante"))
            elif re.fullmatch(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}", written):
                error("birth_date", _("« %(value)s » : cette date n'existe pas") % {"value": written})
            else:
                error(
                    "birth_date",
                    _("date illisible « %(value)s » (attendu JJ/MM/AAAA)") % {"value": written},
                )
        else:
            age = _age(birth, start)
            if age < min_age:
                error(
                    "birth_date",
                    _("moins de %(min)s ans au début de la formation (%(age)s ans le %(day)s, art. L6222-1)")
                    % {"min": min_age, "age": age, "day": f"{start:%d/%m/%Y}"},
                )
            elif age > 60:
                error("birth_date", _("date de naissance invraisemblable"))
        if "gender" in values:
            given = values["gender"]
            if given and compact(given) not in GENDERS:
                error("gender", _("« %(value)s » inconnu (F, M ou X)") % {"value": _shown(given)})
            values["gender"] = GENDERS.get(compact(given), "") if given else ""
        if "status" in values:
            given = values["status"]
            if given and compact(given) not in STATUSES:
                error(
                    "status",
                    _("« %(value)s » inconnu (apprenti, scolaire ou stagiaire)") % {"value": _shown(given)},
                )
            values["status"] = STATUSES.get(compact(given), "apprentice")
        for attribute in ("email", "guardian_email"):
            value = values.get(attribute, "")
            if value and len(value) <= MAX_LENGTHS[attribute]:
                try:
                    validate_email(value)
                except ValidationError:
                    error(
                        attribute, _("adresse de courriel invalide « %(value)s »") % {"value": _shown(value)}
                    )
        postcode = values.get("postcode", "")
        if postcode and not re.fullmatch(r"\d{5}", postcode):
            error(
                "postcode",
                _("« %(value)s » n'est pas un code postal à 5 chiffres") % {"value": _shown(postcode)},
            )
        email = values.get("email", "").lower()
        if email:
            if email in emails:
                error("email", _("même courriel que la ligne %(line)s") % {"line": emails[email]})
            emails.setdefault(email, line)
        if birth is not None:
            guardian_given = values.get("guardian_last_name") and (
                values.get("guardian_email") or values.get("guardian_phone")
            )
            if _age(birth, start) < 18 and not guardian_given:
                where = "guardian_last_name" if "guardian_last_name" in result.columns else "birth_date"
                error(where, _("mineur·e : nom et courriel ou téléphone d'un responsable légal obligatoires"))
            key = (compact(values.get("last_name")), compact(values.get("first_name")), birth)
            if key in seen:
                error("last_name", _("doublon de la ligne %(line)s") % {"line": seen[key]})
            seen.setdefault(key, line)
        if len(result.errors) == errors_before:
            result.rows.append(LearnerRow(line=line, birth_date=birth, **values))  # type: ignore[arg-type]
    if not result.rows and not result.errors:
        result.errors.append(ImportError_(header_line + 1, 1, _("fichier"), _("aucune ligne de données")))
    return result


def read_file(path: Path, *, start: dt.date) -> ImportResult:
    return read_learners(path.read_bytes(), path.name, start=start)
