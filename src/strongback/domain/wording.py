"""Small wording helpers shared by the domain's texts: a count with its noun, singular or plural."""

from __future__ import annotations

__all__ = ["count_of", "number"]


def number(value: float) -> str:
    """A count as people write it: whole numbers without a decimal point, else one decimal."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def count_of(value: float, noun: str, plural: str | None = None) -> str:
    """``value`` followed by ``noun``, plural unless the value is exactly one ("1 set", "1.5 sets",
    "0 sets"). ``plural`` overrides the regular "+s" form."""
    word = noun if value == 1 else (plural or f"{noun}s")
    return f"{number(value)} {word}"
