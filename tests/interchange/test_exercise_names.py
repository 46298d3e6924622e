"""Exercise names from Strong and Hevy to catalog ids: what matches, what must not, customs."""

from __future__ import annotations

import csv
import io
import time
import unicodedata

import pytest

from strongback.domain.catalog import load_catalog
from strongback.domain.exercise import Exercise
from strongback.domain.vocab import Muscle, Pattern
from strongback.interchange.exercise_names import (
    APP_ALIASES,
    FUZZY_THRESHOLD,
    NameMatcher,
    _strip_accents,
    make_custom_exercise,
    normalize_name,
    split_suffix,
)
from tests.samples import export_files


@pytest.fixture(scope="module")
def matcher() -> NameMatcher:
    return NameMatcher(load_catalog())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Lat Pulldown (Cable)", "lat-pulldown"),
        ("Lat Pulldown (Machine)", "lat-pulldown"),
        ("Pull Up", "pull-up"),
        ("Pull-up", "pull-up"),
        ("pullups", "pull-up"),
        ("Seated Row (Cable)", "seated-cable-row"),
        ("Seated Cable Row - V Grip (Cable)", "seated-cable-row"),
        ("Face Pull (Cable)", "face-pull"),
        ("Face Pulls", "face-pull"),
        ("Goblet Squat (Kettlebell)", "goblet-squat"),
        ("Goblet Squat (Dumbbell)", "goblet-squat"),
        ("Romanian Deadlift (Dumbbell)", "kettlebell-rdl"),
        ("Back Extension", "prisoner-back-extension"),
        ("Reverse Fly (Dumbbell)", "bent-over-reverse-flye"),
        ("Rear Delt Reverse Fly (Dumbbell)", "bent-over-reverse-flye"),
        ("Upright Row (Barbell)", "upright-row"),
        ("Incline Row (Dumbbell)", "incline-dumbbell-row"),
        ("Pallof Press", "pallof-press"),
        ("pallof-press", "pallof-press"),
        ("GOBLET   squat", "goblet-squat"),
    ],
)
def test_app_names_of_curated_movements_map_to_their_ids(
    matcher: NameMatcher, name: str, expected: str
) -> None:
    assert matcher(name) == expected


@pytest.mark.parametrize(
    "name",
    [
        "Chin Up",
        "Pull Up (Assisted)",
        "Pull Up (Band)",
        "Bent Over Row (Dumbbell)",
        "Romanian Deadlift (Barbell)",
        "Seated Row (Machine)",
        "Reverse Fly (Machine)",
        "Upright Row (Cable)",
        "Face Pull (Rings)",
        "Plank",
        "Good Morning (Barbell)",
        "Bulgarian Split Squat",
        "Back Extension (Machine)",
    ],
)
def test_different_movements_never_land_on_a_curated_entry(matcher: NameMatcher, name: str) -> None:
    curated = {e.id for e in matcher.catalog.curated()}
    assert matcher(name) not in curated


def test_every_app_alias_points_at_a_curated_entry() -> None:
    curated = {e.id for e in load_catalog(extended=False)}
    assert set(APP_ALIASES) <= curated


def test_fuzzy_matching_accepts_spelling_but_not_a_different_word(matcher: NameMatcher) -> None:
    assert matcher.match("Preacher Hammer Curl (Dumbell)").how in ("fuzzy", "extended")
    incline = matcher.match("Incline Bench Press (Barbell)")
    assert "decline" not in incline.exercise_id
    back_squat = matcher.match("Back Squatt")
    assert back_squat.exercise_id != "hack-squat"
    assert FUZZY_THRESHOLD > 90  # "Back Squat" and "Hack Squat" score exactly 90


@pytest.mark.parametrize("name", ["Ab Wheel", "Ab-Wheel Rollout", "Ab Wheel (Bodyweight)"])
def test_the_ab_wheel_of_strong_and_fitnotes_is_the_ab_roller_not_a_strongman_wheel(
    matcher: NameMatcher, name: str
) -> None:
    found = matcher.match(name)
    assert (found.exercise_id, found.how) == ("ab-roller", "alias")


def test_an_unmatched_name_becomes_a_custom_exercise_with_a_guessed_pattern() -> None:
    m = NameMatcher(load_catalog())
    hit = m.match("Zzyzx Lat Pulldown Thing")
    assert hit.how == "custom"
    assert hit.created is not None
    assert hit.created.source == "custom"
    assert hit.created.id == "zzyzx-lat-pulldown-thing"
    assert hit.created.pattern is Pattern.VERTICAL_PULL
    assert m.created == [hit.created]


def test_custom_ids_never_collide_with_ids_already_taken() -> None:
    taken = {"zorb-press-band", "zorb-press-band-2"}
    made = make_custom_exercise("Zorb Press (Band)", taken.__contains__)
    assert made.id == "zorb-press-band-3"
    assert made.name == "Zorb Press (Band)"


def test_spelling_variants_of_one_new_name_share_one_custom_exercise() -> None:
    m = NameMatcher(load_catalog())
    a = m("Zorb Press (Band)")
    assert m("zorb-press band") == a
    assert [e.id for e in m.created] == [a]


def test_a_users_existing_custom_exercise_is_reused_by_name() -> None:
    mine = Exercise(
        id="my-sled-push",
        name="Sled Push (Heavy)",
        source="custom",
        pattern=Pattern.LEGS,
        primary_muscles=(Muscle.QUADS,),
    )
    m = NameMatcher(load_catalog(), custom=[mine])
    assert m("Sled Push (Heavy)") == "my-sled-push"
    assert m.created == []


def test_each_distinct_name_is_resolved_once(monkeypatch: pytest.MonkeyPatch) -> None:
    m = NameMatcher(load_catalog())
    calls = []
    original = m._resolve

    def counting(name: str):  # type: ignore[no-untyped-def]
        calls.append(name)
        return original(name)

    monkeypatch.setattr(m, "_resolve", counting)
    for _ in range(1000):
        m("Lat Pulldown (Cable)")
        m("Some Odd Custom Thing")
    assert calls == ["Lat Pulldown (Cable)", "Some Odd Custom Thing"]


def test_matching_three_hundred_names_is_fast() -> None:
    m = NameMatcher(load_catalog())
    names = [f"Strange Movement {i} (Cable)" for i in range(300)]
    started = time.perf_counter()
    for name in names * 100:
        m(name)
    assert time.perf_counter() - started < 10


def test_names_are_normalized_for_case_accents_punctuation_and_plurals() -> None:
    assert normalize_name("Élévation  Latérale-Raises") == "elevation laterale raise"
    assert normalize_name("Face Pulls") == normalize_name("face pull")
    assert split_suffix("Lat Pulldown (Cable)") == ("Lat Pulldown", "Cable")
    assert split_suffix("Plank") == ("Plank", None)


def test_names_in_other_scripts_are_matched_again_on_the_next_import() -> None:
    first = NameMatcher(load_catalog())
    made = first.match("Жим лёжа").created
    assert made is not None and made.id == "exercise"
    again = NameMatcher(load_catalog(), custom=[made])
    assert again("Жим лёжа") == "exercise"
    assert again("Тяга штанги") != "exercise"


def test_very_long_names_get_a_bounded_id() -> None:
    made = NameMatcher(load_catalog()).match("Very Long Name " * 30).created
    assert made is not None and len(made.id) <= 80


def _decomposed(text: str) -> str:
    # Accents stripped the long way, character by character: what every name went through.
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@pytest.mark.parametrize("app", ["strong", "hevy", "fitnotes", "jefit", "liftosaur"])
def test_the_samples_names_normalize_as_through_unicode_decomposition(app: str) -> None:
    names = set()
    for path in export_files(app):
        text = path.read_text(encoding="utf-8", errors="replace")
        names.update(cell for row in csv.reader(io.StringIO(text)) for cell in row[:6])
    assert names
    for name in names:
        assert _strip_accents(name) == _decomposed(name)


def test_accents_and_compatibility_forms_are_still_folded() -> None:
    for name in ("Élévation Latérale", "Ｌａｔ Ｐｕｌｌｄｏｗｎ", "Kniebeuge mit Überzug", "ﬂye"):
        assert _strip_accents(name) == _decomposed(name)
        assert _strip_accents(name).isascii()


def test_leaving_out_choices_of_unreachable_length_changes_no_match(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    names = {e.name for e in load_catalog()}
    names |= {n + "s" for n in list(names)[:300]} | {n[:-1] for n in list(names)[:300]}
    for app in ("strong", "hevy", "fitnotes", "jefit", "liftosaur"):
        for path in export_files(app):
            text = path.read_text(encoding="utf-8", errors="replace")
            names.update(cell for row in csv.reader(io.StringIO(text)) for cell in row[:6])
    quick = NameMatcher(load_catalog())
    found = {n: quick.match(n) for n in sorted(names)}
    every = NameMatcher(load_catalog())
    everything = (list(range(len(every._choices))), every._choices)
    monkeypatch.setattr(every, "_reachable", lambda length: everything)
    assert {n: every.match(n) for n in sorted(names)} == found
    assert any(m.how == "fuzzy" for m in found.values())
