"""What a project deliverable may be: the files a prototyping client really sends, within a size cap."""

from hall32.web.uploads import FileRule

# PDF reports, photos of parts, CAD (STEP, STL, DXF, IGES), archives and office documents; never
# HTML, SVG or programs. The cap is the setting HALL32_DELIVERABLE_MAX_MB (20 MiB by default).
DELIVERABLE_FILES = FileRule(
    ("pdf", "png", "jpeg", "webp", "tiff", "heic", "step", "stl", "dxf", "iges", "zip", "office"),
    max_mb=20,
    max_mb_setting="HALL32_DELIVERABLE_MAX_MB",
)


def validate_deliverable_file(upload) -> None:
    DELIVERABLE_FILES(upload)
