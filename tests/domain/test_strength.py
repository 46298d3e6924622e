"""e1RM formulas, the RTS chart and personal records, with worked examples and properties."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strongback.domain.errors import InvalidInput
from strongback.domain.strength import (
    Confidence,
    RecordKind,
    brzycki,
    epley,
    estimate_e1rm,
    load_for_reps,
    personal_records,
    records_for,
    rts_load,
    rts_percent,
)
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import SetType, WeightUnit

KG, LB = WeightUnit.KG, WeightUnit.LB


def test_epley_and_brzycki_match_the_worked_multipliers_of_the_science_file() -> None:
    # x1.17 / 1.33 / 1.50 at 5 / 10 / 15 reps (Epley); x1.13 / 1.33 / 1.64 (Brzycki).
    assert epley(100, 5) == pytest.approx(116.67, abs=0.01)
    assert epley(100, 10) == pytest.approx(133.33, abs=0.01)
    assert epley(100, 15) == pytest.approx(150.0)
    assert brzycki(100, 5) == pytest.approx(112.5)
    assert brzycki(100, 10) == pytest.approx(133.33, abs=0.01)
    assert brzycki(100, 15) == pytest.approx(163.64, abs=0.01)


def test_reps_in_reserve_add_to_the_reps() -> None:
    assert epley(100, 5, rir=2) == pytest.approx(epley(100, 7))
    assert brzycki(100, 5, rir=2) == pytest.approx(brzycki(100, 7))
    est = estimate_e1rm(100, 8, rir=3)
    assert est.effective_reps == 11
    assert est.confidence is Confidence.FAIR


def test_a_true_single_is_its_own_one_rep_max() -> None:
    est = estimate_e1rm(140, 1)
    assert est.epley == 140 and est.brzycki == 140 and est.estimate == 140
    assert est.trusted


def test_trust_depends_on_effective_reps() -> None:
    assert estimate_e1rm(60, 10).trusted
    assert estimate_e1rm(60, 10).confidence is Confidence.HIGH
    assert not estimate_e1rm(60, 12).trusted
    assert estimate_e1rm(60, 12).confidence is Confidence.FAIR
    assert estimate_e1rm(60, 13).confidence is Confidence.ROUGH
    assert estimate_e1rm(60, 8, rir=5).confidence is Confidence.ROUGH


def test_brzycki_is_undefined_from_37_reps_and_the_estimate_falls_back_on_epley() -> None:
    assert brzycki(20, 37) is None
    assert brzycki(20, 30, rir=7) is None
    est = estimate_e1rm(20, 40)
    assert est.brzycki is None
    assert est.estimate == pytest.approx(epley(20, 40))
    assert est.confidence is Confidence.ROUGH


@pytest.mark.parametrize(
    ("weight", "reps", "rir"),
    [
        (0, 5, None),
        (-10, 5, None),
        (100, 0, None),
        (100, 5, -1),
        (100, 5, 11),
        (float("nan"), 5, 0),
    ],
)
def test_bad_set_values_are_invalid_input(weight: float, reps: int, rir: float | None) -> None:
    with pytest.raises(InvalidInput):
        estimate_e1rm(weight, reps, rir)


def test_the_inverse_gives_back_the_load_of_the_estimate() -> None:
    est = estimate_e1rm(100, 8, rir=2)
    assert load_for_reps(est.estimate, 8, rir=2) == pytest.approx(100)
    # Fewer reps allow more load, more reserve asks for less.
    assert load_for_reps(120, 5) > load_for_reps(120, 8) > load_for_reps(120, 8, rir=2)


def test_rts_chart_reads_the_published_rows_and_half_steps() -> None:
    assert rts_percent(1, rpe=10) == 100
    assert rts_percent(5, rpe=10) == 86.3
    assert rts_percent(12, rpe=10) == 68.0
    assert rts_percent(3, rpe=9) == 89.2
    assert rts_percent(12, rpe=8) == 62.6
    assert rts_percent(1, rpe=9.5) == 97.8
    assert rts_percent(4, rpe=8.5) == 85.0
    # RIR reads the same chart: 2 RIR = RPE 8.
    assert rts_percent(6, rir=2) == rts_percent(6, rpe=8) == 78.6
    assert rts_load(200, 5, rir=0) == pytest.approx(172.6)


@pytest.mark.parametrize(("reps", "rpe"), [(0, 10), (13, 10), (12, 6), (5, 10.5), (5, 8.25)])
def test_off_chart_rts_lookups_are_invalid_input(reps: int, rpe: float) -> None:
    with pytest.raises(InvalidInput):
        rts_percent(reps, rpe=rpe)


@given(
    w=st.floats(min_value=1, max_value=500),
    dw=st.floats(min_value=0.5, max_value=100),
    r=st.integers(min_value=1, max_value=60),
    rir=st.sampled_from([None, 0, 0.5, 1, 2, 3, 4]),
)
def test_estimates_rise_with_weight_and_with_reps(
    w: float, dw: float, r: int, rir: float | None
) -> None:
    here = estimate_e1rm(w, r, rir)
    assert estimate_e1rm(w + dw, r, rir).estimate > here.estimate
    assert estimate_e1rm(w, r + 1, rir).estimate > here.estimate
    assert epley(w + dw, r, rir) > here.epley
    assert epley(w, r + 1, rir) >= here.epley
    if here.brzycki is not None:
        nxt = brzycki(w, r + 1, rir)
        assert nxt is None or nxt > here.brzycki


@given(
    e1rm=st.floats(min_value=20, max_value=400),
    r=st.integers(min_value=1, max_value=30),
    rir=st.integers(min_value=0, max_value=5),
)
def test_inverse_round_trips_and_never_exceeds_the_max(e1rm: float, r: int, rir: int) -> None:
    load = load_for_reps(e1rm, r, rir)
    assert load <= e1rm
    assert estimate_e1rm(load, r, rir).estimate == pytest.approx(e1rm)


@given(r=st.integers(min_value=1, max_value=11), half=st.integers(min_value=0, max_value=7))
def test_rts_chart_falls_with_reps_and_with_reserve(r: int, half: int) -> None:
    rpe = 10 - half / 2
    if 2 * r + round(2 * (10 - rpe)) >= 30:
        return
    assert rts_percent(r + 1, rpe=rpe) < rts_percent(r, rpe=rpe)
    if rpe - 0.5 >= 0 and 2 * (r - 1) + round(2 * (10.5 - rpe)) < 30:
        assert rts_percent(r, rpe=rpe - 0.5) < rts_percent(r, rpe=rpe)


# --- personal records --------------------------------------------------------------------------


def _day(d: int) -> datetime:
    return datetime(2026, 3, d, 18, 0)


def _set(order: int, **kw: object) -> PerformedSet:
    return PerformedSet("lat-pulldown", order, **kw)  # type: ignore[arg-type]


def test_records_ignore_warm_ups_and_keep_the_unit_logged() -> None:
    sessions = [
        (
            _day(1),
            [
                _set(1, set_type=SetType.WARM_UP, weight=200, unit=LB, reps=10),
                _set(2, weight=100, unit=LB, reps=10),
                _set(3, weight=110, unit=LB, reps=8),
            ],
        ),
        (_day(4), [_set(1, weight=55, unit=KG, reps=8), _set(2, weight=50, unit=KG, reps=12)]),
    ]
    recs = records_for("lat-pulldown", sessions)
    heaviest = recs.heaviest
    assert heaviest is not None
    # 55 kg beats 110 lb (49.9 kg), and the warm-up's 200 lb never counts.
    assert (heaviest.weight, heaviest.unit, heaviest.reps) == (55, KG, 8)
    by_reps = {r.reps: r for r in recs.heaviest_by_reps}
    assert by_reps[10].weight == 100 and by_reps[10].unit is LB
    assert by_reps[12].weight == 50 and by_reps[12].unit is KG
    best = recs.best_e1rm
    assert best is not None and best.unit is KG and best.weight == 55 and best.reps == 8
    assert best.value == pytest.approx(estimate_e1rm(55, 8).estimate)


def test_most_reps_at_each_weight_and_with_bodyweight() -> None:
    sessions = [
        (_day(1), [_set(1, weight=40, unit=KG, reps=10), _set(2, weight=40, unit=KG, reps=12)]),
        (_day(2), [_set(1, weight=40, unit=KG, reps=11), _set(2, reps=9), _set(3, reps=11)]),
    ]
    recs = records_for("lat-pulldown", sessions)
    at40 = [r for r in recs.most_reps_by_weight if r.weight == 40]
    assert len(at40) == 1 and at40[0].reps == 12 and at40[0].at == _day(1)
    assert recs.most_reps_bodyweight is not None and recs.most_reps_bodyweight.reps == 11


def test_session_volume_is_reported_in_the_unit_logged() -> None:
    sessions = [
        (_day(1), [_set(1, weight=100, unit=LB, reps=10), _set(2, weight=100, unit=LB, reps=10)]),
        (_day(2), [_set(1, weight=40, unit=KG, reps=10)]),
    ]
    recs = records_for("lat-pulldown", sessions)
    vol = recs.best_session_volume
    # 2000 lb x reps (907 kg) beats 400 kg x reps.
    assert vol is not None and vol.unit is LB and vol.value == pytest.approx(2000)
    assert vol.kind is RecordKind.VOLUME and vol.at == _day(1)


def test_longest_hold_and_ties_keep_the_first_date() -> None:
    sessions = [
        (_day(1), [PerformedSet("side-plank", 1, seconds=45)]),
        (_day(2), [PerformedSet("side-plank", 1, seconds=45)]),
        (_day(3), [PerformedSet("side-plank", 1, seconds=90, set_type=SetType.WARM_UP)]),
    ]
    recs = records_for("side-plank", sessions)
    assert recs.longest_hold is not None
    assert recs.longest_hold.seconds == 45 and recs.longest_hold.at == _day(1)
    assert recs.best_e1rm is None and recs.heaviest is None


def test_a_trusted_estimate_beats_a_higher_rough_one() -> None:
    sessions = [
        (_day(1), [_set(1, weight=60, unit=KG, reps=20), _set(2, weight=80, unit=KG, reps=5)])
    ]
    best = records_for("lat-pulldown", sessions).best_e1rm
    assert best is not None and best.weight == 80 and best.trusted


def test_personal_records_group_workouts_by_exercise() -> None:
    w1 = Workout(
        _day(1), "A", (PerformedSet("pull-up", 1, reps=8), _set(2, weight=50, unit=KG, reps=10))
    )
    w2 = Workout(_day(3), "B", (PerformedSet("pull-up", 1, reps=10),))
    recs = personal_records([w2, w1])
    assert set(recs) == {"pull-up", "lat-pulldown"}
    pull = recs["pull-up"].most_reps_bodyweight
    assert pull is not None and pull.reps == 10 and pull.at == _day(3)
    public = recs["lat-pulldown"].best_e1rm
    assert public is not None
    assert public.to_public()["record"] == "best-e1rm"
    assert public.to_public()["date"] == "2026-03-01"


def test_only_rough_sets_still_give_a_best_e1rm_marked_rough() -> None:
    sessions = [(_day(1), [_set(1, weight=20, unit=KG, reps=12, rir=2)])]
    best = records_for("lat-pulldown", sessions).best_e1rm
    assert best is not None and not best.trusted
    assert "rough" in best.describe()


def test_a_hold_logged_as_one_rep_is_not_a_rep_record() -> None:
    sessions = [(_day(1), [PerformedSet("side-plank", 1, reps=1, seconds=30)])]
    recs = records_for("side-plank", sessions)
    assert recs.most_reps_bodyweight is None
    assert recs.longest_hold is not None and recs.longest_hold.seconds == 30


def _face_pull(order: int, weight: float, reps: int) -> PerformedSet:
    return PerformedSet("face-pull", order, weight=weight, unit=LB, reps=reps)


def test_records_list_only_sets_no_heavier_set_with_as_many_reps_beats() -> None:
    sessions = [
        (_day(1), [_face_pull(1, 80, 8), _face_pull(2, 80, 10), _face_pull(3, 70, 9)]),
        (_day(2), [_face_pull(1, 90, 1), _face_pull(2, 100, 5)]),
        (_day(3), [_face_pull(1, 110, 8), _face_pull(2, 110, 6)]),
    ]
    recs = records_for("face-pull", sessions)
    shown = [(r.kind, r.weight, r.reps) for r in recs.all() if r.kind is not RecordKind.E1RM]
    rep_rows = {(w, n) for kind, w, n in shown if kind in (RecordKind.HEAVIEST,
                                                           RecordKind.MOST_REPS)}  # fmt: skip
    # 110 lb x 8 beats 90 x 1, 100 x 5, 110 x 6, 80 x 8 and 70 x 9; 80 x 10 has more reps.
    assert rep_rows == {(110, 8), (80, 10)}
    assert len([k for k, _, _ in shown if k is RecordKind.HEAVIEST]) == 2
    assert recs.best_e1rm is not None and (recs.best_e1rm.weight, recs.best_e1rm.reps) == (110, 8)
    summary = {r.kind: r for r in recs.summary()}
    assert summary[RecordKind.MOST_REPS].reps == 10


def _pull_up(order: int, **kw: object) -> PerformedSet:
    return PerformedSet("pull-up", order, **kw)  # type: ignore[arg-type]


def test_a_weighted_pull_ups_best_e1rm_counts_the_body_weight() -> None:
    sessions = [(_day(1), [_pull_up(1, weight=20, unit=KG, reps=5), _pull_up(2, reps=10)])]
    best = records_for("pull-up", sessions, body_weight=80.0).best_e1rm
    assert best is not None and best.unit is KG and best.body_weight == 80
    assert best.value == pytest.approx(estimate_e1rm(100, 5).estimate)
    assert (best.weight, best.reps) == (20, 5) and "80 kg body weight" in best.describe()
    # Without a body weight the estimate counts the added 20 kg alone.
    alone = records_for("pull-up", sessions).best_e1rm
    assert alone is not None and alone.value == pytest.approx(estimate_e1rm(20, 5).estimate)


def test_bodyweight_and_assisted_sets_get_an_e1rm_from_the_body_weight_of_the_day() -> None:
    from strongback.domain.strength import BodyWeights

    log = BodyWeights(((date(2026, 3, 1), 90.0), (date(2026, 3, 10), 80.0)))
    assert (log.on(date(2026, 2, 1)), log.on(date(2026, 3, 5)), log.on(date(2026, 4, 1))) == (
        90.0, 90.0, 80.0)  # fmt: skip
    sessions = [
        (_day(2), [_pull_up(1, reps=8)]),
        (_day(12), [_pull_up(1, weight=-20, unit=KG, reps=10)]),
    ]
    best = records_for("pull-up", sessions, body_weight=log).best_e1rm
    # 90 kg x 8 on 2 March beats (80 - 20) kg x 10 on 12 March.
    assert best is not None and best.value == pytest.approx(estimate_e1rm(90, 8).estimate)
    assert estimate_e1rm(-20, 10, body_weight=80).estimate == pytest.approx(
        estimate_e1rm(60, 10).estimate)  # fmt: skip
    by_exercise = personal_records(
        [Workout(_day(2), "A", (_pull_up(1, reps=8),))], body_weight=log, carries_body={"pull-up"}
    )
    e1rm = by_exercise["pull-up"].best_e1rm
    assert e1rm is not None and e1rm.body_weight == 90


def test_pull_ups_carry_the_body_and_pulldowns_do_not() -> None:
    from strongback.domain.catalog import load_catalog
    from strongback.domain.strength import carries_body

    catalog = load_catalog(extended=False)
    assert carries_body(catalog.get("pull-up"))
    assert not carries_body(catalog.get("lat-pulldown"))
    assert not carries_body(catalog.get("seated-cable-row"))
