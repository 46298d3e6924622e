"""Loads a user can actually put on: the ladder of loadable weights for an exercise's implement.

A prescription is always a rung of this ladder. The ladder comes from the profile (dumbbells and
kettlebells owned, plates owned in pairs with the bar, the cable stack step) in the profile's
unit; where the profile does not say, from the usual equipment of a gym in the unit the user logs
in, plus every load the user has logged on that exercise in that unit (they could load it then).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache

from strongback.domain.exercise import Exercise
from strongback.domain.profile import UserProfile
from strongback.domain.vocab import KG_PER_LB, Equipment, WeightUnit

EPS = 1e-6


class Implement(StrEnum):
    """What the load of an exercise is made of, which decides its increments."""

    DUMBBELL = "dumbbell"
    KETTLEBELL = "kettlebell"
    BARBELL = "barbell"
    STACK = "stack"  # cable or machine weight stack
    BAND = "band"  # no load number to progress
    OTHER = "other"  # plate-loaded machines and unknown equipment


# Light dumbbell pairs go up in 0.5-1 kg (1-2.5 lb) steps to about 25 lb, then 2.5 kg / 5 lb [FDB].
_DUMBBELLS_KG = (*range(1, 11), *(10 + 2.5 * i for i in range(1, 21)))
_DUMBBELLS_LB = (*(2.5 * i for i in range(1, 11)), *(25 + 5 * i for i in range(1, 26)))
# Kettlebells jump 4 kg: 8, 12, 16, 20, 24 kg = 18, 26, 35, 44, 53 lb [OFG].
_KETTLEBELLS = {WeightUnit.KG: (8.0, 12.0, 16.0, 20.0, 24.0), WeightUnit.LB: (18, 26, 35, 44, 53)}
# The smallest common plate is 1.25 kg / 2.5 lb, so a pair adds 2.5 kg / 5 lb [GPC].
_PLATES = {
    WeightUnit.KG: (1.25, 2.5, 5.0, 10.0, 15.0, 20.0, 25.0),
    WeightUnit.LB: (2.5, 5.0, 10.0, 25.0, 35.0, 45.0),
}
_BAR = {WeightUnit.KG: 20.0, WeightUnit.LB: 45.0}
# Cable stacks go up in plates of 5-20 lb; 5 kg / 10 lb is the usual step [FST].
_STACK_STEP = {WeightUnit.KG: 5.0, WeightUnit.LB: 10.0}
# ⚙ Unknown plate-loaded machines: the smallest plate pair, as on a barbell [GPC].
_OTHER_STEP = {WeightUnit.KG: 2.5, WeightUnit.LB: 5.0}
# ⚙ How far the enumerated ladders of bars, stacks and machines reach.
_CEILING = {WeightUnit.KG: 400.0, WeightUnit.LB: 900.0}

_STACK_GEAR = frozenset({Equipment.CABLE_STATION, Equipment.LAT_PULLDOWN, Equipment.MACHINE})


def convert(weight: float, from_unit: WeightUnit | None, to_unit: WeightUnit) -> float:
    """A load in another unit (no unit counts as the target unit)."""
    if from_unit is None or from_unit is to_unit:
        return weight
    if from_unit is WeightUnit.LB:
        return weight * KG_PER_LB
    return weight / KG_PER_LB


@dataclass(frozen=True)
class LoadLadder:
    """The loadable weights of one implement, lightest first, in ``unit``.

    ``owned`` says the rungs come from the profile rather than from defaults; ``listed_up_to`` is
    set when the log went beyond the heaviest listed load, which it then is (the rungs above it
    are the usual ones of a gym).
    """

    implement: Implement
    unit: WeightUnit
    rungs: tuple[float, ...]
    owned: bool = False
    note: str = ""
    listed_up_to: float | None = None

    def beyond_listed(self, weight: float) -> bool:
        """True when the weight is heavier than anything the profile lists."""
        return self.listed_up_to is not None and weight > self.listed_up_to + EPS

    def contains(self, weight: float) -> bool:
        """True when the weight is a rung."""
        i = bisect.bisect_left(self.rungs, weight - EPS)
        return i < len(self.rungs) and abs(self.rungs[i] - weight) <= EPS

    def floor(self, weight: float) -> float | None:
        """The heaviest rung at or below the weight."""
        i = bisect.bisect_right(self.rungs, weight + EPS)
        return self.rungs[i - 1] if i else None

    def above(self, weight: float) -> float | None:
        """The lightest rung strictly above the weight: the smallest real increment."""
        i = bisect.bisect_right(self.rungs, weight + EPS)
        return self.rungs[i] if i < len(self.rungs) else None

    def below(self, weight: float) -> float | None:
        """The heaviest rung strictly below the weight."""
        i = bisect.bisect_left(self.rungs, weight - EPS)
        return self.rungs[i - 1] if i else None

    def at_or_below(self, weight: float) -> float:
        """The rung to hold at: the heaviest at or below the weight, else the lightest."""
        got = self.floor(weight)
        return got if got is not None else self.rungs[0]

    def nearest_below(self, target: float, current: float) -> float | None:
        """The rung nearest to ``target`` that is strictly below ``current`` (None if none)."""
        i = bisect.bisect_left(self.rungs, current - EPS)
        lighter = self.rungs[:i]
        if not lighter:
            return None
        j = bisect.bisect_left(lighter, target)
        options = lighter[max(j - 1, 0) : j + 1]
        return min(options, key=lambda w: (abs(w - target), -w))

    @property
    def lightest(self) -> float:
        """The lightest rung."""
        return self.rungs[0]

    @property
    def heaviest(self) -> float:
        """The heaviest rung."""
        return self.rungs[-1]


def _hundredths(x: float) -> int:
    return round(x * 100)


@cache
def _per_side_sums(plates: tuple[int, ...], limit: int) -> tuple[int, ...]:
    """Every per-side plate sum up to ``limit`` (hundredths), any number of each plate owned."""
    g = 0
    for p in plates:
        g = math.gcd(g, p)
    if g == 0:
        return (0,)
    size = limit // g + 1
    reach = bytearray(size)
    reach[0] = 1
    for p in plates:
        step = p // g
        for i in range(step, size):
            if reach[i - step]:
                reach[i] = 1
    return tuple(i * g for i in range(size) if reach[i])


@cache
def barbell_loads(bar: float, plates: tuple[float, ...], ceiling: float) -> tuple[float, ...]:
    """Bar plus pairs of plates (one of each pair per side), every total up to ``ceiling``."""
    pl = tuple(sorted({_hundredths(p) for p in plates if p > 0}))
    side_limit = max(_hundredths((ceiling - bar) / 2), 0)
    return tuple(round(bar + 2 * s / 100, 4) for s in _per_side_sums(pl, side_limit))


@dataclass(frozen=True)
class PlateLoading:
    """How to load a barbell: the bar, and the plates on each side (heaviest first)."""

    bar: float
    per_side: tuple[float, ...]
    unit: WeightUnit


def plate_loading(total: float, profile: UserProfile) -> PlateLoading | None:
    """The fewest plates per side that make ``total`` on the user's bar (the usual bar and
    plates of the unit where the profile does not say); None when no pairs make it."""
    unit = profile.unit
    bar = profile.bar_weight or _BAR[unit]
    plates = sorted({_hundredths(p) for p in (profile.plates or _PLATES[unit]) if p > 0})
    side = _hundredths((total - bar) / 2)
    if side < 0 or not plates or abs(bar + 2 * side / 100 - total) > EPS:
        return None
    # Fewest plates: a change-making table over hundredths of the unit.
    fewest: list[int | None] = [0] + [None] * side
    last: list[int] = [0] * (side + 1)
    for amount in range(1, side + 1):
        for p in plates:
            before = fewest[amount - p] if p <= amount else None
            best = fewest[amount]
            if before is not None and (best is None or before + 1 < best):
                fewest[amount], last[amount] = before + 1, p
    if fewest[side] is None:
        return None
    out: list[float] = []
    while side > 0:
        out.append(last[side] / 100)
        side -= last[side]
    return PlateLoading(bar, tuple(sorted(out, reverse=True)), unit)


@lru_cache(maxsize=256)  # a ladder per exercise per page: the same few steps every time
def _multiples(step: float, ceiling: float) -> tuple[float, ...]:
    n = int(ceiling / step + EPS)
    return tuple(round(step * k, 4) for k in range(1, n + 1))


_NAME_HINTS = (
    (re.compile(r"barbell|landmine|\bbar\b"), Implement.BARBELL),
    (re.compile(r"dumbbell|\bdb\b"), Implement.DUMBBELL),
    (re.compile(r"kettlebell|\bkb\b"), Implement.KETTLEBELL),
    (re.compile(r"cable|machine|pulldown|pushdown|stack|smith|lever"), Implement.STACK),
    (re.compile(r"\bband"), Implement.BAND),
)


def _from_alternative(alt: frozenset[Equipment]) -> Implement:
    if Equipment.BARBELL in alt:
        return Implement.BARBELL
    if Equipment.DUMBBELLS in alt:
        return Implement.DUMBBELL
    if Equipment.KETTLEBELL in alt:
        return Implement.KETTLEBELL
    if alt & _STACK_GEAR:
        return Implement.STACK
    if Equipment.BAND in alt:
        return Implement.BAND
    return Implement.OTHER


def listed_implements(exercise: Exercise, profile: UserProfile) -> set[Implement]:
    """The implements the exercise can be loaded with using only the equipment the profile lists
    (empty when it lists none)."""
    if not profile.equipment:
        return set()
    return {_from_alternative(a) for a in exercise.equipment if a and a <= profile.equipment}


def implements_for(exercise: Exercise, profile: UserProfile) -> list[Implement]:
    """The implements the exercise can be loaded with, those the user owns first.

    Entries without equipment (imported names the catalog did not know) are read from their name.
    """
    alternatives = [alt for alt in exercise.equipment if alt]
    owned = [a for a in alternatives if profile.equipment and a <= profile.equipment]
    ordered = owned + [a for a in alternatives if a not in owned]
    out = list(dict.fromkeys(_from_alternative(a) for a in ordered))
    if not out:
        text = f"{exercise.id} {exercise.name}".lower().replace("-", " ")
        out = [imp for pattern, imp in _NAME_HINTS if pattern.search(text)][:1]
    return out or [Implement.OTHER]


def ladder(
    implement: Implement,
    profile: UserProfile,
    *,
    logged_unit: WeightUnit | None = None,
    logged: Iterable[tuple[float, WeightUnit | None]] = (),
    listed: bool = True,
) -> LoadLadder:
    """The loadable weights of an implement for this user.

    The profile's lists win (in the profile's unit); otherwise defaults in the unit the user logs
    in, widened by the loads already logged in that unit. ``listed=False`` ignores the profile's
    lists: the usual equipment of a gym.
    """
    unit = logged_unit or profile.unit
    owned_rungs: tuple[float, ...] = ()
    note = ""
    if not listed:
        pass
    elif implement is Implement.DUMBBELL and profile.dumbbells:
        owned_rungs, unit = profile.dumbbells, profile.unit
        note = "your dumbbells"
    elif implement is Implement.KETTLEBELL and profile.kettlebells:
        owned_rungs, unit = profile.kettlebells, profile.unit
        note = "your kettlebells"
    elif implement is Implement.BARBELL and (profile.plates or profile.bar_weight):
        unit = profile.unit
        plates = profile.plates or _PLATES[unit]
        bar = profile.bar_weight or _BAR[unit]
        owned_rungs = barbell_loads(bar, plates, _CEILING[unit])
        note = f"a {bar:g} {unit.value} bar and plates of {', '.join(f'{p:g}' for p in plates)}"
    elif implement is Implement.STACK and profile.cable_step:
        unit = profile.unit
        owned_rungs = _multiples(profile.cable_step, _CEILING[unit])
        note = f"a stack in steps of {profile.cable_step:g} {unit.value}"
    if owned_rungs:
        return LoadLadder(implement, unit, tuple(sorted(owned_rungs)), owned=True, note=note)

    if implement is Implement.DUMBBELL:
        rungs: tuple[float, ...] = tuple(
            float(w) for w in (_DUMBBELLS_KG if unit is WeightUnit.KG else _DUMBBELLS_LB)
        )
        note = "a usual dumbbell rack"
    elif implement is Implement.KETTLEBELL:
        rungs = tuple(float(w) for w in _KETTLEBELLS[unit])
        note = "kettlebells in 4 kg jumps"
    elif implement is Implement.BARBELL:
        rungs = barbell_loads(_BAR[unit], _PLATES[unit], _CEILING[unit])
        note = f"a {_BAR[unit]:g} {unit.value} bar with standard plates"
    elif implement is Implement.STACK:
        rungs = _multiples(_STACK_STEP[unit], _CEILING[unit])
        note = f"a stack in {_STACK_STEP[unit]:g} {unit.value} steps"
    else:
        rungs = _multiples(_OTHER_STEP[unit], _CEILING[unit])
        note = f"{_OTHER_STEP[unit]:g} {unit.value} steps"
    extra = {round(w, 4) for w, u in logged if w > 0 and (u is None or u is unit)}
    if implement is Implement.BARBELL and any(w < _BAR[unit] for w in extra):
        # Loads under the bar's weight are plates alone (a landmine, a plate-loaded bar): they go
        # up by the smallest plate pair too.
        extra |= set(_multiples(2 * _PLATES[unit][0], _BAR[unit]))
    return LoadLadder(implement, unit, tuple(sorted(set(rungs) | extra)), owned=False, note=note)


__all__ = [
    "EPS",
    "Implement",
    "LoadLadder",
    "PlateLoading",
    "barbell_loads",
    "convert",
    "implements_for",
    "ladder",
    "listed_implements",
    "plate_loading",
]
