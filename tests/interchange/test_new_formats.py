"""The rules of the FitNotes, Liftosaur and JEFIT formats, on small files made for each rule."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from strongback.domain.errors import ImportFormatError
from strongback.domain.set_rows import DISTANCE_M, REPS, SECONDS, SET_TYPE, UNIT, WEIGHT
from strongback.domain.vocab import WeightUnit
from strongback.interchange.importers import registry
from strongback.interchange.importers.kernel import ImportOptions, ParsedExport
from strongback.interchange.importers.liftosaur import parse_datetime
from strongback.interchange.importers.source import open_csv


def parse(app: str, text: str, tmp_path: Path, unit: WeightUnit | None = None) -> ParsedExport:
    path = tmp_path / f"{app}.csv"
    path.write_text(text, encoding="utf-8")
    return registry.get(app).parse(open_csv(path), ImportOptions(lambda n: n, unit))


FITNOTES = "Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time\n"


def test_fitnotes_names_with_unquoted_commas_end_at_the_category(tmp_path: Path) -> None:
    text = FITNOTES + "2019-05-26,BB Row, One Arm,Back,25.0,8,,,\n2019-05-26,Squat,Legs,100,5,,,\n"
    parsed = parse("fitnotes", text, tmp_path)
    names = [r[0] for p in parsed.parsed for r in p.rows]
    assert names == ["BB Row, One Arm", "Squat"]


def test_fitnotes_one_day_is_one_workout_and_units_come_from_the_header(tmp_path: Path) -> None:
    text = FITNOTES + "2019-05-26,Squat,Legs,100,5,,,\n2019-05-26,Squat,Legs,100,5,,,\n"
    text += "2019-05-27,Squat,Legs,105,5,,,\n"
    parsed = parse("fitnotes", text, tmp_path)
    assert [p.workout.started_at for p in parsed.parsed] == [
        datetime(2019, 5, 26),
        datetime(2019, 5, 27),
    ]
    assert parsed.unit is WeightUnit.LB
    assert {r[UNIT] for p in parsed.parsed for r in p.rows} == {"lb"}


def test_fitnotes_cardio_keeps_distance_and_time_and_placeholders_are_body_weight(
    tmp_path: Path,
) -> None:
    text = (
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n"
        '2022-09-14,Running,Cardio,,,,1.5,mi,0:12:30,""\n'
        '2022-09-14,Plank,Abs,1.0,lbs,,,,0:01:00,""\n'
        '2022-09-14,Pull Up,Back,0.0,lbs,0,,,,"failed"\n'
    )
    rows = [r for p in parse("fitnotes", text, tmp_path).parsed for r in p.rows]
    run, plank, pull = rows
    assert run[DISTANCE_M] == pytest.approx(1.5 * 1609.344)
    assert run[SECONDS] == 750
    assert (plank[WEIGHT], plank[SECONDS]) == (None, 60)
    assert (pull[WEIGHT], pull[REPS], pull[SET_TYPE]) == (None, 0, "failure")


LIFTOSAUR = (
    "Workout DateTime,Program,Day Name,Exercise,Is Warmup Set?,Required Reps,Completed Reps,"
    "Is AMRAP?,Required RPE,Completed RPE,Log RPE?,Required Weight Value,Required Weight Unit,"
    "Completed Weight Value,Completed Weight Unit,Ask Weight?,Completed Reps Time,"
    "Target Muscles,Synergist Muscles,Notes\n"
)


def test_liftosaur_warm_ups_sets_not_done_completed_weights_and_newest_first(
    tmp_path: Path,
) -> None:
    text = LIFTOSAUR + (
        '2026-03-07 09:01:00 +00:00,P,B,"Deadlift, Barbell",0,5,5,0,,,0,100,kg,102.5,kg,0,,,,'
        '"heavy\nbut fine"\n'
        "2026-03-01T10:00:00.712Z,P,A,Squat,1,5,5,0,,,0,60,kg,60,kg,0,,,,\n"
        "2026-03-01T10:00:00.712Z,P,A,Squat,0,5,,0,,,0,100,kg,100,kg,0,,,,\n"
    )
    parsed = parse("liftosaur", text, tmp_path)
    assert [p.workout.title for p in parsed.parsed] == ["P - A", "P - B"]
    warm = parsed.parsed[0].rows[0]
    assert warm[SET_TYPE] == "warm-up" and len(parsed.parsed[0].rows) == 1
    dead = parsed.parsed[1].rows[0]
    assert (dead[WEIGHT], dead[0]) == (102.5, "Deadlift, Barbell")
    assert dead[9] == "heavy\nbut fine"
    assert parsed.not_imported == (("sets not done (no completed reps)", 1),)


@pytest.mark.parametrize(
    "text",
    ["2026-03-07T09:01:39.712Z", "2026-03-07T09:01:39Z", "2026-03-07 09:01:39 +00:00"],
)
def test_liftosaur_reads_every_datetime_style(text: str) -> None:
    assert parse_datetime(text) == datetime(2026, 3, 7, 9, 1, 39, 712000 if ".712" in text else 0)


JEFIT_SETTING = (
    "### SETTING ##########################################\n\nrow_id,mass\n1, lbs\n"
    "######################################################\n\n"
)


def test_jefit_prefers_exercise_set_logs_and_matches_sessions(tmp_path: Path) -> None:
    text = JEFIT_SETTING + (
        "### WORKOUT SESSIONS #################################\n\n"
        "rowid,_id,starttime,endtime\n1,7,1700000000,1700003600\n"
        "######################################################\n\n"
        "### EXERCISE LOGS ####################################\n\n"
        "row_id,logs,_id,mydate,eid,ename,belongsession\n"
        '1,"99x99",3,2023-11-14,2,"Bench Press",7\n'
        "######################################################\n\n"
        "### EXERCISE SET LOGS ################################\n\n"
        "row_id,belonglog,weight,reps\n1,3,135,5\n2,3,145,3\n"
        "######################################################\n"
    )
    parsed = parse("jefit", text, tmp_path)
    (workout,) = parsed.parsed
    assert workout.workout.started_at == datetime(2023, 11, 14, 22, 13, 20)
    assert workout.workout.ended_at == datetime(2023, 11, 14, 23, 13, 20)
    assert [(r[WEIGHT], r[REPS], r[UNIT]) for r in workout.rows] == [(135, 5, "lb"), (145, 3, "lb")]
    assert parsed.unit is WeightUnit.LB


def test_jefit_section_never_closed_is_refused_at_its_banner(tmp_path: Path) -> None:
    text = JEFIT_SETTING + "### EXERCISE LOGS ####################################\n\nrow_id\n"
    with pytest.raises(ImportFormatError) as caught:
        parse("jefit", text, tmp_path)
    assert ":7:" in str(caught.value) and "never closed" in str(caught.value)


JEFIT_PROFILE = (
    "### PROFILE ##########################################\n\n"
    "row_id,USERID,TIMESTAMP,_id,mydate,weight,fatpercent,height,logTime\n"
    '1,7,"2023-11-14 10:00:00",1,2023-11-10,0,0,175,0\n'
    '2,7,"2023-11-14 10:00:00",2,2023-11-10,181,0,175,0\n'
    '3,7,"2023-11-14 10:00:00",3,2023-11-10,180.5,0,175,0\n'
    '4,7,"2023-11-14 10:00:00",4,2023-11-12,179,0,175,0\n'
    "######################################################\n\n"
)
JEFIT_LOGS = (
    "### EXERCISE LOGS ####################################\n\n"
    "row_id,logs,_id,mydate,eid,ename,belongsession\n"
    '1,"135x5",3,2023-11-14,2,"Bench Press",7\n'
    "######################################################\n"
)


def test_jefit_profile_weights_become_weighings_in_the_files_unit(tmp_path: Path) -> None:
    parsed = parse("jefit", JEFIT_SETTING + JEFIT_PROFILE + JEFIT_LOGS, tmp_path)
    weighings = [(e.day.isoformat(), e.weight, e.unit) for e in parsed.body_weights]
    # The last weighing of a day wins; a row of weight 0 was not a weighing (counted).
    assert weighings == [("2023-11-10", 180.5, WeightUnit.LB), ("2023-11-12", 179, WeightUnit.LB)]
    assert dict(parsed.not_imported)["PROFILE rows without a body weight"] == 1
    assert "rows of section PROFILE" not in dict(parsed.not_imported)


@pytest.mark.parametrize(
    ("bad", "field"),
    [("2023-11-12,9999,", "weight"), ("2023-11-12,abc,", "weight"), ("2999-11-12,179,", "mydate"),
     ("2023-13-40,179,", "mydate")],
)  # fmt: skip
def test_jefit_a_bad_profile_weight_is_refused_naming_line_and_field(
    tmp_path: Path, bad: str, field: str
) -> None:
    text = JEFIT_SETTING + JEFIT_PROFILE.replace("2023-11-12,179,", bad) + JEFIT_LOGS
    with pytest.raises(ImportFormatError) as caught:
        parse("jefit", text, tmp_path)
    message = str(caught.value)
    assert ":13:" in message and field in message and "\n" not in message


def test_jefit_skip_invalid_lists_a_bad_profile_row_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "jefit.csv"
    text = JEFIT_SETTING + JEFIT_PROFILE.replace("2023-11-12,179,", "2023-11-12,abc,") + JEFIT_LOGS
    path.write_text(text, encoding="utf-8")
    options = ImportOptions(lambda n: n, WeightUnit.KG, skip_invalid=True)
    parsed = registry.get("jefit").parse(open_csv(path), options)
    assert [s.line for s in parsed.skipped] == [13]
    assert [e.weight for e in parsed.body_weights] == [180.5]
