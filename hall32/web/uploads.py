"""What an uploaded file really is, read from its first bytes, and how big it may be.

A name ending in .pdf proves nothing: the kind is read from the content. Binary formats (PDF,
images, ZIP and the office formats built on it) are recognised by the `filetype` library, pure
Python and without libmagic; the CAD formats a prototyping client sends (STEP, STL, DXF, IGES) have
no magic number it knows, so their own signature is checked here. A file passes when its extension
and its content name the same allowed kind: an HTML page, an SVG or a program never does, whatever
it is called.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

HEAD = 8192  # filetype looks no further; the office formats are told apart within 6,000 bytes

ZIP_MIMES = {
    "application/zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
}


def _mime(head: bytes) -> str | None:
    found = filetype.guess(head)
    return found.mime if found else None


def _mime_in(*mimes: str) -> Callable[[bytes, int], bool]:
    return lambda head, size: _mime(head) in mimes


def _zip(head: bytes, size: int) -> bool:
    return _mime(head) in ZIP_MIMES


def _text(head: bytes, *, known_binary_is_text: bool = False) -> str | None:
    """The head as text when it is text (no NUL byte, no markup, and, unless told otherwise, no
    signature of a binary format), else None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    if b"\x00" in head or (not known_binary_is_text and _mime(head) is not None):
        return None
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as error:  # cut inside a character at the end, or not UTF-8 at all
        text = (
            head[: error.start].decode("utf-8-sig")
            if error.start >= len(head) - 3
            else head.decode("latin-1")
        )
    if text.lstrip().startswith("<"):  # HTML, SVG, XML: a browser would run what they hold
        return None
    return text


def _step(head: bytes, size: int) -> bool:
    text = _text(head)
    return text is not None and text.lstrip().startswith("ISO-10303-21;")


def _stl(head: bytes, size: int) -> bool:
    # Binary STL: an 80-byte header, a triangle count, then 50 bytes per triangle; nothing else
    # has exactly that size, and a file another format recognises is not taken for one.
    if size >= 84 and _mime(head) is None:
        (triangles,) = struct.unpack("<I", head[80:84])
        if size == 84 + 50 * triangles:
            return True
    text = _text(head)
    return text is not None and text.lstrip().lower().startswith("solid") and "facet" in text.lower()


DXF_ASCII = re.compile(r"\A(?:\s*999\r?\n[^\n]*\n)*\s*0\r?\n\s*SECTION\s")


def _dxf(head: bytes, size: int) -> bool:
    if head.startswith(b"AutoCAD Binary DXF\r\n\x1a\x00"):
        return True
    text = _text(head)
    return text is not None and bool(DXF_ASCII.match(text))


def _iges(head: bytes, size: int) -> bool:
    # IGES: 80-column records, the first one in the Start section ("S" in column 73).
    text = _text(head)
    first = text.splitlines()[0] if text else ""
    return len(first) >= 73 and first[72] == "S"


def _csv(head: bytes, size: int) -> bool:
    # Some binary signatures are two letters ("BM", "MZ"): a list whose header starts so is text.
    return _text(head, known_binary_is_text=True) is not None


@dataclass(frozen=True)
class Kind:
    label: str
    extensions: tuple[str, ...]
    matches: Callable[[bytes, int], bool]


KINDS: dict[str, Kind] = {
    "pdf": Kind("PDF", ("pdf",), _mime_in("application/pdf")),
    "png": Kind("PNG", ("png",), _mime_in("image/png")),
    "jpeg": Kind("JPEG", ("jpg", "jpeg"), _mime_in("image/jpeg")),
    "webp": Kind("WebP", ("webp",), _mime_in("image/webp")),
    "tiff": Kind("TIFF", ("tif", "tiff"), _mime_in("image/tiff")),
    "heic": Kind("HEIC", ("heic", "heif"), _mime_in("image/heic", "image/heif")),
    "step": Kind("STEP", ("step", "stp"), _step),
    "stl": Kind("STL", ("stl",), _stl),
    "dxf": Kind("DXF", ("dxf",), _dxf),
    "iges": Kind("IGES", ("igs", "iges"), _iges),
    "zip": Kind("ZIP", ("zip", "3mf"), _zip),
    "office": Kind(
        "Office (Word, Excel, PowerPoint, OpenDocument)", ("docx", "xlsx", "pptx", "odt", "ods", "odp"), _zip
    ),
    "xlsx": Kind("XLSX", ("xlsx",), _zip),
    "csv": Kind("CSV", ("csv",), _csv),
    "json": Kind(
        "JSON", ("json",), _csv
    ),  # offers: La bonne alternance's export (text, checked by its reader)
}


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def read_head(upload) -> bytes:
    """The first bytes of an uploaded file (an UploadedFile or a not yet saved FieldFile)."""
    stream = getattr(upload, "file", None) or upload
    position = stream.tell() if hasattr(stream, "tell") else 0
    stream.seek(0)
    head = stream.read(HEAD)
    stream.seek(position)
    return head


@deconstructible
class FileRule:
    """An allow-list of kinds and a size cap, usable as a form or model field validator.

    The cap is read from the setting `max_mb_setting` when given (so that changing it needs no
    migration), else from `max_mb`.
    """

    def __init__(self, kinds: tuple[str, ...], *, max_mb: int = 5, max_mb_setting: str = "") -> None:
        self.kinds = tuple(kinds)
        self.max_mb = max_mb
        self.max_mb_setting = max_mb_setting

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FileRule) and (self.kinds, self.max_mb, self.max_mb_setting) == (
            other.kinds,
            other.max_mb,
            other.max_mb_setting,
        )

    def __hash__(self) -> int:
        return hash((self.kinds, self.max_mb, self.max_mb_setting))

    @property
    def limit_mb(self) -> int:
        return (
            int(getattr(settings, self.max_mb_setting, self.max_mb)) if self.max_mb_setting else self.max_mb
        )

    @property
    def extensions(self) -> list[str]:
        return [ext for kind in self.kinds for ext in KINDS[kind].extensions]

    def accept(self) -> str:
        """For the file input's `accept` attribute: the file picker offers only these."""
        return ",".join(f".{ext}" for ext in self.extensions)

    def labels(self) -> str:
        return ", ".join(KINDS[kind].label for kind in self.kinds)

    def help_text(self) -> str:
        return _("Types acceptés : %(kinds)s ; %(mb)s Mo au plus.") % {
            "kinds": self.labels(),
            "mb": self.limit_mb,
        }

    def kind_of(self, head: bytes, size: int) -> Kind | None:
        """The allowed kind the content is, whatever the file is called."""
        return next((KINDS[k] for k in self.kinds if KINDS[k].matches(head, size)), None)

    def __call__(self, upload) -> None:
        if getattr(upload, "_committed", False):
            return  # a file already stored was checked when it came in
        name = str(getattr(upload, "name", "") or "").rsplit("/", 1)[-1]
        size = int(upload.size or 0)
        if size > self.limit_mb * 1024 * 1024:
            raise ValidationError(
                _("« %(name)s » pèse %(size)s : %(mb)s Mo au plus.")
                % {"name": name, "size": filesizeformat(size), "mb": self.limit_mb},
                code="file_too_large",
            )
        ext = extension(name)
        named = [KINDS[k] for k in self.kinds if ext in KINDS[k].extensions]
        if not named:
            raise ValidationError(
                _("« %(name)s » : ce type de fichier n'est pas accepté (voir les types acceptés).")
                % {"name": name},
                code="file_type",
            )
        head = read_head(upload)
        if any(kind.matches(head, size) for kind in named):
            return
        actual = self.kind_of(head, size)
        if actual is not None:
            raise ValidationError(
                _("« %(name)s » est en fait un fichier %(kind)s : renommez-le en .%(ext)s.")
                % {"name": name, "kind": actual.label, "ext": actual.extensions[0]},
                code="file_type",
            )
        raise ValidationError(
            _("« %(name)s » n'est pas un vrai fichier %(kind)s : son contenu ne correspond pas à son nom.")
            % {"name": name, "kind": named[0].label},
            code="file_type",
        )
