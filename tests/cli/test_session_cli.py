"""``strongback session`` driven through its prompts in-process: stopping, finishing early,
an empty day, and the options it refuses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from strongback.services import sessions
from strongback.services.training_log import workouts
from strongback.storage import open_database
from tests.builders import scope_of

Run = Callable[..., Any]
FAST = ["--speed", "1000"]


def _check(url: str, check: Callable[[Any], None]) -> None:
    db = open_database(url)
    try:
        check(scope_of(db))
    finally:
        db.dispose()


def _entered_reps(expected: list[int]) -> Callable[[Any], None]:
    def check(scope: Any) -> None:
        active = sessions.active_session(scope)
        assert active is not None and [e.reps for e in active.entered] == expected

    return check


def _no_workout(scope: Any) -> None:
    assert workouts(scope) == []


def test_q_stops_with_the_sets_kept_and_f_finishes_early(run_cli: Run, sqlite_url: str) -> None:
    # One set of pull-ups (start, 9 reps, RIR and pain by default), then q.
    result = run_cli(["session", "-e", "pull-up", *FAST], sqlite_url, input="\n9\n\n\nq\n")
    assert result.exit_code == 0, result.stdout
    assert "Stopped. Every set entered is kept" in result.stdout
    _check(sqlite_url, _entered_reps([9]))
    done = run_cli(["session", "--resume", *FAST], sqlite_url, input="f\n")
    assert done.exit_code == 0, done.stdout
    assert "saved with 1 set." in done.stdout

    def one_workout(scope: Any) -> None:
        (w,) = workouts(scope)
        assert [s.reps for s in w.sets] == [9]
        assert sessions.active_session(scope) is None

    _check(sqlite_url, one_workout)


def test_an_empty_day_asks_for_exercises_and_closes_without_a_workout(
    run_cli: Run, sqlite_url: str
) -> None:
    result = run_cli(["session", *FAST], sqlite_url, input="\n")
    assert result.exit_code == 0, result.stdout
    assert "Nothing is planned for today" in result.stdout
    assert "no set was entered, so no workout was written" in result.stdout
    _check(sqlite_url, _no_workout)


def test_a_bad_answer_is_asked_again(run_cli: Run, sqlite_url: str) -> None:
    result = run_cli(
        ["session", "-e", "pull-up", *FAST], sqlite_url, input="\nmany\n8\n\n11\n0\nq\n"
    )
    assert "error: reps: 'many' is not a whole number" in result.stdout
    assert "error: pain: 11 is not between 0 and 10" in result.stdout
    _check(sqlite_url, _entered_reps([8]))


def test_bad_options_are_one_line(run_cli: Run, sqlite_url: str) -> None:
    speed = run_cli(["session", "--speed", "0"], sqlite_url)
    assert speed.exit_code == 2 and "--speed" in speed.stderr
    resume = run_cli(["session", "--resume"], sqlite_url)
    assert resume.exit_code == 2 and "no session in progress" in resume.stderr
    unknown = run_cli(["session", "-e", "pullup"], sqlite_url)
    assert unknown.exit_code == 2 and "pull-up" in unknown.stderr


def test_the_plate_line_loads_barbell_work_only_and_in_the_load_unit() -> None:
    from strongback.cli.session_view import plate_line
    from strongback.domain.catalog import load_catalog
    from strongback.domain.guided import SessionItem
    from strongback.domain.profile import UserProfile
    from strongback.domain.tempo import METHOD_TEMPO, TimedItem
    from strongback.domain.vocab import WeightUnit

    cat = load_catalog(extended=False)
    timed = TimedItem(METHOD_TEMPO, sets=3, rest_seconds=90, reps=10)
    kg = UserProfile(plates=(5.0, 10.0), bar_weight=15)
    row = SessionItem("upright-row", timed, 45.0, WeightUnit.KG)
    assert plate_line(row, cat.get("upright-row"), kg) == "Per side: 10 + 5 kg on a 15 kg bar"
    in_lb = SessionItem("upright-row", timed, 135.0, WeightUnit.LB)
    assert plate_line(in_lb, cat.get("upright-row"), kg) == "Per side: 45 lb on a 45 lb bar"
    squat = SessionItem("goblet-squat", timed, 16.0, WeightUnit.KG)
    assert plate_line(squat, cat.get("goblet-squat"), kg) is None
