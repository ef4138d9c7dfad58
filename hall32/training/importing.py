"""Read a learner list (CSV or XLSX) and check every cell, before anything is written.

Plain Python, no ORM: `read_learners` returns rows and located errors (line, column, reason);
the service writes nothing unless the whole file is clean.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

COLUMNS = {
    "nom": "last_name",
    "prenom": "first_name",
    "date_naissance": "birth_date",
    "genre": "gender",
    "courriel": "email",
    "telephone": "phone",
    "code_postal": "postcode",
    "commune": "city",
    "statut": "status",
    "responsable_nom": "guardian_last_name",
    "responsable_prenom": "guardian_first_name",
    "responsable_courriel": "guardian_email",
    "responsable_telephone": "guardian_phone",
}
REQUIRED = ("nom", "prenom", "date_naissance")
GENDERS = {
    "f": "F",
    "femme": "F",
    "fille": "F",
    "m": "M",
    "h": "M",
    "homme": "M",
    "garcon": "M",
    "x": "X",
    "": "X",
}
STATUSES = {
    "apprenti": "apprentice",
    "apprentie": "apprentice",
    "apprentissage": "apprentice",
    "": "apprentice",
    "scolaire": "student",
    "eleve": "student",
    "stagiaire": "trainee",
}


@dataclass(frozen=True)
class ImportError_:
    line: int
    column: int
    column_name: str
    reason: str

    def located(self, filename: str) -> str:
        return f"{filename}:{self.line}:{self.column}: {self.column_name} : {self.reason}"


@dataclass
class LearnerRow:
    line: int
    last_name: str
    first_name: str
    birth_date: dt.date
    gender: str = "X"
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

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def _key(header: str) -> str:
    plain = (
        unicodedata.normalize("NFKD", str(header or "")).encode("ascii", "ignore").decode().lower().strip()
    )
    return re.sub(r"[^a-z]+", "_", plain).strip("_")


def _plain(value: object) -> str:
    return unicodedata.normalize("NFKD", str(value or "")).encode("ascii", "ignore").decode().lower().strip()


def _table(content: bytes, name: str) -> list[list[object]]:
    if name.lower().endswith((".xlsx", ".xlsm")):
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def read_learners(content: bytes, name: str, *, start: dt.date, min_age: int = 15) -> ImportResult:
    """Parse and check a learner list; `start` is the cohort's start (ages are counted on it)."""
    result = ImportResult()
    try:
        table = _table(content, name)
    except Exception as error:  # an unreadable file is one located error, not a crash
        result.errors.append(ImportError_(1, 1, "fichier", f"illisible ({type(error).__name__})"))
        return result
    table = [row for row in table if any(str(c or "").strip() for c in row)]
    if not table:
        result.errors.append(ImportError_(1, 1, "fichier", "le fichier est vide"))
        return result
    headers = [_key(h) for h in table[0]]
    for required in REQUIRED:
        if required not in headers:
            result.errors.append(ImportError_(1, 1, required, f"colonne « {required} » absente de l'en-tête"))
    unknown = [(i, h) for i, h in enumerate(headers, start=1) if h and h not in COLUMNS]
    for index, header in unknown:
        result.errors.append(ImportError_(1, index, header, "colonne inconnue"))
    if result.errors:
        return result
    position = {h: i for i, h in enumerate(headers)}
    seen: dict[tuple[str, str, dt.date], int] = {}
    for line, raw in enumerate(table[1:], start=2):
        cells = {h: (raw[i] if i < len(raw) else None) for h, i in position.items()}

        def error(column: str, reason: str, line: int = line) -> None:
            result.errors.append(ImportError_(line, position[column] + 1, column, reason))

        values: dict[str, object] = {}
        for header, attribute in COLUMNS.items():
            if header in cells and header != "date_naissance":
                values[attribute] = str(cells[header] or "").strip()
        for required in ("nom", "prenom"):
            if not values.get(COLUMNS[required]):
                error(required, "valeur obligatoire manquante")
        birth = _date(cells.get("date_naissance"))
        if birth is None:
            error(
                "date_naissance",
                f"date illisible « {cells.get('date_naissance') or ''} » (attendu JJ/MM/AAAA)",
            )
        else:
            age = start.year - birth.year - ((start.month, start.day) < (birth.month, birth.day))
            if age < min_age:
                error(
                    "date_naissance",
                    f"moins de {min_age} ans au début de la formation ({age} ans le "
                    f"{start:%d/%m/%Y}, art. L6222-1)",
                )
            elif age > 60:
                error("date_naissance", "date de naissance invraisemblable")
        gender = _plain(values.get("gender", ""))
        if "genre" in position:
            if gender not in GENDERS:
                error("genre", f"« {values['gender']} » inconnu (F, M ou X)")
            values["gender"] = GENDERS.get(gender, "X")
        status = _plain(values.get("status", ""))
        if "statut" in position:
            if status not in STATUSES:
                error("statut", f"« {values['status']} » inconnu (apprenti, scolaire ou stagiaire)")
            values["status"] = STATUSES.get(status, "apprentice")
        for column in ("courriel", "responsable_courriel"):
            value = values.get(COLUMNS[column], "")
            if value:
                try:
                    validate_email(value)
                except ValidationError:
                    error(column, f"adresse de courriel invalide « {value} »")
        postcode = values.get("postcode", "")
        if postcode and not re.fullmatch(r"\d{5}", str(postcode)):
            error("code_postal", f"« {postcode} » n'est pas un code postal à 5 chiffres")
        if birth is not None:
            age = start.year - birth.year - ((start.month, start.day) < (birth.month, birth.day))
            guardian_given = values.get("guardian_last_name") and (
                values.get("guardian_email") or values.get("guardian_phone")
            )
            if age < 18 and not guardian_given:
                column = "responsable_nom" if "responsable_nom" in position else "date_naissance"
                error(column, "mineur·e : nom et courriel ou téléphone d'un responsable légal obligatoires")
            key = (_plain(values.get("last_name")), _plain(values.get("first_name")), birth)
            if key in seen:
                error("nom", f"doublon de la ligne {seen[key]}")
            seen[key] = line
        if not any(e.line == line for e in result.errors):
            result.rows.append(LearnerRow(line=line, birth_date=birth, **values))  # type: ignore[arg-type]
    if not result.rows and not result.errors:
        result.errors.append(ImportError_(2, 1, "fichier", "aucune ligne de données"))
    return result


def read_file(path: Path, *, start: dt.date) -> ImportResult:
    return read_learners(path.read_bytes(), path.name, start=start)
