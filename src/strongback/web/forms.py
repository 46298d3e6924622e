"""Reading form fields into values: empty means "not given", a bad value is InvalidInput naming
its field (the same words the API uses), so a form page can show it beside the field."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date

from strongback.domain.errors import InvalidInput
from strongback.domain.vocab import Equipment, WeightUnit


def optional_number(
    text: str | None, field: str, *, low: float | None = None, high: float | None = None
) -> float | None:
    """A decimal number (``12.5`` or ``12,5``), or None when the field is empty."""
    if text is None or not text.strip():
        return None
    raw = text.strip().replace(",", ".") if text.count(",") == 1 else text.strip()
    try:
        value = float(raw)
    except ValueError:
        raise InvalidInput(f"{{{field}}}: '{text}' is not a number", field=field) from None
    if not math.isfinite(value):
        raise InvalidInput(f"{{{field}}}: '{text}' is not a number", field=field)
    if (low is not None and value < low) or (high is not None and value > high):
        raise InvalidInput(
            f"{{{field}}}: {value:g} is not between {low:g} and {high:g}", field=field
        )
    return value


def optional_date(text: str | None, field: str) -> date | None:
    """A day written YYYY-MM-DD, or None when the field is empty."""
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            f"{{{field}}}: '{text}' is not a date (YYYY-MM-DD)", field=field
        ) from None


def optional_whole(text: str | None, field: str, *, low: int, high: int) -> int | None:
    """A whole number within ``[low, high]``, or None when the field is empty."""
    value = optional_number(text, field)
    if value is None:
        return None
    if value != int(value):
        raise InvalidInput(f"{{{field}}}: '{text}' is not a whole number", field=field)
    if not low <= value <= high:
        raise InvalidInput(f"{{{field}}}: {value:g} is not between {low} and {high}", field=field)
    return int(value)


def whole(text: str | None, field: str, *, low: int, high: int) -> int:
    """A required whole number within ``[low, high]``."""
    value = optional_whole(text, field, low=low, high=high)
    if value is None:
        raise InvalidInput(f"{{{field}}} is required", field=field)
    return value


def number_list(text: str | None, field: str) -> tuple[float, ...]:
    """Numbers separated by commas or spaces (``5, 7.5 10``); empty gives none."""
    parts = (text or "").replace(";", ",").replace(" ", ",").split(",")
    return tuple(
        v for v in (optional_number(p, field, low=0.01, high=500) for p in parts) if v is not None
    )


def equipment_set(values: Iterable[str]) -> frozenset[Equipment]:
    """The ticked equipment boxes."""
    out = set()
    for value in values:
        try:
            out.add(Equipment(value))
        except ValueError:
            raise InvalidInput(
                f"{{equipment}}: unknown item '{value}'", field="equipment"
            ) from None
    return frozenset(out)


def unit(text: str | None, field: str = "unit") -> WeightUnit:
    """``kg`` or ``lb``."""
    try:
        return WeightUnit((text or "").strip().lower())
    except ValueError:
        raise InvalidInput(f"{{{field}}} must be kg or lb", field=field) from None


__all__ = [
    "equipment_set",
    "number_list",
    "optional_date",
    "optional_number",
    "optional_whole",
    "unit",
    "whole",
]
