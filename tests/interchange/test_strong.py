"""Parsing Strong exports: every layout, the real samples, rows that are not sets, bad files."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest

from strongback.domain.errors import ImportFormatError
from strongback.domain.vocab import SetType, WeightUnit
from strongback.interchange.importers.strong import (
    NOTE_LABELS,
    REST_LABELS,
    parse_datetime,
    parse_duration,
    parse_strong,
)
from tests.samples import exports, sample_paths

SAMPLES = exports("strong")
STRONG_FILES = sample_paths("strong")
NAMES = {"Exercise Name", "Name der Übung"}
ORDERS = {"Set Order", "Reihenfolge festlegen"}
DATES = {"Date", "Datum"}


def expected_counts(path: Path) -> tuple[int, int, int]:
    """(sets, workouts, rest rows) computed from the file with the csv module alone."""
    text = path.read_text(encoding="utf-8")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header, records = rows[0], [r for r in rows[1:] if r]
    order = next(i for i, h in enumerate(header) if h in ORDERS)
    date = next(i for i, h in enumerate(header) if h in DATES)
    number = header.index("Workout #") if "Workout #" in header else None
    rest = [r for r in records if r[order].casefold() in REST_LABELS]
    notes = [r for r in records if r[order].casefold() in NOTE_LABELS]
    sets = [r for r in records if r not in rest and r not in notes]
    workouts = {(r[number] if number is not None else "", r[date]) for r in sets}
    return len(sets), len(workouts), len(rest)


def _strong(tmp_path: Path, text: str, name: str = "strong.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _ids(name: str) -> str:
    return name.lower().replace(" ", "-")


@pytest.mark.parametrize("path", STRONG_FILES, ids=lambda p: p.name[:40])
def test_every_strong_sample_gives_the_sets_and_workouts_the_file_holds(path: Path) -> None:
    sets, workouts, rest = expected_counts(path)
    parsed = parse_strong(path, unit=WeightUnit.KG, resolve=_ids)
    assert parsed.set_count == sets
    assert len(parsed.workouts) == workouts
    assert parsed.rest_rows == rest
    assert parsed.skipped == ()
    starts = [w.started_at for w in parsed.workouts]
    assert starts == sorted(starts)


@pytest.mark.parametrize("path", STRONG_FILES, ids=lambda p: p.name[:40])
def test_source_keys_are_unique_and_stable_across_two_parses(path: Path) -> None:
    first = parse_strong(path, unit=WeightUnit.KG, resolve=_ids)
    second = parse_strong(path, unit=WeightUnit.KG, resolve=_ids)
    keys = [s.source_key for w in first.workouts for s in w.sets]
    assert len(keys) == len(set(keys))
    assert keys == [s.source_key for w in second.workouts for s in w.sets]


def test_the_13_column_layout_reads_kg_from_the_header_and_seconds_duration() -> None:
    path = next(p for p in STRONG_FILES if "new13col" in p.name)
    parsed = parse_strong(path, unit=WeightUnit.LB, resolve=_ids)
    assert parsed.unit is WeightUnit.KG
    first = parsed.workouts[0]
    assert first.started_at == datetime(2020, 1, 20, 11, 43, 41)
    assert first.ended_at == datetime(2020, 1, 20, 11, 43, 41 + 0) + (
        datetime(2020, 1, 1, 0, 55, 24) - datetime(2020, 1, 1)
    )
    assert first.sets[0].weight == pytest.approx(65.181223569)
    assert first.sets[0].unit is WeightUnit.KG
    types = {s.set_type for w in parsed.workouts for s in w.sets}
    assert {SetType.WARM_UP, SetType.FAILURE} <= types


def test_german_headers_and_ruhezeit_rows_become_rest_after_the_set_before() -> None:
    path = next(p for p in STRONG_FILES if "german" in p.name)
    parsed = parse_strong(path, unit=WeightUnit.KG, resolve=_ids)
    first = parsed.workouts[0]
    assert first.title == "Pull"
    assert first.sets[0].imported_as == "Pull Up"
    assert first.sets[0].reps == 3
    assert first.sets[0].rest_seconds == 45.0
    assert first.sets[1].rest_seconds == 60.0
    assert (first.ended_at - first.started_at).total_seconds() == 31 * 60


def test_the_classic_file_keeps_weights_in_the_unit_given_and_tags_w_d_f() -> None:
    path = next(p for p in STRONG_FILES if "classic12col" in p.name)
    parsed = parse_strong(path, unit=WeightUnit.LB, resolve=_ids)
    s = parsed.workouts[0].sets[0]
    assert (s.weight, s.unit, s.reps) == (135.0, WeightUnit.LB, 8)
    counts = {t: 0 for t in SetType}
    for w in parsed.workouts:
        for x in w.sets:
            counts[x.set_type] += 1
    # The SOURCES counts of W, F and D in this file.
    assert (counts[SetType.WARM_UP], counts[SetType.FAILURE], counts[SetType.DROP]) == (
        2686,
        1060,
        488,
    )


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1h 5m", 3900),
        ("55m", 3300),
        ("31min", 1860),
        ("55s", 55),
        ("2h", 7200),
        ("264h 1m", 264 * 3600 + 60),
        ("3324", 3324),
        ("3324.0", 3324),
        ("1:05:00", 3900),
        ("12:30", 750),
        ("1 Std. 5 Min.", 3900),
        ("", None),
    ],
)
def test_durations_in_every_form_strong_writes(text: str, seconds: float | None) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-12-07 16:17:06", datetime(2020, 12, 7, 16, 17, 6)),
        ("2024-05-01 6:30:00\u202fPM", datetime(2024, 5, 1, 18, 30)),
        ("2024-05-01 12:05:00 AM", datetime(2024, 5, 1, 0, 5)),
        ("14.07.2023 19:31", datetime(2023, 7, 14, 19, 31)),
        ("2024-05-01T10:00:00+02:00", datetime(2024, 5, 1, 10, 0)),
    ],
)
def test_dates_as_strong_and_spreadsheets_write_them(text: str, expected: datetime) -> None:
    assert parse_datetime(text) == expected


@pytest.mark.parametrize("text", ["03/01/2024 10am", "2024-05-01 13:00 PM", "yesterday", ""])
def test_dates_that_are_not_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_datetime(text)


@pytest.mark.parametrize("text", ["soon", "5 parsecs", "1h and a bit"])
def test_a_duration_that_means_nothing_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


CLASSIC = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"  # noqa: E501


def test_set_orders_numbers_tags_and_words(tmp_path: Path) -> None:
    rows = [
        '2024-03-01 10:00:00,"Day",1h,"Squat (Barbell)",W,40,10,0,0,"","",',
        '2024-03-01 10:00:00,"Day",1h,"Squat (Barbell)",1,100,5.0,0,0,,,8.5',
        '2024-03-01 10:00:00,"Day",1h,"Squat (Barbell)",D,80,8,0,0,,,',
        '2024-03-01 10:00:00,"Day",1h,"Squat (Barbell)",F,90,3,0,0,,,',
        '2024-03-01 10:00:00,"Day",1h,"Squat (Barbell)",WARM_UP,40,10,0,0,,,',
        '2024-03-01 10:00:00,"Day",1h,"Squat (Barbell)",FAILURE,90,2,0,0,,,',
    ]
    parsed = parse_strong(_strong(tmp_path, CLASSIC + "\n".join(rows) + "\n"),
                          unit=WeightUnit.KG, resolve=_ids)  # fmt: skip
    sets = parsed.workouts[0].sets
    assert [s.set_type for s in sets] == [
        SetType.WARM_UP, SetType.WORKING, SetType.DROP, SetType.FAILURE, SetType.WARM_UP,
        SetType.FAILURE,
    ]  # fmt: skip
    assert sets[1].rpe == 8.5
    assert [s.order for s in sets] == [1, 2, 3, 4, 5, 6]


def test_identical_rows_stay_two_sets_with_two_keys(tmp_path: Path) -> None:
    row = '2024-03-01 10:00:00,"Day",1h,"Plank",1,0,0,0,60,,,\n'
    parsed = parse_strong(_strong(tmp_path, CLASSIC + row + row), unit=WeightUnit.KG,
                          resolve=_ids)  # fmt: skip
    sets = parsed.workouts[0].sets
    assert len(sets) == 2
    assert sets[0].seconds == sets[1].seconds == 60
    assert sets[0].source_key != sets[1].source_key


def test_quoted_notes_with_commas_quotes_and_newlines_are_kept(tmp_path: Path) -> None:
    text = CLASSIC + (
        '2024-03-01 10:00:00,"Day",1h,"Row",1,50,10,0,0,"slow, ""paused""\nsecond line",'
        '"tired",\n'
        '2024-03-01 10:00:00,"Day",1h,"Row",2,50,10,0,0,,,\n'
    )
    parsed = parse_strong(_strong(tmp_path, text), unit=WeightUnit.KG, resolve=_ids)
    w = parsed.workouts[0]
    assert w.sets[0].notes == 'slow, "paused"\nsecond line'
    assert w.notes == "tired"
    assert len(w.sets) == 2


def test_note_rows_join_the_notes_of_their_exercise_and_are_not_sets(tmp_path: Path) -> None:
    header = (
        '"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";'
        '"Weight (kg)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"\n'
    )
    rows = (
        '"1";"2024-03-01 10:00:00";"Day";"3600";"T Bar Row";"Note";"";"";"";"";"";"strap\nup";""\n'
        '"1";"2024-03-01 10:00:00";"Day";"3600";"T Bar Row";"1";"40.0";"9";"";"";"";"";""\n'
        '"1";"2024-03-01 10:00:00";"Day";"3600";"T Bar Row";"Rest Timer";"";"";"";"";"90";"";""\n'
        '"1";"2024-03-01 10:00:00";"Day";"3600";"Running (Treadmill)";"1";"";"";"";"2000";"600";'
        '"";""\n'
    )
    parsed = parse_strong(_strong(tmp_path, header + rows), unit=WeightUnit.LB, resolve=_ids)
    sets = parsed.workouts[0].sets
    assert len(sets) == 2
    assert sets[0].notes == "strap\nup"
    assert sets[0].rest_seconds == 90
    assert sets[0].unit is WeightUnit.KG
    assert (sets[1].distance_m, sets[1].seconds, sets[1].weight) == (2000.0, 600, None)
    assert (parsed.note_rows, parsed.rest_rows) == (1, 1)


def test_weight_unit_and_distance_unit_columns_set_each_row(tmp_path: Path) -> None:
    text = (
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
        "Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n"
        '2025-05-21 15:56:15;"Afternoon";"Bicep Curl (Barbell)";1;10;kg;8;;;;0;"";"";53m\n'
        '2025-05-21 15:56:15;"Afternoon";"Bicep Curl (Barbell)";2;25;lbs;8;;;;0;;;53m\n'
        '2025-05-21 15:56:15;"Afternoon";"Cycling (Indoor)";1;;;;;2.4;mi.;2100;;;53m\n'
    )
    parsed = parse_strong(_strong(tmp_path, text), unit=None, resolve=_ids)
    sets = parsed.workouts[0].sets
    assert (sets[0].weight, sets[0].unit) == (10, WeightUnit.KG)
    assert (sets[1].weight, sets[1].unit) == (25, WeightUnit.LB)
    assert sets[2].distance_m == pytest.approx(2.4 * 1609.344)
    assert sets[2].seconds == 2100
    w = parsed.workouts[0]
    assert (w.ended_at - w.started_at).total_seconds() == 53 * 60


def test_the_oldest_layout_where_the_unit_is_the_column_name(tmp_path: Path) -> None:
    text = (
        "Date;Workout Name;Exercise Name;Set Order;lbs;Reps;mi.;Seconds;Notes;Workout Notes\n"
        '2018-01-20 17:03:17;"Legs";"Squat (Barbell)";1;135;5;;0;"";""\n'
    )
    parsed = parse_strong(_strong(tmp_path, text), unit=WeightUnit.KG, resolve=_ids)
    s = parsed.workouts[0].sets[0]
    assert (s.weight, s.unit, s.reps) == (135, WeightUnit.LB, 5)


def test_an_untranslated_language_is_read_by_position_when_enough_headers_agree(
    tmp_path: Path,
) -> None:
    # Cells this table has never seen, in the classic positions; Date, RPE and Reps agree.
    text = (
        "Date,Treino,Tempo total,Exercício feito,Ordem,Carga,Reps,Dist,Segs,Obs,Obs treino,RPE\n"
        '2024-03-01 10:00:00,"Dia",45m,"Pull Up",1,0,8.0,0,0,"","",\n'
    )
    parsed = parse_strong(_strong(tmp_path, text), unit=WeightUnit.KG, resolve=_ids)
    assert parsed.workouts[0].sets[0].reps == 8
    assert parsed.workouts[0].title == "Dia"


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("Fecha,Nombre del entrenamiento,Duración,Nombre del ejercicio,Orden de la serie,Peso,"
         "Repeticiones,Distancia,Segundos,Notas,Notas del entrenamiento,RPE", "es"),
        ("Date,Nom de l'entraînement,Durée,Nom de l'exercice,Ordre des séries,Poids,"
         "Répétitions,Distance,Secondes,Notes,Notes de l'entraînement,RPE", "fr"),
        ("Data,Nome dell'allenamento,Durata,Nome dell'esercizio,Ordine delle serie,Peso,"
         "Ripetizioni,Distanza,Secondi,Note,Note dell'allenamento,RPE", "it"),
        ("Datum,Workoutnaam,Duur,Naam oefening,Volgorde sets,Gewicht,Herhalingen,Afstand,"
         "Seconden,Notities,Workoutnotities,RPE", "nl"),
    ],
)  # fmt: skip
def test_translated_headers_of_the_main_languages(
    tmp_path: Path, header: str, language: str
) -> None:
    text = header + '\n2024-03-01 10:00:00,"X",1h 5m,"Face Pull (Cable)",1,20,12.0,0,0,"","",\n'
    parsed = parse_strong(_strong(tmp_path, text), unit=WeightUnit.KG, resolve=_ids)
    s = parsed.workouts[0].sets[0]
    assert (s.imported_as, s.weight, s.reps) == ("Face Pull (Cable)", 20, 12), language


def test_a_file_that_is_not_a_strong_export_is_refused_at_its_header(tmp_path: Path) -> None:
    path = _strong(tmp_path, "name,price,colour\napple,1,red\n")
    with pytest.raises(ImportFormatError) as err:
        parse_strong(path, unit=WeightUnit.KG, resolve=_ids)
    assert err.value.line == 1
    assert "not a Strong export" in str(err.value)


def test_a_hevy_file_given_as_strong_is_refused(tmp_path: Path) -> None:
    hevy = sorted((SAMPLES.parent / "hevy").glob("*kg-km*"))[0]
    with pytest.raises(ImportFormatError, match="not a Strong export"):
        parse_strong(hevy, unit=WeightUnit.KG, resolve=_ids)


def test_a_bad_number_names_the_physical_line_field_and_value(tmp_path: Path) -> None:
    text = CLASSIC + (
        '2024-03-01 10:00:00,"Day",1h,"Row",1,50,10,0,0,"a\nlong note",,\n'
        '2024-03-01 10:00:00,"Day",1h,"Row",2,abc,10,0,0,,,\n'
    )
    with pytest.raises(ImportFormatError) as err:
        parse_strong(_strong(tmp_path, text), unit=WeightUnit.KG, resolve=_ids)
    assert (err.value.line, err.value.field, err.value.value) == (4, "Weight", "abc")
    assert str(err.value).endswith("strong.csv:4: field 'Weight': value 'abc': not a number")


def test_a_date_that_does_not_parse_is_refused(tmp_path: Path) -> None:
    text = CLASSIC + '03/01/2024 10am,"Day",1h,"Row",1,50,10,0,0,,,\n'
    with pytest.raises(ImportFormatError) as err:
        parse_strong(_strong(tmp_path, text), unit=WeightUnit.KG, resolve=_ids)
    assert (err.value.line, err.value.field) == (2, "Date")


def test_an_unknown_weight_unit_is_refused(tmp_path: Path) -> None:
    text = (
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;Distance;"
        "Distance Unit;Seconds;Notes;Workout Notes\n"
        '2019-01-20 17:03:17;"Legs";"Squat (Barbell)";1;60;stone;5;;;0;"";""\n'
    )
    with pytest.raises(ImportFormatError) as err:
        parse_strong(_strong(tmp_path, text), unit=WeightUnit.KG, resolve=_ids)
    assert (err.value.line, err.value.field, err.value.value) == (2, "Weight Unit", "stone")


def test_an_unknown_unit_in_the_header_is_refused(tmp_path: Path) -> None:
    text = CLASSIC.replace("Weight,", "Weight (stone),") + (
        '2024-03-01 10:00:00,"Day",1h,"Row",1,5,10,0,0,,,\n'
    )
    with pytest.raises(ImportFormatError) as err:
        parse_strong(_strong(tmp_path, text), unit=WeightUnit.KG, resolve=_ids)
    assert err.value.line == 1 and err.value.value == "stone"


def test_a_row_cut_short_is_refused_with_its_line(tmp_path: Path) -> None:
    text = CLASSIC + '2024-03-01 10:00:00,"Day",1h,"Row",1,50,10,0,0,,,\n2024-03-01 10:00:00,"Da'
    with pytest.raises(ImportFormatError) as err:
        parse_strong(_strong(tmp_path, text), unit=WeightUnit.KG, resolve=_ids)
    assert err.value.line == 3
    assert err.value.field == "Workout Name"
    assert "never closed" in str(err.value)


def test_skip_invalid_keeps_the_good_rows_and_lists_the_bad_ones(tmp_path: Path) -> None:
    text = CLASSIC + (
        '2024-03-01 10:00:00,"Day",1h,"Row",1,50,10,0,0,,,\n'
        '2024-03-01 10:00:00,"Day",1h,"Row",2,abc,10,0,0,,,\n'
        '2024-03-01 10:00:00,"Day",1h,"Row",3,50,1.5,0,0,,,\n'
        '2024-03-01 10:00:00,"Day",1h,"Row",4,50,8,0,0,,,\n'
    )
    parsed = parse_strong(_strong(tmp_path, text), unit=WeightUnit.KG, resolve=_ids,
                          skip_invalid=True)  # fmt: skip
    assert [s.reps for s in parsed.workouts[0].sets] == [10, 8]
    assert [s.line for s in parsed.skipped] == [3, 4]
    assert "not a number" in parsed.skipped[0].reason
    assert "whole number" in parsed.skipped[1].reason


def test_without_any_unit_a_weight_asks_for_one(tmp_path: Path) -> None:
    text = CLASSIC + '2024-03-01 10:00:00,"Day",1h,"Row",1,50,10,0,0,,,\n'
    with pytest.raises(ImportFormatError, match="--unit"):
        parse_strong(_strong(tmp_path, text), unit=None, resolve=_ids)


def test_a_bad_cell_repeated_is_reported_on_every_row_and_a_good_one_read_alike(
    tmp_path: Path,
) -> None:
    # Each distinct cell text is worked out once; a bad one is never remembered as good.
    text = CLASSIC + (
        '2024-03-01 10:00:00,"Day",1h,"Row",1,50.5,10,0,0,,,\n'
        '2024-03-01 10:00:00,"Day",1h,"Row",2,5o,10,0,0,,,\n'
        '2024-03-01 10:00:00,"Day",1h,"Row",3,50.5,10,0,0,,,\n'
        '2024-03-01 10:00:00,"Day",1h,"Row",4,5o,10,0,0,,,\n'
        '2024-03-02 10:00:00,"Day",1h,"Row",1,50.5,10,0,0,,,12\n'
        '2024-03-02 10:00:00,"Day",1h,"Row",2,50.5,10,0,0,,,8\n'
    )
    parsed = parse_strong(_strong(tmp_path, text), unit=WeightUnit.KG, resolve=_ids,
                          skip_invalid=True)  # fmt: skip
    assert [s.line for s in parsed.skipped] == [3, 5, 6]
    assert "'5o'" in parsed.skipped[1].reason and "RPE" in parsed.skipped[2].reason
    first, second = parsed.workouts
    assert [(s.weight, s.reps, s.unit) for s in first.sets] == [(50.5, 10, WeightUnit.KG)] * 2
    assert [(s.weight, s.rpe) for s in second.sets] == [(50.5, 8.0)]


def test_a_row_without_a_unit_asks_for_one_after_the_same_numbers_had_one(tmp_path: Path) -> None:
    text = (
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
        "Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n"
        '2025-05-21 15:56:15;"Day";"Row";1;40;kg;8;;;;0;;;53m\n'
        '2025-05-21 15:56:15;"Day";"Row";2;40;;8;;;;0;;;53m\n'
        '2025-05-21 15:56:15;"Day";"Run";3;;;;;2;furlong;600;;;53m\n'
    )
    with pytest.raises(ImportFormatError, match="--unit") as err:
        parse_strong(_strong(tmp_path, text), unit=None, resolve=_ids)
    assert err.value.line == 3
    parsed = parse_strong(_strong(tmp_path, text), unit=WeightUnit.LB, resolve=_ids,
                          skip_invalid=True)  # fmt: skip
    assert [(s.weight, s.unit) for s in parsed.workouts[0].sets] == [
        (40, WeightUnit.KG), (40, WeightUnit.LB),
    ]  # fmt: skip
    assert [s.line for s in parsed.skipped] == [4]
    assert "distance unit" in parsed.skipped[0].reason


def test_parsed_rows_are_the_sets_the_workouts_hold(tmp_path: Path) -> None:
    parsed = parse_strong(STRONG_FILES[0], unit=WeightUnit.KG, resolve=_ids)
    assert len(parsed.parsed) == len(parsed.workouts)
    for item, workout in zip(parsed.parsed, parsed.workouts, strict=True):
        assert item.workout.started_at == workout.started_at and not item.workout.sets
        for row, s in zip(item.rows, workout.sets, strict=True):
            values = dict(zip(parsed.fields, row, strict=True))
            assert values["set_type"] == s.set_type.value
            assert values["unit"] == (s.unit.value if s.unit else None)
            assert values["source_key"] == s.source_key and values["weight"] == s.weight
    assert parsed.set_count == sum(len(w.sets) for w in parsed.workouts)


_CLASSIC = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"  # noqa: E501


@pytest.mark.parametrize(
    ("cells", "field", "value"),
    [
        ("1e400,5,0,0", "Weight", "1e400"),
        ("-1e400,5,0,0", "Weight", "-1e400"),
        ("1e308,5,0,0", "Weight", "1e308"),
        ("2000.5,5,0,0", "Weight", "2000.5"),
        ("60,99999999999,0,0", "Reps", "99999999999"),
        ("60,1001,0,0", "Reps", "1001"),
        ("0,0,0,86401", "Seconds", "86401"),
        ("0,0,1e300,0", "Distance", "1e300"),
        ("0,0,1001,0", "Distance", "1001"),
    ],
)
def test_numbers_out_of_sane_bounds_are_refused_with_line_field_and_value(
    tmp_path: Path, cells: str, field: str, value: str
) -> None:
    ok = "2024-01-01 10:00:00,W,1h,Pull Up,1,60,5,0,0,,,\n"
    bad = f"2024-01-01 10:00:00,W,1h,Pull Up,2,{cells},,,\n"
    path = _strong(tmp_path, _CLASSIC + ok + bad)
    with pytest.raises(ImportFormatError) as caught:
        parse_strong(path, unit=WeightUnit.KG, resolve=_ids)
    assert (caught.value.line, caught.value.field, caught.value.value) == (3, field, value)
    skipped = parse_strong(path, unit=WeightUnit.KG, resolve=_ids, skip_invalid=True)
    assert skipped.set_count == 1
    assert [s.line for s in skipped.skipped] == [3]
    assert field in skipped.skipped[0].reason


def test_a_negative_weight_of_an_assisted_exercise_is_kept_as_it_is(tmp_path: Path) -> None:
    path = _strong(
        tmp_path, _CLASSIC + "2024-01-01 10:00:00,W,1h,Pull Up (Assisted),1,-20,8,0,0,,,\n"
    )
    (workout,) = parse_strong(path, unit=WeightUnit.KG, resolve=_ids).workouts
    assert (workout.sets[0].weight, workout.sets[0].unit) == (-20.0, WeightUnit.KG)


def test_an_unknown_distance_unit_is_refused_even_beside_a_zero_distance(tmp_path: Path) -> None:
    header = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes\n"  # noqa: E501
    rows = (
        "2024-01-01 10:00:00;W;Pull Up;1;60;kg;5;;0;km;0;;\n"
        "2024-01-01 10:00:00;W;Pull Up;2;60;kg;5;;0;parsecs;0;;\n"
    )
    path = _strong(tmp_path, header + rows)
    with pytest.raises(ImportFormatError) as caught:
        parse_strong(path, resolve=_ids)
    error = caught.value
    assert (error.line, error.field, error.value) == (3, "Distance Unit", "parsecs")


def test_a_header_without_records_is_an_empty_file(tmp_path: Path) -> None:
    path = _strong(tmp_path, _CLASSIC + "\n\n")
    with pytest.raises(ImportFormatError) as caught:
        parse_strong(path, unit=WeightUnit.KG, resolve=_ids)
    assert "has a header but no sets" in str(caught.value)
    assert caught.value.line == 1


def test_a_unitless_file_gives_the_same_keys_whatever_unit_is_assumed(tmp_path: Path) -> None:
    path = _strong(tmp_path, _CLASSIC + "2024-01-01 10:00:00,W,1h,Pull Up,1,60,5,0,0,,,\n")
    in_kg = parse_strong(path, unit=WeightUnit.KG, resolve=_ids).workouts[0].sets[0]
    in_lb = parse_strong(path, unit=WeightUnit.LB, resolve=_ids).workouts[0].sets[0]
    assert (in_kg.unit, in_lb.unit) == (WeightUnit.KG, WeightUnit.LB)
    assert in_kg.source_key == in_lb.source_key
