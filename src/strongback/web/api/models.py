"""The API's shared values: text that storage can hold, the error shape, a page of items.

Request models refuse what no database column could hold (a NUL character, a lone surrogate)
with a 422 naming the field, so such input never reaches storage as a server error.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


def _storable(text: str) -> str:
    if "\x00" in text:
        raise ValueError("must not hold a NUL character")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return text


Text = Annotated[str, AfterValidator(_storable)]
"""A string a database can store."""


def short_text(max_length: int, min_length: int = 0) -> Any:
    """A storable string of bounded length."""
    return Annotated[Text, Field(min_length=min_length, max_length=max_length)]


class RequestModel(BaseModel):
    """A request body: unknown fields are refused, so a typo names its field."""

    model_config = ConfigDict(extra="forbid")


class ErrorDetail(BaseModel):
    """What went wrong, and the field at fault when there is one."""

    code: str
    message: str
    field: str | None = None


class ErrorOut(BaseModel):
    """Every error the API answers."""

    error: ErrorDetail


def errors(
    *statuses: int, also: dict[int | str, dict[str, Any]] | None = None
) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for the error statuses an endpoint may answer (and ``also``:
    further answers, such as a success of another status or media type)."""
    words = {
        400: "The body cannot be read (not JSON, not a form)",
        401: "No valid session or token",
        404: "Not found (another user's objects too)",
        409: "Conflicts with what is stored",
        413: "Too large",
        422: "A value is not valid; the error names the field",
        503: "The database is busy; try again",
    }
    found: dict[int | str, dict[str, Any]] = dict(also or {})
    found.update({s: {"model": ErrorOut, "description": words[s]} for s in statuses})
    return found


__all__ = ["ErrorDetail", "ErrorOut", "RequestModel", "Text", "errors", "short_text"]
