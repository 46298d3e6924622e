"""Lists at the API answer ``{"items": [...], "next": CURSOR_OR_NULL}``; a list held in memory
is paged by an opaque offset cursor."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from typing import Generic, TypeVar

from pydantic import BaseModel

from strongback.domain.errors import InvalidInput

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """Items, and the cursor of the next page (null on the last page)."""

    items: list[T]
    next: str | None


def _offset(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, number = text.split(":")
        offset = int(number)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        offset, kind = -1, ""
    if kind != "at" or offset < 0:
        raise InvalidInput(
            "{cursor}: not a cursor this list gave; start again without one", field="cursor"
        )
    return offset


def page_of(items: Sequence[T], limit: int, cursor: str | None) -> tuple[list[T], str | None]:
    """One page of ``items`` from ``cursor`` on, and the cursor of the next page or None."""
    start = _offset(cursor) if cursor else 0
    end = start + limit
    after = base64.urlsafe_b64encode(f"at:{end}".encode()).decode().rstrip("=")
    return list(items[start:end]), after if end < len(items) else None


__all__ = ["Page", "page_of"]
