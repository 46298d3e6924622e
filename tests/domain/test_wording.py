"""A count with its noun: singular for exactly one, plural otherwise."""

from strongback.domain.wording import count_of


def test_exactly_one_is_singular_and_every_other_count_plural() -> None:
    assert count_of(1, "set") == "1 set"
    assert count_of(1.0, "set") == "1 set"
    assert [count_of(n, "set") for n in (0, 0.5, 1.5, 2)] == [
        "0 sets", "0.5 sets", "1.5 sets", "2 sets"
    ]  # fmt: skip
    assert count_of(2, "body", "bodies") == "2 bodies"
