"""Profile validation, the method's numbers and the week model against its plain-Python score."""

from __future__ import annotations

import itertools

import pytest

from strongback.domain.catalog import load_catalog
from strongback.domain.errors import InvalidInput, UnknownExercise, UnknownName
from strongback.domain.planning.plan_profile import make_profile, parse_weekday
from strongback.domain.planning.principles import (
    Group,
    Intensity,
    day_reps,
    deload_weeks,
    volume_bands,
)
from strongback.domain.planning.solving import solve_week
from strongback.domain.planning.templates import solve_templates
from strongback.domain.planning.week import WeekSpec, adjacent_pairs, score
from strongback.domain.planning.week_input import NORMAL, build_week_spec
from strongback.domain.vocab import Equipment, Goal, Level

CATALOG = load_catalog()


def _profile(**kw: object):  # type: ignore[no-untyped-def]
    args: dict[str, object] = dict(
        days=3, minutes=45, equipment="dumbbells,bench,pull-up-bar", level="beginner",
        goal="hypertrophy", catalog=CATALOG,
    )  # fmt: skip
    args.update(kw)
    return make_profile(**args)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kw", "text", "field"),
    [
        ({"days": 0}, "days must be between 1 and 7", "days"),
        ({"days": 8}, "days must be between 1 and 7", "days"),
        ({"minutes": 9}, "minutes must be between 10 and 180", "minutes"),
        ({"minutes": 181}, "minutes must be between 10 and 180", "minutes"),
        ({"weeks": 0}, "weeks must be between 1 and 16", "weeks"),
        ({"weeks": 17}, "weeks must be between 1 and 16", "weeks"),
        ({"weekdays": "mon,tue"}, "give exactly 3 weekday(s)", "weekdays"),
        ({"weekdays": "mon,mon,fri"}, "twice", "weekdays"),
    ],
)
def test_out_of_range_input_is_refused_with_one_line_naming_the_field(
    kw: dict[str, object], text: str, field: str
) -> None:
    with pytest.raises(InvalidInput) as err:
        _profile(**kw)
    assert text in str(err.value)
    assert "\n" not in str(err.value)
    # The domain names the field; the CLI's flag (--days) is the CLI's to add.
    assert err.value.field == field and "--" not in str(err.value)
    assert err.value.render({field: f"--{field}"}).startswith(f"--{field}") or field == "weekdays"


def test_unknown_names_come_with_suggestions() -> None:
    with pytest.raises(UnknownName) as eq:
        _profile(equipment="dumbells")
    assert "dumbbells" in eq.value.suggestions
    with pytest.raises(UnknownName) as day:
        _profile(weekdays="mon,wed,fry")
    assert "fri" in day.value.suggestions
    with pytest.raises(UnknownExercise) as ex:
        _profile(avoid="pullup")
    assert "pull-up" in ex.value.suggestions
    with pytest.raises(UnknownName):
        _profile(level="expert")


def test_weekdays_accept_names_and_numbers_and_default_spreads_the_days() -> None:
    assert parse_weekday("Monday") == 1
    assert parse_weekday("7") == 7
    assert _profile(weekdays="fri,mon,wed").weekdays == (1, 3, 5)
    assert _profile(days=2).weekdays == (1, 4)
    assert _profile(equipment="none").equipment == frozenset()


def test_bands_rise_with_level_and_strength_needs_fewer_sets() -> None:
    b = volume_bands(Level.BEGINNER, Goal.HYPERTROPHY)[Group.LATS]
    i = volume_bands(Level.INTERMEDIATE, Goal.HYPERTROPHY)[Group.LATS]
    a = volume_bands(Level.ADVANCED, Goal.HYPERTROPHY)[Group.LATS]
    assert (b.low, b.high, i.low, i.high, a.low, a.high) == (6, 10, 10, 16, 14, 20)
    assert volume_bands(Level.INTERMEDIATE, Goal.STRENGTH)[Group.LATS].high < i.high


def test_deloads_come_every_four_to_six_weeks_from_five_weeks_on() -> None:
    assert deload_weeks(4) == ()
    assert deload_weeks(5) == (5,)
    assert deload_weeks(12) == (4, 8, 12)
    for weeks in range(5, 17):
        marks = [0, *deload_weeks(weeks)]
        assert all(4 <= b - a <= 6 for a, b in itertools.pairwise(marks))


def test_heavy_days_sit_below_light_days_and_accessories_never_go_heavy() -> None:
    row = CATALOG.get("seated-cable-row")
    heavy = day_reps(row, Goal.HYPERTROPHY, Level.INTERMEDIATE, Intensity.HEAVY)
    light = day_reps(row, Goal.HYPERTROPHY, Level.INTERMEDIATE, Intensity.LIGHT)
    assert heavy.max < light.min
    flye = CATALOG.get("bent-over-reverse-flye")
    assert day_reps(flye, Goal.STRENGTH, Level.ADVANCED, Intensity.HEAVY) == day_reps(
        flye, Goal.STRENGTH, Level.ADVANCED, Intensity.MODERATE
    )
    assert day_reps(row, Goal.STRENGTH, Level.BEGINNER, Intensity.HEAVY).min >= 6


def test_solver_objective_equals_the_plain_python_score() -> None:
    profile = _profile(days=5, minutes=50, equipment="kettlebell,band,pull-up-bar", back_pain=True,
                       weeks=6)  # fmt: skip
    for template in solve_templates(profile, CATALOG).values():
        assert template.solution.status == "OPTIMAL"
        assert template.solution.objective == score(template.spec, template.solution.days)


def test_sunday_and_monday_are_adjacent_only_when_the_week_wraps() -> None:
    spec = build_week_spec(_profile(days=3, weekdays="mon,sat,sun"), CATALOG, NORMAL)
    assert (7, 1) in adjacent_pairs(spec)
    no_wrap = WeekSpec(**{**spec.__dict__, "wrap": False})
    assert (7, 1) not in adjacent_pairs(no_wrap)
    assert (6, 7) in adjacent_pairs(no_wrap)


def test_a_muscle_hard_on_the_following_monday_is_kept_off_sunday() -> None:
    spec = build_week_spec(_profile(days=1, weekdays="sun", minutes=60), CATALOG, NORMAL)
    free = solve_week(spec)
    from strongback.domain.planning.week import hard_muscles

    hard = hard_muscles(spec, free.days[0])
    assert hard
    blocked = solve_week(WeekSpec(**{**spec.__dict__, "after_last": frozenset(hard)}))
    assert not hard_muscles(spec, blocked.days[0]) & hard


def test_equipment_owned_limits_the_candidates() -> None:
    spec = build_week_spec(_profile(equipment="pull-up-bar"), CATALOG, NORMAL)
    for c in spec.candidates:
        assert c.exercise.doable_with({Equipment.PULL_UP_BAR})


FULL = (
    "pull-up-bar,cable-station,lat-pulldown,dumbbells,kettlebell,barbell,bench,"
    "back-extension-bench,band,mat"
)


@pytest.mark.parametrize("goal", list(Goal))
def test_novice_rep_ranges_stay_in_the_novice_range_on_every_day(goal: Goal) -> None:
    for e in CATALOG.curated():
        if not e.loaded:
            continue
        rngs = [day_reps(e, goal, Level.BEGINNER, i) for i in Intensity]
        assert all(r.min >= 8 for r in rngs), (e.id, rngs)  # 8-12RM for novices [ACSM09]
        heavy, _moderate, light = rngs
        assert heavy.max <= light.min or e.pattern.value in ("rear-delt", "shoulder-elevation")


@pytest.mark.parametrize("level", list(Level))
@pytest.mark.parametrize("goal", list(Goal))
def test_hand_held_hinges_and_squats_never_drop_to_low_reps(level: Level, goal: Goal) -> None:
    for ex_id, floor in [("kettlebell-rdl", 8), ("chest-loaded-good-morning", 8),
                         ("goblet-squat", 6), ("suitcase-deadlift", 6),
                         ("incline-dumbbell-row", 6)]:  # fmt: skip
        e = CATALOG.get(ex_id)
        rngs = [day_reps(e, goal, level, i) for i in Intensity]
        assert all(r.min >= floor for r in rngs), (ex_id, rngs)
        assert rngs[0].min <= rngs[2].min  # the light day is never below the heavy day


def test_beginners_keep_two_reps_in_reserve_and_compounds_never_reach_failure() -> None:
    from strongback.domain.dosing import is_compound
    from strongback.domain.planning.generator import generate_plan
    from strongback.domain.planning.principles import is_drill

    for level in ("beginner", "advanced"):
        plan = generate_plan(
            _profile(days=4, minutes=45, equipment=FULL, level=level, weeks=4), CATALOG
        )
        for w in plan.weeks:
            for s in w.sessions:
                for it in s.items:
                    if it.target_rir is None:  # stretches, holds and drills have no RIR
                        assert is_drill(CATALOG.get(it.exercise)), (w.week, it)
                        continue
                    if level == "beginner":
                        assert it.target_rir >= 2, (w.week, it)
                    if is_compound(CATALOG.get(it.exercise)):
                        assert it.target_rir >= 1, (w.week, it)


@pytest.mark.parametrize(
    ("days", "minutes", "weeks", "level", "goal"),
    [(6, 20, 12, "advanced", "hypertrophy"), (6, 20, 12, "beginner", "hypertrophy"),
     (6, 15, 12, "advanced", "back-health"), (7, 15, 6, "beginner", "back-health")],
)  # fmt: skip
def test_short_sessions_on_many_days_are_proven_optimal_or_state_a_small_gap(
    days: int, minutes: int, weeks: int, level: str, goal: str
) -> None:
    # How fast is bench/plan.py's to measure; a timed unit test fails on a busy machine. A week
    # from a smaller pool of exercises is optimal over that pool only: never called OPTIMAL
    # unless it reaches the bound over every exercise.
    profile = _profile(days=days, minutes=minutes, equipment=FULL, level=level, goal=goal,
                       weeks=weeks)  # fmt: skip
    for t in solve_templates(profile, CATALOG).values():
        found = t.solution
        assert found.objective <= found.bound
        if found.status != "OPTIMAL":
            assert found.status == "FEASIBLE"
            assert (found.bound - found.objective) / found.objective <= 0.06, found


@pytest.mark.parametrize("minutes", [20, 25])
def test_a_single_short_session_covers_more_with_single_sets(minutes: int) -> None:
    from strongback.domain.planning.generator import generate_plan
    from tests.domain.planning.checker import check_plan

    plan = generate_plan(
        _profile(days=1, minutes=minutes, equipment=FULL, level="intermediate", weeks=4),
        CATALOG,
    )
    data = plan.to_public()
    assert check_plan(data) == []
    patterns = {
        CATALOG.get(i["exercise"]).pattern.value for i in data["weeks"][0]["sessions"][0]["items"]
    }
    assert {"vertical-pull", "horizontal-pull", "rear-delt"} <= patterns
    assert patterns & {"back-extension", "hip-hinge"}
    assert any(i["sets"] == 1 for i in data["weeks"][0]["sessions"][0]["items"])
    covered = not any(w.startswith(("no ", "fewer than two")) for w in plan.warnings)
    assert covered == (minutes == 25)  # warnings say exactly what is still missing


def test_a_hinted_item_model_starts_from_the_hinted_week() -> None:
    from strongback.domain.planning.cpsat import SEED
    from strongback.domain.planning.item_model import solve_items
    from strongback.domain.planning.solving import solve_week
    from strongback.domain.planning.week import score
    from strongback.domain.planning.week_input import NORMAL, build_week_spec

    profile = _profile(days=7, minutes=19, equipment="pull-up-bar,cable-station,lat-pulldown,"
                       "dumbbells,kettlebell", level="beginner", goal="strength", weeks=12,
                       back_pain=True)  # fmt: skip
    spec = build_week_spec(profile, CATALOG, NORMAL)
    known = solve_week(spec)
    hinted = solve_items(spec, workers=1, seed=SEED, limit=0.15, hint=known.days)
    assert score(spec, hinted.days) >= score(spec, known.days)
