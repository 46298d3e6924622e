"""What an exercise can be swapped for in a session: its easier or harder movement, or another
movement of the same pattern, each one the owned equipment allows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from strongback.domain.catalog import Catalog
from strongback.domain.exercise import Exercise
from strongback.domain.vocab import Equipment


@dataclass(frozen=True)
class SwapOption:
    """An exercise to swap in and why: ``easier``, ``harder`` or ``same-pattern``."""

    exercise: Exercise
    why: str


def swap_options(
    exercise: Exercise, catalog: Catalog, owned: Iterable[Equipment]
) -> tuple[SwapOption, ...]:
    """The swaps for an exercise the owned equipment allows, easier first. An empty ``owned``
    (equipment never listed) does not filter."""
    have = frozenset(owned)

    def doable(e: Exercise) -> bool:
        return not have or e.doable_with(have)

    out: list[SwapOption] = []
    for ref, why in ((exercise.regression, "easier"), (exercise.progression, "harder")):
        found = catalog.find(ref) if ref else None
        if found is not None and found.id != exercise.id and doable(found):
            out.append(SwapOption(found, why))
    taken = {exercise.id, *(o.exercise.id for o in out)}
    for e in catalog.curated():
        if e.pattern is exercise.pattern and e.id not in taken and doable(e):
            out.append(SwapOption(e, "same-pattern"))
    return tuple(out)


__all__ = ["SwapOption", "swap_options"]
