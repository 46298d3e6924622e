"""The naive baseline of ``bench/web.py``: a bare FastAPI + Jinja2 app reading the same rows
through the SQLAlchemy ORM, as a first version of the today page and of logging a set would.

    STRONGBACK_BASELINE_URL=sqlite:///x.db STRONGBACK_BASELINE_USER=1 \\
        uvicorn --app-dir bench web_baseline:app --workers 2

GET /today loads the user's whole history (every workout with its sets, ``selectinload``), the
current plan and renders the plan's exercises of the week with the last set of each; POST /sets
adds one set to the day's workout (created when missing) and answers it as JSON. No sign-in,
no CSRF, no checks of the values: everything the real app does beyond reading and writing the
rows is left out, which favours the baseline.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment
from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    create_engine,
    func,
    select,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    selectinload,
)


class Base(DeclarativeBase):
    pass


class WorkoutRow(Base):
    __tablename__ = "workouts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    title: Mapped[str] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(32))
    sets: Mapped[list[SetRow]] = relationship(back_populates="workout", order_by="SetRow.set_order")


class SetRow(Base):
    __tablename__ = "performed_sets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer)
    workout_id: Mapped[int] = mapped_column(ForeignKey("workouts.id"))
    exercise: Mapped[str] = mapped_column(String(200))
    set_order: Mapped[int] = mapped_column(Integer)
    set_type: Mapped[str] = mapped_column(String(16))
    weight: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(2))
    reps: Mapped[int | None] = mapped_column(Integer)
    seconds: Mapped[float | None] = mapped_column(Float)
    rir: Mapped[float | None] = mapped_column(Float)
    rpe: Mapped[float | None] = mapped_column(Float)
    pain: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    workout: Mapped[WorkoutRow] = relationship(back_populates="sets")


class PlanRow(Base):
    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer)
    is_current: Mapped[bool] = mapped_column(Boolean)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


PAGE = Environment(autoescape=True).from_string(
    """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Today</title></head>
<body><h1>Today</h1><p>{{ workouts }} workouts logged.</p><ul>
{% for name, last in items %}<li>{{ name }}: {% if last %}last {{ last.weight or 0 }}
{{ last.unit or '' }} x {{ last.reps or last.seconds }}{% else %}new{% endif %}</li>
{% endfor %}</ul></body></html>"""
)

engine = create_engine(os.environ.get("STRONGBACK_BASELINE_URL", "sqlite:///baseline.db"))
USER = int(os.environ.get("STRONGBACK_BASELINE_USER", "1"))
app = FastAPI()


def _plan_exercises(plan: dict[str, Any] | None) -> list[str]:
    if not plan:
        return []
    names: list[str] = []
    for week in plan.get("weeks", [])[:1]:
        for session in week.get("sessions", []):
            for item in session.get("items", []):
                if item.get("exercise") not in names:
                    names.append(item.get("exercise"))
    return names


@app.get("/today", response_class=HTMLResponse)
def today() -> str:
    with Session(engine) as session:
        history = session.scalars(
            select(WorkoutRow)
            .where(WorkoutRow.user_id == USER)
            .options(selectinload(WorkoutRow.sets))
            .order_by(WorkoutRow.started_at)
        ).all()
        plan = session.scalars(
            select(PlanRow).where(PlanRow.user_id == USER, PlanRow.is_current)
        ).first()
        last: dict[str, SetRow] = {}
        for workout in history:
            for s in workout.sets:
                last[s.exercise] = s
        names = _plan_exercises(plan.data if plan else None) or list(last)[-8:]
        return PAGE.render(workouts=len(history), items=[(n, last.get(n)) for n in names])


@app.post("/sets")
async def log_set(request: Request) -> dict[str, Any]:
    body = await request.json()
    day = date.today()
    with Session(engine) as session:
        start = datetime.combine(day, datetime.min.time())
        workout = session.scalars(
            select(WorkoutRow).where(WorkoutRow.user_id == USER, WorkoutRow.started_at >= start)
        ).first()
        if workout is None:
            workout = WorkoutRow(user_id=USER, started_at=datetime.now(), title="Training",
                                 source="strongback")  # fmt: skip
            session.add(workout)
            session.flush()
        order = session.scalar(
            select(func.coalesce(func.max(SetRow.set_order), 0)).where(
                SetRow.workout_id == workout.id
            )
        )
        row = SetRow(user_id=USER, workout_id=workout.id, exercise=body["exercise"],
                     set_order=(order or 0) + 1, set_type="working", weight=body.get("weight"),
                     unit=body.get("unit", "kg"), reps=body.get("reps"))  # fmt: skip
        session.add(row)
        session.commit()
        return {"id": row.id, "workout_id": workout.id, "exercise": row.exercise}
