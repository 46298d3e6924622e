"""Hostile files through ``strongback import [APP] FILE``: every importer, detected or forced,
answers one line naming the file (and line and field when there is one), exits 2 and writes
nothing; a Hypothesis run feeds bytes through the import service."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strongback.domain.errors import StrongbackError
from strongback.domain.vocab import WeightUnit
from strongback.services.importing import import_file, list_imports
from strongback.storage import Database, open_database
from tests.builders import scope_of
from tests.conftest import CliResult

Run = Callable[..., CliResult]

# One good set in each app's own layout: (text, the date as written, the weight as written).
GOOD: dict[str, tuple[str, str, str]] = {
    "strong": (
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
        "Workout Notes,RPE\n2024-01-02 10:00:00,W,1h,Squat,1,100,5,,,,,\n",
        "2024-01-02",
        ",100,",
    ),
    "hevy": (
        '"title","start_time","end_time","description","exercise_title","superset_id",'
        '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
        '"duration_seconds","rpe"\n'
        '"W","2 Jan 2024, 10:14","2 Jan 2024, 11:14","","Squat",,"",0,"normal",100,5,,,\n',
        "2024",
        ",100,",
    ),
    "fitnotes": (
        "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment\n"
        '2024-01-02,Deadlift,Back,100.0,5,,,,""\n',
        "2024-01-02",
        ",100.0,",
    ),
    "liftosaur": (
        "Workout DateTime,Program,Day Name,Exercise,Is Warmup Set?,Required Reps,Completed Reps,"
        "Is AMRAP?,Required RPE,Completed RPE,Log RPE?,Required Weight Value,Required Weight Unit,"
        "Completed Weight Value,Completed Weight Unit,Ask Weight?,Completed Reps Time,"
        "Target Muscles,Synergist Muscles,Notes\n"
        "2024-01-02T10:00:00Z,P,Day 1,Squat,0,5,5,0,,,0,100,kg,100,kg,0,,,,\n",
        "2024-01-02",
        ",100,kg,0",
    ),
    "jefit": (
        "### SETTING ##########################################\n\nrow_id,mass\n1, kg\n"
        "######################################################\n\n"
        "### EXERCISE LOGS ####################################\n\n"
        "row_id,logs,_id,mydate,eid,ename,belongsession\n"
        '1,"100x5",1,2024-01-02,2,"Bench Press",9\n'
        "######################################################\n",
        "2024-01-02",
        '"100x',
    ),
}
APPS = list(GOOD)


def _header_only(app: str) -> str:
    text = GOOD[app][0]
    if app == "jefit":
        return text.replace('1,"100x5",1,2024-01-02,2,"Bench Press",9\n', "")
    return text.split("\n", 1)[0] + "\n"


def _huge_reps(app: str, text: str) -> str:
    """The reps done (Liftosaur: the completed ones) as 5,000 digits."""
    many = "9" * 5000
    if app == "liftosaur":
        return text.replace(",5,5,", f",5,{many},")
    if app == "strong":
        return text.replace(",5,", f",{many},")
    return text.replace("5", many, 1)


def _hostile(app: str, kind: str) -> bytes:
    """A hostile file built from ``app``'s layout (the generic kinds do not depend on it)."""
    text, day, weight = GOOD[app]
    made: dict[str, Callable[[], bytes]] = {
        "empty": lambda: b"",
        "binary junk": lambda: bytes(range(256)) * 64,
        "10 MB single line": lambda: b"x" * 10_000_000,
        "delimiters only": lambda: b",,,,,,,,\n" * 40,
        "header only": lambda: _header_only(app).encode(),
        "UTF-16 without BOM, header only": lambda: _header_only(app).encode("utf-16-le"),
        "huge weight": lambda: text.replace(weight, weight.replace("100", "1e308"), 1).encode(),
        "huge reps": lambda: _huge_reps(app, text).encode(),
        "far future date": lambda: text.replace(day, day.replace("2024", "2999"), 1).encode(),
        "far past date": lambda: text.replace(day, day.replace("2024", "0001"), 1).encode(),
    }
    return made[kind]()


KINDS = ["empty", "binary junk", "10 MB single line", "delimiters only", "header only",
         "UTF-16 without BOM, header only", "huge weight", "huge reps", "far future date",
         "far past date"]  # fmt: skip


def _stored(run_cli: Run, db_url: str) -> tuple[int, int]:
    listed = json.loads(run_cli(["import", "list", "--json"], db_url=db_url).stdout)
    workouts = json.loads(run_cli(["log", "show", "--all", "--json"], db_url=db_url).stdout)
    return len(listed), len(workouts)


@pytest.mark.parametrize("app", APPS)
def test_the_good_file_of_each_app_imports(run_cli: Run, sqlite_url: str, app: str,
                                           tmp_path: Path) -> None:  # fmt: skip
    path = tmp_path / f"{app}.csv"
    path.write_text(GOOD[app][0], encoding="utf-8")
    result = run_cli(["import", path, "--unit", "kg", "--json"], db_url=sqlite_url)
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["app"], summary["sets"]) == (app, 1)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("app", APPS)
def test_a_hostile_file_gives_one_line_exit_2_and_writes_nothing(
    run_cli: Run, sqlite_url: str, tmp_path: Path, app: str, kind: str
) -> None:
    path = tmp_path / f"hostile-{app}.csv"
    path.write_bytes(_hostile(app, kind))
    for forced in (None, app):
        args = ["import", *([forced] if forced else []), path, "--unit", "kg"]
        result = run_cli(args, db_url=sqlite_url)
        lines = result.stderr.strip().splitlines()
        assert result.exit_code == 2, (kind, forced, result.stdout, result.stderr)
        assert len(lines) == 1 and len(lines[0]) < 400, lines
        assert lines[0].startswith(f"error: {path}:"), lines[0]
    assert _stored(run_cli, sqlite_url) == (0, 0)


@pytest.mark.parametrize(
    ("kind", "field"),
    [("huge weight", "eight"), ("far future date", "future"), ("far past date", "before 1900")],
)
@pytest.mark.parametrize("app", APPS)
def test_a_bad_value_is_named_with_its_line_and_field(
    run_cli: Run, sqlite_url: str, tmp_path: Path, app: str, kind: str, field: str
) -> None:
    path = tmp_path / f"{app}.csv"
    path.write_bytes(_hostile(app, kind))
    message = run_cli(["import", path, "--unit", "kg"], db_url=sqlite_url).stderr.strip()
    where = 10 if app == "jefit" else 2
    assert f"{path}:{where}: field '" in message, message
    # JEFIT packs weight and reps in one cell: a weight no number reads refuses the list.
    assert (field if (app, kind) != ("jefit", "huge weight") else "logs") in message, message


@pytest.fixture
def fuzz_db(tmp_path: Path) -> Iterator[Database]:
    """One database for all the examples of the run (the fixture is not run per example)."""
    db = open_database(f"sqlite:///{tmp_path / 'fuzz.db'}")
    try:
        yield db
    finally:
        db.dispose()


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    app=st.sampled_from(APPS),
    cut=st.integers(min_value=0, max_value=400),
    junk=st.binary(max_size=300),
    forced=st.booleans(),
)
def test_fuzzed_bytes_through_the_service_import_or_refuse_with_a_domain_error(
    tmp_path: Path, fuzz_db: Database, app: str, cut: int, junk: bytes, forced: bool
) -> None:
    data = GOOD[app][0].encode()
    data = data[:cut] + junk + data[cut:]
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    db = fuzz_db
    scope = scope_of(db)
    before = len(list_imports(scope))
    with db.unit_of_work() as uow:
        counted = uow.workouts.count()
    try:
        import_file(scope, app if forced else None, path, unit=WeightUnit.KG)
    except StrongbackError as exc:
        assert "\n" not in str(exc) and len(str(exc)) < 1000
        assert len(list_imports(scope)) == before
        with db.unit_of_work() as uow:
            assert uow.workouts.count() == counted
