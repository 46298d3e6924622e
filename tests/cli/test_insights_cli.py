"""``strongback progress`` and ``strongback report`` end to end on real databases, and a report
from every sample export."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from strongback.domain.planning.plan import Plan
from strongback.domain.profile import UserProfile
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import KG_PER_LB, WeightUnit
from strongback.storage import open_database

KG, LB = WeightUnit.KG, WeightUnit.LB
Run = Callable[..., Any]
TODAY = date.today()
MONDAY = TODAY - timedelta(days=TODAY.weekday())


def _workout(day: date, exercise: str, rows: list[dict[str, Any]]) -> Workout:
    sets = tuple(PerformedSet(exercise, i + 1, **row) for i, row in enumerate(rows))
    return Workout(datetime(day.year, day.month, day.day, 7, 0), "Morning", sets)


def _history() -> list[Workout]:
    out = []
    for k in (2, 1, 0):
        monday = MONDAY - timedelta(days=7 * k)
        load = 100 + 10 * (2 - k)
        out.append(
            _workout(monday, "seated-cable-row", [{"weight": load, "unit": LB, "reps": 8}] * 3)
        )
    out.append(_workout(MONDAY, "pull-up", [{"reps": 8, "pain": 3}] * 2))
    return out


def _log(
    url: str,
    *,
    unit: WeightUnit = LB,
    plan: dict[str, Any] | None = None,
    start: date | None = None,
) -> None:
    db = open_database(url)
    try:
        with db.unit_of_work() as uow:
            uow.profile.save(UserProfile(unit=unit))
            for w in _history():
                uow.workouts.add(w)
            if plan is not None:
                typed = Plan.from_public(plan)
                uow.plans.save(typed.starting(start) if start else typed)
            uow.commit()
    finally:
        db.dispose()


PLAN = {
    "profile": {"days": 2, "minutes": 30, "weeks": 1, "level": "beginner", "goal": "back-health",
                "back_pain": False, "equipment": [], "weekdays": ["mon", "thu"]},
    "weeks": [{"week": 1, "deload": False, "sessions": [
        {"day": 1, "title": "Pull A", "estimated_minutes": 30, "items": [
            {"exercise": "pull-up", "sets": 3, "reps": {"min": 5, "max": 8}, "tempo": "3-1-1-1",
             "rest_seconds": 120, "target_rir": 2, "reason": "vertical pull"}]},
        {"day": 4, "title": "Pull B", "estimated_minutes": 30, "items": [
            {"exercise": "seated-cable-row", "sets": 3, "reps": {"min": 8, "max": 12},
             "tempo": "3-1-1-1", "rest_seconds": 90, "target_rir": 2, "reason": "row"}]},
    ]}],
    "warnings": [], "notes": [], "solver": {"status": "OPTIMAL", "wall_seconds": 0.1},
}  # fmt: skip


def test_progress_json_has_the_documented_shape_in_the_users_unit(
    run_cli: Run, db_url: str
) -> None:
    _log(db_url)
    result = run_cli(["progress", "--weeks", "3", "--json"], db_url=db_url)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"unit", "weeks", "exercises"} and data["unit"] == "lb"
    assert [w["week_start"] for w in data["weeks"]] == [
        (MONDAY - timedelta(days=7 * k)).isoformat() for k in (2, 1, 0)
    ]
    this = data["weeks"][-1]
    assert this["sessions"] == 2 and this["pain_max"] == 3
    assert this["tonnage"] == 120 * 8 * 3  # logged in lb, shown in lb
    assert this["vertical_pull_sets"] == 2 and this["horizontal_pull_sets"] == 3
    assert this["sets_per_muscle"]["lats"] == 5
    assert this["planned_sessions"] is None
    (row,) = [e for e in data["exercises"] if e["exercise"] == "seated-cable-row"]
    assert [p["date"] for p in row["records"]] == [
        (MONDAY - timedelta(days=7 * k)).isoformat() for k in (1, 0)
    ]


def test_progress_json_in_kg_converts_pound_loads(run_cli: Run, sqlite_url: str) -> None:
    _log(sqlite_url, unit=KG)
    data = json.loads(run_cli(["progress", "--json"], db_url=sqlite_url).stdout)
    assert data["unit"] == "kg"
    assert data["weeks"][-1]["tonnage"] == round(120 * 8 * 3 * KG_PER_LB, 1)


def test_progress_prints_tables_and_writes_svg_pictures(
    run_cli: Run, sqlite_url: str, tmp_path: Path
) -> None:
    _log(sqlite_url)
    target = tmp_path / "progress.svg"
    result = run_cli(["progress", "--svg", str(target)], db_url=sqlite_url)
    assert result.exit_code == 0, result.stderr
    assert "Week by week" in result.stdout and "loads in lb" in result.stdout
    assert "pain rose" not in result.stdout  # one pain day only: nothing to rise from
    ids = {e.get("id") for e in ET.parse(target).getroot().iter()}
    assert {"e1rm-seated-cable-row", "sets-lats", "pulls-vertical-pull-2"} <= ids
    body = ET.parse(tmp_path / "progress-body-map.svg").getroot()
    assert "muscle-lats" in {e.get("id") for e in body.iter()}
    assert (tmp_path / "progress-recovery-map.svg").is_file()
    assert f"wrote {target}" in result.stdout


def test_progress_png_is_a_png(run_cli: Run, sqlite_url: str, tmp_path: Path) -> None:
    _log(sqlite_url)
    target = tmp_path / "p.png"
    assert run_cli(["progress", "--png", str(target)], db_url=sqlite_url).exit_code == 0
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--weeks", "0"], "--weeks: 0 is not between 1 and 260"),
        (["--weeks", "many"], "--weeks: 'many' is not a whole number"),
        (["--svg", "a.svg", "--png", "a.png"], "give --svg or --png, not both"),
        (["--svg", "/no/such/folder/a.svg"], "folder /no/such/folder does not exist"),
        (["--exercise", "seated-cable-rwo"], "seated-cable-row"),
    ],
)
def test_progress_bad_input_is_one_line_and_exit_2(
    run_cli: Run, sqlite_url: str, args: list[str], message: str
) -> None:
    _log(sqlite_url)
    result = run_cli(["progress", *args], db_url=sqlite_url)
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert not Path("a.svg").exists() and not Path("a.png").exists()


def test_report_html_has_the_plan_progress_and_audit(
    run_cli: Run, sqlite_url: str, tmp_path: Path
) -> None:
    _log(sqlite_url, plan=PLAN)
    target = tmp_path / "report.html"
    result = run_cli(["report", "--html", str(target)], db_url=sqlite_url)
    assert result.exit_code == 0, result.stderr
    html = target.read_text(encoding="utf-8")
    for text in ('id="plan"', "Pull A", 'id="progress"', 'id="audit"', "loads in lb", "<svg"):
        assert text in html, text
    assert html.index('id="plan"') < html.index('id="progress"') < html.index('id="audit"')


def test_report_pdf_puts_plan_progress_and_audit_on_their_own_pages(
    run_cli: Run, db_url: str, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    _log(db_url, plan=PLAN)
    target = tmp_path / "report.pdf"
    result = run_cli(["report", "--pdf", str(target), "--weeks", "2"], db_url=db_url)
    assert result.exit_code == 0, result.stderr
    data = target.read_bytes()
    assert data[:5] == b"%PDF-"
    pages = [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]
    assert len(pages) >= 3
    assert "Current plan" in pages[0] and "Pull A" in pages[0]
    first = {k: next(i for i, t in enumerate(pages) if k in t) for k in ("Progress", "Audit")}
    assert 0 < first["Progress"] < first["Audit"]
    assert "seated-cable-row" in " ".join(pages)


def test_report_needs_exactly_one_target(run_cli: Run, sqlite_url: str) -> None:
    result = run_cli(["report"], db_url=sqlite_url)
    assert result.exit_code == 2 and "give --pdf FILE or --html FILE" in result.stderr


def test_audit_speaks_the_users_unit(run_cli: Run, sqlite_url: str) -> None:
    _log(sqlite_url)
    data = json.loads(run_cli(["audit", "--weeks", "2", "--json"], db_url=sqlite_url).stdout)
    assert data["unit"] == "lb"
    evidence = " ".join(data["block"][0]["evidence"])
    assert "e1RM" in evidence and " lb" in evidence and " kg" not in evidence
    text = run_cli(["audit", "--weeks", "2"], db_url=sqlite_url).stdout
    assert "loads in lb" in text


def test_audit_of_exactly_one_set_says_1_set_in_text_and_json(
    run_cli: Run, sqlite_url: str
) -> None:
    db = open_database(sqlite_url)
    try:
        with db.unit_of_work() as uow:
            for k, load in ((1, 100), (0, 110)):
                day = MONDAY - timedelta(days=7 * k)
                row = {"weight": load, "unit": LB, "reps": 8}
                uow.workouts.add(_workout(day, "seated-cable-row", [row]))
            uow.commit()
    finally:
        db.dispose()
    data = json.loads(run_cli(["audit", "--weeks", "2", "--json"], db_url=sqlite_url).stdout)
    evidence = " ".join(
        e for w in data["weeks"] for c in w["checks"] for e in c["evidence"]
    ) + " ".join(data["block"][0]["evidence"])
    text = run_cli(["audit", "--weeks", "2"], db_url=sqlite_url).stdout
    for said in (evidence, " ".join(text.split())):
        assert "lats: 1 set, band" in said and "seated-cable-row: 1 set x 8 reps" in said
        assert not re.search(r"(?<![\d.])1 sets\b", said)


def test_planned_sessions_count_from_the_plans_start(run_cli: Run, sqlite_url: str) -> None:
    plan = {**PLAN, "weeks": [PLAN["weeks"][0]] * 4}
    _log(sqlite_url, plan=plan, start=MONDAY - timedelta(days=7))
    data = json.loads(run_cli(["progress", "--weeks", "3", "--json"], db_url=sqlite_url).stdout)
    assert [w["planned_sessions"] for w in data["weeks"]] == [None, 2, 2]
    text = run_cli(["progress", "--weeks", "3"], db_url=sqlite_url).stdout
    assert "consistency: 4 session(s) of 4 planned" in text


def test_progress_on_an_empty_history_says_what_to_do(run_cli: Run, sqlite_url: str) -> None:
    result = run_cli(["progress"], db_url=sqlite_url)
    assert result.exit_code == 0
    assert "Nothing logged in these weeks" in result.stdout
    data = json.loads(run_cli(["progress", "--json"], db_url=sqlite_url).stdout)
    assert len(data["weeks"]) == 8 and data["exercises"] == []
    assert all(w["sessions"] == 0 and w["pain_max"] is None for w in data["weeks"])
