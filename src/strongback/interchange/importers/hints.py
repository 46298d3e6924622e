"""What an import summary suggests: the closest catalog entries of a name the catalog did not
know (``domain.closest``: alike in words and in movement), and a warning when a file's loads look
like the other unit than the one read."""

from __future__ import annotations

from collections.abc import Iterable

from strongback.domain.closest import Closest, closest
from strongback.domain.vocab import WeightUnit

# Loads a barbell with plates gives in each unit: one bar plus pairs of the big plates.
PLATE_LOADS: dict[WeightUnit, frozenset[float]] = {
    WeightUnit.LB: frozenset({45.0, 95.0, 135.0, 185.0, 225.0, 275.0, 315.0, 365.0, 405.0}),
    WeightUnit.KG: frozenset({20.0, 40.0, 60.0, 80.0, 100.0, 120.0, 140.0, 160.0, 180.0}),
}


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
