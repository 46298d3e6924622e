"""Errors a user can cause. The edges (CLI, web) turn each into one line and an exit code or a
4xx, each in one place (``cli/errors.py``, the web's error handler).

An error about one value names its *field* (``reps``, ``weeks``, ``equipment``): the words a web
form and the API use. Messages start with the field's name where they name it, so the CLI can put
its option (``--reps``) in its place and the web can show the message beside the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# A field named in a message: ``{reps}``. Each edge puts its own name for it there.
_FIELD_REF = re.compile(r"\{([a-z][a-z0-9_]*)\}")


class StrongbackError(Exception):
    """Base of every error the product reports to a user as a single clear line."""


class InvalidInput(StrongbackError):
    """A value given by the user (a field, a file, a name) is not acceptable.

    ``field`` names the value at fault when there is one, in the domain's words. A message names
    fields as ``{reps}``: :meth:`render` puts an edge's own name there (the CLI's ``--reps``);
    ``str()`` gives the field's own name.
    """

    def __init__(self, message: str, *, field: str | None = None, literal: bool = False) -> None:
        self.field = field
        # A literal message quotes what a user typed or a file held: no field references in it.
        self.template: str | None = None if literal else message
        super().__init__(message if literal else self.render({}))

    def render(self, names: Mapping[str, str]) -> str:
        """The message with each ``{field}`` replaced by ``names[field]`` (else the field)."""
        if self.template is None:
            return str(self)
        return _FIELD_REF.sub(lambda m: names.get(m.group(1), m.group(1)), self.template)


class Conflict(InvalidInput):
    """The request is well formed but clashes with what is stored (a restore into a history)."""


class NotFound(InvalidInput):
    """Something the user named by id does not exist for them (another user's counts as none)."""


class UnknownName(InvalidInput):
    """A name (exercise id, muscle, equipment, pattern, ...) that is not in its vocabulary."""

    def __init__(
        self,
        kind: str,
        name: str,
        suggestions: list[str] | tuple[str, ...] = (),
        valid: list[str] | tuple[str, ...] = (),
    ) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = tuple(suggestions)
        if self.suggestions:
            hint = f"; did you mean {', '.join(self.suggestions)}?"
        elif valid:
            # Nothing is close: a small vocabulary is listed whole so the user can pick.
            hint = f"; choose one of {', '.join(valid)}"
        else:
            hint = ""
        super().__init__(f"unknown {kind} '{name}'{hint}", field=kind, literal=True)


class UnknownExercise(UnknownName):
    """An exercise id that the catalog (and the user's custom exercises) do not hold."""

    def __init__(self, name: str, suggestions: list[str] | tuple[str, ...] = ()) -> None:
        super().__init__("exercise", name, suggestions)


class CatalogError(StrongbackError):
    """The shipped catalog data is malformed: names the file, the entry and the field."""


class ImportFormatError(InvalidInput):
    """A file that cannot be read as the format it claims: names the file, line, field and value."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        field: str | None = None,
        value: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.value = value
        self.reason = message
        where = ":".join(str(p) for p in (path, line) if p is not None)
        parts = [where] if where else []
        if field is not None:
            parts.append(f"field '{field}'")
        if value is not None:
            shown = value if len(value) <= 60 else value[:57] + "..."
            parts.append(f"value {shown!r}")
        parts.append(message)
        # The file is the value at fault for a form or the API; the column stays in ``field``.
        super().__init__(": ".join(parts), field="file", literal=True)
        self.field = field


class AuthenticationFailed(StrongbackError):
    """Signing in failed: a wrong email or password, or no valid session or token."""


class TooManyAttempts(StrongbackError):
    """Too many failed sign-ins for one account or address; the message says when to retry."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class InfeasibleProfile(StrongbackError):
    """A profile no plan can serve; the message says why."""


class StorageError(StrongbackError):
    """The database cannot be opened or used (unreachable server, unreadable file)."""


class StorageBusy(StorageError):
    """Another writer held the database for longer than the wait allowed."""


class StorageReadOnly(StorageError):
    """The database cannot be written to (a read-only file, folder or server)."""


__all__ = [
    "AuthenticationFailed",
    "CatalogError",
    "Conflict",
    "ImportFormatError",
    "InfeasibleProfile",
    "InvalidInput",
    "NotFound",
    "StorageBusy",
    "StorageError",
    "StorageReadOnly",
    "StrongbackError",
    "TooManyAttempts",
    "UnknownExercise",
    "UnknownName",
]
