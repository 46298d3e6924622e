"""What an import summary suggests: the closest catalog entries of a name the catalog did not
know, and a warning when a file's loads look like the other unit than the one read."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz, process, utils

from strongback.domain.exercise import Exercise
from strongback.domain.vocab import WeightUnit

# Loads a barbell with plates gives in each unit: one bar plus pairs of the big plates.
PLATE_LOADS: dict[WeightUnit, frozenset[float]] = {
    WeightUnit.LB: frozenset({45.0, 95.0, 135.0, 185.0, 225.0, 275.0, 315.0, 365.0, 405.0}),
    WeightUnit.KG: frozenset({20.0, 40.0, 60.0, 80.0, 100.0, 120.0, 140.0, 160.0, 180.0}),
}


def _key(name: str) -> str:
    # Words lower-cased and sorted: plain ratio on these is token_sort_ratio, computed once per
    # choice instead of per comparison (cheap enough for thousands of unmatched names).
    return " ".join(sorted(utils.default_process(name).split()))


class Closest:
    """The catalog entries closest to a name, the choices prepared once."""

    def __init__(self, exercises: Sequence[Exercise]) -> None:
        self.ids = [e.id for e in exercises]
        self.choices = [_key(e.name) for e in exercises]

    def __call__(self, name: str, limit: int = 3) -> list[str]:
        """The ids of the closest entries, best first."""
        found = process.extract(
            _key(name), self.choices, scorer=fuzz.ratio, processor=None, limit=limit
        )
        return [self.ids[index] for _choice, _score, index in found]


def closest(exercises: Sequence[Exercise], name: str, limit: int = 3) -> list[str]:
    """The ids of the catalog entries whose names are closest to ``name``, best first."""
    return Closest(exercises)(name, limit)


def unit_warning(weights: Iterable[float], read_as: WeightUnit) -> WeightUnit | None:
    """The other unit when the loads look like it (its plate-and-bar values clearly more
    common than those of the unit the file was read in); None otherwise."""
    other = WeightUnit.LB if read_as is WeightUnit.KG else WeightUnit.KG
    mine = theirs = 0
    for w in weights:
        if w in PLATE_LOADS[other]:
            theirs += 1
        elif w in PLATE_LOADS[read_as]:
            mine += 1
    return other if theirs >= 5 and theirs > 2 * mine else None


__all__ = ["PLATE_LOADS", "Closest", "closest", "unit_warning"]
