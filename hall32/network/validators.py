"""What a partnership agreement may be: a signed PDF, a scan or an office document, within a cap."""

from hall32.web.uploads import FileRule

# A convention arrives signed as a PDF, scanned as an image, or as the office file it was written in.
AGREEMENT_FILES = FileRule(
    ("pdf", "png", "jpeg", "office"), max_mb=10, max_mb_setting="HALL32_AGREEMENT_MAX_MB"
)


def validate_agreement_file(upload) -> None:
    AGREEMENT_FILES(upload)
