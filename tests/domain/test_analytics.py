"""The progress analytics on logs built by hand: every number checked against arithmetic."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from strongback.domain.analytics import MuscleBand, RecoveryState, analyse
from strongback.domain.catalog import load_catalog
from strongback.domain.planning.audit import audit_history
from strongback.domain.planning.principles import volume_bands
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import KG_PER_LB, Goal, Level, Muscle, SetType, Side, WeightUnit

KG, LB = WeightUnit.KG, WeightUnit.LB
MONDAY = date(2026, 11, 2)  # a Monday
CATALOG = load_catalog()


def _w(day: date, *groups: tuple[str, list[dict[str, Any]]], hour: int = 8) -> Workout:
    sets = []
    for ex, rows in groups:
        for row in rows:
            sets.append(PerformedSet(ex, len(sets) + 1, **row))
    return Workout(datetime(day.year, day.month, day.day, hour), "Session", tuple(sets))


def _n(n: int, **kw: Any) -> list[dict[str, Any]]:
    return [dict(kw) for _ in range(n)]


def _one_week(*workouts: Workout, unit: WeightUnit = KG, **kw: Any) -> Any:
    return analyse(list(workouts), CATALOG, unit=unit, weeks=1, today=MONDAY + timedelta(5), **kw)


def test_sets_per_muscle_count_primary_one_and_secondary_half_and_skip_warm_ups() -> None:
    p = _one_week(
        _w(
            MONDAY,
            ("pull-up", [{"reps": 5, "set_type": SetType.WARM_UP}, *_n(3, reps=8)]),
            ("seated-cable-row", _n(2, weight=50, unit=KG, reps=10)),
        )
    )
    week = p.weeks[0]
    assert week.sets_per_muscle[Muscle.LATS] == 5  # 3 + 2, the warm-up left out
    assert week.sets_per_muscle[Muscle.TRAPS] == 3.5  # 3 x 0.5 + 2 x 1
    assert week.sets_per_muscle[Muscle.REAR_DELTS] == 1  # 2 x 0.5
    assert week.sets_per_muscle[Muscle.BICEPS] == 2.5
    assert week.sets_per_muscle[Muscle.ERECTOR_SPINAE] == 1
    assert Muscle.QUADS not in week.sets_per_muscle  # no sets, no band: not listed
    assert p.bands[Muscle.LATS] == MuscleBand(10, 16)  # intermediate hypertrophy
    assert p.bands[Muscle.LATS].judge(week.sets_per_muscle[Muscle.LATS]) == "below"
    assert week.to_public()["sets_per_muscle"]["rhomboids"] == 2


def test_bands_follow_the_level_and_goal_of_the_plan() -> None:
    p = _one_week(_w(MONDAY, ("pull-up", _n(1, reps=8))), level=Level.ADVANCED, goal=Goal.STRENGTH)
    low = volume_bands(Level.ADVANCED, Goal.STRENGTH)
    assert p.bands[Muscle.LATS] == MuscleBand(10, 16)
    assert p.bands[Muscle.ERECTOR_SPINAE].low == min(b.low for b in low.values())


def test_pull_balance_counts_vertical_horizontal_rear_delt_and_lower_back_sets() -> None:
    p = _one_week(
        _w(
            MONDAY,
            ("pull-up", _n(3, reps=8)),
            ("seated-cable-row", _n(2, weight=40, unit=KG, reps=10)),
            ("face-pull", _n(3, weight=15, unit=KG, reps=15)),
        ),
        _w(
            MONDAY + timedelta(2),
            ("prisoner-back-extension", _n(2, reps=12)),
            ("kettlebell-rdl", _n(3, weight=24, unit=KG, reps=10)),
            ("lat-pulldown", _n(4, weight=50, unit=KG, reps=10)),
        ),
    )
    week = p.weeks[0]
    assert (week.vertical_pull_sets, week.horizontal_pull_sets) == (7, 2)
    assert week.rear_delt_sets == 3
    assert week.lower_back_sets == 5
    assert week.sessions == 2


def test_mobility_sessions_and_minutes_come_from_mobility_drills_only() -> None:
    stretch = "half-kneeling-hip-flexor-stretch"
    p = _one_week(
        _w(MONDAY, (stretch, _n(2, seconds=30)), ("pull-up", _n(2, reps=8))),
        _w(MONDAY + timedelta(1), (stretch, _n(1, seconds=45))),
        _w(MONDAY + timedelta(3), ("pull-up", _n(2, reps=8))),
    )
    week = p.weeks[0]
    assert week.mobility_sessions == 2
    assert week.mobility_minutes == pytest.approx(105 / 60)
    assert Muscle.HIP_FLEXORS not in week.sets_per_muscle  # a stretch is no hard set


def test_rep_ranges_spread_the_hard_sets_over_four_brackets() -> None:
    p = _one_week(
        _w(MONDAY, ("pull-up", [{"reps": r} for r in (3, 5, 8, 12, 15, 25)] + [{"seconds": 30}]))
    )
    assert p.weeks[0].rep_ranges == {"1-5": 2, "6-12": 2, "13-20": 1, "21+": 1}


def test_tonnage_is_in_the_profile_unit_whatever_unit_each_set_was_logged_in() -> None:
    workout = _w(
        MONDAY,
        ("seated-cable-row", _n(1, weight=100, unit=KG, reps=5)),
        ("face-pull", _n(1, weight=50, unit=LB, reps=10)),
        ("pull-up", _n(1, reps=10)),  # bodyweight: no tonnage
    )
    in_lb = _one_week(workout, unit=LB).weeks[0].tonnage
    in_kg = _one_week(workout, unit=KG).weeks[0].tonnage
    assert in_lb == pytest.approx(500 / KG_PER_LB + 500)
    assert in_kg == pytest.approx(500 + 500 * KG_PER_LB)
    assert _one_week(workout, unit=LB).to_public()["unit"] == "lb"


def test_time_under_tension_uses_the_logged_tempo_then_the_exercise_default_then_3_s() -> None:
    p = _one_week(
        _w(
            MONDAY,
            ("pull-up", [{"reps": 8}]),  # default tempo 3-2-1-2: 8 s a rep
            ("pull-up", [{"reps": 8, "tempo": "2-0-1-0"}]),  # 3 s a rep
            ("pull-up", [{"reps": 8, "tempo": "nonsense"}]),  # unreadable: the default
            ("side-bridge", [{"seconds": 30}]),  # a hold counts its seconds
            ("my-own-thing", [{"reps": 10}]),  # unknown, no tempo: 3 s a rep
        )
    )
    assert p.weeks[0].time_under_tension_seconds == 64 + 24 + 64 + 30 + 30
    assert p.unknown_exercises == {"my-own-thing": 1}


def test_e1rm_per_session_and_records_judged_against_the_whole_history() -> None:
    row = "seated-cable-row"
    old = MONDAY - timedelta(days=21)
    workouts = [
        _w(old, (row, [{"weight": 100, "unit": KG, "reps": 5}])),
        _w(MONDAY, (row, [{"weight": 90, "unit": KG, "reps": 5}])),
        _w(
            MONDAY + timedelta(2),
            (
                row,
                [
                    {"weight": 200, "unit": KG, "reps": 5, "set_type": SetType.WARM_UP},
                    {"weight": 80, "unit": KG, "reps": 20},  # 20 reps: too many to estimate
                    {"weight": 105, "unit": KG, "reps": 5},
                ],
            ),
        ),
    ]
    p = _one_week(*workouts, unit=KG)
    (trend,) = p.exercises
    factor = (1 + 5 / 30 + 36 / 32) / 2  # mean of Epley and Brzycki at 5 reps
    assert [pt.day for pt in trend.e1rm] == [MONDAY, MONDAY + timedelta(2)]
    assert [pt.value for pt in trend.e1rm] == pytest.approx([90 * factor, 105 * factor])
    assert [pt.day for pt in trend.records] == [MONDAY + timedelta(2)]
    public = p.to_public()["exercises"][0]
    assert public["exercise"] == row
    assert public["e1rm"][0] == {"date": MONDAY.isoformat(), "value": round(90 * factor, 1)}
    assert public["records"][0]["reps"] == 5
    in_lb = _one_week(*workouts, unit=LB).exercises[0].e1rm[0].value
    assert in_lb == pytest.approx(90 * factor / KG_PER_LB)


def test_the_exercise_filter_keeps_one_trend() -> None:
    p = _one_week(
        _w(MONDAY, ("seated-cable-row", _n(1, weight=50, unit=KG, reps=8))),
        _w(MONDAY, ("face-pull", _n(1, weight=10, unit=KG, reps=12))),
        exercise="face-pull",
    )
    assert [t.exercise for t in p.exercises] == ["face-pull"]


def test_consistency_counts_planned_sessions_and_the_current_streak_of_weeks() -> None:
    weeks = [MONDAY - timedelta(days=7 * k) for k in (4, 3, 1, 0)]  # week 2 skipped
    workouts = [_w(m + timedelta(1), ("pull-up", _n(2, reps=8))) for m in weeks]
    workouts.append(_w(MONDAY + timedelta(3), ("pull-up", _n(2, reps=8))))
    p = analyse(
        workouts, CATALOG, unit=KG, weeks=5, today=MONDAY + timedelta(4),
        planned={MONDAY: 3, MONDAY - timedelta(days=7): 3},
    )  # fmt: skip
    assert [w.sessions for w in p.weeks] == [1, 1, 0, 1, 2]
    assert [w.planned_sessions for w in p.weeks] == [None, None, None, 3, 3]
    c = p.consistency
    assert (c.sessions, c.planned, c.weeks_trained, c.weeks, c.streak_weeks) == (5, 6, 4, 5, 2)
    # Early in a week with nothing logged yet, the streak still counts the weeks before.
    early = analyse(workouts, CATALOG, unit=KG, weeks=5, today=MONDAY + timedelta(days=7))
    assert early.consistency.streak_weeks == 2


def test_pain_trend_names_the_exercises_of_the_days_pain_rose() -> None:
    days = [MONDAY + timedelta(k) for k in range(4)]
    p = _one_week(
        _w(days[0], ("pull-up", [{"reps": 8, "pain": 2}])),
        _w(days[1], ("kettlebell-rdl", [{"weight": 24, "unit": KG, "reps": 10, "pain": 4}]),
           ("face-pull", [{"weight": 10, "unit": KG, "reps": 12, "pain": 1}])),
        _w(days[2], ("pull-up", [{"reps": 8, "pain": 3}])),
        _w(days[3], ("prisoner-back-extension", [{"reps": 10, "pain": 5}])),
    )  # fmt: skip
    assert [(d.pain, d.rose) for d in p.pain] == [(2, False), (4, True), (3, False), (5, True)]
    assert p.pain[1].exercises == ("kettlebell-rdl", "face-pull")
    assert p.weeks[0].pain_max == 5
    no_pain = _one_week(_w(MONDAY, ("pull-up", [{"reps": 8}])))
    assert no_pain.weeks[0].pain_max is None and not no_pain.pain


def test_recovery_waits_48_hours_and_72_after_a_hard_day() -> None:
    heavy = _w(MONDAY, ("pull-up", _n(5, reps=8)))  # 5 lat sets: a hard day
    light = _w(MONDAY - timedelta(1), ("face-pull", _n(2, weight=10, unit=KG, reps=12)))
    now = datetime(MONDAY.year, MONDAY.month, MONDAY.day, 8) + timedelta(hours=24)
    p = _one_week(light, heavy, now=now)
    by = {r.muscle: r for r in p.recovery}
    assert by[Muscle.LATS].state is RecoveryState.RECOVERING
    assert by[Muscle.LATS].recovered == pytest.approx(24 / 72)
    assert by[Muscle.LATS].last_sets == 5
    assert by[Muscle.REAR_DELTS].state is RecoveryState.READY  # 2 sets 48 h ago
    assert by[Muscle.ERECTOR_SPINAE].state is RecoveryState.UNTRAINED
    later = _one_week(light, heavy, now=now + timedelta(hours=48))
    assert {r.muscle: r.state for r in later.recovery}[Muscle.LATS] is RecoveryState.READY


def test_back_health_benchmarks_track_timed_holds_per_side() -> None:
    p = _one_week(
        _w(MONDAY - timedelta(30), ("side-bridge", [
            {"seconds": 40, "side": Side.LEFT}, {"seconds": 35, "side": Side.RIGHT},
        ]), ("dead-hang", [{"seconds": 45}])),
        _w(MONDAY, ("side-bridge", [{"seconds": 50}, {"reps": 10}]),
           ("prisoner-back-extension", [{"seconds": 90}]), ("dead-hang", [{"seconds": 60}])),
    )  # fmt: skip
    by = {b.key: b for b in p.benchmarks}
    assert [pt.seconds for pt in by["side-plank-left"].points] == [40, 50]
    assert [pt.seconds for pt in by["side-plank-right"].points] == [35, 50]
    assert by["dead-hang"].best == 60 and by["dead-hang"].latest.day == MONDAY  # type: ignore[union-attr]
    assert [pt.seconds for pt in by["back-extension-hold"].points] == [90]


def test_json_has_exactly_the_documented_keys() -> None:
    p = _one_week(_w(MONDAY, ("seated-cable-row", _n(2, weight=50, unit=KG, reps=10))))
    data = p.to_public()
    assert set(data) == {"unit", "weeks", "exercises"}
    assert set(data["weeks"][0]) == {
        "week_start", "sets_per_muscle", "vertical_pull_sets", "horizontal_pull_sets",
        "rear_delt_sets", "lower_back_sets", "mobility_sessions", "sessions",
        "planned_sessions", "tonnage", "time_under_tension_seconds", "pain_max",
    }  # fmt: skip
    assert set(data["exercises"][0]) == {"exercise", "e1rm", "records"}
    assert data["weeks"][0]["week_start"] == MONDAY.isoformat()


def test_an_old_history_is_shown_where_it_ends() -> None:
    old = date(2021, 3, 3)
    p = analyse([_w(old, ("pull-up", _n(2, reps=8)))], CATALOG, unit=KG, weeks=4, today=MONDAY)
    assert p.weeks[-1].start == date(2021, 3, 1)
    assert p.weeks[-1].sessions == 1


def test_audit_shows_estimated_maxes_in_the_users_unit() -> None:
    row = "seated-cable-row"
    workouts = [
        _w(MONDAY - timedelta(7), (row, _n(3, weight=100, unit=KG, reps=8))),
        _w(MONDAY, (row, _n(3, weight=100, unit=KG, reps=8))),
    ]
    bands = volume_bands(Level.INTERMEDIATE, Goal.HYPERTROPHY)
    in_lb = audit_history(workouts, CATALOG, bands, weeks=2, unit=LB)
    text = " ".join(in_lb.progression.evidence)
    assert "e1RM" in text and " lb" in text and " kg" not in text
    assert f"{100 * (1 + 8 / 30) / KG_PER_LB:.1f} lb" in text
    assert in_lb.to_public()["unit"] == "lb"
    in_kg = " ".join(audit_history(workouts, CATALOG, bands, weeks=2).progression.evidence)
    assert f"{100 * (1 + 8 / 30):.1f} kg" in in_kg
