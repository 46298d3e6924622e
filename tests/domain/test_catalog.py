"""The catalog loader refuses malformed data loudly; lookups and filters behave as documented."""

from __future__ import annotations

import pytest

from strongback.domain.catalog import (
    Catalog,
    CatalogEntryError,
    curated_exercises,
    load_catalog,
    parse_curated_toml,
    parse_equipment_list,
    parse_muscle,
    parse_pattern,
    parse_section,
    suggest,
)
from strongback.domain.errors import CatalogError, UnknownExercise, UnknownName
from strongback.domain.vocab import Equipment, Muscle, Pattern, Section

_PROSE = """setup = "Stand tall with the handle in both hands."
instructions = ["Brace.", "Pull the handle in.", "Return slowly."]
why = "It trains the back."
cues = ["Chest up.", "Elbows back."]
mistakes = [{ mistake = "Swinging the load.", cue = "Slow down and go lighter." }]
"""


def _entry(exercise_id: str, *, prose: str = _PROSE, **fields: str) -> str:
    values = {
        "name": f'"{exercise_id.replace("-", " ").capitalize()}"',
        "section": '"back"',
        "pattern": '"horizontal-pull"',
        "primary_muscles": '["lats"]',
        "equipment": '[["cable-station"]]',
        "default_tempo": '"3-2-1-2"',
        "dose": "{ sets = 3, reps = { min = 8, max = 12 } }",
    }
    values.update(fields)
    lines = ["[[exercise]]", f'id = "{exercise_id}"']
    lines += [f"{key} = {value}" for key, value in values.items() if value != "DROP"]
    return "\n".join(lines) + "\n" + prose + "\n"


def _error(text: str) -> CatalogEntryError:
    with pytest.raises(CatalogError) as caught:
        parse_curated_toml(text, "exercises.toml")
    assert isinstance(caught.value, CatalogEntryError)
    assert str(caught.value).startswith("exercises.toml")
    return caught.value


def test_a_well_formed_file_parses() -> None:
    parsed = parse_curated_toml(_entry("row-a") + _entry("row-b", regression='"row-a"'))
    assert [e.id for e in parsed] == ["row-a", "row-b"]
    assert parsed[1].regression == "row-a"


def test_bad_toml_names_the_file_line_entry_and_field() -> None:
    text = _entry("row-a") + _entry("row-b").replace('pattern = "horizontal-pull"', "pattern = ")
    err = _error(text)
    assert err.entry == "row-b"
    assert err.field == "pattern"
    assert err.line is not None and text.splitlines()[err.line - 1].startswith("pattern")
    assert "not valid TOML" in str(err) and "entry 'row-b'" in str(err)


def test_unknown_muscle_slug_names_the_entry_field_and_suggests() -> None:
    err = _error(_entry("row-a") + _entry("row-b", primary_muscles='["lats", "rhomboid"]'))
    assert (err.entry, err.field) == ("row-b", "primary_muscles[1]")
    assert "'rhomboid'" in str(err) and "rhomboids" in str(err)
    assert "field 'primary_muscles[1]'" in str(err)


def test_unknown_equipment_slug_is_refused() -> None:
    err = _error(_entry("row-a", equipment='[["cable"]]'))
    assert (err.entry, err.field) == ("row-a", "equipment[0][0]")


def test_missing_field_names_it() -> None:
    err = _error(_entry("row-a", pattern="DROP"))
    assert (err.entry, err.field) == ("row-a", "pattern")
    assert "required" in str(err).lower()


def test_unknown_field_is_refused() -> None:
    err = _error(_entry("row-a", tempo='"3-2-1-2"'))
    assert (err.entry, err.field) == ("row-a", "tempo")


def test_bad_tempo_names_the_field() -> None:
    err = _error(_entry("row-a", default_tempo='"slow"'))
    assert (err.entry, err.field) == ("row-a", "default_tempo")


def test_bad_dose_names_the_nested_field() -> None:
    err = _error(_entry("row-a", dose="{ sets = 3, reps = { min = 12, max = 8 } }"))
    assert err.entry == "row-a" and err.field is not None and err.field.startswith("dose.reps")


def test_duplicate_id_is_refused() -> None:
    err = _error(_entry("row-a") + _entry("row-b") + _entry("row-a"))
    assert (err.entry, err.field) == ("row-a", "id")
    assert "duplicate" in str(err)


def test_dangling_regression_is_refused_with_a_suggestion() -> None:
    err = _error(_entry("row-a") + _entry("row-b", regression='"row-c"', progression='"rowa"'))
    assert (err.entry, err.field) == ("row-b", "regression")
    assert "'row-c'" in str(err)


def test_dangling_progression_is_refused() -> None:
    err = _error(_entry("row-a", progression='"row-z"'))
    assert (err.entry, err.field) == ("row-a", "progression")


def test_an_exercise_cannot_be_its_own_regression() -> None:
    err = _error(_entry("row-a", regression='"row-a"'))
    assert (err.entry, err.field) == ("row-a", "regression")


@pytest.mark.parametrize(
    ("field", "empty"),
    [
        ("setup", '""'),
        ("instructions", "[]"),
        ("why", '"   "'),
        ("cues", '["Chest up.", ""]'),
        ("mistakes", "[]"),
    ],
)
def test_curated_entry_with_empty_prose_field_is_refused(field: str, empty: str) -> None:
    prose = "\n".join(
        f"{field} = {empty}" if line.startswith(f"{field} =") else line
        for line in _PROSE.splitlines()
    )
    err = _error(_entry("row-a") + _entry("row-b", prose=prose))
    assert (err.entry, err.field) == ("row-b", field)


def test_curated_entry_without_any_prose_names_the_first_missing_field() -> None:
    err = _error(_entry("row-a", prose=""))
    assert (err.entry, err.field) == ("row-a", "setup")


def test_a_file_without_entries_is_refused() -> None:
    assert _error("# nothing here\n").field == "exercise"
    assert _error('title = "x"\n' + _entry("row-a")).field == "title"


def test_a_bad_id_is_refused() -> None:
    err = _error(_entry("Row A"))
    assert err.field == "id"


def test_the_shipped_file_loads_23_entries_with_unique_ids() -> None:
    ids = [e.id for e in curated_exercises()]
    assert len(ids) == 23 == len(set(ids))
    assert all(e.source == "strongback" for e in curated_exercises())


def test_load_catalog_works_with_or_without_the_extended_file() -> None:
    curated = load_catalog(extended=False)
    assert len(curated) == 23
    everything = load_catalog(extended=True)
    assert len(everything) >= 23
    assert [e.id for e in everything.curated()] == [e.id for e in curated]
    # Curated entries win and come first whatever the extended file holds.
    assert list(everything)[:23] == list(curated)
    for e in everything:
        if e.source != "strongback":
            assert e.section is None


def test_get_finds_ids_and_aliases_and_suggests_for_typos() -> None:
    catalog = load_catalog(extended=False)
    assert catalog.get("pull-up").name == "Pull-up"
    assert catalog.get("thread-the-needle").id == "needle-arm-thread"
    assert catalog.get("Pull Up").id == "pull-up"
    assert catalog.get("lat_pulldown").id == "lat-pulldown"
    with pytest.raises(UnknownExercise) as caught:
        catalog.get("pul-up")
    assert caught.value.suggestions[0] == "pull-up"
    assert str(caught.value) == "unknown exercise 'pul-up'; did you mean pull-up?"
    assert catalog.find("nothing-like-it") is None


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("bench", []),  # equipment, not a movement: no letter-alike stretch offered
        ("crunch", ["crunches", "rope-crunch", "tuck-crunch"]),
        ("row", ["seated-cable-row", "incline-dumbbell-row", "landmine-one-arm-row"]),
        ("squat", ["goblet-squat", "box-squat", "hack-squat"]),
        ("rdl", ["kettlebell-rdl"]),
        ("pullup", ["pull-up", "v-bar-pullup"]),
    ],
)
def test_an_unknown_exercise_is_offered_alike_movements_the_curated_ones_first(
    typed: str, offered: list[str]
) -> None:
    with pytest.raises(UnknownExercise) as caught:
        load_catalog().get(typed)
    assert list(caught.value.suggestions) == offered


def test_filter_by_muscle_includes_secondary_muscles() -> None:
    catalog = load_catalog(extended=False)
    ids = {e.id for e in catalog.filter(muscle=Muscle.BICEPS)}
    assert "pull-up" in ids and "seated-cable-row" in ids
    assert "goblet-squat" not in ids


def test_filter_by_equipment_keeps_only_what_it_allows() -> None:
    catalog = load_catalog(extended=False)
    nothing = {e.id for e in catalog.filter(equipment=frozenset())}
    assert nothing == {e.id for e in catalog.curated() if not e.equipment}
    assert len(nothing) == 7

    dumbbells = {e.id for e in catalog.filter(equipment=frozenset({Equipment.DUMBBELLS}))}
    assert {"alternating-dumbbell-row", "upright-row", "goblet-squat"} <= dumbbells
    assert "incline-dumbbell-row" not in dumbbells  # needs a bench too
    assert nothing <= dumbbells

    with_bench = catalog.filter(equipment=frozenset({Equipment.DUMBBELLS, Equipment.BENCH}))
    assert "incline-dumbbell-row" in {e.id for e in with_bench}

    band = {e.id for e in catalog.filter(equipment=frozenset({Equipment.BAND}))}
    assert band == nothing | {"face-pull", "pallof-press"}


def test_filters_combine() -> None:
    catalog = load_catalog(extended=False)
    found = catalog.filter(
        pattern=Pattern.HORIZONTAL_PULL,
        section=Section.BACK,
        equipment=frozenset({Equipment.DUMBBELLS}),
    )
    assert [e.id for e in found] == ["alternating-dumbbell-row"]


def test_extended_entries_only_appear_when_asked() -> None:
    catalog = Catalog(
        [
            *curated_exercises(),
            curated_exercises()[0].model_copy(
                update={"id": "cable-row-variant", "source": "free-exercise-db", "section": None}
            ),
        ]
    )
    assert "cable-row-variant" not in {e.id for e in catalog.filter()}
    assert "cable-row-variant" in {e.id for e in catalog.filter(include_extended=True)}


def test_parse_equipment_list_accepts_none_alone_or_among_items() -> None:
    assert parse_equipment_list("none") == frozenset()
    assert parse_equipment_list("") == frozenset()
    assert parse_equipment_list("dumbbells, bench") == {Equipment.DUMBBELLS, Equipment.BENCH}
    assert parse_equipment_list("none,band") == {Equipment.BAND}
    assert parse_equipment_list("Pull_Up_Bar") == {Equipment.PULL_UP_BAR}


def test_unknown_names_suggest_the_closest_slugs() -> None:
    with pytest.raises(UnknownName) as caught:
        parse_equipment_list("dumbbells,kettlebel")
    assert caught.value.kind == "equipment" and caught.value.name == "kettlebel"
    assert caught.value.suggestions[0] == "kettlebell"
    for parse, typo, best in [
        (parse_muscle, "lat", "lats"),
        (parse_pattern, "vertical", "vertical-pull"),
        (parse_section, "mobility", "mobility-core"),
    ]:
        with pytest.raises(UnknownName) as caught:
            parse(typo)
        assert best in caught.value.suggestions


def test_suggest_returns_nothing_for_nonsense() -> None:
    assert suggest("zzzzzz", ["lats", "traps"]) == []
