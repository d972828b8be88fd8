import pytest
from django.core.exceptions import ValidationError

from wagtail_yhes.validators import (
    business_id_check_digit,
    check_registration_number,
    format_phone,
    is_possible_phone,
    normalize_business_id,
    normalize_phone,
    normalize_postal_code,
    normalize_website,
)


@pytest.mark.parametrize("value", ["0112038-9", "2331972-7", " 0112038-9 ", "01120389"])
def test_valid_business_id_is_stored_with_hyphen(value):
    assert normalize_business_id(value) in ("0112038-9", "2331972-7")


def test_old_six_digit_business_id_is_padded():
    assert normalize_business_id("112038-9") == "0112038-9"


@pytest.mark.parametrize("value", ["0112038-8", "2331972-1"])
def test_business_id_with_wrong_check_digit_is_rejected(value):
    with pytest.raises(ValidationError) as error:
        normalize_business_id(value)
    assert error.value.code == "invalid_business_id_checksum"


@pytest.mark.parametrize("value", ["abc", "123", "12345678-9", "0112038_9"])
def test_malformed_business_id_is_rejected(value):
    with pytest.raises(ValidationError) as error:
        normalize_business_id(value)
    assert error.value.code == "invalid_business_id"


def test_body_with_remainder_one_has_no_check_digit():
    # The weighted sum of 0000030 is 3 * 4 = 12, which leaves remainder 1.
    assert business_id_check_digit("0000030") is None
    with pytest.raises(ValidationError):
        normalize_business_id("0000030-0")


@pytest.mark.parametrize("value", ["50100", "", "00100"])
def test_five_digit_postal_code_is_valid(value):
    assert normalize_postal_code(value) == value


@pytest.mark.parametrize("value", ["5010", "501000", "FI-50100", "abcde"])
def test_postal_code_must_have_five_digits(value):
    with pytest.raises(ValidationError):
        normalize_postal_code(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("040 123 4567", "+358401234567"),
        ("+358 40 123 4567", "+358401234567"),
        ("015 194 1111", "+358151941111"),
        ("+46 8 123 456 78", "+46812345678"),
    ],
)
def test_phone_is_stored_in_international_form(value, expected):
    assert normalize_phone(value) == expected


@pytest.mark.parametrize("value", ["123", "puhelin", "040"])
def test_invalid_phone_is_rejected(value):
    with pytest.raises(ValidationError) as error:
        normalize_phone(value)
    assert error.value.code == "invalid_phone"


def test_phone_is_displayed_in_readable_international_form():
    assert format_phone("+358401234567") == "+358 40 1234567"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("yhdistys.fi", "https://yhdistys.fi"),
        ("www.yhdistys.fi/sivu", "https://www.yhdistys.fi/sivu"),
        ("http://yhdistys.fi", "http://yhdistys.fi"),
        ("HTTPS://Yhdistys.fi", "HTTPS://Yhdistys.fi"),
        ("yhdistys.fi:8080", "https://yhdistys.fi:8080"),
    ],
)
def test_website_gets_https_when_bare(value, expected):
    assert normalize_website(value) == expected


@pytest.mark.parametrize(
    "value", ["javascript:alert(1)", "ftp://yhdistys.fi", "mailto:a@b.fi", "data:text/html,x"]
)
def test_website_must_be_http_or_https(value):
    with pytest.raises(ValidationError) as error:
        normalize_website(value)
    assert error.value.code == "invalid_website_scheme"


@pytest.mark.parametrize("value", ["not a url", "https://", "yhdistys"])
def test_website_must_be_an_address(value):
    with pytest.raises(ValidationError):
        normalize_website(value)


@pytest.mark.parametrize("value", ["123.456", "1.234", "123456"])
def test_a_register_number_is_kept_as_given(value):
    assert check_registration_number(value) == value


@pytest.mark.parametrize("value", ["abc", "12.123.123", "123456789"])
def test_what_cannot_be_a_register_number_is_refused(value):
    with pytest.raises(ValidationError) as error:
        check_registration_number(value)
    assert error.value.code == "invalid_registration_number"


@pytest.mark.parametrize(
    ("value", "possible"),
    [("015 960 6463", True), ("040 123 4567", True), ("puhelin", False), ("040", False)],
)
def test_a_possible_number_need_not_be_assigned(value, possible):
    assert is_possible_phone(value) is possible
