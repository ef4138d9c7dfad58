"""Read an offer file, and check every value that needs no database, before anything is written.

Plain Python: `read_offers` returns rows and located errors (line, column, reason); the import
service (services/imports.py) finds the companies and courses, applies the offers' rules and
writes nothing unless the whole file is clean. Never a network call: the file is all there is.

Two shapes:
- La bonne alternance's job search and export (API v1, JSON): an object whose lists `matchas`
  (offers posted on La bonne alternance), `partnerJobs` and `peJobs` (partners', France Travail's)
  hold one job each, either directly or under `results`. `lbaCompanies` (companies likely to
  hire, with no offer) are counted and skipped. Of a job it reads `id` (or `job.id`), `title`,
  `company.siret` and `company.name`, `place.zipCode`, `place.city` and `place.address`,
  `romes[0].code`, `job.jobStartDate`, `job.quantiteContrat`, `job.rythmeAlternance`,
  `job.description`, `job.offer_desired_skills`, `job.offer_access_conditions`, `job.status`,
  `target_diploma_level` (or `diplomaLevel`) and `contact.email`; any other field is ignored. A
  job's line is where its object opens in the file.
- CSV with a header row, in French or English ("Intitulé"/"title", "Code postal"/"postcode"...),
  separated by ";", "," or tabs (Excel's "sep=;" line too), in UTF-8, UTF-16 or Windows-1252.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from json import decoder as json_decoder
from json import scanner as json_scanner
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hall32.core.tabular import Column, ImportError_, compact, csv_table
from hall32.web.uploads import FileRule

OFFER_FILES = FileRule(("csv", "json"), max_mb=5)

LBA = "lba"
CSV = "csv"
LBA_LISTS = ("matchas", "partnerJobs", "peJobs")
LBA_SKIPPED = ("lbaCompanies", "lbbCompanies")
LBA_STATUSES = {"active": "open", "pourvue": "filled", "annulée": "closed", "en attente": "draft"}
STATUSES = {
    "ouverte": "open",
    "open": "open",
    "active": "open",
    "brouillon": "draft",
    "draft": "draft",
    "pourvue": "filled",
    "filled": "filled",
    "fermée": "closed",
    "fermee": "closed",
    "closed": "closed",
}
YES = {"oui", "o", "yes", "y", "vrai", "true", "1", "x"}
NO = {"non", "n", "no", "faux", "false", "0", ""}
MAX_LENGTHS = {
    "external_id": 100,
    "title": 200,
    "company_name": 200,
    "site_name": 200,
    "address": 250,
    "city": 120,
    "rhythm": 200,
    "contact_email": 254,
    "rncp_code": 12,
}


COLUMNS: tuple[Column, ...] = (
    Column(
        "external_id",
        gettext_lazy("Identifiant"),
        ("identifiant", "id", "référence externe", "identifiant d'origine", "external id", "offer id"),
    ),
    Column("title", gettext_lazy("Intitulé"), ("intitulé", "intitulé du poste", "poste", "titre", "title")),
    Column("siret", gettext_lazy("SIRET"), ("siret", "siret de l'entreprise", "company siret")),
    Column(
        "company_name",
        gettext_lazy("Entreprise"),
        ("entreprise", "raison sociale", "nom de l'entreprise", "company", "company name"),
    ),
    Column("site_name", gettext_lazy("Site"), ("site", "établissement", "site name")),
    Column("address", gettext_lazy("Adresse"), ("adresse", "address")),
    Column("postcode", gettext_lazy("Code postal"), ("code postal", "cp", "postcode", "zip code", "zip")),
    Column("city", gettext_lazy("Commune"), ("commune", "ville", "city", "town")),
    Column(
        "start_date",
        gettext_lazy("Début"),
        ("début", "date de début", "date début", "start date", "start", "starts on"),
    ),
    Column("places", gettext_lazy("Places"), ("places", "nombre de places", "postes", "openings")),
    Column("rome_code", gettext_lazy("Code ROME"), ("code rome", "rome", "rome code")),
    Column("rncp_code", gettext_lazy("Code RNCP"), ("code rncp", "rncp", "rncp code")),
    Column("rhythm", gettext_lazy("Rythme"), ("rythme", "rythme de l'alternance", "rhythm")),
    Column("requirements", gettext_lazy("Prérequis"), ("prérequis", "requirements")),
    Column(
        "required_skills",
        gettext_lazy("Compétences exigées"),
        ("compétences exigées", "required skills"),
    ),
    Column(
        "wanted_skills",
        gettext_lazy("Compétences appréciées"),
        ("compétences appréciées", "compétences souhaitées", "wanted skills", "desired skills"),
    ),
    Column("description", gettext_lazy("Description"), ("description",)),
    Column("status", gettext_lazy("Statut"), ("statut", "status")),
    Column(
        "contact_email",
        gettext_lazy("Courriel de contact"),
        ("courriel", "courriel de contact", "e-mail", "email", "contact email"),
    ),
    Column(
        "tutor_capacity",
        gettext_lazy("Capacité des tuteurs"),
        ("capacité des tuteurs", "capacité tuteur", "tutor capacity"),
    ),
    Column("adults_only", gettext_lazy("Réservée aux majeurs"), ("réservée aux majeurs", "adults only")),
    Column("needs_car", gettext_lazy("Véhicule indispensable"), ("véhicule indispensable", "needs car")),
)
BY_ATTRIBUTE = {c.attribute: c for c in COLUMNS}
REQUIRED = ("external_id", "title", "postcode", "start_date")


ALIASES = {compact(alias): column.attribute for column in COLUMNS for alias in column.aliases}


@dataclass
class OfferRow:
    """One offer of the file; `where` locates each field (line, column, name) for the errors."""

    line: int
    source: str
    external_id: str = ""
    title: str = ""
    siret: str = ""
    company_name: str = ""
    site_name: str = ""
    address: str = ""
    postcode: str = ""
    city: str = ""
    start_date: dt.date | None = None
    places: int = 1
    rome_code: str = ""
    rncp_code: str = ""
    rhythm: str = ""
    requirements: str = ""
    required_skills: list[str] = field(default_factory=list)
    wanted_skills: list[str] = field(default_factory=list)
    description: str = ""
    status: str = "open"
    contact_email: str = ""
    tutor_capacity: int | None = None
    adults_only: bool = False
    needs_car: bool = False
    where: dict[str, tuple[int, int, str]] = field(default_factory=dict, repr=False, compare=False)

    def located(self, attribute: str, reason: str) -> ImportError_:
        line, column, name = self.where.get(attribute, (self.line, 1, str(attribute)))
        return ImportError_(line, column, name, reason)

    def values(self) -> dict[str, Any]:
        """What the row says, for the plan's fingerprint."""
        return {k: str(v) for k, v in vars(self).items() if k != "where"}


@dataclass
class ImportResult:
    rows: list[OfferRow] = field(default_factory=list)
    errors: list[ImportError_] = field(default_factory=list)
    source: str = ""  # how the file was read
    format: str = ""
    skipped: int = 0  # La bonne alternance's companies without an offer

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _date(value: object) -> dt.date | None:
    text = _text(value)
    if not text:
        return None
    iso = re.match(r"(\d{4}-\d{2}-\d{2})", text)
    patterns = ("%Y-%m-%d",) if iso else ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")
    candidate = iso.group(1) if iso else text.split(" ")[0]
    for pattern in patterns:
        try:
            return dt.datetime.strptime(candidate, pattern).date()
        except ValueError:
            continue
    return None


def _int(value: object) -> int | None:
    text = _text(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    return int(text) if re.fullmatch(r"\d{1,4}", text) else None


def _check_lengths(row: OfferRow, result: ImportResult) -> None:
    for attribute, limit in MAX_LENGTHS.items():
        value = getattr(row, attribute)
        if len(value) > limit:
            result.errors.append(
                row.located(
                    attribute,
                    _("trop long : %(n)s caractères, %(max)s au plus") % {"n": len(value), "max": limit},
                )
            )


# --- La bonne alternance (JSON) -------------------------------------------------------------------

POSITION = "\x00position"  # the key under which the reader notes where each object opens


def _positioned(text: str) -> Any:
    """json.loads, every object noting its offset in the text (for its line number)."""
    decoder = json.JSONDecoder()

    def parse_object(s_and_end: tuple[str, int], *args: Any, **kwargs: Any) -> tuple[Any, int]:
        obj, end = json_decoder.JSONObject(s_and_end, *args, **kwargs)
        if isinstance(obj, dict):
            obj[POSITION] = s_and_end[1] - 1
        return obj, end

    decoder.parse_object = parse_object  # type: ignore[assignment]
    decoder.scan_once = json_scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder.decode(text)


def _lba_jobs(data: Any) -> tuple[list[tuple[str, int, dict[str, Any]]], int] | None:
    """The jobs of a La bonne alternance answer (list name, index, job), and the companies skipped;
    None when the data is not of that shape."""
    if isinstance(data, list):
        if data and all(isinstance(i, dict) and ("ideaType" in i or "job" in i) for i in data):
            return [("", n, item) for n, item in enumerate(data)], 0
        return None
    if not isinstance(data, dict) or not any(k in data for k in (*LBA_LISTS, *LBA_SKIPPED)):
        return None
    jobs = []
    skipped = 0
    for name in (*LBA_LISTS, *LBA_SKIPPED):
        value = data.get(name)
        if isinstance(value, dict):
            value = value.get("results")
        if not isinstance(value, list):
            continue
        if name in LBA_SKIPPED:
            skipped += len(value)
            continue
        jobs += [(name, n, item) for n, item in enumerate(value) if isinstance(item, dict)]
    return jobs, skipped


def _read_lba(content: bytes, result: ImportResult) -> None:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append(ImportError_(1, 1, _("fichier"), _("le fichier JSON n'est pas en UTF-8")))
        return
    try:
        data = _positioned(text)
    except json.JSONDecodeError as problem:
        result.errors.append(
            ImportError_(
                problem.lineno,
                problem.colno,
                _("fichier"),
                _("JSON invalide (%(why)s)") % {"why": problem.msg},
            )
        )
        return
    found = _lba_jobs(data)
    if found is None:
        result.errors.append(
            ImportError_(
                1,
                1,
                _("fichier"),
                _(
                    "ce n'est pas un export d'offres de La bonne alternance : il faut un objet JSON avec "
                    "une liste « matchas », « partnerJobs » ou « peJobs »"
                ),
            )
        )
        return
    jobs, result.skipped = found
    result.source = _("JSON La bonne alternance")

    def where(obj: Any) -> tuple[int, int]:
        position = obj.get(POSITION, 0) if isinstance(obj, dict) else 0
        line = text.count("\n", 0, position) + 1
        return line, position - (text.rfind("\n", 0, position) + 1) + 1

    seen: dict[str, int] = {}
    for name, index, item in jobs:
        line, column = where(item)
        path = f"{name}[{index}]" if name else f"[{index}]"
        row = OfferRow(line=line, source=LBA)

        def at(
            attribute: str, obj: Any, key: str, row: OfferRow = row, path: str = path, item: Any = item
        ) -> None:
            # A missing object (no "place") is located at the job's own line.
            obj_line, obj_column = where(obj if POSITION in obj else item)
            row.where[attribute] = (obj_line, obj_column, f"{path}.{key}")

        job = item.get("job") if isinstance(item.get("job"), dict) else {}
        company = item.get("company") if isinstance(item.get("company"), dict) else {}
        place = item.get("place") if isinstance(item.get("place"), dict) else {}
        contact = item.get("contact") if isinstance(item.get("contact"), dict) else {}
        identifier = _text(item.get("id") or job.get("id"))
        kind = _text(item.get("ideaType")) or name or "job"
        row.external_id = f"{kind}:{identifier}" if identifier else ""
        at("external_id", item, "id")
        row.title = _text(item.get("title"))
        at("title", item, "title")
        row.siret = re.sub(r"\s", "", _text(company.get("siret")))
        at("siret", company, "company.siret")
        row.company_name = _text(company.get("name"))
        at("company_name", company, "company.name")
        row.postcode = _text(place.get("zipCode"))
        at("postcode", place, "place.zipCode")
        at("city", place, "place.city")
        row.city = _text(place.get("city"))
        row.address = _text(place.get("address") or place.get("numberAndStreet") or place.get("fullAddress"))
        at("address", place, "place.address")
        romes = item.get("romes") if isinstance(item.get("romes"), list) else []
        codes = [_text(r.get("code")) for r in romes if isinstance(r, dict) and r.get("code")]
        row.rome_code = codes[0].upper() if codes else ""
        at("rome_code", item, "romes[0].code")
        raw_start = job.get("jobStartDate")
        row.start_date = _date(raw_start)
        at("start_date", job, "job.jobStartDate")
        quantity = job.get("quantiteContrat")
        at("places", job, "job.quantiteContrat")
        if quantity not in (None, ""):
            places = _int(quantity)
            if places is None:
                result.errors.append(
                    row.located(
                        "places", _("nombre de places illisible : %(v)s") % {"v": _text(quantity)[:20]}
                    )
                )
            else:
                row.places = places
        row.rhythm = _text(job.get("rythmeAlternance"))[:200]
        at("rhythm", job, "job.rythmeAlternance")
        row.description = str(job.get("description") or "").strip()
        skills = job.get("offer_desired_skills")
        row.wanted_skills = [_text(s) for s in skills if _text(s)] if isinstance(skills, list) else []
        at("wanted_skills", job, "job.offer_desired_skills")
        conditions = job.get("offer_access_conditions")
        requirements = [_text(c) for c in conditions if _text(c)] if isinstance(conditions, list) else []
        level = _text(item.get("target_diploma_level") or item.get("diplomaLevel"))
        if level:
            requirements.append(_("Niveau visé : %(level)s") % {"level": level})
        row.requirements = "\n".join(requirements)
        status = _text(job.get("status")).lower()
        row.status = LBA_STATUSES.get(status, "open")
        row.contact_email = _text(contact.get("email"))
        at("contact_email", contact, "contact.email")
        _check_row(row, result, raw_start=raw_start, seen=seen)


def _check_row(row: OfferRow, result: ImportResult, *, raw_start: object, seen: dict[str, int]) -> None:
    missing = _("valeur obligatoire manquante")
    if not row.external_id:
        result.errors.append(row.located("external_id", missing))
    elif row.external_id in seen:
        result.errors.append(
            row.located(
                "external_id", _("même offre que la ligne %(line)s") % {"line": seen[row.external_id]}
            )
        )
    else:
        seen[row.external_id] = row.line
    if not row.title:
        result.errors.append(row.located("title", missing))
    if not row.siret and not row.company_name:
        result.errors.append(row.located("siret", _("ni SIRET ni nom d'entreprise")))
    elif row.siret and not re.fullmatch(r"\d{14}", row.siret):
        result.errors.append(
            row.located("siret", _("un SIRET compte 14 chiffres : %(v)s") % {"v": row.siret[:20]})
        )
    if not row.postcode:
        result.errors.append(row.located("postcode", missing))
    if row.start_date is None:
        written = _text(raw_start)
        result.errors.append(
            row.located(
                "start_date",
                _("date illisible : %(v)s (JJ/MM/AAAA ou AAAA-MM-JJ)") % {"v": written[:20]}
                if written
                else missing,
            )
        )
    _check_lengths(row, result)
    result.rows.append(row)


# --- CSV ------------------------------------------------------------------------------------------


def _delimiter(lines: list[str]) -> str:
    """The separator the header line holds most of."""
    head = lines[0] if lines else ""
    return max((";", "\t", ","), key=head.count)


def _read_csv(content: bytes, result: ImportResult) -> None:
    table, delimiter, encoding = csv_table(content, delimiter_of=_delimiter)
    table = [(n, cells) for n, cells in table if any(c.strip() for c in cells)]
    if not table:
        result.errors.append(ImportError_(1, 1, _("fichier"), _("le fichier est vide")))
        return
    result.source = _("CSV, séparateur « %(d)s », %(e)s") % {
        "d": "tab" if delimiter == "\t" else delimiter,
        "e": encoding,
    }
    header_line, headers = table[0]
    columns: dict[str, tuple[int, str]] = {}
    for number, header in enumerate(headers, start=1):
        written = _text(header)
        if not written:
            continue
        attribute = ALIASES.get(compact(written))
        if attribute is None:
            names = ", ".join(str(c.label) for c in COLUMNS)
            result.errors.append(
                ImportError_(
                    header_line,
                    number,
                    written[:40],
                    _("colonne inconnue ; noms reconnus : %(names)s") % {"names": names},
                )
            )
        elif attribute in columns:
            result.errors.append(
                ImportError_(
                    header_line,
                    number,
                    written[:40],
                    _("même champ que la colonne %(n)s") % {"n": columns[attribute][0]},
                )
            )
        else:
            columns[attribute] = (number, written[:40])
    for required in REQUIRED:
        if required not in columns:
            result.errors.append(
                ImportError_(
                    header_line,
                    1,
                    str(BY_ATTRIBUTE[required].label),
                    _("colonne « %(name)s » absente de l'en-tête") % {"name": BY_ATTRIBUTE[required].label},
                )
            )
    if "siret" not in columns and "company_name" not in columns:
        result.errors.append(
            ImportError_(header_line, 1, _("SIRET"), _("il faut une colonne « SIRET » ou « Entreprise »"))
        )
    if result.errors:
        return
    seen: dict[str, int] = {}
    for line, cells in table[1:]:
        row = OfferRow(line=line, source=CSV)
        row.where = {a: (line, n, name) for a, (n, name) in columns.items()}
        raw = {a: (cells[n - 1] if n - 1 < len(cells) else "") for a, (n, _name) in columns.items()}
        for attribute in (
            "external_id",
            "title",
            "company_name",
            "site_name",
            "address",
            "postcode",
            "city",
            "rome_code",
            "rncp_code",
            "rhythm",
            "contact_email",
        ):
            setattr(row, attribute, _text(raw.get(attribute)))
        row.siret = re.sub(r"\s", "", _text(raw.get("siret")))
        row.requirements = str(raw.get("requirements") or "").strip()
        row.description = str(raw.get("description") or "").strip()
        row.rome_code = row.rome_code.upper()
        if len(row.postcode) == 4 and row.postcode.isdigit():
            row.postcode = "0" + row.postcode  # a spreadsheet dropped the leading zero
        row.start_date = _date(raw.get("start_date"))
        for attribute in ("required_skills", "wanted_skills"):
            setattr(
                row, attribute, [s.strip() for s in re.split(r"[,;|]", raw.get(attribute) or "") if s.strip()]
            )
        for attribute in ("places", "tutor_capacity"):
            written = _text(raw.get(attribute))
            if written:
                number = _int(written)
                if number is None:
                    result.errors.append(
                        row.located(attribute, _("nombre entier attendu : %(v)s") % {"v": written[:20]})
                    )
                elif attribute == "places":
                    row.places = number
                else:
                    row.tutor_capacity = number
        status = compact(raw.get("status"))
        if status:
            if status not in {compact(k) for k in STATUSES}:
                result.errors.append(
                    row.located(
                        "status",
                        _("statut inconnu : %(v)s (ouverte, brouillon, pourvue, fermée)")
                        % {"v": _text(raw.get("status"))[:20]},
                    )
                )
            else:
                row.status = next(v for k, v in STATUSES.items() if compact(k) == status)
        for attribute in ("adults_only", "needs_car"):
            written = _text(raw.get(attribute)).lower()
            if written in YES:
                setattr(row, attribute, True)
            elif written not in NO:
                result.errors.append(
                    row.located(attribute, _("oui ou non attendu : %(v)s") % {"v": written[:20]})
                )
        _check_row(row, result, raw_start=raw.get("start_date"), seen=seen)


def read_offers(content: bytes, name: str, *, format: str = "") -> ImportResult:
    """Parse and check an offer file; `format` is "lba" or "csv" (by default, from its content)."""
    result = ImportResult()
    stripped = content.lstrip(b"\xef\xbb\xbf \t\r\n")
    result.format = format or (LBA if stripped[:1] in (b"{", b"[") or name.lower().endswith(".json") else CSV)
    try:
        (_read_lba if result.format == LBA else _read_csv)(content, result)
    except Exception as problem:  # an unreadable file is one located error, not a crash
        result.errors.append(
            ImportError_(1, 1, _("fichier"), _("illisible (%(why)s)") % {"why": type(problem).__name__})
        )
    if not result.rows and not result.errors:
        result.errors.append(ImportError_(1, 1, _("fichier"), _("aucune offre dans le fichier")))
    result.errors.sort(key=lambda e: (e.line, e.column))
    return result
