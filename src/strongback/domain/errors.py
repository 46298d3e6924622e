"""Errors a user can cause. The edges (CLI, web) turn each into one line and an exit code or 4xx."""

from __future__ import annotations


class StrongbackError(Exception):
    """Base of every error the product reports to a user as a single clear line."""

    exit_code = 1


class InvalidInput(StrongbackError):
    """A value given by the user (an option, a field) is not acceptable."""

    exit_code = 2


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
        super().__init__(f"unknown {kind} '{name}'{hint}")


class UnknownExercise(UnknownName):
    """An exercise id that the catalog (and the user's custom exercises) do not hold."""

    def __init__(self, name: str, suggestions: list[str] | tuple[str, ...] = ()) -> None:
        super().__init__("exercise", name, suggestions)


class CatalogError(StrongbackError):
    """The shipped catalog data is malformed: names the file, the entry and the field."""

    exit_code = 1


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
        self.field = field
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
        super().__init__(": ".join(parts))


class InfeasibleProfile(StrongbackError):
    """A profile no plan can serve; the message says why."""

    exit_code = 3


__all__ = [
    "CatalogError",
    "ImportFormatError",
    "InfeasibleProfile",
    "InvalidInput",
    "StrongbackError",
    "UnknownExercise",
    "UnknownName",
]
