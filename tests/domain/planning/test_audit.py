"""The principle checks on hand-built histories: one failing and one holding case per principle."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from strongback.domain.catalog import load_catalog
from strongback.domain.exercise import Exercise
from strongback.domain.planning.audit import AuditReport, audit_history
from strongback.domain.planning.principles import volume_bands
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import Goal, Level, Muscle, Pattern, SetType, WeightUnit

CATALOG = load_catalog()
BANDS = volume_bands(Level.INTERMEDIATE, Goal.HYPERTROPHY)
MONDAY = date(2025, 3, 3)  # a Monday


def _w(day: date, *items: tuple[str, int, int, float | None]) -> Workout:
    """A workout: (exercise, sets, reps, weight kg) per item, all working sets."""
    sets = []
    order = 1
    for ex, n, reps, weight in items:
        for _ in range(n):
            sets.append(
                PerformedSet(exercise=ex, order=order, reps=reps, weight=weight,
                             unit=WeightUnit.KG if weight else None)
            )  # fmt: skip
            order += 1
    return Workout(started_at=datetime.combine(day, datetime.min.time()).replace(hour=18),
                   title="t", sets=tuple(sets))  # fmt: skip


def _audit(workouts: list[Workout], weeks: int = 1, catalog=CATALOG) -> AuditReport:  # type: ignore[no-untyped-def]
    return audit_history(workouts, catalog, BANDS, weeks=weeks)


def _result(report: AuditReport, principle: str, week: int = -1):  # type: ignore[no-untyped-def]
    return next(r for r in report.weeks[week].results if r.principle == principle)


# A well-built week: both pulls, rear delts, lower back, two drills, several rep ranges, in band.
GOOD_WEEK = [
    _w(
        MONDAY,
        ("pull-up", 4, 6, None),
        ("seated-cable-row", 3, 10, 50.0),
        ("face-pull", 3, 15, 15.0),
        ("scorpion-reach", 2, 6, None),
    ),
    _w(
        MONDAY + timedelta(days=2),
        ("kettlebell-rdl", 3, 10, 24.0),
        ("needle-arm-thread", 2, 5, None),
        ("bent-over-reverse-flye", 3, 15, 6.0),
    ),
    _w(
        MONDAY + timedelta(days=4),
        ("lat-pulldown", 4, 12, 50.0),
        ("incline-dumbbell-row", 3, 8, 20.0),
    ),
]


def test_a_well_built_week_holds_every_weekly_principle() -> None:
    report = _audit(GOOD_WEEK)
    failed = [r.principle for r in report.weeks[-1].results if not r.held]
    assert failed == []
    assert report.weeks[-1].workouts == 3


def test_missing_vertical_pull_fails_with_evidence_and_suggestion() -> None:
    week = [_w(MONDAY, ("seated-cable-row", 4, 10, 50.0), ("face-pull", 3, 15, 15.0))]
    r = _result(_audit(week), "vertical-pull")
    assert not r.held
    assert "seated-cable-row" in r.evidence[0]
    assert r.suggestion and "pull-up" in r.suggestion
    assert _result(_audit(GOOD_WEEK), "vertical-pull").held


def test_missing_horizontal_pull_fails() -> None:
    r = _result(_audit([_w(MONDAY, ("pull-up", 3, 8, None))]), "horizontal-pull")
    assert not r.held and "row" in (r.suggestion or "")
    assert _result(_audit(GOOD_WEEK), "horizontal-pull").held


def test_missing_rear_delt_work_fails() -> None:
    r = _result(_audit([_w(MONDAY, ("pull-up", 3, 8, None))]), "rear-delt")
    assert not r.held and "face pulls" in (r.suggestion or "")
    held = _result(_audit(GOOD_WEEK), "rear-delt")
    assert held.held and any("face-pull" in e for e in held.evidence)


def test_missing_lower_back_work_fails() -> None:
    r = _result(_audit([_w(MONDAY, ("pull-up", 3, 8, None))]), "lower-back")
    assert not r.held
    assert _result(_audit(GOOD_WEEK), "lower-back").held


def test_one_mobility_drill_is_not_enough() -> None:
    week = [_w(MONDAY, ("pull-up", 3, 8, None), ("scorpion-reach", 2, 6, None))]
    r = _result(_audit(week), "mobility")
    assert not r.held and "only scorpion-reach" in r.evidence[0]
    assert _result(_audit(GOOD_WEEK), "mobility").held


def test_one_rep_range_only_fails_and_several_hold() -> None:
    same = [_w(MONDAY, ("pull-up", 3, 8, None), ("seated-cable-row", 3, 10, 50.0)),
            _w(MONDAY + timedelta(days=3), ("lat-pulldown", 3, 9, 45.0))]  # fmt: skip
    r = _result(_audit(same), "rep-ranges")
    assert not r.held and "moderate" in r.evidence[0]
    assert _result(_audit(GOOD_WEEK), "rep-ranges").held


def test_same_muscle_hard_on_consecutive_days_fails_with_both_dates() -> None:
    week = [_w(MONDAY, ("pull-up", 4, 8, None)),
            _w(MONDAY + timedelta(days=1), ("lat-pulldown", 4, 10, 40.0))]  # fmt: skip
    r = _result(_audit(week), "recovery")
    assert not r.held
    lats = [e for e in r.evidence if e.startswith("lats")]
    assert lats and "2025-03-03" in lats[0] and "2025-03-04" in lats[0]
    spaced = [_w(MONDAY, ("pull-up", 4, 8, None)),
              _w(MONDAY + timedelta(days=2), ("lat-pulldown", 4, 10, 40.0))]  # fmt: skip
    assert _result(_audit(spaced), "recovery").held


def test_sunday_to_monday_counts_across_weeks() -> None:
    history = [_w(MONDAY - timedelta(days=1), ("pull-up", 4, 8, None)),
               _w(MONDAY, ("lat-pulldown", 4, 10, 40.0))]  # fmt: skip
    assert not _result(_audit(history), "recovery").held


def test_warm_up_sets_do_not_count_as_hard_sets() -> None:
    monday = _w(MONDAY, ("pull-up", 3, 8, None))
    warm = tuple(
        PerformedSet(exercise="pull-up", order=10 + k, reps=5, set_type=SetType.WARM_UP)
        for k in range(3)
    )
    monday = Workout(started_at=monday.started_at, title="t", sets=monday.sets + warm)
    tuesday = _w(MONDAY + timedelta(days=1), ("lat-pulldown", 4, 10, 40.0))
    report = _audit([monday, tuesday])
    assert _result(report, "recovery").held  # 3 working sets on Monday: not hard
    assert report.weeks[-1].hard_sets == 7


def test_weekly_sets_outside_the_band_fail_naming_the_muscle() -> None:
    low = _result(_audit([_w(MONDAY, ("pull-up", 2, 8, None))]), "volume")
    assert not low.held and any("lats: 2 sets, band 10-16 (below)" in e for e in low.evidence)
    assert "add sets for lats" in (low.suggestion or "")
    many = [_w(MONDAY + timedelta(days=2 * k), ("pull-up", 5, 8, None),
               ("lat-pulldown", 5, 10, 40.0)) for k in range(3)]  # fmt: skip
    high = _result(_audit(many), "volume")
    assert not high.held and "trim sets for lats" in (high.suggestion or "")
    assert _result(_audit(GOOD_WEEK), "volume").held


def _shift(workouts: list[Workout], weeks: int, extra_kg: float = 0.0) -> list[Workout]:
    out = []
    for w in workouts:
        sets = tuple(
            PerformedSet(exercise=s.exercise, order=s.order, reps=s.reps, unit=s.unit,
                         weight=None if s.weight is None else s.weight + extra_kg)
            for s in w.sets
        )  # fmt: skip
        out.append(Workout(started_at=w.started_at + timedelta(weeks=weeks), title=w.title,
                           sets=sets))  # fmt: skip
    return out


def test_no_progression_over_the_block_fails_and_rising_loads_hold() -> None:
    flat = [w for k in range(4) for w in _shift(GOOD_WEEK, k)]
    r = _audit(flat, weeks=4).progression
    assert not r.held and r.applicable and r.suggestion
    rising = [w for k in range(4) for w in _shift(GOOD_WEEK, k, extra_kg=2.5 * k)]
    ok = _audit(rising, weeks=4).progression
    assert ok.held and any("estimated max up" in e for e in ok.evidence)


def test_the_window_ends_at_the_latest_workout_and_a_week_off_is_said_once() -> None:
    history = [*_shift(GOOD_WEEK, 0), *_shift(GOOD_WEEK, 3)]
    report = _audit(history, weeks=4)
    assert [w.start for w in report.weeks] == [MONDAY + timedelta(weeks=k) for k in range(4)]
    empty = report.weeks[1]
    assert empty.workouts == 0 and not empty.trained
    assert [r.principle for r in empty.results] == ["training"]
    assert empty.results[0].evidence == ("no training this week",)
    data = empty.to_public()
    assert data["failed"] == [] and data["message"] == "no training this week"
    assert report.weeks[0].trained and "vertical-pull" in report.weeks[0].to_public()["held"]


def test_an_empty_history_says_nothing_is_logged_and_claims_no_failure() -> None:
    report = _audit([], weeks=4)
    assert report.weeks == () and report.message and "nothing logged" in report.message
    assert not report.progression.applicable
    data = json.loads(json.dumps(report.to_public()))
    assert data["weeks"] == [] and "nothing logged" in data["message"]


def test_a_main_lift_whose_estimated_max_fell_fails_the_block_despite_more_sets() -> None:
    def week(k: int, sets: int, kg: float) -> Workout:
        return _w(MONDAY + timedelta(weeks=k), ("goblet-squat", sets, 8, kg),
                  ("seated-cable-row", 3, 10, 50.0 + 2.5 * k))  # fmt: skip

    # 154 kg -> 140 kg estimated max while the sets went from 3 to 5.
    history = [week(0, 3, 154 / (1 + 8 / 30)), week(3, 5, 140 / (1 + 8 / 30))]
    r = _audit(history, weeks=4).progression
    assert r.applicable and not r.held and r.suggestion
    assert any(e.startswith("goblet-squat") and "estimated max down 9%" in e for e in r.evidence)
    steady = [week(0, 3, 100.0), week(3, 5, 99.0)]  # within noise: more sets is progress
    assert _audit(steady, weeks=4).progression.held


def test_custom_exercises_resolve_and_unknown_ids_are_counted() -> None:
    custom = Exercise(id="chin-up-neutral", name="Neutral chin-up", source="custom",
                      pattern=Pattern.VERTICAL_PULL, primary_muscles=(Muscle.LATS,))  # fmt: skip
    week = [_w(MONDAY, ("chin-up-neutral", 3, 8, None), ("mystery-move", 3, 8, 10.0))]
    report = _audit(week, catalog=CATALOG.with_extra([custom]))
    assert _result(report, "vertical-pull").held
    assert report.unknown_exercises == {"mystery-move": 3}
    data = report.to_public()
    assert data["weeks"][-1]["week_start"] == "2025-03-03"
    assert "vertical-pull" in data["weeks"][-1]["held"]
