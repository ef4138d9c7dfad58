import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from hall32.core.validators import luhn_ok, uai_check_letter, validate_siret, validate_uai


def test_a_known_siret_and_uai_are_valid():
    validate_siret("73282932000074")  # a published SIRET (Luhn-valid)
    validate_uai("0630018C")  # the UAI of a Clermont-Ferrand lycée


@given(st.text(alphabet="0123456789", min_size=13, max_size=13))
def test_every_thirteen_digits_complete_to_exactly_one_valid_siret(prefix):
    completions = [d for d in "0123456789" if luhn_ok(prefix + d)]
    assert len(completions) == 1
    if not prefix.startswith("356000000"):
        validate_siret(prefix + completions[0])


@given(st.integers(min_value=0, max_value=9_999_999), st.sampled_from("ABCDEFGHJKLMNPRSTUVWXYZ"))
def test_only_the_right_check_letter_makes_a_valid_uai(number, letter):
    digits = f"{number:07d}"
    if letter == uai_check_letter(digits):
        validate_uai(digits + letter)
    else:
        with pytest.raises(ValidationError):
            validate_uai(digits + letter)


@pytest.mark.parametrize("value", ["1234", "7328293200007A", "73282932000075"])
def test_bad_sirets_are_refused_with_a_reason(value):
    with pytest.raises(ValidationError) as caught:
        validate_siret(value)
    assert "SIRET" in str(caught.value)
