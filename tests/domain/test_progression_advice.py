"""Prescriptions that never contradict themselves: loads beyond the listed equipment, bands,
comebacks from the recent working sets."""

from __future__ import annotations

from datetime import timedelta

from strongback.domain.exercise import Exercise
from strongback.domain.profile import UserProfile
from strongback.domain.progression import Rule, prescribe
from strongback.domain.vocab import Equipment, Muscle, Pattern

from .test_progression_support import KG, LB, TODAY, history, next_for, sets, settings

ROW = "incline-dumbbell-row"  # dumbbells, 3 x 8-12


def _dumbbells_to_20(**kw: object) -> UserProfile:
    return UserProfile(
        equipment=frozenset({Equipment.DUMBBELLS, Equipment.BENCH, Equipment.BAND}),
        dumbbells=(10, 12.5, 15, 17.5, 20),
        **kw,  # type: ignore[arg-type]
    )


def test_a_load_beyond_the_listed_dumbbells_is_kept_and_the_reason_says_so() -> None:
    h = history(ROW, [sets(3, weight=30, unit=KG, reps=10)])
    p = next_for(ROW, h, _dumbbells_to_20())
    assert (p.rule, p.weight, p.unit) == (Rule.ADD_REPS, 30, KG)
    assert "keep 30 kg" in p.reason and "20 kg" not in p.reason.split("beyond")[0]
    assert "beyond" in p.reason and "up to 20 kg" in p.reason


def test_at_the_top_beyond_the_listed_dumbbells_the_next_load_is_a_usual_step_up() -> None:
    h = history(ROW, [sets(3, weight=30, unit=KG, reps=12)])
    p = next_for(ROW, h, _dumbbells_to_20())
    assert (p.rule, p.weight) == (Rule.ADD_LOAD, 32.5)
    assert "beyond" in p.reason and "you own" not in p.reason


def test_a_comeback_beyond_the_listed_dumbbells_starts_near_the_load_logged() -> None:
    h = history(ROW, [sets(3, weight=70, unit=KG, reps=8)], last_on=TODAY - timedelta(days=100))
    p = next_for(ROW, h, _dumbbells_to_20())
    assert p.rule is Rule.COMEBACK and p.weight is not None
    assert 50 <= p.weight < 70, p.reason
    assert "20 kg" not in p.reason.split("beyond")[0] and "beyond" in p.reason


def test_loads_within_the_listed_dumbbells_say_nothing_of_equipment() -> None:
    h = history(ROW, [sets(3, weight=20, unit=KG, reps=10)])
    p = next_for(ROW, h, _dumbbells_to_20())
    assert (p.rule, p.weight) == (Rule.ADD_REPS, 20) and "beyond" not in p.reason


def test_band_face_pulls_at_the_ceiling_move_to_a_stronger_band_never_kilograms() -> None:
    h = history("face-pull", [sets(3, reps=15)])
    p = next_for("face-pull", h, _dumbbells_to_20())
    assert p.weight is None and p.unit is None
    assert "band" in p.reason and "kg" not in p.reason and "belt" not in p.reason
    assert p.rule is Rule.ADD_LOAD and p.reps is not None and p.reps.min == 12
    assert p.band, "the prescription says its resistance is a band"


def test_band_face_pulls_below_the_ceiling_add_reps() -> None:
    h = history("face-pull", [sets(3, reps=12)])
    p = next_for("face-pull", h, _dumbbells_to_20())
    assert (p.rule, p.weight) == (Rule.ADD_REPS, None)


def test_a_comeback_starts_from_the_recent_working_sets_not_a_light_last_session() -> None:
    deadlift = Exercise(id="deadlift-barbell", name="Deadlift (Barbell)", pattern=Pattern.HIP_HINGE,
                        primary_muscles=(Muscle.GLUTES,), source="custom", loaded=True)  # fmt: skip
    h = history(
        deadlift.id,
        [sets(3, weight=265, unit=LB, reps=5), sets(3, weight=265, unit=LB, reps=5),
         sets(2, weight=135, unit=LB, reps=8)],
        last_on=TODAY - timedelta(days=100),
    )  # fmt: skip
    p = prescribe(deadlift, h, settings(UserProfile(unit=LB)))
    assert p.rule is Rule.COMEBACK and p.unit is LB and p.weight is not None
    # About 20% off 265 lb, not off the light 135 lb session.
    assert 200 <= p.weight <= 215, p.reason
    assert "265 lb" in p.reason


def test_a_comeback_keeps_the_recent_working_sets_count_not_a_light_last_sessions() -> None:
    deadlift = Exercise(id="deadlift-barbell", name="Deadlift (Barbell)", pattern=Pattern.HIP_HINGE,
                        primary_muscles=(Muscle.GLUTES,), source="custom", loaded=True)  # fmt: skip
    h = history(
        deadlift.id,
        [sets(3, weight=120, unit=KG, reps=5), sets(3, weight=120, unit=KG, reps=5),
         sets(1, weight=60, unit=KG, reps=8)],
        last_on=TODAY - timedelta(days=70),
    )  # fmt: skip
    p = prescribe(deadlift, h, settings(UserProfile()))
    assert p.rule is Rule.COMEBACK and p.sets == 3, p


def test_a_cable_load_logged_with_only_a_band_listed_is_kept_and_the_reason_says_so() -> None:
    h = history("face-pull", [sets(3, weight=40, unit=KG, reps=12)], last_on=TODAY)
    p = next_for("face-pull", h, _dumbbells_to_20())
    assert p.weight == 40 and p.unit is KG
    assert "the equipment you listed has no cable or machine stack" in p.reason, p.reason


def test_a_load_on_listed_equipment_says_nothing_of_what_is_not_listed() -> None:
    h = history(ROW, [sets(3, weight=15, unit=KG, reps=10)])
    assert "listed" not in next_for(ROW, h, _dumbbells_to_20()).reason


def test_a_plan_items_tempo_may_be_text_and_its_target_rir_absent() -> None:
    from typing import Any, cast

    from strongback.domain.progression import PlanItem
    from strongback.domain.tempo import Tempo

    item = PlanItem(ROW, sets=3, tempo=cast(Any, "4-1-1-1"), target_rir=None)
    p = next_for(ROW, history(ROW, [sets(3, weight=20, unit=KG, reps=10)]), item=item)
    assert p.tempo == Tempo.parse("4-1-1-1") and p.target_rir == 2
    unreadable = PlanItem(ROW, sets=3, tempo=cast(Any, "fast"))
    assert next_for(ROW, None, item=unreadable).tempo == Tempo.parse("3-2-1-2")


def test_an_imported_barbell_exercise_is_loaded_on_a_barbell_not_the_listed_dumbbells() -> None:
    bench = Exercise(id="bench-press-barbell", name="Bench Press (Barbell)", pattern=Pattern.PUSH,
                     primary_muscles=(Muscle.CHEST,), source="custom")  # fmt: skip
    h = history(bench.id, [sets(3, weight=100, unit=KG, reps=6)], last_on=TODAY - timedelta(60))
    p = prescribe(bench, h, settings(_dumbbells_to_20()))
    assert (p.rule, p.weight) == (Rule.COMEBACK, 90) and "beyond" not in p.reason


def test_a_weighted_pull_up_comeback_starts_from_recent_loads_beyond_the_listed_dumbbells() -> None:
    h = history(
        "pull-up",
        [sets(3, weight=30, unit=KG, reps=6), sets(3, weight=10, unit=KG, reps=8)],
        last_on=TODAY - timedelta(days=100),
    )
    p = next_for("pull-up", h, _dumbbells_to_20())
    assert p.rule is Rule.COMEBACK and p.weight == 25 and "beyond" in p.reason


def test_a_weighted_pull_up_comeback_takes_the_cut_off_the_body_weight_plus_the_load() -> None:
    h = history("pull-up", [sets(3, weight=20, unit=KG, reps=8)], last_on=TODAY - timedelta(100))
    heavy = next_for("pull-up", h, cfg=settings(_dumbbells_to_20(), body_weight_kg=80))
    # 20% off 100 kg moved is 80 kg: the body alone, not 15 kg on the belt.
    assert heavy.rule is Rule.COMEBACK and heavy.weight is None
    assert "80 kg body weight" in heavy.reason and "body weight alone" in heavy.reason
    light = next_for("pull-up", h, cfg=settings(_dumbbells_to_20(), body_weight_kg=50))
    # 20% off 70 kg moved is 56 kg: 6 kg on the belt, the nearest rung being 10 kg.
    assert light.weight == 10 and "(60 kg moved)" in light.reason
    unknown = next_for("pull-up", h, _dumbbells_to_20())
    assert unknown.weight == 15 and "body weight" not in unknown.reason


def test_the_body_weight_changes_nothing_for_a_movement_that_does_not_carry_the_body() -> None:
    h = history(ROW, [sets(3, weight=20, unit=KG, reps=8)], last_on=TODAY - timedelta(100))
    with_body = next_for(ROW, h, cfg=settings(_dumbbells_to_20(), body_weight_kg=80))
    assert with_body == next_for(ROW, h, _dumbbells_to_20())
