"""Tracking codes: random, grouped, and forgiving when typed back."""

from liveline.tracking import ALPHABET, LENGTH, new_code, new_codes, parse_code


def test_new_code_has_three_groups_of_four_from_the_alphabet() -> None:
    code = new_code()
    groups = code.split("-")
    assert [len(group) for group in groups] == [4, 4, 4]
    assert all(symbol in ALPHABET for symbol in "".join(groups))


def test_new_codes_do_not_repeat() -> None:
    assert len({new_code() for _ in range(5000)}) == 5000


def test_typed_code_is_read_despite_case_spaces_and_lookalikes() -> None:
    assert parse_code("7kqm 4xh2 pd9r") == "7KQM-4XH2-PD9R"
    assert parse_code(" 7KQM-4XH2-PD9R ") == "7KQM-4XH2-PD9R"
    assert parse_code("OIL0-0000-0000") == "0110-0000-0000"


def test_text_that_is_not_a_code_is_refused() -> None:
    assert parse_code("") is None
    assert parse_code("7KQM-4XH2") is None
    assert parse_code("7KQM-4XH2-PD9R-") == "7KQM-4XH2-PD9R"
    assert parse_code("7KQM-4XH2-PD9!") is None
    assert parse_code("Ж" * LENGTH) is None


def test_codes_drawn_together_are_as_many_as_asked_and_all_different() -> None:
    for count in (1, 2, 7, 64):
        codes = new_codes(count)
        assert len(codes) == len(set(codes)) == count
        assert all(parse_code(code) == code for code in codes)
