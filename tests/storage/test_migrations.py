"""The migrations: they run both ways on both engines and agree with the table definitions."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from strongback.storage import head_revision, open_database
from strongback.storage.tables import declared_on, metadata


def test_upgrade_downgrade_upgrade_round_trip(db_url: str) -> None:
    db = open_database(db_url, migrate=False)
    try:
        assert db.upgrade() == head_revision()
        tables = set(inspect(db.engine).get_table_names())
        assert set(metadata.tables) <= tables
        assert db.downgrade("base") is None
        left = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert left == set()
        assert db.upgrade() == head_revision()
        assert set(metadata.tables) <= set(inspect(db.engine).get_table_names())
    finally:
        db.dispose()


def test_migrations_and_table_definitions_agree(db_url: str) -> None:
    db = open_database(db_url)
    try:
        with db.engine.connect() as conn:
            opts = {"compare_type": True, "include_object": declared_on(conn.dialect.name)}
            context = MigrationContext.configure(conn, opts=opts)
            diff = compare_metadata(context, metadata)
        assert diff == []
    finally:
        db.dispose()


def test_upgrading_a_current_database_changes_nothing(db_url: str) -> None:
    db = open_database(db_url)
    try:
        before = db.revision()
        assert db.upgrade() == before == head_revision()
    finally:
        db.dispose()


def test_a_plan_saved_at_revision_0001_gets_its_start_date_and_next_follows_it(
    db_url: str,
) -> None:
    import json
    from datetime import date, datetime

    from sqlalchemy import text

    from strongback.services.progress import next_prescriptions
    from tests.builders import scope_of

    db = open_database(db_url, migrate=False)
    try:
        db.upgrade("0001")
        user = db.user_id("local")
        # What `plan --save` wrote at 0001: the plan's JSON without a start date.
        plan = {
            "profile": {"days": 1, "minutes": 30, "equipment": ["dumbbells", "bench"],
                        "level": "beginner", "goal": "hypertrophy", "back_pain": False,
                        "weeks": 2, "weekdays": ["mon"], "avoid": []},
            "weeks": [
                {"week": n, "deload": n == 2, "sessions": [{"day": 1, "title": "Pull",
                 "estimated_minutes": 30, "items": [{"exercise": "incline-dumbbell-row",
                 "sets": 3, "reps": {"min": 8, "max": 12}, "tempo": "3-2-1-2",
                 "rest_seconds": 90, "target_rir": 2, "reason": "rows"}]}]}
                for n in (1, 2)
            ],
            "warnings": [], "notes": [], "solver": {"status": "OPTIMAL", "wall_seconds": 0.1},
        }  # fmt: skip
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO plans (user_id, created_at, name, is_current, data) "
                    "VALUES (:u, :c, NULL, :cur, :d)"
                ),
                {"u": user, "c": datetime(2026, 3, 4, 12, 0), "cur": True, "d": json.dumps(plan)},
            )
        assert db.upgrade() == head_revision()
        with db.unit_of_work() as uow:
            current = uow.plans.current()
        # Saved on Wednesday 4 March: the plan started on Monday 9 March.
        assert current is not None and current.start_date == date(2026, 3, 9)
        week1 = next_prescriptions(scope_of(db), today=date(2026, 3, 10))
        week2 = next_prescriptions(scope_of(db), today=date(2026, 3, 17))
        assert (week1.source, week1.plan_week, week1.deload) == ("session", 1, None)
        assert week2.plan_week == 2 and week2.deload is not None
        assert [p.exercise for p in week1.prescriptions] == ["incline-dumbbell-row"]
    finally:
        db.dispose()


def test_revision_0011_turns_coaching_on_for_accounts_that_coach_already(db_url: str) -> None:
    from datetime import datetime

    from sqlalchemy import insert, select

    from strongback.storage.tables import coaching_invites, users

    db = open_database(db_url, migrate=False)
    try:
        db.upgrade("0010")
        now = datetime(2026, 6, 1)
        with db.engine.begin() as conn:
            for name in ("coach", "athlete"):
                conn.execute(insert(users).values(name=name, created_at=now))
            coach_id = conn.execute(select(users.c.id).where(users.c.name == "coach")).scalar()
            conn.execute(
                insert(coaching_invites).values(
                    user_id=coach_id, token_hash="x" * 64, created_at=now, expires_at=now
                )
            )
        db.upgrade()
        with db.engine.connect() as conn:
            found = dict(conn.execute(select(users.c.name, users.c.coaching)).all())
        assert found == {"coach": True, "athlete": False}
    finally:
        db.dispose()


def test_downgrading_and_upgrading_keeps_every_users_training_data(db_url: str) -> None:
    """A downgrade that drops a column of users or workouts (SQLite copies the table) must not
    take the rows that refer to them along (ON DELETE CASCADE)."""
    from sqlalchemy import text

    db = open_database(db_url, migrate=False)
    try:
        db.upgrade("0004")
        with db.engine.begin() as conn:
            for statement in _ONE_SET_AT_0004:
                conn.execute(text(statement))
        for target in ("head", "0004", "head"):
            (db.upgrade if target == "head" else db.downgrade)(target)
            with db.engine.connect() as conn:
                rows = [
                    conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                    for t in ("users", "workouts", "performed_sets")
                ]
            assert rows == [1, 1, 1], f"after moving to {target}: {rows}"
        if db.dialect == "sqlite":  # the pool's connections check foreign keys again
            with db.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.dispose()


_ONE_SET_AT_0004 = (
    "INSERT INTO users (id, name, created_at) VALUES (7, 'me', '2024-01-01 00:00:00')",
    "INSERT INTO workouts (id, user_id, started_at, title, source) "
    "VALUES (3, 7, '2024-01-01 10:00:00', 'Pull', 'manual')",
    "INSERT INTO performed_sets (user_id, workout_id, exercise, set_order, set_type) "
    "VALUES (7, 3, 'pull-up', 1, 'working')",
)
