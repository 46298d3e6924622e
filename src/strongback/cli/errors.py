"""The CLI's words for errors, in one place: each field's option, each error's exit code.

Exit codes: 1 for failures of the environment (a database that cannot be opened), 2 for misuse
(a bad value, file or name), 3 for a profile no plan can serve (or ``--strict`` warnings).
"""

from __future__ import annotations

from strongback.domain.errors import (
    CatalogError,
    InfeasibleProfile,
    InvalidInput,
    StorageBusy,
    StorageError,
    StorageReadOnly,
    StrongbackError,
)

# Field names of the domain and the services, and the option that sets each.
FLAGS: dict[str, str] = {
    "avoid": "--avoid",
    "bar_weight": "--bar-weight",
    "body_weight": "--body-weight",
    "cable_step": "--cable-step",
    "date": "--date",
    "days": "--days",
    "dumbbells": "--dumbbells",
    "equipment": "--equipment",
    "exercise": "--exercise",
    "goal": "--goal",
    "kettlebells": "--kettlebells",
    "last": "--last",
    "level": "--level",
    "minutes": "--minutes",
    "notes": "--notes",
    "pain": "--pain",
    "pain_threshold": "--pain-threshold",
    "plates": "--plates",
    "reps": "--reps",
    "rest": "--rest",
    "rir": "--rir",
    "rpe": "--rpe",
    "seconds": "--seconds",
    "sets": "--sets",
    "speed": "--speed",
    "start": "--start",
    "tempo": "--tempo",
    "unit": "--unit",
    "weekdays": "--weekdays",
    "weeks": "--weeks",
    "weight": "--weight",
}

# The most specific class first.
EXIT_CODES: tuple[tuple[type[StrongbackError], int], ...] = (
    (StorageBusy, 2),
    (StorageReadOnly, 2),
    (InvalidInput, 2),
    (InfeasibleProfile, 3),
    (StorageError, 1),
    (CatalogError, 1),
    (StrongbackError, 1),
)


def message_for(exc: StrongbackError) -> str:
    """The one line the CLI prints for an error (without the ``error:`` prefix)."""
    text = exc.render(FLAGS) if isinstance(exc, InvalidInput) else str(exc)
    return " ".join(text.split())


def exit_code_for(exc: StrongbackError) -> int:
    """The exit code of an error."""
    return next(code for kind, code in EXIT_CODES if isinstance(exc, kind))


__all__ = ["EXIT_CODES", "FLAGS", "exit_code_for", "message_for"]
