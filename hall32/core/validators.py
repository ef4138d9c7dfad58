"""Validators for French identifiers: SIRET (company establishment, checked by python-stdnum) and UAI
(school)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import luhn
from stdnum.exceptions import InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as ValidationError_
from stdnum.fr import siret

UAI_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def luhn_ok(digits: str) -> bool:
    """The Luhn key of a number (SIREN, SIRET): python-stdnum's check, for the demo's generator."""
    return luhn.is_valid(digits)


def siret_is_valid(value: str) -> bool:
    """python-stdnum's SIRET check: the Luhn key of the SIRET and of its SIREN, and La Poste's
    establishments (SIREN 356 000 000), whose digits add up to a multiple of 5 instead."""
    return siret.is_valid(value)


def validate_siret(value: str) -> None:
    try:
        siret.validate(value.replace(" ", ""))
    except (InvalidFormat, InvalidLength):
        raise ValidationError(_("Un SIRET compte 14 chiffres."), code="siret_format") from None
    except ValidationError_:
        raise ValidationError(
            _("Ce SIRET n'est pas valide (clé de contrôle incorrecte)."), code="siret_key"
        ) from None


def uai_check_letter(digits: str) -> str:
    """The UAI's check letter: the seven digits modulo 23, in an alphabet without I, O, Q."""
    return UAI_LETTERS[int(digits) % 23]


def validate_uai(value: str) -> None:
    cleaned = value.strip().upper()
    if not re.fullmatch(r"\d{7}[A-Z]", cleaned):
        raise ValidationError(
            _("Un code UAI compte 7 chiffres suivis d'une lettre (ex. 0630018C)."),
            code="uai_format",
        )
    if uai_check_letter(cleaned[:7]) != cleaned[7]:
        raise ValidationError(
            _("Ce code UAI n'est pas valide (lettre de contrôle incorrecte)."), code="uai_key"
        )


def validate_postcode(value: str) -> None:
    if not re.fullmatch(r"\d{5}", value):
        raise ValidationError(_("Un code postal compte 5 chiffres."), code="postcode")
