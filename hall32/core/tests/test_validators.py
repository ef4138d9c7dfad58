import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from hall32.core.validators import luhn_ok, uai_check_letter, validate_siret, validate_uai


def test_a_known_siret_and_uai_are_valid():
    validate_siret("73282932000074")  # a published SIRET (Luhn-valid)
    validate_uai("0630018C")  # the UAI of a Clermont-Ferrand lycée


@given(
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.text(alphabet="0123456789", min_size=4, max_size=4),
)
def test_a_valid_siren_and_four_digits_complete_to_exactly_one_valid_siret(siren_head, nic):
    siren = next(siren_head + d for d in "0123456789" if luhn_ok(siren_head + d))
    completions = [d for d in "0123456789" if luhn_ok(siren + nic + d)]
    assert len(completions) == 1
    if not siren.startswith("356000000"):
        validate_siret(siren + nic + completions[0])


def test_a_siret_whose_siren_key_is_wrong_is_refused_even_if_its_own_key_is_right():
    assert luhn_ok("12345678000014") and not luhn_ok("123456780")
    with pytest.raises(ValidationError) as caught:
        validate_siret("12345678000014")
    assert "clé de contrôle" in str(caught.value)


@pytest.mark.parametrize("value", ["35600000000048", "35600000049837", "356 000 000 49837"])
def test_la_poste_sirets_are_checked_by_the_sum_of_their_digits(value):
    validate_siret(value)


def test_a_la_poste_siret_whose_digits_do_not_add_up_to_a_multiple_of_five_is_refused():
    with pytest.raises(ValidationError):
        validate_siret("35600000049838")


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
