"""Generated plans keep every hard rule, checked by an independent checker on 30+ profiles."""

from __future__ import annotations

import json

import pytest

from strongback.domain.catalog import load_catalog
from strongback.domain.planning.generator import generate_plan
from strongback.domain.planning.plan_profile import make_profile
from tests.domain.planning.checker import check_plan

CATALOG = load_catalog()
FULL = (
    "pull-up-bar,cable-station,lat-pulldown,dumbbells,kettlebell,barbell,bench,"
    "back-extension-bench,band,mat"
)

# (days, minutes, equipment, level, goal, back pain, weeks, weekdays, avoid)
PROFILES = [
    (3, 45, "dumbbells,bench,pull-up-bar", "beginner", "hypertrophy", False, 4, None, None),
    (1, 15, "none", "beginner", "back-health", False, 1, None, None),
    (1, 30, "none", "advanced", "strength", True, 3, "sun", None),
    (2, 20, "band", "beginner", "endurance", False, 2, None, None),
    (2, 60, "pull-up-bar", "intermediate", "strength", False, 6, "tue,fri", None),
    (3, 40, "dumbbells", "intermediate", "hypertrophy", True, 8, None, None),
    (3, 60, "kettlebell", "beginner", "back-health", True, 5, None, None),
    (4, 50, "barbell", "advanced", "strength", False, 12, None, None),
    (4, 45, "cable-station", "intermediate", "hypertrophy", False, 4, "mon,tue,thu,sat", None),
    (5, 30, "lat-pulldown", "beginner", "endurance", False, 10, None, None),
    (5, 75, "back-extension-bench", "advanced", "back-health", True, 16, None, None),
    (6, 60, FULL, "advanced", "hypertrophy", False, 12, None, None),
    (6, 45, FULL, "intermediate", "strength", True, 12, None, None),
    (7, 30, FULL, "beginner", "hypertrophy", False, 7, None, None),
    (7, 120, FULL, "advanced", "endurance", True, 9, None, None),
    (7, 15, "none", "intermediate", "back-health", True, 2, None, None),
    (1, 120, FULL, "intermediate", "hypertrophy", False, 16, None, None),
    (2, 90, "dumbbells,bench,band", "advanced", "hypertrophy", False, 11, None, None),
    (3, 25, "dumbbells,pull-up-bar", "beginner", "strength", False, 13, "mon,wed,sat", None),
    (3, 45, FULL, "beginner", "hypertrophy", False, 4, None, "pull-up,lat-pulldown"),
    (4, 35, "mat", "advanced", "endurance", False, 5, None, None),
    (4, 90, "kettlebell,pull-up-bar,band", "intermediate", "back-health", True, 6, None, None),
    (5, 45, "barbell,bench,dumbbells", "intermediate", "endurance", False, 15, None, None),
    (6, 20, "band,pull-up-bar", "beginner", "strength", True, 4, None, None),
    (2, 45, "cable-station,back-extension-bench", "advanced", "strength", True, 14, None, None),
    (3, 60, FULL, "advanced", "back-health", False, 10, None, "kettlebell-rdl,face-pull"),
    (4, 15, "dumbbells", "beginner", "hypertrophy", False, 3, None, None),
    (5, 120, FULL, "beginner", "back-health", True, 12, None, None),
    (6, 90, "dumbbells,bench,pull-up-bar,band", "advanced", "endurance", False, 8, None, None),
    (7, 60, "kettlebell,band", "intermediate", "strength", False, 16, None, None),
    (1, 45, "pull-up-bar,dumbbells", "advanced", "hypertrophy", True, 1, "wed", None),
    (
        2,
        30,
        "lat-pulldown,band,dumbbells",
        "intermediate",
        "back-health",
        False,
        5,
        "sat,sun",
        None,
    ),
    (3, 100, "barbell,pull-up-bar", "intermediate", "hypertrophy", True, 12, "fri,sat,sun", None),
]


def _plan(row: tuple) -> dict:  # type: ignore[type-arg]
    days, minutes, eq, level, goal, pain, weeks, weekdays, avoid = row
    profile = make_profile(
        days=days, minutes=minutes, equipment=eq, level=level, goal=goal, catalog=CATALOG,
        back_pain=pain, weeks=weeks, weekdays=weekdays, avoid=avoid,
    )  # fmt: skip
    return generate_plan(profile, CATALOG).to_public()


def test_the_profile_suite_covers_the_required_ranges() -> None:
    assert len(PROFILES) >= 30
    assert {r[0] for r in PROFILES} == set(range(1, 8))
    assert min(r[1] for r in PROFILES) <= 15 and max(r[1] for r in PROFILES) >= 120
    assert {r[3] for r in PROFILES} == {"beginner", "intermediate", "advanced"}
    assert {r[4] for r in PROFILES} == {"strength", "hypertrophy", "endurance", "back-health"}
    assert {r[5] for r in PROFILES} == {True, False}
    assert {1, 16} <= {r[6] for r in PROFILES}
    single = {e.strip() for r in PROFILES for e in r[2].split(",") if "," not in r[2]}
    assert single >= {"none", "band", "pull-up-bar", "dumbbells", "kettlebell", "barbell",
                      "cable-station", "lat-pulldown", "back-extension-bench", "mat"}  # fmt: skip


@pytest.mark.parametrize("row", PROFILES, ids=lambda r: f"{r[0]}d-{r[1]}m-{r[2][:20]}-{r[3]}-"
                         f"{r[4]}-{'pain' if r[5] else 'ok'}-{r[6]}w")  # fmt: skip
def test_generated_plan_keeps_every_hard_rule(row: tuple) -> None:  # type: ignore[type-arg]
    plan = _plan(row)
    assert check_plan(plan) == []


def test_full_equipment_plan_has_no_warnings_and_is_optimal() -> None:
    plan = _plan((3, 60, FULL, "intermediate", "hypertrophy", False, 8, None, None))
    assert plan["warnings"] == []
    assert plan["solver"]["status"] == "OPTIMAL"


def test_same_profile_gives_byte_identical_plan_except_wall_time() -> None:
    row = (6, 60, FULL, "advanced", "hypertrophy", True, 12, None, None)
    a, b = _plan(row), _plan(row)
    a["solver"].pop("wall_seconds")
    b["solver"].pop("wall_seconds")
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
