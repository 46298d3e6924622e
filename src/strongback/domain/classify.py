"""Give any exercise a movement pattern from its name and, when known, its data.

Real exercise names come from gym apps and open data sets in hundreds of spellings
("Lat Pulldown - Wide Grip (Cable)", "Pullups", "Bent Over Row (Barbell)"). The classifier is a
table of word-boundary regular expressions run over a normalised name, ordered from specific to
general; the first rule that matches wins. Where the name says nothing, the data decides: the
data set's category, then the primary muscle with the force and mechanic.

The order of the decision, and why:

1. ``SPECIFIC_RULES``: names that identify one of the back method's patterns (or a stretch) with
   little doubt. They come first because a name such as "Upright row" or "Romanian deadlift" is a
   stronger signal than a primary muscle ("shoulders", "hamstrings"). Within the table, a rule
   that overrides a broader one comes before it (upright row before row, rear-delt row before
   row, split squat before squat, deadlift before squat, clean before jerk).
2. The data set's category: ``stretching`` means mobility (a few strength holds that data sets
   file under stretching, such as the superman, keep their pattern), ``cardio`` means cardio.
3. ``GENERAL_RULES``: names of the rest of a user's training (curls, presses, raises, crunches,
   calf raises, running). A rule may list the primary muscles it fits: when the caller knows the
   primary muscles and none fits, the rule is skipped (a "pushdown" whose primary muscle is the
   lats is not an arm exercise). Words that mean cardio only in gym apps ("bike", "sprint",
   "walking") apply only when no category is known.
4. The primary muscle with force and mechanic: a pull led by the lats or the mid back is a
   horizontal pull (the names of vertical pulls were matched in step 1), traps mean shoulder
   elevation, chest and triceps presses are pushes, isolation of the arm muscles is arms, leg
   muscles are legs (a compound pull led by the hamstrings or glutes is a hinge), abdominals core.
5. Anything else is ``other``.

The function is pure and deterministic; the tests run it over the whole free-exercise-db file
and the exercise names of real Strong and Hevy exports.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from strongback.domain.classify_rules import (
    ARMS,
    CORE,
    GENERAL_RULES,
    LEGS,
    MID_BACK,
    SPECIFIC_RULES,
    Rule,
)
from strongback.domain.vocab import Laterality, Muscle, Pattern


def normalize_name(name: str) -> str:
    """Lowercase ASCII words separated by single spaces: "Pull-Up (Band)" -> "pull up band".

    Apostrophes vanish ("Farmer's" -> "farmers") and accents fold ("Extensión" -> "extension").
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    folded = re.sub(r"['’`]", "", folded.lower())
    return re.sub(r"[^a-z0-9]+", " ", folded).strip()


FORCES = frozenset({"push", "pull", "static"})
MECHANICS = frozenset({"compound", "isolation"})


def _known(word: str | None, known: frozenset[str]) -> str | None:
    """The word in lower case when it belongs to ``known``, else None (treated as not given)."""
    if word is None:
        return None
    low = word.strip().lower()
    return low if low in known else None


def _muscles(values: Iterable[Muscle | str]) -> tuple[Muscle, ...]:
    """Muscles in order; plain slugs are accepted, unknown ones ignored."""
    out: list[Muscle] = []
    for value in values:
        try:
            out.append(Muscle(value))
        except ValueError:
            continue
    return tuple(out)


def _applies(rule: Rule, text: str, primary: frozenset[Muscle], category: str | None) -> bool:
    if rule.name_only and category is not None:
        return False
    if rule.fits and primary and not (primary & rule.fits):
        return False
    return rule.regex.search(text) is not None


def _from_muscles(
    primary: tuple[Muscle, ...], force: str | None, mechanic: str | None
) -> Pattern | None:
    if not primary:
        return None
    lead = primary[0]
    if lead in MID_BACK:
        return Pattern.PUSH if force == "push" else Pattern.HORIZONTAL_PULL
    if lead is Muscle.TRAPS:
        return Pattern.SHOULDER_ELEVATION
    if lead is Muscle.REAR_DELTS:
        return Pattern.REAR_DELT
    if lead is Muscle.ERECTOR_SPINAE:
        return Pattern.HIP_HINGE if mechanic == "compound" else Pattern.BACK_EXTENSION
    if lead is Muscle.TRICEPS:
        return Pattern.ARMS if mechanic == "isolation" else Pattern.PUSH
    if lead in (Muscle.CHEST, Muscle.DELTOIDS):
        return Pattern.PUSH if force in (None, "push", "static") else Pattern.OTHER
    if lead in ARMS:
        return Pattern.ARMS
    if lead in LEGS:
        hinge_led = lead in (Muscle.HAMSTRINGS, Muscle.GLUTES)
        if hinge_led and force == "pull" and mechanic == "compound":
            return Pattern.HIP_HINGE
        return Pattern.LEGS
    if lead in CORE:
        return Pattern.CORE
    if lead is Muscle.THORACIC_SPINE:
        return Pattern.MOBILITY
    return None


def guess_pattern(
    name: str,
    *,
    force: str | None = None,
    mechanic: str | None = None,
    category: str | None = None,
    primary_muscles: Iterable[Muscle] = (),
    secondary_muscles: Iterable[Muscle] = (),
) -> Pattern:
    """The movement pattern of an exercise, from its name first and then its data.

    ``force`` (push, pull, static), ``mechanic`` (compound, isolation) and ``category``
    (strength, stretching, cardio, plyometrics, ...) use free-exercise-db's words; unknown words
    are ignored. ``secondary_muscles`` is accepted for callers that have it; the pattern follows
    the primary muscles. See the module docstring for the order of the decision.
    """
    del secondary_muscles  # The lead muscle decides; secondary ones never change the pattern.
    force = _known(force, FORCES)
    mechanic = _known(mechanic, MECHANICS)
    text = normalize_name(name)
    primary_order = _muscles(primary_muscles)
    primary = frozenset(primary_order)
    cat = category.strip().lower() if category else None
    for rule in SPECIFIC_RULES:
        if not _applies(rule, text, primary, cat):
            continue
        if (
            cat == "stretching"
            and not rule.beats_stretching
            and rule.pattern is not Pattern.MOBILITY
        ):
            break
        return rule.pattern
    if cat == "stretching":
        return Pattern.MOBILITY
    if cat == "cardio":
        return Pattern.CARDIO
    for rule in GENERAL_RULES:
        if _applies(rule, text, primary, cat):
            return rule.pattern
    from_data = _from_muscles(primary_order, force, mechanic)
    return from_data if from_data is not None else Pattern.OTHER


def guess_pattern_from_name(name: str) -> Pattern:
    """The movement pattern of an exercise known only by its name (a Strong or Hevy log entry).

    "Bench Press (Barbell)" -> push, "Lat Pulldown - Wide Grip (Cable)" -> vertical-pull,
    "Seated Row (Machine)" -> horizontal-pull, "Running" -> cardio, anything unknown -> other.
    """
    return guess_pattern(name)


_ALTERNATING = re.compile(r"\balternat(?:e|es|ing)\b|\bwalking lunges?\b|\bsee ?saw\b|\brenegade\b")
_UNILATERAL = re.compile(
    r"\b(?:one|single|1) (?:arm|arms|armed|leg|legs|legged|hand|handed|side|sided|knee)\b"
    r"|\bunilateral\b|\bsuitcase\b|\bpistols?\b|\bside deadlift\b"
)


def guess_laterality(name: str, pattern: Pattern | None = None) -> Laterality:
    """How the sides work, from the name: "alternating ..." takes turns, "one-arm ...",
    "single-leg ..." and "suitcase ..." work one side; split squats, lunges and step-ups work
    one leg at a time unless the name says they alternate (walking lunges do).
    """
    text = normalize_name(name)
    if _ALTERNATING.search(text):
        return Laterality.ALTERNATING
    if _UNILATERAL.search(text) or pattern is Pattern.SPLIT_SQUAT:
        return Laterality.UNILATERAL
    return Laterality.BILATERAL


__all__ = [
    "GENERAL_RULES",
    "SPECIFIC_RULES",
    "Rule",
    "guess_laterality",
    "guess_pattern",
    "guess_pattern_from_name",
    "normalize_name",
]
