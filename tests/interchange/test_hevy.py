"""Parsing Hevy exports: the real samples, dates in the app's languages, units, damaged files."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest

from strongback.domain.errors import ImportFormatError
from strongback.domain.vocab import SetType, WeightUnit
from strongback.interchange.importers.hevy import parse_hevy, parse_hevy_datetime
from tests.samples import exports, sample, sample_paths

SAMPLES = exports("hevy")
HEVY_FILES = sample_paths("hevy")
CLEAN_FILES = [p for p in HEVY_FILES if "resaved" not in p.name]
SPANISH = sample("hevy", "spanish")
# The physical lines SOURCES.md names as damaged in the re-saved Spanish file.
DAMAGED_LINES = set(range(624, 629)) | set(range(735, 741))


def _records(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (first physical line, fields) of every record, with the csv module alone."""
    text = path.read_text(encoding="utf-8")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader)
    out = []
    end = reader.line_num
    for row in reader:
        start, end = end + 1, reader.line_num
        if row:
            out.append((start, row))
    return header, out


def _ids(name: str) -> str:
    return name.lower().replace(" ", "-")


def _hevy(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "workouts.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("path", CLEAN_FILES, ids=lambda p: p.name[:40])
def test_every_row_of_a_clean_hevy_sample_is_a_set(path: Path) -> None:
    header, records = _records(path)
    start, title, end = (header.index(k) for k in ("start_time", "title", "end_time"))
    workouts = {(r[start], r[title], r[end]) for _, r in records}
    parsed = parse_hevy(path, resolve=_ids)
    assert parsed.set_count == len(records)
    assert len(parsed.workouts) == len(workouts)
    assert parsed.skipped == ()
    starts = [w.started_at for w in parsed.workouts]
    assert starts == sorted(starts), "oldest first, though the file is newest first"


def test_the_kg_file_keeps_kg_and_reads_set_types_supersets_and_rpe() -> None:
    path = next(p for p in CLEAN_FILES if "kg-km" in p.name)
    header, records = _records(path)
    parsed = parse_hevy(path, resolve=_ids)
    assert parsed.unit is WeightUnit.KG
    sets = [s for w in parsed.workouts for s in w.sets]
    kind = header.index("set_type")
    for wanted, hevy in ((SetType.WARM_UP, "warmup"), (SetType.DROP, "dropset"),
                         (SetType.FAILURE, "failure"), (SetType.WORKING, "normal")):  # fmt: skip
        assert sum(s.set_type is wanted for s in sets) == sum(r[kind] == hevy for _, r in records)
    superset = header.index("superset_id")
    assert sum(s.superset is not None for s in sets) == sum(bool(r[superset]) for _, r in records)
    rpe = header.index("rpe")
    assert sum(s.rpe is not None for s in sets) == sum(bool(r[rpe]) for _, r in records)
    newest = parsed.workouts[-1]
    assert newest.started_at == datetime(2026, 4, 7, 10, 14)
    assert newest.ended_at == datetime(2026, 4, 7, 11, 14)
    assert newest.sets[0].imported_as == "Paused Bench Press"
    assert (newest.sets[0].weight, newest.sets[0].unit) == (90, WeightUnit.KG)


def test_the_pounds_file_keeps_pounds_and_turns_miles_into_metres() -> None:
    path = next(p for p in CLEAN_FILES if "lbs-miles" in p.name)
    header, records = _records(path)
    parsed = parse_hevy(path, unit=WeightUnit.KG, resolve=_ids)
    assert parsed.unit is WeightUnit.LB
    sets = [s for w in parsed.workouts for s in w.sets]
    assert all(s.unit is WeightUnit.LB for s in sets if s.weight is not None)
    miles = header.index("distance_miles")
    with_distance = [float(r[miles]) for _, r in records if r[miles]]
    got = sorted(s.distance_m for s in sets if s.distance_m is not None)
    assert got == pytest.approx(sorted(m * 1609.344 for m in with_distance))


def test_the_resaved_spanish_file_fails_at_its_first_damaged_line() -> None:
    with pytest.raises(ImportFormatError) as err:
        parse_hevy(SPANISH, resolve=_ids)
    assert err.value.line == 624
    assert err.value.path is not None and err.value.path.endswith(SPANISH.name)


def test_skip_invalid_on_the_spanish_file_lists_exactly_the_damaged_records() -> None:
    _, records = _records(SPANISH)
    damaged = [line for line, _ in records if line in DAMAGED_LINES]
    parsed = parse_hevy(SPANISH, resolve=_ids, skip_invalid=True)
    assert [s.line for s in parsed.skipped] == damaged
    assert parsed.set_count == len(records) - len(damaged)
    assert all(s.reason for s in parsed.skipped)
    # Spanish titles with accents survive; weights keep their decimal point.
    titles = {w.title for w in parsed.workouts}
    assert "Pecho-tríceps" in titles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7 Apr 2026, 10:14", datetime(2026, 4, 7, 10, 14)),
        ("07 Jul 2025, 17:56", datetime(2025, 7, 7, 17, 56)),
        ("1 Dec 2025, 10:53", datetime(2025, 12, 1, 10, 53)),
        ("7 September 2025, 08:05", datetime(2025, 9, 7, 8, 5)),
        ("Apr 7, 2026, 10:14 PM", datetime(2026, 4, 7, 22, 14)),
        ("7 Apr 2026, 12:05 am", datetime(2026, 4, 7, 0, 5)),
        ("7. Apr. 2026, 10:14", datetime(2026, 4, 7, 10, 14)),
        ("3. März 2026, 09:00", datetime(2026, 3, 3, 9, 0)),
        ("7 dic 2025, 18:30", datetime(2025, 12, 7, 18, 30)),
        ("7 ene 2025, 18:30", datetime(2025, 1, 7, 18, 30)),
        ("7 de abr. de 2026, 10:14", datetime(2026, 4, 7, 10, 14)),
        ("7 févr. 2026, 10:14", datetime(2026, 2, 7, 10, 14)),
        ("7 juil. 2026, 10:14", datetime(2026, 7, 7, 10, 14)),
        ("12 août 2025 à 07:30", datetime(2025, 8, 12, 7, 30)),
        ("7 giu 2026, 10:14", datetime(2026, 6, 7, 10, 14)),
        ("7 ott 2026, 10:14", datetime(2026, 10, 7, 10, 14)),
        ("7 set 2026, 10:14", datetime(2026, 9, 7, 10, 14)),
        ("7 out 2026, 10:14", datetime(2026, 10, 7, 10, 14)),
        ("7 mrt 2026, 10:14", datetime(2026, 3, 7, 10, 14)),
        ("7 mei 2026, 10:14", datetime(2026, 5, 7, 10, 14)),
        ("7 kwi 2026, 10:14", datetime(2026, 4, 7, 10, 14)),
        ("7 апр. 2026 г., 10:14", datetime(2026, 4, 7, 10, 14)),
        ("2026-04-07T10:14:00Z", datetime(2026, 4, 7, 10, 14)),
        ("2026-04-07 10:14", datetime(2026, 4, 7, 10, 14)),
    ],
)
def test_dates_in_the_languages_the_app_ships(text: str, expected: datetime) -> None:
    assert parse_hevy_datetime(text) == expected


@pytest.mark.parametrize("text", ["", "yesterday", "7 Foo 2026, 10:14", "32 Apr 2026, 10:14",
                                  "7 Apr 2026, 25:00", "0", "+40% = 28 en total"])  # fmt: skip
def test_dates_that_do_not_parse_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_hevy_datetime(text)


HEADER = (
    '"title","start_time","end_time","description","exercise_title","superset_id",'
    '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
    '"duration_seconds","rpe"\n'
)


def test_the_same_exercise_twice_in_a_workout_is_never_merged(tmp_path: Path) -> None:
    rows = (
        '"Day","7 Apr 2026, 10:14","7 Apr 2026, 11:14","","Running",,"",0,"normal",,,1.5,240,\n'
        '"Day","7 Apr 2026, 10:14","7 Apr 2026, 11:14","","Squat",,"",0,"normal",100,5,,,8\n'
        '"Day","7 Apr 2026, 10:14","7 Apr 2026, 11:14","","Running",,"",0,"normal",,,1.5,240,\n'
    )
    parsed = parse_hevy(_hevy(tmp_path, HEADER + rows), resolve=_ids)
    sets = parsed.workouts[0].sets
    assert [s.imported_as for s in sets] == ["Running", "Squat", "Running"]
    assert sets[0].distance_m == 1500 and sets[0].seconds == 240
    assert sets[0].source_key != sets[2].source_key


def test_translated_headers_are_read_by_their_unit_suffix_and_position(tmp_path: Path) -> None:
    header = (
        "título;hora_de_inicio;hora_de_fin;descripción;título_del_ejercicio;id_superserie;"
        "notas_del_ejercicio;índice_de_serie;tipo_de_serie;peso_lbs;repeticiones;distancia_km;"
        "duración_segundos;rpe\n"
    )
    row = "Pierna;7 abr 2026, 10:14;7 abr 2026, 11:00;;Sentadilla;;;0;normal;225;5;;;9\n"
    parsed = parse_hevy(_hevy(tmp_path, header + row), resolve=_ids)
    s = parsed.workouts[0].sets[0]
    assert (s.weight, s.unit, s.reps, s.rpe) == (225, WeightUnit.LB, 5, 9)


def test_a_bad_set_type_names_its_field(tmp_path: Path) -> None:
    row = '"Day","7 Apr 2026, 10:14","7 Apr 2026, 11:14","","Squat",,"",0,"heavy",100,5,,,\n'
    with pytest.raises(ImportFormatError) as err:
        parse_hevy(_hevy(tmp_path, HEADER + row), resolve=_ids)
    assert (err.value.line, err.value.field, err.value.value) == (2, "set_type", "heavy")


def test_a_wrong_header_is_refused_on_line_one(tmp_path: Path) -> None:
    strong = sorted((SAMPLES.parent / "strong").glob("*classic12col*"))[0]
    with pytest.raises(ImportFormatError) as err:
        parse_hevy(strong, resolve=_ids)
    assert err.value.line == 1
    assert "not a Hevy export" in str(err.value)


def test_an_unknown_weight_unit_in_the_header_is_refused(tmp_path: Path) -> None:
    header = HEADER.replace("weight_kg", "weight_st")
    row = '"Day","7 Apr 2026, 10:14","7 Apr 2026, 11:14","","Squat",,"",0,"normal",10,5,,,\n'
    with pytest.raises(ImportFormatError) as err:
        parse_hevy(_hevy(tmp_path, header + row), resolve=_ids)
    assert err.value.line == 1


@pytest.mark.parametrize(
    ("cells", "field", "value"),
    [
        ("1e400,5,,,", "weight_kg", "1e400"),
        ("-1e400,5,,,", "weight_kg", "-1e400"),
        ("1e308,5,,,", "weight_kg", "1e308"),
        ("100,99999999999,,,", "reps", "99999999999"),
        ("100,1e400,,,", "reps", "1e400"),
        (",,,1e400,", "duration_seconds", "1e400"),
        (",,1e300,,", "distance_km", "1e300"),
        ("100,5,,,11", "rpe", "11"),
    ],
)
def test_numbers_out_of_sane_bounds_are_refused_with_line_field_and_value(
    tmp_path: Path, cells: str, field: str, value: str
) -> None:
    ok = '"Day","7 Apr 2026, 10:14","7 Apr 2026, 11:14","","Squat",,"",0,"normal",100,5,,,\n'
    bad = f'"Day","7 Apr 2026, 10:14","7 Apr 2026, 11:14","","Squat",,"",1,"normal",{cells}\n'
    path = _hevy(tmp_path, HEADER + ok + bad)
    with pytest.raises(ImportFormatError) as err:
        parse_hevy(path, resolve=_ids)
    assert (err.value.line, err.value.field, err.value.value) == (3, field, value)
    kept = parse_hevy(path, resolve=_ids, skip_invalid=True)
    assert kept.set_count == 1 and [s.line for s in kept.skipped] == [3]


def test_a_negative_weight_of_an_assisted_exercise_is_kept(tmp_path: Path) -> None:
    row = '"Day","7 Apr 2026, 10:14","7 Apr 2026, 11:14","","Pull Up (Assisted)",,"",0,"normal",-20,8,,,\n'  # noqa: E501
    s = parse_hevy(_hevy(tmp_path, HEADER + row), resolve=_ids).workouts[0].sets[0]
    assert (s.weight, s.unit, s.reps) == (-20, WeightUnit.KG, 8)


def test_a_header_without_records_is_an_empty_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError) as err:
        parse_hevy(_hevy(tmp_path, HEADER), resolve=_ids)
    assert "has a header but no sets" in str(err.value)
    assert err.value.line == 1
