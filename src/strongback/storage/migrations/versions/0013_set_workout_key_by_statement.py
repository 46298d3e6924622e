"""PostgreSQL: a set's key to its workout checked once per statement, by triggers, instead of
once per row by the declared foreign key.

The declared key runs one check query for every set inserted: about a third of the server's
work when an import stores 100,000 sets (each check starts and ends an executor). The triggers
below keep the same rule with one query per statement: the sets a statement inserted, or whose
workout or user it changed, must name a workout of their user, locked ``FOR KEY SHARE`` as the
declared key locks it, so a workout being deleted meanwhile is waited for and then refused;
deleting workouts deletes their sets (the key's ``ON DELETE CASCADE``), and changing the key of
a workout that still has sets, or truncating the workouts, is handled as the key would. A
refusal carries the key's name, its SQLSTATE (23503) and its message.

One case differs from the declared key: a ``REPEATABLE READ`` or ``SERIALIZABLE`` transaction
deleting a workout while another transaction adds sets to it and commits first (the declared
key's cascade sees those sets and fails the deleting transaction; a trigger's query, bound to
the transaction's snapshot, does not see them). Strongback's own writers take the user's writer
lock and run at ``READ COMMITTED``, so they never meet it.

SQLite keeps its declared key (its checks cost far less).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

KEY = "fk_performed_sets_workout_id_user_id_workouts"

_NOT_PRESENT = f"""
        RAISE EXCEPTION 'insert or update on table "performed_sets" violates foreign key constraint "{KEY}"'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'performed_sets', CONSTRAINT = '{KEY}',
                  DETAIL = format('Key (workout_id, user_id)=(%s, %s) is not present in table "workouts".',
                                  missing.workout_id, missing.user_id);"""  # noqa: E501


def _check(keys: str) -> str:
    """The body of a check: every key of ``keys`` (a query of workout_id, user_id) names a
    workout, each locked ``FOR KEY SHARE``; else the key's refusal, naming the first missing."""
    return f"""
DECLARE
    missing record;
BEGIN
    IF (SELECT count(*) FROM ({keys}) AS k)
       <> (SELECT count(*) FROM (SELECT FROM workouts AS w
                                 WHERE (w.id, w.user_id) IN (SELECT * FROM ({keys}) AS k)
                                 FOR KEY SHARE OF w) AS locked) THEN
        SELECT k.workout_id, k.user_id INTO missing FROM ({keys}) AS k
         WHERE NOT EXISTS (SELECT FROM workouts AS w
                           WHERE w.id = k.workout_id AND w.user_id = k.user_id)
         LIMIT 1;{_NOT_PRESENT}
    END IF;
    RETURN NULL;
END"""


_INSERTED = "SELECT DISTINCT workout_id, user_id FROM new_sets"
# Like the declared key, an update checks only the sets whose workout or user it changed.
_CHANGED = (
    "SELECT DISTINCT n.workout_id, n.user_id FROM new_sets AS n WHERE NOT EXISTS "
    "(SELECT FROM old_sets AS o WHERE o.id = n.id "
    "AND o.workout_id = n.workout_id AND o.user_id = n.user_id)"
)

_UPGRADE = f"""
ALTER TABLE performed_sets DROP CONSTRAINT {KEY};

CREATE FUNCTION performed_sets_check_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
{_check(_INSERTED)}
$$;
CREATE TRIGGER performed_sets_workout_inserted AFTER INSERT ON performed_sets
    REFERENCING NEW TABLE AS new_sets
    FOR EACH STATEMENT EXECUTE FUNCTION performed_sets_check_inserted();

CREATE FUNCTION performed_sets_check_updated() RETURNS trigger LANGUAGE plpgsql AS $$
{_check(_CHANGED)}
$$;
CREATE TRIGGER performed_sets_workout_updated AFTER UPDATE ON performed_sets
    REFERENCING OLD TABLE AS old_sets NEW TABLE AS new_sets
    FOR EACH STATEMENT EXECUTE FUNCTION performed_sets_check_updated();

CREATE FUNCTION workouts_delete_sets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM performed_sets AS s USING gone AS g
     WHERE s.workout_id = g.id AND s.user_id = g.user_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER workouts_deleted AFTER DELETE ON workouts
    REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION workouts_delete_sets();

CREATE FUNCTION workouts_key_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Another workout may have taken the old key in the same statement (as the key allows).
    IF EXISTS (SELECT FROM performed_sets AS s
                WHERE s.workout_id = OLD.id AND s.user_id = OLD.user_id)
       AND NOT EXISTS (SELECT FROM workouts AS w WHERE w.id = OLD.id AND w.user_id = OLD.user_id)
    THEN
        RAISE EXCEPTION 'update or delete on table "workouts" violates foreign key constraint "{KEY}" on table "performed_sets"'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'workouts', CONSTRAINT = '{KEY}',
                  DETAIL = format('Key (id, user_id)=(%s, %s) is still referenced from table "performed_sets".',
                                  OLD.id, OLD.user_id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER workouts_key_changed AFTER UPDATE OF id, user_id ON workouts
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.user_id IS DISTINCT FROM NEW.user_id)
    EXECUTE FUNCTION workouts_key_kept();

CREATE FUNCTION workouts_truncate_sets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM performed_sets;
    RETURN NULL;
END
$$;
CREATE TRIGGER workouts_truncated BEFORE TRUNCATE ON workouts
    FOR EACH STATEMENT EXECUTE FUNCTION workouts_truncate_sets();
"""  # noqa: E501

_DOWNGRADE = f"""
DROP TRIGGER workouts_truncated ON workouts;
DROP FUNCTION workouts_truncate_sets();
DROP TRIGGER workouts_key_changed ON workouts;
DROP FUNCTION workouts_key_kept();
DROP TRIGGER workouts_deleted ON workouts;
DROP FUNCTION workouts_delete_sets();
DROP TRIGGER performed_sets_workout_updated ON performed_sets;
DROP FUNCTION performed_sets_check_updated();
DROP TRIGGER performed_sets_workout_inserted ON performed_sets;
DROP FUNCTION performed_sets_check_inserted();
ALTER TABLE performed_sets ADD CONSTRAINT {KEY}
    FOREIGN KEY (workout_id, user_id) REFERENCES workouts (id, user_id) ON DELETE CASCADE;
"""


def upgrade() -> None:
    """PostgreSQL: the key's triggers in place of the declared key."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_UPGRADE)


def downgrade() -> None:
    """PostgreSQL: the declared key back in place of its triggers."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_DOWNGRADE)
