"""Validators for French identifiers: SIRET (company establishment) and UAI (school)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

UAI_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
LA_POSTE_SIREN = "356000000"


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def siret_is_valid(value: str) -> bool:
    if not re.fullmatch(r"\d{14}", value):
        return False
    if value.startswith(LA_POSTE_SIREN):
        return sum(int(c) for c in value) % 5 == 0
    return luhn_ok(value)


def validate_siret(value: str) -> None:
    cleaned = value.replace(" ", "")
    if not re.fullmatch(r"\d{14}", cleaned):
        raise ValidationError(_("Un SIRET compte 14 chiffres."), code="siret_format")
    if not siret_is_valid(cleaned):
        raise ValidationError(_("Ce SIRET n'est pas valide (clé de contrôle incorrecte)."), code="siret_key")


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
