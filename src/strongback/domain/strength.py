"""Strength estimates and personal records.

e1RM (estimated one-rep max) with the Epley and Brzycki formulas [SSF][BEF], reps in reserve added
to the reps (effective reps = reps + RIR) [RTS][REY06]; the inverse (the load for N reps at a target
RIR); the RTS chart of %1RM by reps and RPE [RTS]; and the personal records of an exercise's
history. Loads are compared in kilograms and reported in the unit they were logged in. Warm-up sets
never count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from strongback.domain.errors import InvalidInput
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import KG_PER_LB, WeightUnit

# Linear e1RM equations hold up to about 10 reps [REY06][LES97]; beyond about 12 the estimates of
# the published formulas spread by a quarter or more [WHI03], so they are flagged as rough.
TRUSTED_MAX_REPS = 10.0
FAIR_MAX_REPS = 12.0
# Brzycki's w*36/(37 - r) has a pole at 37 reps: it is undefined there and beyond [SSF].
BRZYCKI_POLE = 37.0

# RTS chart: %1RM = P[2(reps - 1) + 2(10 - RPE)], half RPE steps included [RTS].
RTS_PERCENTAGES: tuple[float, ...] = (
    100.0, 97.8, 95.5, 93.9, 92.2, 90.7, 89.2, 87.8, 86.3, 85.0,
    83.7, 82.4, 81.1, 79.9, 78.6, 77.4, 76.2, 75.1, 73.9, 72.3,
    70.7, 69.4, 68.0, 66.7, 65.3, 64.0, 62.6, 61.3, 59.9, 58.6,
)  # fmt: skip


class Confidence(StrEnum):
    """How far an e1RM can be trusted, from the effective reps it was computed from."""

    HIGH = "high"  # at most 10 effective reps [REY06]
    FAIR = "fair"  # 11-12 effective reps
    ROUGH = "rough"  # more than 12 effective reps [WHI03]


def _check(weight: float, reps: float, rir: float | None) -> float:
    if not weight > 0 or weight != weight or weight == float("inf"):
        raise InvalidInput(f"weight must be a number above 0, not {weight}")
    if not reps >= 1 or reps == float("inf"):
        raise InvalidInput(f"reps must be at least 1, not {reps}")
    if rir is not None and (not rir >= 0 or rir > 10):
        raise InvalidInput(f"reps in reserve must be between 0 and 10, not {rir}")
    return reps + (rir or 0.0)


def effective_reps(reps: float, rir: float | None = None) -> float:
    """Reps done plus reps left in reserve: the reps a set to failure would have reached [RTS]."""
    return reps + (rir or 0.0)


def epley(weight: float, reps: float, rir: float | None = None) -> float:
    """Epley's e1RM, w(1 + r/30), with r the effective reps [SSF][BEF].

    One effective rep is the weight itself (the formula would add 1/30 to a true single).
    """
    r = _check(weight, reps, rir)
    return weight if r <= 1 else weight * (1 + r / 30)


def brzycki(weight: float, reps: float, rir: float | None = None) -> float | None:
    """Brzycki's e1RM, w*36/(37 - r), with r the effective reps [SSF][BEF]; None from 37 reps on."""
    r = _check(weight, reps, rir)
    if r >= BRZYCKI_POLE:
        return None
    return weight * 36 / (37 - r)


def confidence(effective: float) -> Confidence:
    """How far an estimate from this many effective reps can be trusted [REY06][WHI03]."""
    if effective <= TRUSTED_MAX_REPS:
        return Confidence.HIGH
    if effective <= FAIR_MAX_REPS:
        return Confidence.FAIR
    return Confidence.ROUGH


def _factor(effective: float) -> float:
    """The e1RM multiplier of the combined estimate for a number of effective reps.

    Up to 12 effective reps: the mean of Epley and Brzycki (they agree at 10 reps). Beyond 12,
    Brzycki climbs steeply toward its pole (x2.12 at 20 reps), so the estimate follows Epley
    alone, the more conservative of the two; the switch keeps the factor increasing.
    """
    if effective <= 1:
        return 1.0
    e = 1 + effective / 30
    if effective <= FAIR_MAX_REPS:
        return (e + 36 / (37 - effective)) / 2
    return e


@dataclass(frozen=True)
class E1rmEstimate:
    """The estimates for one set: each formula, the combined estimate and how far to trust it."""

    weight: float
    reps: float
    rir: float | None
    effective_reps: float
    epley: float
    brzycki: float | None
    estimate: float
    confidence: Confidence

    @property
    def trusted(self) -> bool:
        """True within 10 effective reps, where the formulas are validated [REY06]."""
        return self.confidence is Confidence.HIGH

    def to_public(self, ndigits: int = 1) -> dict[str, object]:
        """The public JSON shape (rounded numbers)."""
        return {
            "weight": self.weight,
            "reps": self.reps,
            "rir": self.rir,
            "effective_reps": self.effective_reps,
            "epley": round(self.epley, ndigits),
            "brzycki": None if self.brzycki is None else round(self.brzycki, ndigits),
            "estimate": round(self.estimate, ndigits),
            "trusted": self.trusted,
            "confidence": self.confidence.value,
        }


def estimate_e1rm(weight: float, reps: float, rir: float | None = None) -> E1rmEstimate:
    """Both formulas, the combined estimate and its confidence for ``weight x reps @ RIR``.

    Raises InvalidInput for a weight not above 0, reps under 1 or RIR outside 0-10.
    """
    r = _check(weight, reps, rir)
    return E1rmEstimate(
        weight=weight,
        reps=reps,
        rir=rir,
        effective_reps=r,
        epley=epley(weight, reps, rir),
        brzycki=brzycki(weight, reps, rir),
        estimate=weight * _factor(r),
        confidence=confidence(r),
    )


def load_for_reps(e1rm: float, reps: float, rir: float = 0.0) -> float:
    """The inverse: the load that allows ``reps`` with ``rir`` left, from an e1RM.

    It inverts the combined estimate, so ``estimate_e1rm(load_for_reps(x, r, q), r, q)`` is ``x``.
    """
    if not e1rm > 0:
        raise InvalidInput(f"e1RM must be above 0, not {e1rm}")
    r = _check(1.0, reps, rir)
    return e1rm / _factor(r)


def rts_percent(reps: int, *, rpe: float | None = None, rir: float | None = None) -> float:
    """%1RM for ``reps`` at an RPE (or RIR: RPE = 10 - RIR) from the RTS chart [RTS][Z16].

    The chart covers 1-12 reps and RPE 6.5-10 in half steps for one rep, narrower as reps grow;
    anything off the chart is an InvalidInput.
    """
    if rpe is None and rir is None:
        rpe = 10.0
    elif rpe is None:
        assert rir is not None
        rpe = 10.0 - rir
    elif rir is not None and abs(rpe - (10.0 - rir)) > 1e-9:
        raise InvalidInput("give RPE or RIR, not two that disagree")
    if (rpe * 2) % 1:
        raise InvalidInput(f"RPE {rpe} is not in half steps")
    if not 1 <= reps <= 12 or rpe > 10:
        raise InvalidInput(
            f"{reps} reps at RPE {rpe:g} is off the RTS chart (1-12 reps, RPE <= 10)"
        )
    index = 2 * (reps - 1) + round(2 * (10 - rpe))
    if index >= len(RTS_PERCENTAGES):
        raise InvalidInput(f"{reps} reps at RPE {rpe:g} is off the RTS chart")
    return RTS_PERCENTAGES[index]


def rts_load(e1rm: float, reps: int, rir: float = 0.0) -> float:
    """The load for ``reps`` at ``rir`` from an e1RM through the RTS chart [RTS]."""
    return e1rm * rts_percent(reps, rir=rir) / 100


# ---------------------------------------------------------------------------------------------
# Personal records


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

    def describe(self) -> str:
        """A short human form, e.g. ``100 kg x 5`` or ``45 s``."""
        u = self.unit.value if self.unit else ""
        if self.kind is RecordKind.E1RM:
            rough = "" if self.trusted else " (rough)"
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

    def all(self) -> list[PersonalRecord]:
        """Every record, summary records first."""
        out: list[PersonalRecord] = []
        for one in (self.best_e1rm, self.best_session_volume, self.longest_hold):
            if one is not None:
                out.append(one)
        if self.most_reps_bodyweight is not None:
            out.append(self.most_reps_bodyweight)
        out.extend(self.heaviest_by_reps)
        out.extend(self.most_reps_by_weight)
        return out

    def summary(self) -> list[PersonalRecord]:
        """The headline records: best e1RM, heaviest set, most reps, best session, longest hold."""
        picks: list[PersonalRecord | None] = [self.best_e1rm, self.heaviest]
        if self.most_reps_bodyweight is not None:
            picks.append(self.most_reps_bodyweight)
        elif self.most_reps_by_weight:
            picks.append(max(self.most_reps_by_weight, key=lambda r: (r.reps or 0, r.value)))
        picks += [self.best_session_volume, self.longest_hold]
        return [p for p in picks if p is not None]


def _kg(weight: float | None, unit: WeightUnit | None) -> float:
    if weight is None:
        return 0.0
    return weight * KG_PER_LB if unit is WeightUnit.LB else weight


def _weight_key(s: PerformedSet) -> tuple[float, WeightUnit | None]:
    # Sets logged at the same number in the same unit are "the same weight".
    return (round(s.weight or 0.0, 3), s.unit)


def records_for(
    exercise: str, sessions: Iterable[tuple[datetime, Iterable[PerformedSet]]]
) -> ExerciseRecords:
    """The personal records of one exercise from its sessions (date, sets), warm-ups excluded.

    Ties keep the earliest date: a record is set once, and matching it later is not a new one.
    """
    best: PersonalRecord | None = None
    best_key = float("-inf")
    heaviest: dict[int, tuple[float, PersonalRecord]] = {}
    most_reps: dict[tuple[float, WeightUnit | None], PersonalRecord] = {}
    bodyweight: PersonalRecord | None = None
    volume: PersonalRecord | None = None
    volume_kg = 0.0
    hold: PersonalRecord | None = None
    for at, sets in sessions:
        session_kg = 0.0
        units: dict[WeightUnit, float] = {}
        for s in sets:
            if not counts_as_work(s):
                continue
            kg = s.weight_kg
            if s.seconds is not None and s.seconds > 0 and (hold is None or s.seconds > hold.value):
                hold = PersonalRecord(
                    exercise, RecordKind.LONGEST_HOLD, float(s.seconds), None, at,
                    weight=s.weight, seconds=float(s.seconds),
                )  # fmt: skip
            # Timed sets (a hold logged with a rep count of 1) are not rep records.
            if s.reps is None or s.reps <= 0 or (s.seconds and s.reps <= 1):
                continue
            if kg is None or kg <= 0:
                if bodyweight is None or s.reps > (bodyweight.reps or 0):
                    bodyweight = PersonalRecord(
                        exercise, RecordKind.MOST_REPS, float(s.reps), None, at, reps=s.reps
                    )
                continue
            assert s.weight is not None
            session_kg += kg * s.reps
            if s.unit is not None:
                units[s.unit] = units.get(s.unit, 0.0) + kg * s.reps
            est = estimate_e1rm(s.weight, s.reps, s.effective_rir)
            # A trusted estimate beats any rough one; within a class, the higher value wins.
            key = est.estimate * KG_PER_LB if s.unit is WeightUnit.LB else est.estimate
            key += 0.0 if est.trusted else -1e9
            if key > best_key:
                best_key = key
                best = PersonalRecord(
                    exercise, RecordKind.E1RM, est.estimate, s.unit, at,
                    weight=s.weight, reps=s.reps, trusted=est.trusted,
                )  # fmt: skip
            prev = heaviest.get(s.reps)
            if prev is None or kg > prev[0] + 1e-9:
                heaviest[s.reps] = (
                    kg,
                    PersonalRecord(
                        exercise, RecordKind.HEAVIEST, s.weight, s.unit, at,
                        weight=s.weight, reps=s.reps,
                    ),
                )  # fmt: skip
            wk = _weight_key(s)
            prev_r = most_reps.get(wk)
            if prev_r is None or s.reps > (prev_r.reps or 0):
                most_reps[wk] = PersonalRecord(
                    exercise, RecordKind.MOST_REPS, float(s.reps), s.unit, at,
                    weight=s.weight, reps=s.reps,
                )  # fmt: skip
        if session_kg > volume_kg + 1e-9:
            volume_kg = session_kg
            unit = max(units, key=lambda u: units[u]) if units else None
            volume = PersonalRecord(
                exercise, RecordKind.VOLUME, _in_unit(session_kg, unit), unit, at
            )
    return ExerciseRecords(
        exercise=exercise,
        best_e1rm=best,
        heaviest_by_reps=tuple(heaviest[r][1] for r in sorted(heaviest)),
        most_reps_by_weight=tuple(
            sorted(most_reps.values(), key=lambda r: (_kg(r.weight, r.unit), r.reps or 0))
        ),
        most_reps_bodyweight=bodyweight,
        best_session_volume=volume,
        longest_hold=hold,
    )


def personal_records(workouts: Iterable[Workout]) -> dict[str, ExerciseRecords]:
    """Records of every exercise in these workouts, keyed by exercise id (first seen first)."""
    per: dict[str, list[tuple[datetime, list[PerformedSet]]]] = {}
    for w in sorted(workouts, key=lambda w: w.started_at):
        mine: dict[str, list[PerformedSet]] = {}
        for s in w.sets:
            mine.setdefault(s.exercise, []).append(s)
        for ex, sets in mine.items():
            per.setdefault(ex, []).append((w.started_at, sets))
    return {ex: records_for(ex, sessions) for ex, sessions in per.items()}


__all__ = [
    "BRZYCKI_POLE",
    "FAIR_MAX_REPS",
    "RTS_PERCENTAGES",
    "TRUSTED_MAX_REPS",
    "Confidence",
    "E1rmEstimate",
    "ExerciseRecords",
    "PersonalRecord",
    "RecordKind",
    "brzycki",
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
