"""Strength estimates and personal records.

The e1RM formulas live in ``strongback.domain.e1rm`` (re-exported here); this module holds the
personal records of an exercise's history. Loads are compared in kilograms and reported in the
unit they were logged in. Warm-up sets never count. A movement that carries the body counts the
body weight, when known, in its best estimated max.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from strongback.domain.e1rm import (
    BRZYCKI_POLE,
    FAIR_MAX_REPS,
    RTS_PERCENTAGES,
    TRUSTED_MAX_REPS,
    Confidence,
    E1rmEstimate,
    brzycki,
    confidence,
    effective_reps,
    epley,
    estimate_e1rm,
    load_for_reps,
    rts_load,
    rts_percent,
)
from strongback.domain.exercise import Exercise
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import KG_PER_LB, Equipment, Pattern, WeightUnit


class RecordKind(StrEnum):
    """The kinds of personal record."""

    E1RM = "best-e1rm"
    HEAVIEST = "heaviest"  # heaviest weight for a rep count
    MOST_REPS = "most-reps"  # most reps at a weight (or with the body's weight)
    VOLUME = "session-volume"  # most weight x reps in one session
    LONGEST_HOLD = "longest-hold"


@dataclass(frozen=True)
class PersonalRecord:
    """One record: its value in ``unit`` (as logged), the set or session behind it and when."""

    exercise: str
    kind: RecordKind
    value: float
    unit: WeightUnit | None
    at: datetime
    weight: float | None = None
    reps: int | None = None
    seconds: float | None = None
    trusted: bool = True
    body_weight: float | None = None  # counted in an e1RM of a movement that carries the body

    def describe(self) -> str:
        """A short human form, e.g. ``100 kg x 5`` or ``45 s``."""
        u = self.unit.value if self.unit else ""
        if self.kind is RecordKind.E1RM:
            rough = "" if self.trusted else " (rough)"
            if self.body_weight is not None:
                added = f"{_num(self.weight)} {u} added" if self.weight else "bodyweight"
                return (
                    f"{self.value:.1f} {u} from {added} x {self.reps} at "
                    f"{_num(self.body_weight)} {u} body weight{rough}"
                )
            return f"{self.value:.1f} {u} from {_num(self.weight)} {u} x {self.reps}{rough}"
        if self.kind is RecordKind.HEAVIEST:
            return f"{_num(self.weight)} {u} x {self.reps}"
        if self.kind is RecordKind.MOST_REPS:
            load = f"{_num(self.weight)} {u}" if self.weight else "bodyweight"
            return f"{self.reps} rep{'s' if self.reps != 1 else ''} at {load}"
        if self.kind is RecordKind.VOLUME:
            return f"{_num(self.value)} {u} lifted (load x reps)"
        return f"{_num(self.seconds)} s"

    def to_public(self) -> dict[str, object]:
        """The public JSON shape."""
        return {
            "exercise": self.exercise,
            "record": self.kind.value,
            "value": round(self.value, 2),
            "unit": self.unit.value if self.unit else None,
            "weight": self.weight,
            "reps": self.reps,
            "seconds": self.seconds,
            "trusted": self.trusted,
            "body_weight": self.body_weight,
            "date": self.at.date().isoformat(),
        }


def _num(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _in_unit(kg: float, unit: WeightUnit | None) -> float:
    return kg / KG_PER_LB if unit is WeightUnit.LB else kg


def counts_as_work(s: PerformedSet) -> bool:
    """Warm-ups never count; working, failure and drop sets do."""
    return not s.is_warm_up


@dataclass(frozen=True)
class ExerciseRecords:
    """All records of one exercise."""

    exercise: str
    best_e1rm: PersonalRecord | None
    heaviest_by_reps: tuple[PersonalRecord, ...]
    most_reps_by_weight: tuple[PersonalRecord, ...]
    most_reps_bodyweight: PersonalRecord | None
    best_session_volume: PersonalRecord | None
    longest_hold: PersonalRecord | None

    @property
    def heaviest(self) -> PersonalRecord | None:
        """The heaviest set of any rep count."""
        if not self.heaviest_by_reps:
            return None
        return max(self.heaviest_by_reps, key=lambda r: (_kg(r.weight, r.unit), r.reps or 0))

    @property
    def unbeaten(self) -> tuple[PersonalRecord, ...]:
        """The rep records that matter: for each rep count the heaviest set, unless a set at least
        as heavy with at least as many reps beats it (110 lb x 8 makes 90 lb x 1 no record)."""

        def beaten(r: PersonalRecord) -> bool:
            kg, reps = _kg(r.weight, r.unit), r.reps or 0
            return any(
                _kg(o.weight, o.unit) >= kg - 1e-9
                and (o.reps or 0) >= reps
                and (_kg(o.weight, o.unit) > kg + 1e-9 or (o.reps or 0) > reps)
                for o in self.heaviest_by_reps
            )

        return tuple(r for r in self.heaviest_by_reps if not beaten(r))

    def all(self) -> list[PersonalRecord]:
        """Every record that matters, summary records first, then the unbeaten rep records.

        Each unbeaten set is both the heaviest for its reps and the most reps at its weight, so
        it is listed once (as ``heaviest``); sets a heavier one beats are no records.
        """
        out: list[PersonalRecord] = []
        for one in (self.best_e1rm, self.best_session_volume, self.longest_hold):
            if one is not None:
                out.append(one)
        if self.most_reps_bodyweight is not None:
            out.append(self.most_reps_bodyweight)
        out.extend(self.unbeaten)
        return out

    def summary(self) -> list[PersonalRecord]:
        """The headline records: best e1RM, heaviest set, most reps, best session, longest hold."""
        picks: list[PersonalRecord | None] = [self.best_e1rm, self.heaviest]
        if self.most_reps_bodyweight is not None:
            picks.append(self.most_reps_bodyweight)
        elif self.most_reps_by_weight:
            picks.append(
                max(self.most_reps_by_weight, key=lambda r: (r.reps or 0, _kg(r.weight, r.unit)))
            )
        picks += [self.best_session_volume, self.longest_hold]
        return [p for p in picks if p is not None]


def _kg(weight: float | None, unit: WeightUnit | None) -> float:
    if weight is None:
        return 0.0
    return weight * KG_PER_LB if unit is WeightUnit.LB else weight


def _weight_key(s: PerformedSet) -> tuple[float, WeightUnit | None]:
    # Sets logged at the same number in the same unit are "the same weight".
    return (round(s.weight or 0.0, 3), s.unit)


@dataclass(frozen=True)
class BodyWeights:
    """Body weight logged over time, in kg: on a day, the last one logged by then (before the
    first entry, the first one)."""

    entries: tuple[tuple[date, float], ...] = ()
    _days: tuple[date, ...] = field(init=False, repr=False, compare=False, default=())

    def __post_init__(self) -> None:
        # Sorted once: ``on`` is asked for every set of a long history.
        ordered = tuple(sorted(self.entries))
        object.__setattr__(self, "entries", ordered)
        object.__setattr__(self, "_days", tuple(d for d, _ in ordered))

    def on(self, day: date) -> float | None:
        """The body weight in kg on ``day``, None when none was logged."""
        if not self.entries:
            return None
        at = bisect_right(self._days, day)
        return self.entries[at - 1][1] if at else self.entries[0][1]


class _Records:
    """The records of one exercise, built set by set (ties keep the earliest)."""

    def __init__(self, exercise: str, body: BodyWeights | None) -> None:
        self.exercise, self.body = exercise, body
        self.best: PersonalRecord | None = None
        self.best_key = float("-inf")
        self.heaviest: dict[int, tuple[float, PersonalRecord]] = {}
        self.most_reps: dict[tuple[float, WeightUnit | None], PersonalRecord] = {}
        self.bodyweight: PersonalRecord | None = None
        self.volume: PersonalRecord | None = None
        self.volume_kg = 0.0
        self.hold: PersonalRecord | None = None

    def record(
        self, kind: RecordKind, value: float, s: PerformedSet, at: datetime
    ) -> PersonalRecord:
        return PersonalRecord(self.exercise, kind, value, s.unit, at, weight=s.weight, reps=s.reps)

    def session(self, at: datetime, sets: Iterable[PerformedSet]) -> None:
        session_kg = 0.0
        units: dict[WeightUnit, float] = {}
        for s in sets:
            if not counts_as_work(s):
                continue
            self._hold(s, at)
            # Timed sets (a hold logged with a rep count of 1) are not rep records.
            if s.reps is None or s.reps <= 0 or (s.seconds and s.reps <= 1):
                continue
            self._e1rm(s, at)
            kg = s.weight_kg
            if kg is None or kg <= 0:
                if self.bodyweight is None or s.reps > (self.bodyweight.reps or 0):
                    self.bodyweight = PersonalRecord(
                        self.exercise, RecordKind.MOST_REPS, float(s.reps), None, at, reps=s.reps
                    )
                continue
            session_kg += kg * s.reps
            if s.unit is not None:
                units[s.unit] = units.get(s.unit, 0.0) + kg * s.reps
            self._rep_records(s, kg, at)
        if session_kg > self.volume_kg + 1e-9:
            self.volume_kg = session_kg
            unit = max(units, key=lambda u: units[u]) if units else None
            self.volume = PersonalRecord(
                self.exercise, RecordKind.VOLUME, _in_unit(session_kg, unit), unit, at
            )

    def _hold(self, s: PerformedSet, at: datetime) -> None:
        if s.seconds is None or s.seconds <= 0:
            return
        if self.hold is None or s.seconds > self.hold.value:
            self.hold = PersonalRecord(
                self.exercise, RecordKind.LONGEST_HOLD, float(s.seconds), None, at,
                weight=s.weight, seconds=float(s.seconds),
            )  # fmt: skip

    def _e1rm(self, s: PerformedSet, at: datetime) -> None:
        assert s.reps is not None
        body_kg = self.body.on(at.date()) if self.body is not None else None
        unit = s.unit if body_kg is None else (s.unit or WeightUnit.KG)
        body = None if body_kg is None else _in_unit(body_kg, unit)
        if (s.weight or 0.0) + (body or 0.0) <= 0:
            return
        est = estimate_e1rm(s.weight or 0.0, s.reps, s.effective_rir, body_weight=body)
        # A trusted estimate beats any rough one; within a class, the higher value wins.
        key = _kg(est.estimate, unit) + (0.0 if est.trusted else -1e9)
        if key > self.best_key:
            self.best_key = key
            self.best = PersonalRecord(
                self.exercise, RecordKind.E1RM, est.estimate, unit, at,
                weight=s.weight, reps=s.reps, trusted=est.trusted, body_weight=body,
            )  # fmt: skip

    def _rep_records(self, s: PerformedSet, kg: float, at: datetime) -> None:
        assert s.reps is not None and s.weight is not None
        prev = self.heaviest.get(s.reps)
        if prev is None or kg > prev[0] + 1e-9:
            self.heaviest[s.reps] = (kg, self.record(RecordKind.HEAVIEST, s.weight, s, at))
        wk = _weight_key(s)
        prev_r = self.most_reps.get(wk)
        if prev_r is None or s.reps > (prev_r.reps or 0):
            self.most_reps[wk] = self.record(RecordKind.MOST_REPS, float(s.reps), s, at)

    def result(self) -> ExerciseRecords:
        return ExerciseRecords(
            exercise=self.exercise,
            best_e1rm=self.best,
            heaviest_by_reps=tuple(self.heaviest[r][1] for r in sorted(self.heaviest)),
            most_reps_by_weight=tuple(
                sorted(self.most_reps.values(), key=lambda r: (_kg(r.weight, r.unit), r.reps or 0))
            ),
            most_reps_bodyweight=self.bodyweight,
            best_session_volume=self.volume,
            longest_hold=self.hold,
        )


def carries_body(exercise: Exercise) -> bool:
    """True for a movement whose load is the whole body plus what is logged: pull-ups and chin-ups
    on a bar (loaded or assisted). Push-ups, rows and squats move only part of it, so their e1RM
    is not counted from the body weight."""
    if exercise.pattern is not Pattern.VERTICAL_PULL:
        return False
    on_a_bar = any(Equipment.PULL_UP_BAR in alt for alt in exercise.equipment)
    return on_a_bar or (not exercise.loaded and not any(exercise.equipment))


def _body(body_weight: float | BodyWeights | None) -> BodyWeights | None:
    if body_weight is None or isinstance(body_weight, BodyWeights):
        return body_weight
    return BodyWeights(((date.min, float(body_weight)),))


def records_for(
    exercise: str,
    sessions: Iterable[tuple[datetime, Iterable[PerformedSet]]],
    *,
    body_weight: float | BodyWeights | None = None,
) -> ExerciseRecords:
    """The personal records of one exercise from its sessions (date, sets), warm-ups excluded.

    Ties keep the earliest date: a record is set once, and matching it later is not a new one.
    ``body_weight`` (kg, or logged over time) says the exercise carries the body: its best e1RM
    then counts the body weight plus the load logged.
    """
    built = _Records(exercise, _body(body_weight))
    for at, sets in sessions:
        built.session(at, sets)
    return built.result()


def personal_records(
    workouts: Iterable[Workout],
    *,
    body_weight: float | BodyWeights | None = None,
    carries_body: Collection[str] = (),
) -> dict[str, ExerciseRecords]:
    """Records of every exercise in these workouts, keyed by exercise id (first seen first).

    The exercises in ``carries_body`` (pull-ups, dips) count ``body_weight`` in their e1RM.
    """
    per: dict[str, list[tuple[datetime, list[PerformedSet]]]] = {}
    for w in sorted(workouts, key=lambda w: w.started_at):
        mine: dict[str, list[PerformedSet]] = {}
        for s in w.sets:
            mine.setdefault(s.exercise, []).append(s)
        for ex, sets in mine.items():
            per.setdefault(ex, []).append((w.started_at, sets))
    return {
        ex: records_for(ex, sessions, body_weight=body_weight if ex in carries_body else None)
        for ex, sessions in per.items()
    }


__all__ = [
    "BRZYCKI_POLE",
    "FAIR_MAX_REPS",
    "RTS_PERCENTAGES",
    "TRUSTED_MAX_REPS",
    "BodyWeights",
    "Confidence",
    "E1rmEstimate",
    "ExerciseRecords",
    "PersonalRecord",
    "RecordKind",
    "brzycki",
    "carries_body",
    "confidence",
    "counts_as_work",
    "effective_reps",
    "epley",
    "estimate_e1rm",
    "load_for_reps",
    "personal_records",
    "records_for",
    "rts_load",
    "rts_percent",
]
