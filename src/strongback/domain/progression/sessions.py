"""Reading an exercise's history: its sessions, the sets that decide a progression, and what they
say (top load, reps, effort, pain, the tempo logged).

Warm-up sets never count; drop sets are back-off work and do not decide a progression; a failure
set counts as 0 reps in reserve; sets lighter than the session's top load are ramps or back-offs
and only the top-load sets are judged. An unknown RIR counts as on target: reaching the top of the
range is then the signal. RPE converts to RIR (RIR = 10 - RPE) [Z16][H16].
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from strongback.domain.errors import InvalidInput
from strongback.domain.exercise import Exercise
from strongback.domain.progression.loads import EPS
from strongback.domain.progression.prescription import fmt
from strongback.domain.tempo import Tempo
from strongback.domain.training_log import ExerciseHistory, PerformedSet
from strongback.domain.vocab import Pattern, SetType

# ⚙ Sets lighter than this share of the session's top load are ramps or back-offs.
TOP_LOAD_SHARE = 0.99
# ⚙ The recent working sets: the 4 weeks up to the last loaded session.
RECENT_DAYS = 28


def working_sets(sets: Sequence[PerformedSet]) -> list[PerformedSet]:
    """The sets that decide a progression: no warm-ups, no drop sets, something measured."""
    return [
        s
        for s in sets
        if s.set_type in (SetType.WORKING, SetType.FAILURE)
        and ((s.reps is not None and s.reps > 0) or (s.seconds is not None and s.seconds > 0))
    ]


@dataclass(frozen=True)
class Session:
    """One day of an exercise: every set logged, and the working sets among them."""

    at: datetime
    sets: tuple[PerformedSet, ...]
    work: tuple[PerformedSet, ...]


def read_sessions(history: ExerciseHistory | None) -> list[Session]:
    """The sessions with at least one working set, oldest first."""
    if history is None:
        return []
    out = []
    for at, sets in history.sessions:
        work = working_sets(sets)
        if work:
            out.append(Session(at, tuple(sets), tuple(work)))
    return out


def rir_of(s: PerformedSet) -> float | None:
    """Reps in reserve of a set; a failure set has none left."""
    rir = s.effective_rir
    if rir is None and s.set_type is SetType.FAILURE:
        return 0.0
    return rir


def rir_ok(s: PerformedSet, target: int | None) -> bool:
    """At or above the target RIR; unknown RIR counts as on target."""
    if target is None:
        return True
    rir = rir_of(s)
    return rir is None or rir + EPS >= target


def reps_of(s: PerformedSet) -> int:
    """The reps of a set, 0 when not logged."""
    return s.reps or 0


def max_pain(sets: Sequence[PerformedSet]) -> int:
    """The highest pain logged on these sets, 0 when none was."""
    return max((s.pain for s in sets if s.pain is not None), default=0)


def top_kg(session: Session) -> float:
    """The heaviest working load of the session in kg (0 for bodyweight work)."""
    return max((s.weight_kg or 0.0 for s in session.work), default=0.0)


def top_sets(session: Session) -> list[PerformedSet]:
    """The working sets at the session's top load."""
    top = top_kg(session)
    if top <= 0:
        return list(session.work)
    return [s for s in session.work if (s.weight_kg or 0.0) >= top * TOP_LOAD_SHARE]


def recent_top_kg(sessions: Sequence[Session]) -> float:
    """The heaviest top load of the recent working sets (0 when nothing was loaded)."""
    loaded = [sess for sess in sessions if top_kg(sess) > 0]
    if not loaded:
        return 0.0
    last = loaded[-1].at
    return max(top_kg(sess) for sess in loaded if (last - sess.at).days <= RECENT_DAYS)


def judged_sets(session: Session) -> list[PerformedSet]:
    """The sets a miss is looked for in: the top-load sets and every lighter set after the first
    of them (a back-off). Lighter sets before it are ramps, warm-ups the export did not mark."""
    top = top_kg(session)
    if top <= 0:
        return list(session.work)
    out: list[PerformedSet] = []
    for s in session.work:
        if out or (s.weight_kg or 0.0) >= top * TOP_LOAD_SHARE:
            out.append(s)
    return out


def logged_tempo(session: Session) -> Tempo | None:
    """The last readable tempo logged in the session."""
    for s in reversed(session.work):
        if s.tempo:
            try:
                return Tempo.parse(s.tempo)
            except (ValueError, InvalidInput):
                continue
    return None


def listed(values: Sequence[float]) -> str:
    """Numbers as a list in a sentence: ``12, 10, 9``."""
    return ", ".join(fmt(v) for v in values)


def is_cardio(exercise: Exercise, history: ExerciseHistory | None) -> bool:
    """Runs, rides and rows for distance or time: outside the strength rules."""
    if exercise.pattern is Pattern.CARDIO:
        return True
    if history is None or not history.sessions:
        return False
    last = [s for s in history.sessions[-1][1] if not s.is_warm_up]
    return bool(last) and all(s.distance_m and not s.reps and not s.weight for s in last)


__all__ = [
    "RECENT_DAYS",
    "TOP_LOAD_SHARE",
    "Session",
    "is_cardio",
    "judged_sets",
    "listed",
    "logged_tempo",
    "max_pain",
    "read_sessions",
    "recent_top_kg",
    "reps_of",
    "rir_of",
    "rir_ok",
    "top_kg",
    "top_sets",
    "working_sets",
]
