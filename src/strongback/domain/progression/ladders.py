"""The ladder an exercise is loaded on: the implement the user owns (and the history fits) first,
the first load without history, and what a bodyweight move can carry."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from strongback.domain.exercise import Exercise
from strongback.domain.profile import UserProfile
from strongback.domain.progression.loads import (
    EPS,
    Implement,
    LoadLadder,
    convert,
    implements_for,
    ladder,
)
from strongback.domain.progression.sessions import Session, top_kg, top_sets
from strongback.domain.vocab import Equipment, WeightUnit


def load_ladder(
    exercise: Exercise,
    profile: UserProfile,
    sessions: Sequence[Session],
    *,
    reach_kg: float | None = None,
) -> LoadLadder:
    """The ladder for the exercise: the implement the user owns (and the history fits) first.

    It reaches ``reach_kg`` (by default the last load lifted) with a gym's rungs above the loads
    the profile lists, when those stop short of it.
    """
    logged = [(s.weight, s.unit) for sess in sessions for s in sess.work if s.weight]
    last_unit = next(
        (s.unit for sess in reversed(sessions) for s in sess.work if s.weight and s.unit), None
    )
    # An exercise the catalog does not know, without listed equipment, is read from its name
    # ("Bench Press (Barbell)", "Chest Press Machine"), else loaded in plain steps: its logged
    # loads are not a dumbbell held on a bodyweight move.
    unknown_gear = exercise.source != "strongback" and not any(exercise.equipment)
    if exercise.loaded or unknown_gear:
        options = implements_for(exercise, profile)
    else:
        # A bodyweight move carries a dumbbell or a kettlebell the user owns, else a belt plate.
        added = added_load_ladder(profile)
        options = [added.implement if added is not None else Implement.OTHER]
    # A band has no number to progress: it is never the ladder of a logged load.
    options = [i for i in options if i is not Implement.BAND] or [Implement.OTHER]
    ladders = [ladder(i, profile, logged_unit=last_unit, logged=logged) for i in options]
    # Loads the profile lists (dumbbells, kettlebells, plates, a stack step) come before defaults.
    pairs = sorted(zip(options, ladders, strict=True), key=lambda p: not p[1].owned)
    options, ladders = [p[0] for p in pairs], [p[1] for p in pairs]
    chosen = ladders[0]
    if len(ladders) > 1 and sessions:
        # Several implements fit: take the first whose own rungs (before the logged loads are
        # added) hold the last load lifted; else the first that reaches it (a barbell bench
        # press at 101 kg is not a dumbbell press beyond the dumbbells owned).
        last = [s for s in top_sets(sessions[-1]) if s.weight]
        bares = [ladder(imp, profile, logged_unit=last_unit) for imp in options]
        held = [
            lad
            for lad, bare in zip(ladders, bares, strict=True)
            if last and all(bare.contains(convert(s.weight or 0, s.unit, bare.unit)) for s in last)
        ]
        reach = [
            lad
            for lad, bare in zip(ladders, bares, strict=True)
            if all(convert(s.weight or 0, s.unit, bare.unit) <= bare.heaviest + EPS for s in last)
        ]
        chosen = (held or reach or ladders)[0]
    if reach_kg is None:
        reach_kg = next((top_kg(s) for s in reversed(sessions) if top_kg(s) > 0), 0.0)
    return _beyond_listed(chosen, profile, reach_kg, logged)


def _beyond_listed(
    lad: LoadLadder,
    profile: UserProfile,
    reach_kg: float,
    logged: Sequence[tuple[float, WeightUnit | None]],
) -> LoadLadder:
    """The listed rungs, and above them a gym's, when the load to reach is heavier than any the
    profile lists: the log shows the user can load it (at a gym, on borrowed gear)."""
    if not lad.owned or convert(reach_kg, WeightUnit.KG, lad.unit) <= lad.heaviest + EPS:
        return lad
    gym = ladder(lad.implement, profile, logged_unit=lad.unit, logged=logged, listed=False)
    above = {w for w in gym.rungs if w > lad.heaviest + EPS}
    return replace(lad, rungs=tuple(sorted({*lad.rungs, *above})), listed_up_to=lad.heaviest)


# ⚙ First loads when there is no history: light enough to learn the movement.
_START_KG = {
    Implement.DUMBBELL: 6.0,
    Implement.KETTLEBELL: 8.0,
    Implement.BARBELL: 20.0,
    Implement.STACK: 25.0,
    Implement.OTHER: 20.0,
    Implement.BAND: 0.0,
}


def start_load(lad: LoadLadder) -> float:
    """A sensible first load on this ladder when the user has no history."""
    guess = convert(_START_KG[lad.implement], WeightUnit.KG, lad.unit)
    return lad.at_or_below(guess)


def implement_words(lad: LoadLadder) -> str:
    """What one step of the ladder is called: the next dumbbell, plate pair, stack step."""
    return {
        Implement.DUMBBELL: "dumbbell",
        Implement.KETTLEBELL: "kettlebell",
        Implement.BARBELL: "plate pair",
        Implement.STACK: "stack step",
        Implement.OTHER: "step",
        Implement.BAND: "band",
    }[lad.implement]


def added_load_ladder(profile: UserProfile) -> LoadLadder | None:
    """What a bodyweight move can be loaded with: a dumbbell held, a kettlebell, a belt plate."""
    if profile.dumbbells or Equipment.DUMBBELLS in profile.equipment:
        return ladder(Implement.DUMBBELL, profile)
    if profile.kettlebells or Equipment.KETTLEBELL in profile.equipment:
        return ladder(Implement.KETTLEBELL, profile)
    return None


__all__ = ["added_load_ladder", "implement_words", "load_ladder", "start_load"]
