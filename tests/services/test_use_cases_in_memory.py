"""The use cases on the in-memory fake: their rules without a database, in milliseconds."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from strongback.domain.errors import InvalidInput, NotFound, UnknownExercise
from strongback.domain.vocab import Equipment, WeightUnit
from strongback.services import profile as profiles
from strongback.services import training_log as log
from strongback.services.backup import export_backup, restore_backup
from tests.fakes import FakeScope


def test_logging_twice_on_one_day_appends_to_the_same_workout_in_order() -> None:
    scope = FakeScope()
    day = date.today() - timedelta(days=1)
    first = log.log_sets(scope, log.LogRequest("pull-up", reps=(8, 7), day=day))
    second = log.log_sets(scope, log.LogRequest("face-pull", reps=(15,), weights=(20,), day=day))
    assert first.created_workout and not second.created_workout
    assert first.workout_id == second.workout_id
    (workout,) = log.workouts(scope)
    assert [(s.exercise, s.order) for s in workout.sets] == [
        ("pull-up", 1),
        ("pull-up", 2),
        ("face-pull", 3),
    ]
    # The unit comes from the profile when none is given.
    assert workout.sets[2].unit is WeightUnit.KG
    assert scope.commits == 2


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (log.LogRequest("pull-up", reps=(1001,)), "reps"),
        (log.LogRequest("pull-up", reps=(8,), rir=11), "rir"),
        (log.LogRequest("pull-up", reps=(8,), pain=12), "pain"),
        (log.LogRequest("lat-pulldown", reps=(8,), weights=(-10,)), "weight"),
        (log.LogRequest("pull-up", reps=(8, 8), weights=(1, 2, 3)), "weight"),
        (log.LogRequest("pull-up"), "reps"),
        (log.LogRequest("pull-up", reps=(8,), day=date.today() + timedelta(days=2)), "date"),
    ],
)
def test_a_bad_request_names_its_field_and_writes_nothing(
    request_: log.LogRequest, field: str
) -> None:
    scope = FakeScope()
    with pytest.raises(InvalidInput) as err:
        log.log_sets(scope, request_)
    assert err.value.field == field
    assert "--" not in str(err.value)  # a field, never a CLI flag
    assert scope.commits == 0 and log.count(scope) == (0, 0)


def test_an_unknown_exercise_is_refused_with_suggestions() -> None:
    with pytest.raises(UnknownExercise) as err:
        log.log_sets(FakeScope(), log.LogRequest("pul-up", reps=(5,)))
    assert "pull-up" in err.value.suggestions


def test_ids_that_name_nothing_are_not_found_even_when_huge() -> None:
    scope = FakeScope()
    for item_id in (0, 99, 10**20):
        with pytest.raises(NotFound):
            log.describe_set(scope, item_id)
        with pytest.raises(NotFound):
            log.describe_workout(scope, item_id)


def test_a_new_unit_alone_cannot_relabel_owned_loads() -> None:
    scope = FakeScope()
    profiles.update_profile(scope, profiles.ProfileChanges(kettlebells=(8.0, 16.0)))
    with pytest.raises(InvalidInput) as err:
        profiles.update_profile(scope, profiles.ProfileChanges(unit=WeightUnit.LB))
    assert err.value.field == "unit"
    assert err.value.render({"kettlebells": "--kettlebells"}).count("--kettlebells") == 1
    changed = profiles.update_profile(
        scope, profiles.ProfileChanges(unit=WeightUnit.LB, kettlebells=(18.0, 35.0))
    )
    assert changed.unit is WeightUnit.LB and changed.kettlebells == (18.0, 35.0)


def test_a_profile_value_out_of_range_names_its_field() -> None:
    scope = FakeScope()
    with pytest.raises(InvalidInput) as err:
        profiles.update_profile(scope, profiles.ProfileChanges(bar_weight=500.0))
    assert err.value.field == "bar_weight"
    assert profiles.get_profile(scope).bar_weight is None


def test_a_backup_restores_into_an_empty_account_only() -> None:
    source = FakeScope()
    profiles.update_profile(source, profiles.ProfileChanges(equipment=frozenset({Equipment.BAND})))
    log.log_sets(source, log.LogRequest("pull-up", reps=(6,), day=date(2026, 1, 5)))
    document = export_backup(source)
    target = FakeScope(user_id=2)
    summary = restore_backup(target, document)
    assert (summary.workouts, summary.sets) == (1, 1)
    assert export_backup(target)["workouts"][0]["sets"][0]["reps"] == 6
    with pytest.raises(InvalidInput, match="empty database"):
        restore_backup(target, document)
