"""The curated catalog against the domain facts file and the catalog's exact equipment rules.

Expected values are derived here from the facts file's table (read in place) and from the product's
equipment list, never from the TOML under test.
"""

from __future__ import annotations

import re

import pytest

from strongback.domain.catalog import curated_exercises
from strongback.domain.exercise import Exercise
from strongback.domain.tempo import METHOD_TEMPO, Tempo
from strongback.domain.vocab import Equipment as Eq
from strongback.domain.vocab import Laterality, Muscle, Pattern, Section
from tests.samples import shared_dir

FACTS = shared_dir() / "domain" / "back-training-facts.md"

# The ids, in the facts table's order (1..23).
IDS = [
    "seated-cable-row",
    "pull-up",
    "lat-pulldown",
    "face-pull",
    "prisoner-back-extension",
    "incline-dumbbell-row",
    "upright-row",
    "alternating-dumbbell-row",
    "bent-over-reverse-flye",
    "landmine-one-arm-row",
    "chest-loaded-good-morning",
    "suitcase-deadlift",
    "kettlebell-rdl",
    "goblet-squat",
    "goblet-bulgarian-split-squat",
    "scorpion-reach",
    "mountain-climber-reach",
    "needle-arm-thread",
    "crab-reach",
    "lying-straight-leg-iron-cross",
    "half-kneeling-hip-flexor-stretch",
    "plank-with-reach",
    "pallof-press",
]

# Equipment alternatives exactly as the product specifies them; () means nothing is needed.
_KB_OR_DB = {frozenset({Eq.KETTLEBELL}), frozenset({Eq.DUMBBELLS})}
_CABLE_OR_BAND = {frozenset({Eq.CABLE_STATION}), frozenset({Eq.BAND})}
EQUIPMENT: dict[str, set[frozenset[Eq]]] = {
    "seated-cable-row": {frozenset({Eq.CABLE_STATION})},
    "pull-up": {frozenset({Eq.PULL_UP_BAR})},
    "lat-pulldown": {frozenset({Eq.LAT_PULLDOWN}), frozenset({Eq.CABLE_STATION})},
    "face-pull": _CABLE_OR_BAND,
    "prisoner-back-extension": {frozenset({Eq.BACK_EXTENSION_BENCH})},
    "incline-dumbbell-row": {frozenset({Eq.DUMBBELLS, Eq.BENCH})},
    "upright-row": {frozenset({Eq.BARBELL}), frozenset({Eq.DUMBBELLS}), frozenset({Eq.KETTLEBELL})},
    "alternating-dumbbell-row": {frozenset({Eq.DUMBBELLS})},
    "bent-over-reverse-flye": {frozenset({Eq.DUMBBELLS})},
    "landmine-one-arm-row": {frozenset({Eq.BARBELL})},
    "chest-loaded-good-morning": _KB_OR_DB,
    "suitcase-deadlift": _KB_OR_DB,
    "kettlebell-rdl": _KB_OR_DB,
    "goblet-squat": _KB_OR_DB,
    "goblet-bulgarian-split-squat": _KB_OR_DB,
    "scorpion-reach": set(),
    "mountain-climber-reach": set(),
    "needle-arm-thread": set(),
    "crab-reach": set(),
    "lying-straight-leg-iron-cross": set(),
    "half-kneeling-hip-flexor-stretch": set(),
    "plank-with-reach": set(),
    "pallof-press": _CABLE_OR_BAND,
}

M = Muscle
B, HS, MC = Section.BACK, Section.HINGE_SQUAT, Section.MOBILITY_CORE
BI, UNI, ALT = Laterality.BILATERAL, Laterality.UNILATERAL, Laterality.ALTERNATING
P = Pattern
# Written out from the facts table (section, pattern, primary muscles, sides); checked against the
# table itself below, and against the catalog even where the facts file is not at hand.
EXPECTED: dict[str, tuple[Section, Pattern, set[Muscle], Laterality]] = {
    "seated-cable-row": (B, P.HORIZONTAL_PULL, {M.LATS, M.RHOMBOIDS, M.TRAPS}, BI),
    "pull-up": (B, P.VERTICAL_PULL, {M.LATS}, BI),
    "lat-pulldown": (B, P.VERTICAL_PULL, {M.LATS}, BI),
    "face-pull": (B, P.REAR_DELT, {M.REAR_DELTS, M.TRAPS, M.RHOMBOIDS}, BI),
    "prisoner-back-extension": (B, P.BACK_EXTENSION, {M.ERECTOR_SPINAE, M.GLUTES}, BI),
    "incline-dumbbell-row": (B, P.HORIZONTAL_PULL, {M.LATS, M.RHOMBOIDS, M.TRAPS}, BI),
    "upright-row": (B, P.SHOULDER_ELEVATION, {M.TRAPS, M.DELTOIDS}, BI),
    "alternating-dumbbell-row": (B, P.HORIZONTAL_PULL, {M.LATS, M.RHOMBOIDS}, ALT),
    "bent-over-reverse-flye": (B, P.REAR_DELT, {M.REAR_DELTS, M.RHOMBOIDS, M.TRAPS}, BI),
    "landmine-one-arm-row": (B, P.HORIZONTAL_PULL, {M.LATS, M.RHOMBOIDS}, UNI),
    "chest-loaded-good-morning": (
        HS,
        P.HIP_HINGE,
        {M.HAMSTRINGS, M.GLUTES, M.ERECTOR_SPINAE},
        BI,
    ),
    "suitcase-deadlift": (HS, P.HIP_HINGE, {M.GLUTES, M.HAMSTRINGS, M.OBLIQUES}, UNI),
    "kettlebell-rdl": (HS, P.HIP_HINGE, {M.HAMSTRINGS, M.GLUTES, M.ERECTOR_SPINAE}, BI),
    "goblet-squat": (HS, P.SQUAT, {M.QUADS, M.GLUTES}, BI),
    "goblet-bulgarian-split-squat": (HS, P.SPLIT_SQUAT, {M.QUADS, M.GLUTES}, UNI),
    "scorpion-reach": (MC, P.MOBILITY, {M.HIP_FLEXORS}, UNI),
    "mountain-climber-reach": (MC, P.MOBILITY, {M.THORACIC_SPINE}, ALT),
    "needle-arm-thread": (MC, P.MOBILITY, {M.THORACIC_SPINE, M.LATS}, ALT),
    "crab-reach": (MC, P.MOBILITY, {M.THORACIC_SPINE, M.HIP_FLEXORS}, ALT),
    "lying-straight-leg-iron-cross": (
        MC,
        P.MOBILITY,
        {M.HIP_FLEXORS, M.ERECTOR_SPINAE, M.GLUTES},
        ALT,
    ),
    "half-kneeling-hip-flexor-stretch": (MC, P.MOBILITY, {M.HIP_FLEXORS}, UNI),
    "plank-with-reach": (MC, P.ANTI_EXTENSION, {M.ABDOMINALS, M.TRANSVERSE_ABDOMINIS}, ALT),
    "pallof-press": (MC, P.ANTI_ROTATION, {M.OBLIQUES, M.TRANSVERSE_ABDOMINIS}, UNI),
}

SECTIONS = {"A": Section.BACK, "B": Section.HINGE_SQUAT, "C": Section.MOBILITY_CORE}

# The facts table's muscle wording, mapped to our slugs.
MUSCLE_WORDS: dict[str, tuple[Muscle, ...]] = {
    "lats": (Muscle.LATS,),
    "rhomboids": (Muscle.RHOMBOIDS,),
    "traps": (Muscle.TRAPS,),
    "middle traps": (Muscle.TRAPS,),
    "rear delts": (Muscle.REAR_DELTS,),
    "deltoids": (Muscle.DELTOIDS,),
    "erector spinae": (Muscle.ERECTOR_SPINAE,),
    "erectors": (Muscle.ERECTOR_SPINAE,),
    "lower back": (Muscle.ERECTOR_SPINAE,),
    "glutes": (Muscle.GLUTES,),
    "hamstrings": (Muscle.HAMSTRINGS,),
    "obliques": (Muscle.OBLIQUES,),
    "transversus": (Muscle.TRANSVERSE_ABDOMINIS,),
    "quads": (Muscle.QUADS,),
    "hip flexors": (Muscle.HIP_FLEXORS,),
    "thoracic rotators": (Muscle.THORACIC_SPINE,),
    "thoracic spine": (Muscle.THORACIC_SPINE,),
    "core (rectus, transversus)": (Muscle.ABDOMINALS, Muscle.TRANSVERSE_ABDOMINIS),
}


def _pattern(text: str) -> Pattern:
    text = text.strip()
    if text.startswith(("mobility", "stretch")):
        return Pattern.MOBILITY
    if text.startswith("anti-extension"):
        return Pattern.ANTI_EXTENSION  # "anti-extension + anti-rotation": the main demand
    if text.startswith("hip hinge"):
        return Pattern.HIP_HINGE  # includes "loaded on one side"
    return Pattern(text.replace(" ", "-"))


def _laterality(text: str) -> Laterality:
    text = text.strip()
    if text == "both":
        return Laterality.BILATERAL
    if text == "alternating":
        return Laterality.ALTERNATING
    assert text.startswith("one side"), text
    return Laterality.UNILATERAL


def _muscles(text: str) -> set[Muscle]:
    out: set[Muscle] = set()
    rest = text.strip()
    for phrase, slugs in sorted(MUSCLE_WORDS.items(), key=lambda kv: -len(kv[0])):
        if "(" in phrase and phrase in rest:
            out.update(slugs)
            rest = rest.replace(phrase, "")
    for part in (p.strip() for p in rest.split(",")):
        if part:
            out.update(MUSCLE_WORDS[part])
    return out


def _facts_text() -> str:
    if not FACTS.exists():
        pytest.skip(f"the domain facts file is not at {FACTS}")
    return FACTS.read_text(encoding="utf-8")


def _facts_rows() -> list[list[str]]:
    rows = []
    for line in _facts_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 8 and cells[0].isdigit():
            rows.append(cells)
    return rows


@pytest.fixture(scope="module")
def curated() -> dict[str, Exercise]:
    return {e.id: e for e in curated_exercises()}


def test_the_catalog_holds_exactly_the_23_movements_in_the_facts_order() -> None:
    assert [e.id for e in curated_exercises()] == IDS
    assert len(_facts_rows()) == 23


@pytest.mark.parametrize("number", range(1, 24))
def test_curated_entry_matches_the_facts_table(number: int, curated: dict[str, Exercise]) -> None:
    row = _facts_rows()[number - 1]
    assert int(row[0]) == number
    _, name, section, pattern, primary, _secondary, _equipment, sides = row
    exercise = curated[IDS[number - 1]]
    assert exercise.section is SECTIONS[section]
    assert exercise.pattern is _pattern(pattern)
    assert set(exercise.primary_muscles) == _muscles(primary)
    assert exercise.laterality is _laterality(sides)
    # The catalog's name is the facts name without its parenthesised alias.
    assert exercise.name.lower() == re.sub(r"\s*\(.*\)", "", name).lower()


@pytest.mark.parametrize("exercise_id", IDS)
def test_curated_entry_has_the_expected_section_pattern_muscles_and_sides(
    exercise_id: str, curated: dict[str, Exercise]
) -> None:
    e = curated[exercise_id]
    assert (e.section, e.pattern, set(e.primary_muscles), e.laterality) == EXPECTED[exercise_id]


def test_the_written_expectations_agree_with_the_facts_table() -> None:
    for number, row in enumerate(_facts_rows(), start=1):
        _, _name, section, pattern, primary, _secondary, _equipment, sides = row
        parsed = (SECTIONS[section], _pattern(pattern), _muscles(primary), _laterality(sides))
        assert parsed == EXPECTED[IDS[number - 1]], IDS[number - 1]


@pytest.mark.parametrize("exercise_id", IDS)
def test_equipment_alternatives_are_exactly_the_specified_ones(
    exercise_id: str, curated: dict[str, Exercise]
) -> None:
    exercise = curated[exercise_id]
    assert set(exercise.equipment) == EQUIPMENT[exercise_id]
    assert len(exercise.equipment) == len(EQUIPMENT[exercise_id])  # no duplicate alternative
    assert exercise.needs_nothing is (not EQUIPMENT[exercise_id])


def test_sections_hold_ten_five_and_eight_movements(curated: dict[str, Exercise]) -> None:
    counts = {s: sum(e.section is s for e in curated.values()) for s in Section}
    assert counts == {Section.BACK: 10, Section.HINGE_SQUAT: 5, Section.MOBILITY_CORE: 8}


def test_secondary_muscles_never_repeat_a_primary(curated: dict[str, Exercise]) -> None:
    for e in curated.values():
        assert e.secondary_muscles, e.id
        assert not set(e.primary_muscles) & set(e.secondary_muscles), e.id


def test_loaded_pulls_use_the_method_tempo(curated: dict[str, Exercise]) -> None:
    pulls = {Pattern.VERTICAL_PULL, Pattern.HORIZONTAL_PULL, Pattern.REAR_DELT}
    pulls.add(Pattern.SHOULDER_ELEVATION)
    loaded_pulls = [e for e in curated.values() if e.pattern in pulls]
    assert len(loaded_pulls) == 9
    for e in loaded_pulls:
        assert e.default_tempo == Tempo(3, 2, 1, 2) == METHOD_TEMPO, e.id


def test_every_entry_has_a_tempo_and_a_dose(curated: dict[str, Exercise]) -> None:
    for e in curated.values():
        assert e.default_tempo is not None, e.id
        assert e.dose is not None, e.id
        one_sided = e.laterality is not Laterality.BILATERAL
        assert e.dose.per_side is one_sided, e.id


def test_the_lat_pulldown_is_the_pull_up_regression(curated: dict[str, Exercise]) -> None:
    assert curated["pull-up"].regression == "lat-pulldown"
    assert curated["lat-pulldown"].progression == "pull-up"


def test_regressions_and_progressions_point_both_ways_within_a_pattern_family(
    curated: dict[str, Exercise],
) -> None:
    for e in curated.values():
        if e.regression:
            easier = curated[e.regression]
            assert easier.progression == e.id, (e.id, easier.id)
            assert easier.pattern.value.split("-")[-1] == e.pattern.value.split("-")[-1] or {
                easier.pattern,
                e.pattern,
            } == {Pattern.SQUAT, Pattern.SPLIT_SQUAT}


def test_facts_specific_doses_and_details_are_kept(curated: dict[str, Exercise]) -> None:
    needle = curated["needle-arm-thread"]
    assert needle.dose is not None and needle.dose.reps_per_side is not None
    assert (needle.dose.reps_per_side.min, needle.dose.reps_per_side.max) == (5, 5)
    assert any("five" in step or "5" in step for step in needle.instructions)

    good_morning = curated["chest-loaded-good-morning"]
    assert good_morning.dose is not None and good_morning.dose.reps is not None
    assert (good_morning.dose.reps.min, good_morning.dose.reps.max) == (8, 12)
    assert "no weight" in good_morning.instructions[0]

    pallof = " ".join(curated["pallof-press"].instructions)
    assert "one to two seconds" in pallof


def _prose(e: Exercise) -> list[str]:
    texts = [e.setup, e.why, *e.instructions, *e.cues]
    for m in e.mistakes:
        texts += [m.mistake, m.cue]
    return texts


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_curated_entry_carries_its_coaching_text(
    exercise_id: str, curated: dict[str, Exercise]
) -> None:
    e = curated[exercise_id]
    assert 1 <= len(_sentences(e.setup)) <= 2
    assert 1 <= len(_sentences(e.why)) <= 2
    assert 3 <= len(e.instructions) <= 6
    assert 2 <= len(e.cues) <= 4
    assert e.mistakes
    for text in _prose(e):
        assert text.strip() and text[0].isupper(), (exercise_id, text)
    assert e.missing_prose() == []


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _squashed(text: str) -> list[str]:
    # The other reading of "strip punctuation": joined words such as "hipwidth".
    return re.sub(r"[^\w\s]", "", text.lower()).split()


def _runs(words: list[str], n: int = 6) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_no_curated_text_shares_six_words_in_a_row_with_the_facts_file() -> None:
    facts = _facts_text()
    facts_runs = _runs(_words(facts)) | _runs(_squashed(facts))
    shared = []
    for e in curated_exercises():
        for text in _prose(e):
            for run in (_runs(_words(text)) | _runs(_squashed(text))) & facts_runs:
                shared.append((e.id, " ".join(run)))
    assert shared == []


def test_no_sentence_of_the_facts_file_is_copied_into_the_catalog() -> None:
    facts = _facts_text()
    pieces = {
        " ".join(_words(piece))
        for piece in re.split(r"[.;:!?|\n]", facts)
        if len(_words(piece)) >= 4
    }
    catalog_text = " " + " ".join(
        " ".join(_words(t)) for e in curated_exercises() for t in _prose(e)
    )
    copied = sorted(p for p in pieces if f" {p} " in catalog_text + " ")
    assert copied == []


def test_the_overlap_check_catches_a_copied_phrase() -> None:
    facts_runs = _runs(_words(_facts_text()))
    copied = "Hinge at the hips as in an RDL, a dumbbell in each hand."
    assert _runs(_words(copied)) & facts_runs


_PULLS = {Pattern.VERTICAL_PULL, Pattern.HORIZONTAL_PULL}


def test_rows_pull_ups_and_pulldowns_carry_the_posture_cue(curated: dict[str, Exercise]) -> None:
    pulls = [e for e in curated.values() if e.pattern in _PULLS]
    assert len(pulls) == 6
    for e in pulls:
        posture = [
            c
            for c in e.cues
            if "chest" in c.lower()
            and "shoulder" in c.lower()
            and re.search(r"head|neck", c.lower())
            and re.search(r"belly|stomach", c.lower())
            and re.search(r"brace|core", c.lower())
        ]
        assert posture, e.id


def _mistake_text(e: Exercise) -> str:
    return " ".join(f"{m.mistake} {m.cue}" for m in e.mistakes).lower()


def test_rows_and_hinges_warn_against_rounding_and_a_loose_core(
    curated: dict[str, Exercise],
) -> None:
    rows_and_hinges = [
        e
        for e in curated.values()
        if e.pattern is Pattern.HIP_HINGE
        or (e.pattern is Pattern.HORIZONTAL_PULL and e.id != "incline-dumbbell-row")
    ]
    assert len(rows_and_hinges) == 6
    for e in rows_and_hinges:
        assert re.search(r"round|slump", _mistake_text(e)), e.id
        assert re.search(r"brace|tighten", _mistake_text(e)), e.id


def test_loaded_moves_warn_against_momentum(curated: dict[str, Exercise]) -> None:
    momentum = r"swing|jerk|yank|heav|bounc|rock|whip|snap|throw|punch|kick|lean"
    for e in curated.values():
        if e.loaded:
            assert re.search(momentum, _mistake_text(e)), e.id


def test_back_pulls_teach_the_mind_muscle_connection(curated: dict[str, Exercise]) -> None:
    for e in curated.values():
        if e.section is Section.BACK and e.pattern in {*_PULLS, Pattern.REAR_DELT}:
            assert re.search(r"hook|feel|pinch|squeeze", _mistake_text(e)), e.id


def test_mobility_drills_warn_against_never_stretching(curated: dict[str, Exercise]) -> None:
    drills = [e for e in curated.values() if e.pattern is Pattern.MOBILITY]
    assert len(drills) == 6
    for e in drills:
        assert re.search(r"stretch|mobility", _mistake_text(e)), e.id
