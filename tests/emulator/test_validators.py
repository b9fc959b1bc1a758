"""Property tests of the pure validators behind the emulator's 400s."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pulumi_sinch_est.emulator.errors import InvalidArgument
from pulumi_sinch_est.emulator.state.credential_lists import password_problem
from pulumi_sinch_est.emulator.state.fields import HOST_NAME, FieldReader, is_e164, is_ipv4
from pulumi_sinch_est.emulator.state.ids import format_time, new_id

quick = settings(database=None, max_examples=150)  # no example database left in the working tree
HOST_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-"


@quick
@given(st.from_regex(r"\+[1-9][0-9]{1,14}", fullmatch=True))
def test_every_e164_number_is_accepted(number: str) -> None:
    assert is_e164(number)


@quick
@given(st.text(min_size=1, max_size=20))
def test_numbers_without_a_plus_are_rejected(text: str) -> None:
    if not text.startswith("+"):
        assert not is_e164(text)


@quick
@given(st.text(alphabet=HOST_CHARS, min_size=1, max_size=63))
def test_host_names_of_allowed_characters_pass(host: str) -> None:
    assert HOST_NAME.fullmatch(host)


@quick
@given(st.text(min_size=1, max_size=70))
@example("0\n")  # `$` also matches before a final newline: the emulator must use fullmatch
def test_host_names_with_other_characters_or_too_long_fail(host: str) -> None:
    if len(host) > 63 or any(c not in HOST_CHARS for c in host):
        assert not HOST_NAME.fullmatch(host)


@quick
@given(st.text(max_size=30))
def test_password_policy_is_exactly_length_upper_lower_digit(password: str) -> None:
    ok = len(password) >= 12 and bool(
        re.search("[A-Z]", password) and re.search("[a-z]", password) and re.search(r"\d", password)
    )
    assert (password_problem(password) is None) == ok


@quick
@given(st.tuples(*[st.integers(0, 255)] * 4), st.integers(1, 32))
def test_ipv4_literals_pass_and_cidr_strings_fail(octets: tuple[int, ...], prefix: int) -> None:
    address = ".".join(map(str, octets))
    assert is_ipv4(address) and not is_ipv4(f"{address}/{prefix}")


@quick
@given(st.floats(min_value=0, max_value=4_000_000_000, allow_nan=False))
def test_ids_and_timestamps_have_the_wire_format(epoch: float) -> None:
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{26}", new_id(epoch))
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", format_time(epoch))


@quick
@given(st.dictionaries(st.sampled_from(["name", "priority", "enabled"]), st.none() | st.integers() | st.text()))
def test_field_reader_reports_instead_of_crashing(body: dict[str, object]) -> None:
    reader = FieldReader(body)
    reader.text("name", required=True)
    reader.integer("priority", required=True, minimum=1)
    reader.flag("enabled")
    try:
        reader.check()
    except InvalidArgument as error:
        assert error.violations and all(v.field in body or v.description == "is required" for v in error.violations)
