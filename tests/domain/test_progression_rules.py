"""Each progression rule with a worked example."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from strongback.domain.exercise import Exercise, RepRange
from strongback.domain.profile import UserProfile
from strongback.domain.progression import (
    DeloadWeek,
    PlanItem,
    Rule,
    continuous_weeks,
    deload_due,
    prescribe,
    read_plan,
)
from strongback.domain.tempo import Tempo
from strongback.domain.vocab import Equipment, Goal, Level, Muscle, Pattern, SetType
from tests.builders import typed_plan

from .test_progression_support import (
    KG,
    LB,
    TODAY,
    ex,
    history,
    home_profile,
    next_for,
    sets,
    settings,
)

ROW = "incline-dumbbell-row"  # dumbbells, 3 x 8-12, 3-2-1-2, loaded

# --- double progression ---------------------------------------------------------------------


def test_every_set_at_the_top_of_the_range_adds_the_next_owned_dumbbell() -> None:
    h = history(ROW, [sets(3, weight=20, unit=KG, reps=12, rir=2)])
    p = next_for(ROW, h, home_profile())
    assert (p.rule, p.weight, p.unit) == (Rule.ADD_LOAD, 22.5, KG)
    assert p.reps == RepRange(min=8, max=12) and p.sets == 3
    assert "22.5 kg" in p.reason and "20 kg" in p.reason


def test_unknown_reps_in_reserve_count_as_on_target_at_the_top() -> None:
    h = history(ROW, [sets(3, weight=20, unit=KG, reps=12)])
    assert next_for(ROW, h, home_profile()).rule is Rule.ADD_LOAD


def test_rpe_converts_to_reps_in_reserve() -> None:
    easy = history(ROW, [sets(3, weight=20, unit=KG, reps=12, rpe=8)])  # 2 RIR
    hard = history(ROW, [sets(3, weight=20, unit=KG, reps=12, rpe=9.5)])  # 0.5 RIR
    assert next_for(ROW, easy, home_profile()).rule is Rule.ADD_LOAD
    held = next_for(ROW, hard, home_profile())
    assert held.rule is Rule.HOLD and held.weight == 20


def test_top_of_the_range_below_the_target_rir_keeps_the_load() -> None:
    h = history(ROW, [sets(3, weight=20, unit=KG, reps=12, rir=0)])
    p = next_for(ROW, h, home_profile())
    assert (p.rule, p.weight) == (Rule.HOLD, 20)


def test_a_failure_set_counts_as_no_reps_in_reserve() -> None:
    h = history(ROW, [[*sets(2, weight=20, unit=KG, reps=12), {"weight": 20, "unit": KG,
                       "reps": 12, "set_type": SetType.FAILURE}]])  # fmt: skip
    assert next_for(ROW, h, home_profile()).rule is Rule.HOLD


def test_a_set_below_the_bottom_keeps_the_load() -> None:
    h = history(ROW, [[{"weight": 20, "unit": KG, "reps": r} for r in (10, 8, 6)]])
    p = next_for(ROW, h, home_profile())
    assert (p.rule, p.weight) == (Rule.HOLD, 20)
    assert "6" in p.reason


def test_inside_the_range_keeps_the_load_and_adds_reps() -> None:
    h = history(ROW, [[{"weight": 20, "unit": KG, "reps": r} for r in (12, 11, 10)]])
    p = next_for(ROW, h, home_profile())
    assert (p.rule, p.weight) == (Rule.ADD_REPS, 20)


def test_three_missed_sessions_in_a_row_take_about_ten_percent_off() -> None:
    h = history(ROW, [sets(3, weight=20, unit=KG, reps=6)] * 3)
    p = next_for(ROW, h, home_profile())
    assert p.rule is Rule.STALL_RESET
    assert p.weight == 17.5  # 18 kg is not owned: the nearest lighter dumbbell
    assert "stall" in p.reason


def test_two_missed_sessions_are_not_yet_a_stall() -> None:
    h = history(ROW, [sets(3, weight=20, unit=KG, reps=6)] * 2)
    assert next_for(ROW, h, home_profile()).rule is Rule.HOLD


def test_misses_at_different_loads_are_not_a_stall() -> None:
    h = history(
        ROW,
        [
            sets(3, weight=17.5, unit=KG, reps=6),
            sets(3, weight=17.5, unit=KG, reps=7),
            sets(3, weight=20, unit=KG, reps=6),
        ],
    )
    assert next_for(ROW, h, home_profile()).rule is Rule.HOLD


def test_a_barbell_stall_rounds_to_a_plate_combination() -> None:
    h = history("landmine-one-arm-row", [sets(3, weight=105, unit=LB, reps=5)] * 3)
    p = next_for("landmine-one-arm-row", h, UserProfile(unit=LB))
    assert p.rule is Rule.STALL_RESET and p.unit is LB
    # 0.9 x 105 = 94.5; a 45 lb bar takes pairs of 2.5 lb plates: 95 lb.
    assert p.weight == 95


def test_warm_ups_and_drop_sets_do_not_decide() -> None:
    h = history(
        ROW,
        [
            [
                {"weight": 10, "unit": KG, "reps": 5, "set_type": SetType.WARM_UP},
                *sets(3, weight=20, unit=KG, reps=12),
                {"weight": 12.5, "unit": KG, "reps": 4, "set_type": SetType.DROP},
            ]
        ],
    )
    assert next_for(ROW, h, home_profile()).rule is Rule.ADD_LOAD


def test_lighter_ramp_sets_are_not_judged() -> None:
    ramp = ((10, 5), (15, 5), (20, 12), (20, 12))
    h = history(ROW, [[{"weight": w, "unit": KG, "reps": r} for w, r in ramp]])
    p = next_for(ROW, h, home_profile())
    assert (p.rule, p.weight) == (Rule.ADD_LOAD, 22.5)


def test_an_exercise_done_once_still_progresses() -> None:
    h = history("lat-pulldown", [sets(1, weight=40, unit=KG, reps=12)])
    p = next_for("lat-pulldown", h)
    assert (p.rule, p.weight) == (Rule.ADD_LOAD, 45)  # default stack step 5 kg


# --- units ------------------------------------------------------------------------------------


def test_history_in_pounds_is_prescribed_in_pounds_without_a_profile_list() -> None:
    h = history("lat-pulldown", [sets(3, weight=120, unit=LB, reps=12)])
    p = next_for("lat-pulldown", h)  # default profile says kg, the stack is in lb
    assert (p.weight, p.unit) == (130, LB)


def test_mixed_units_compare_in_kg_and_follow_the_last_unit() -> None:
    h = history(
        "lat-pulldown",
        [sets(3, weight=100, unit=LB, reps=12), sets(3, weight=50, unit=KG, reps=9)],
    )
    p = next_for("lat-pulldown", h)
    assert (p.rule, p.weight, p.unit) == (Rule.ADD_REPS, 50, KG)


def test_owned_dumbbells_in_kg_convert_a_history_in_pounds() -> None:
    h = history(ROW, [sets(3, weight=45, unit=LB, reps=12)])  # 20.4 kg
    p = next_for(ROW, h, home_profile())
    assert (p.rule, p.weight, p.unit) == (Rule.ADD_LOAD, 22.5, KG)


# --- tempo as a lever ---------------------------------------------------------------------------


def test_at_the_heaviest_dumbbell_the_tempo_gets_slower() -> None:
    h = history(ROW, [sets(3, weight=22.5, unit=KG, reps=12)])
    p = next_for(ROW, h, home_profile())
    assert p.rule is Rule.SLOWER_TEMPO
    assert p.weight == 22.5 and p.tempo == Tempo(4, 2, 1, 2)
    assert "heaviest" in p.reason


def test_the_tempo_keeps_slowing_from_the_tempo_logged() -> None:
    h = history(ROW, [sets(3, weight=22.5, unit=KG, reps=12, tempo="5-2-1-2")])
    assert next_for(ROW, h, home_profile()).tempo == Tempo(5, 3, 1, 2)


def test_at_the_slowest_tempo_a_set_is_added() -> None:
    h = history(ROW, [sets(3, weight=22.5, unit=KG, reps=12, tempo="5-3-1-3")])
    p = next_for(ROW, h, home_profile())
    assert (p.rule, p.sets, p.weight) == (Rule.ADD_SET, 4, 22.5)


def test_the_heaviest_default_kettlebell_uses_the_tempo_lever() -> None:
    h = history("kettlebell-rdl", [sets(3, weight=24, unit=KG, reps=12)])
    p = next_for("kettlebell-rdl", h)
    assert (p.rule, p.weight) == (Rule.SLOWER_TEMPO, 24)


# --- bodyweight moves -------------------------------------------------------------------------


def test_pull_ups_add_reps_toward_the_ceiling() -> None:
    h = history("pull-up", [[{"reps": r} for r in (7, 6, 6)]])
    p = next_for("pull-up", h)
    assert p.rule is Rule.ADD_REPS and p.weight is None
    assert p.reps == RepRange(min=7, max=10)


def test_pull_ups_at_the_ceiling_add_the_lightest_owned_dumbbell() -> None:
    h = history("pull-up", [sets(3, reps=10)])
    p = next_for("pull-up", h, home_profile(dumbbells=(5, 10, 15)))
    assert (p.rule, p.weight, p.unit) == (Rule.ADD_LOAD, 5, KG)
    assert p.reps == RepRange(min=5, max=10)


def test_pull_ups_at_the_ceiling_without_a_load_slow_the_tempo() -> None:
    h = history("pull-up", [sets(3, reps=10)])
    p = next_for("pull-up", h, UserProfile(equipment=frozenset({Equipment.PULL_UP_BAR})))
    assert p.rule is Rule.SLOWER_TEMPO and p.weight is None
    assert p.tempo is not None and p.tempo.lower == 4


def test_weighted_pull_ups_progress_as_a_loaded_exercise() -> None:
    h = history("pull-up", [sets(3, weight=10, unit=KG, reps=10)])
    p = next_for("pull-up", h, home_profile())
    assert p.rule is Rule.ADD_LOAD and p.weight is not None and p.weight > 10


def test_below_the_bottom_of_the_range_pull_ups_regress_to_the_pulldown_from_history() -> None:
    pull = history("pull-up", [sets(3, reps=3)])
    pulldown = history("lat-pulldown", [sets(3, weight=45, unit=KG, reps=10)])
    p = next_for("pull-up", pull, regression=ex("lat-pulldown"), regression_history=pulldown)
    assert p.rule is Rule.REGRESSION
    assert p.exercise == "lat-pulldown" and p.instead_of == "pull-up"
    assert (p.weight, p.unit) == (45, KG)
    assert "3 reps" in p.reason


def test_a_regression_without_history_starts_at_a_sensible_load() -> None:
    p = next_for("pull-up", history("pull-up", [sets(3, reps=2)]), regression=ex("lat-pulldown"))
    assert p.exercise == "lat-pulldown"
    assert p.weight == 25 and p.unit is KG


def test_some_sets_under_the_bottom_hold_the_pull_ups() -> None:
    p = next_for("pull-up", history("pull-up", [[{"reps": r} for r in (6, 5, 4)]]),
                 regression=ex("lat-pulldown"))  # fmt: skip
    assert (p.exercise, p.rule) == ("pull-up", Rule.HOLD)


# --- holds and drills -------------------------------------------------------------------------


STRETCH = "half-kneeling-hip-flexor-stretch"  # 2 x 30 s per side


def test_timed_holds_add_five_seconds() -> None:
    p = next_for(STRETCH, history(STRETCH, [sets(2, seconds=30)]))
    assert (p.rule, p.seconds) == (Rule.ADD_TIME, 35)
    assert p.reps is None and p.weight is None


def test_a_short_hold_is_repeated_at_the_target() -> None:
    p = next_for(STRETCH, history(STRETCH, [[{"seconds": 30}, {"seconds": 20}]]))
    assert (p.rule, p.seconds) == (Rule.HOLD, 30)


def test_holds_stop_at_a_ceiling() -> None:
    p = next_for(STRETCH, history(STRETCH, [sets(2, seconds=60)]))
    assert (p.rule, p.seconds) == (Rule.HOLD, 60)


def test_per_side_drills_add_one_rep_a_side() -> None:
    p = next_for("scorpion-reach", history("scorpion-reach", [sets(2, reps=6)]))
    assert p.rule is Rule.ADD_REPS
    assert p.reps_per_side == RepRange(min=7, max=7) and p.reps is None


def test_per_side_drills_inside_the_range_work_up_to_its_top() -> None:
    p = next_for("scorpion-reach", history("scorpion-reach", [sets(2, reps=5)]))
    assert p.reps_per_side == RepRange(min=5, max=6)


def test_an_imported_timed_exercise_progresses_its_seconds() -> None:
    plank = Exercise(id="plank", name="Plank", pattern=Pattern.CORE,
                     primary_muscles=(Muscle.ABDOMINALS,), source="custom")  # fmt: skip
    h = history("plank", [sets(3, seconds=45)])
    p = prescribe(plank, h, settings())
    assert (p.rule, p.seconds, p.sets) == (Rule.ADD_TIME, 50, 3)


# --- pain ---------------------------------------------------------------------------------


def test_pain_above_the_threshold_holds_the_load_and_names_the_pain() -> None:
    h = history(ROW, [[*sets(2, weight=20, unit=KG, reps=12), {"weight": 20, "unit": KG,
                       "reps": 12, "pain": 4}]])  # fmt: skip
    p = next_for(ROW, h, home_profile())
    assert (p.rule, p.weight) == (Rule.PAIN, 20)
    assert "pain 4/10" in p.reason and "3/10" in p.reason


def test_pain_at_the_threshold_does_not_stop_progress() -> None:
    h = history(ROW, [sets(3, weight=20, unit=KG, reps=12, pain=3)])
    assert next_for(ROW, h, home_profile()).rule is Rule.ADD_LOAD


def test_pain_above_five_steps_the_load_down() -> None:
    h = history(ROW, [sets(3, weight=20, unit=KG, reps=12, pain=6)])
    p = next_for(ROW, h, home_profile())
    assert (p.rule, p.weight) == (Rule.PAIN, 17.5)


def test_a_user_threshold_changes_what_counts_as_pain() -> None:
    h = history(ROW, [sets(3, weight=20, unit=KG, reps=12, pain=4)])
    assert next_for(ROW, h, home_profile(pain_threshold=5)).rule is Rule.ADD_LOAD


def test_painful_pull_ups_switch_to_the_regression() -> None:
    h = history("pull-up", [sets(3, reps=8, pain=7)])
    p = next_for("pull-up", h, regression=ex("lat-pulldown"))
    assert p.rule is Rule.PAIN and p.exercise == "lat-pulldown"
    assert "pain 7/10" in p.reason


def test_a_painful_hold_adds_no_time() -> None:
    p = next_for(STRETCH, history(STRETCH, [sets(2, seconds=30, pain=4)]))
    assert (p.rule, p.seconds) == (Rule.PAIN, 30)


# --- breaks and deloads -------------------------------------------------------------------


def test_a_long_break_comes_back_lighter() -> None:
    h = history(ROW, [sets(3, weight=20, unit=KG, reps=12)], last_on=TODAY - timedelta(days=60))
    p = next_for(ROW, h, home_profile())
    assert p.rule is Rule.COMEBACK and p.weight == 17.5
    assert "8 weeks ago" in p.reason


def test_a_very_long_break_takes_about_a_fifth_off() -> None:
    h = history("lat-pulldown", [sets(3, weight=50, unit=KG, reps=10)],
                last_on=TODAY - timedelta(days=200))  # fmt: skip
    p = next_for("lat-pulldown", h)
    assert (p.rule, p.weight) == (Rule.COMEBACK, 40)


def test_a_deload_week_halves_the_sets_and_lightens_the_load() -> None:
    h = history(ROW, [sets(3, weight=20, unit=KG, reps=12)])
    cfg = settings(home_profile(), deload=DeloadWeek("this is the plan's deload week"))
    p = next_for(ROW, h, cfg=cfg)
    assert p.rule is Rule.DELOAD
    assert p.sets == 2 and p.weight == 17.5 and p.target_rir == 4
    assert p.reason.startswith("Deload week (this is the plan's deload week): 2 sets at 17.5 kg")


def test_a_deload_with_one_set_at_the_lightest_load_cuts_reps() -> None:
    h = history(ROW, [sets(1, weight=10, unit=KG, reps=8)])
    cfg = settings(home_profile(), deload=DeloadWeek("Deload."))
    p = next_for(ROW, h, cfg=cfg)
    assert p.sets == 1 and p.weight == 10
    assert p.reps is not None and p.reps.max < 8


def test_deload_is_due_on_a_planned_week_on_six_weeks_in_a_row_and_on_stalls() -> None:
    assert deload_due(plan_deload=True) is not None
    assert deload_due(weeks_in_a_row=5) is None
    due = deload_due(weeks_in_a_row=6)
    assert due is not None and "6 weeks" in due.reason
    assert deload_due(stalled=["a"], active=3) is None
    stalls = deload_due(stalled=["seated-cable-row", "pull-up"], active=5)
    assert stalls is not None and "seated cable row" in stalls.reason
    assert deload_due(stalled=["a", "b"], active=12) is None


def _weeks(n: int, sets_per_week: int = 12, *, skip: int | None = None) -> list[tuple[date, int]]:
    monday = TODAY - timedelta(days=TODAY.weekday())
    out = []
    for k in range(1, n + 1):
        if k == skip:
            continue
        start = monday - timedelta(days=7 * k)
        out += [(start, sets_per_week // 2), (start + timedelta(days=3), sets_per_week // 2)]
    return out


def test_continuous_weeks_count_back_from_last_week() -> None:
    assert continuous_weeks(_weeks(7), TODAY) == 7
    assert continuous_weeks(_weeks(7, skip=3), TODAY) == 2
    assert continuous_weeks([], TODAY) == 0


def test_a_light_week_counts_as_a_deload_already_taken() -> None:
    days = _weeks(8)
    monday = TODAY - timedelta(days=TODAY.weekday())
    light = monday - timedelta(days=7 * 3)
    days = [(d, 2 if light <= d < light + timedelta(days=7) else n) for d, n in days]
    assert continuous_weeks(days, TODAY) == 2


def test_this_weeks_sessions_do_not_break_the_run() -> None:
    days = [*_weeks(6), (TODAY, 1)]
    assert continuous_weeks(days, TODAY) == 6


# --- the plan's item wins over the defaults -------------------------------------------------------


def test_the_plan_item_sets_range_tempo_rest_and_target_rir() -> None:
    item = PlanItem(ROW, sets=4, reps=RepRange(min=6, max=10), tempo=Tempo(3, 1, 1, 1),
                    rest_seconds=150, target_rir=1)  # fmt: skip
    h = history(ROW, [sets(4, weight=20, unit=KG, reps=10, rir=1)])
    p = next_for(ROW, h, home_profile(), item=item)
    assert (p.rule, p.weight, p.sets) == (Rule.ADD_LOAD, 22.5, 4)
    assert p.reps == RepRange(min=6, max=10)
    assert (p.tempo, p.rest_seconds, p.target_rir) == (Tempo(3, 1, 1, 1), 150, 1)


def test_without_history_a_loaded_exercise_starts_light_and_loadable() -> None:
    p = next_for(ROW, None, home_profile())
    assert p.rule is Rule.START and p.weight == 10  # the lightest owned dumbbell
    assert p.reps == RepRange(min=8, max=12)


def test_an_imported_exercise_keeps_the_range_the_user_trains() -> None:
    bench = Exercise(id="bench-press-barbell", name="Bench Press (Barbell)", pattern=Pattern.PUSH,
                     primary_muscles=(Muscle.CHEST,), source="custom")  # fmt: skip
    h = history(bench.id, [sets(5, weight=185, unit=LB, reps=5)] * 3)
    p = prescribe(bench, h, settings())
    # 5s are far below the default 12-15: the range starts at 5 instead of calling a stall.
    assert p.rule is Rule.ADD_REPS and p.weight == 185 and p.unit is LB
    assert p.reps is not None and p.reps.min == 5


def test_the_goal_and_level_shape_the_default_range() -> None:
    bench = Exercise(id="row-machine", name="Row machine", pattern=Pattern.HORIZONTAL_PULL,
                     primary_muscles=(Muscle.LATS,), source="custom", loaded=True)  # fmt: skip
    strength = settings(goal=Goal.STRENGTH, level=Level.ADVANCED)
    p = prescribe(bench, None, strength)
    assert p.reps == RepRange(min=4, max=6)


def test_read_plan_takes_the_week_in_progress_and_its_items() -> None:
    def week(n: int, deload: bool, reps: int) -> dict[str, object]:
        item = {"exercise": ROW, "sets": 3 if not deload else 2,
                "reps": {"min": reps, "max": reps + 4}, "tempo": "3-2-1-2",
                "rest_seconds": 120, "target_rir": 2, "reason": "x"}  # fmt: skip
        face = {"exercise": "face-pull", "sets": 3, "reps": {"min": 12, "max": 15}}
        items = [item] + ([face] if n == 1 else [])
        return {"week": n, "deload": deload, "sessions": [{"day": 1, "items": items}]}

    plan = {
        "profile": {"goal": "strength", "level": "beginner"},
        "start_date": (TODAY - timedelta(days=8)).isoformat(),
        "weeks": [week(1, False, 8), week(2, True, 6)],
    }
    view = read_plan(typed_plan(plan), TODAY)
    assert view.week == 2 and view.deload
    assert list(view.items) == [ROW, "face-pull"]
    assert view.items[ROW].sets == 2 and view.items[ROW].reps == RepRange(min=6, max=10)
    assert view.goal is Goal.STRENGTH and view.level is Level.BEGINNER
    first = read_plan(typed_plan({**plan, "start_date": TODAY.isoformat()}), TODAY)
    assert first.week == 1 and not first.deload


def test_read_plan_without_a_start_is_week_one() -> None:
    plan = typed_plan({"weeks": [{"week": 1, "sessions": []}]})
    assert read_plan(plan, date(2030, 1, 1)).week == 1


@pytest.mark.parametrize("bad", [{"weeks": "x"}, {"weeks": [{"week": 1, "sessions": [
    {"items": [{"sets": 3}]}]}]}])  # fmt: skip
def test_a_malformed_plan_is_invalid_input(bad: dict[str, object]) -> None:
    from strongback.domain.errors import InvalidInput

    with pytest.raises(InvalidInput) as err:
        read_plan(typed_plan(bad), TODAY)
    assert err.value.field == "plan"


# --- what real imported histories hold -------------------------------------------------------


def _custom(exercise_id: str, pattern: Pattern = Pattern.OTHER) -> Exercise:
    return Exercise(id=exercise_id, name=exercise_id.replace("-", " "), pattern=pattern,
                    primary_muscles=(Muscle.ABDOMINALS,), source="custom")  # fmt: skip


def test_cardio_is_kept_as_logged_outside_the_strength_rules() -> None:
    run = _custom("running-treadmill")
    h = history(run.id, [[{"distance_m": 1600.0, "seconds": 600.0, "reps": 0, "weight": 0}]])
    p = prescribe(run, h, settings())
    assert (p.rule, p.seconds, p.weight, p.reps) == (Rule.HOLD, 600, None, None)
    assert "Cardio" in p.reason


def test_timed_sets_exported_with_zero_reps_progress_as_holds() -> None:
    stretch = _custom("hip-stretches")
    h = history(stretch.id, [[{"reps": 0, "seconds": 300.0, "weight": 0}]])
    p = prescribe(stretch, h, settings())
    # A 5-minute hold grows by about a tenth, rounded to 5 s; one set, as logged.
    assert (p.rule, p.seconds, p.sets) == (Rule.ADD_TIME, 330, 1)


def test_a_loaded_hold_keeps_its_load_and_adds_time() -> None:
    carry = _custom("suitcase-carry-dumbbell")
    h = history(carry.id, [sets(2, weight=20, unit=KG, seconds=40)])
    p = prescribe(carry, h, settings())
    assert (p.rule, p.seconds, p.weight, p.unit) == (Rule.ADD_TIME, 45, 20, KG)


def test_without_a_dose_the_sets_follow_the_last_session() -> None:
    curl = _custom("preacher-curl", Pattern.ARMS)
    h = history(curl.id, [sets(4, weight=30, unit=KG, reps=10)])
    assert prescribe(curl, h, settings()).sets == 4


def test_the_plans_deload_week_keeps_the_sets_it_already_cut() -> None:
    h = history(ROW, [sets(3, weight=20, unit=KG, reps=12)])
    item = PlanItem(ROW, sets=2, reps=RepRange(min=8, max=12))
    planned = settings(home_profile(), deload=deload_due(plan_deload=True))
    p = next_for(ROW, h, cfg=planned, item=item)
    assert (p.rule, p.sets, p.weight) == (Rule.DELOAD, 2, 17.5)
    # A deload the plan did not schedule halves the sets itself.
    other = settings(home_profile(), deload=deload_due(weeks_in_a_row=7))
    assert next_for(ROW, h, cfg=other).sets == 2
    assert next_for(ROW, h, cfg=other, item=item).sets == 1


def test_pull_ups_at_the_ceiling_to_failure_are_repeated_before_adding_load() -> None:
    h = history("pull-up", [sets(3, reps=10, rpe=10)])
    p = next_for("pull-up", h, home_profile())
    assert (p.rule, p.weight) == (Rule.HOLD, None)


def test_a_back_off_set_below_the_bottom_keeps_the_load_but_ramps_do_not() -> None:
    back_off = [*sets(2, weight=20, unit=KG, reps=12), {"weight": 15, "unit": KG, "reps": 6}]
    held = next_for(ROW, history(ROW, [back_off]), home_profile())
    assert (held.rule, held.weight) == (Rule.HOLD, 20)
    ramp = [{"weight": 15, "unit": KG, "reps": 5}, *sets(3, weight=20, unit=KG, reps=12)]
    assert next_for(ROW, history(ROW, [ramp]), home_profile()).rule is Rule.ADD_LOAD
