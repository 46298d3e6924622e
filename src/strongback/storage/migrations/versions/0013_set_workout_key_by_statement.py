"""PostgreSQL: a set's key to its workout checked once per statement, by triggers, instead of
once per row by the declared foreign key.

The declared key runs one check query for every set inserted: about a third of the server's
work when an import stores 100,000 sets (each check starts and ends an executor). The triggers
below keep the same rule with one query per statement: the sets a statement inserted, or whose
workout or user it changed, must name a workout of their user, locked ``FOR KEY SHARE`` as the
declared key locks it, so a workout being deleted meanwhile is waited for and then refused;
deleting workouts deletes their sets (the key's ``ON DELETE CASCADE``), and changing the key of
a workout that still has sets is refused. A refusal carries the key's name, its SQLSTATE
(23503) and its message.

The queries are written so that their plans hold for one row as for a whole import (a
function keeps its plans for the session, made for the first call's row counts): each
distinct workout is looked up by its key (a lateral join), the changed sets are found with
``EXCEPT``, and the cascade, which is rare, is planned on each call (``EXECUTE``). Tables are
named with the schema the migration ran in, so no other table of that name is ever checked.

Where the triggers differ from the declared key:

- ``TRUNCATE`` of the workouts empties the sets too, like ``TRUNCATE ... CASCADE`` (the key
  refuses a ``TRUNCATE`` that leaves the sets out).
- The checks run with the privileges of whoever writes (locking a workout needs ``UPDATE`` on
  it, the cascade ``DELETE`` on the sets), not the table owner's; Strongback writes as one role.
- A ``REPEATABLE READ`` or ``SERIALIZABLE`` transaction deleting a workout, or changing its
  key, while another transaction adds sets to it and commits first: the declared key sees those
  sets and fails the first transaction; a trigger's query, bound to that transaction's
  snapshot, does not see them. Strongback's own writers take the user's writer lock and run at
  ``READ COMMITTED``, so they never meet it.

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


def _not_present(schema: str) -> str:
    return f"""
        RAISE EXCEPTION 'insert or update on table "performed_sets" violates foreign key constraint "{KEY}"'
            USING ERRCODE = 'foreign_key_violation', SCHEMA = '{schema}', TABLE = 'performed_sets',
                  CONSTRAINT = '{KEY}',
                  DETAIL = format('Key (workout_id, user_id)=(%s, %s) is not present in table "workouts".',
                                  missing.workout_id, missing.user_id);"""  # noqa: E501


def _check(keys: str, schema: str) -> str:
    """The body of a check: every key of ``keys`` (a query of distinct workout_id, user_id)
    names a workout, each locked ``FOR KEY SHARE``; else the key's refusal, naming the first
    missing."""
    workouts = f'"{schema}".workouts'
    return f"""
DECLARE
    missing record;
BEGIN
    IF (WITH k AS MATERIALIZED ({keys})
        SELECT (SELECT count(*) FROM k)
               <> (SELECT count(*) FROM k, LATERAL (
                       SELECT FROM {workouts} AS w
                        WHERE w.id = k.workout_id AND w.user_id = k.user_id
                          FOR KEY SHARE OF w) AS locked)) THEN
        SELECT k.workout_id, k.user_id INTO missing FROM ({keys}) AS k
         WHERE NOT EXISTS (SELECT FROM {workouts} AS w
                            WHERE w.id = k.workout_id AND w.user_id = k.user_id)
         LIMIT 1;{_not_present(schema)}
    END IF;
    RETURN NULL;
END"""


_INSERTED = "SELECT DISTINCT workout_id, user_id FROM new_sets"
# Like the declared key, an update checks only the sets whose workout or user it changed.
_CHANGED = (
    "SELECT DISTINCT workout_id, user_id FROM (SELECT id, workout_id, user_id FROM new_sets "
    "EXCEPT SELECT id, workout_id, user_id FROM old_sets) AS changed"
)


def _upgrade(schema: str) -> str:
    s = f'"{schema}"'
    return f"""
ALTER TABLE {s}.performed_sets DROP CONSTRAINT {KEY};

CREATE FUNCTION {s}.performed_sets_check_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
{_check(_INSERTED, schema)}
$$;
CREATE TRIGGER performed_sets_workout_inserted AFTER INSERT ON {s}.performed_sets
    REFERENCING NEW TABLE AS new_sets
    FOR EACH STATEMENT EXECUTE FUNCTION {s}.performed_sets_check_inserted();

CREATE FUNCTION {s}.performed_sets_check_updated() RETURNS trigger LANGUAGE plpgsql AS $$
{_check(_CHANGED, schema)}
$$;
CREATE TRIGGER performed_sets_workout_updated AFTER UPDATE ON {s}.performed_sets
    REFERENCING OLD TABLE AS old_sets NEW TABLE AS new_sets
    FOR EACH STATEMENT EXECUTE FUNCTION {s}.performed_sets_check_updated();

CREATE FUNCTION {s}.workouts_delete_sets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE 'DELETE FROM {s}.performed_sets AS s USING gone AS g
              WHERE s.workout_id = g.id AND s.user_id = g.user_id';
    RETURN NULL;
END
$$;
CREATE TRIGGER workouts_deleted AFTER DELETE ON {s}.workouts
    REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION {s}.workouts_delete_sets();

CREATE FUNCTION {s}.workouts_key_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Another workout may have taken the old key in the same statement (as the key allows).
    IF EXISTS (SELECT FROM {s}.performed_sets AS p
                WHERE p.workout_id = OLD.id AND p.user_id = OLD.user_id)
       AND NOT EXISTS (SELECT FROM {s}.workouts AS w
                        WHERE w.id = OLD.id AND w.user_id = OLD.user_id)
    THEN
        RAISE EXCEPTION 'update or delete on table "workouts" violates foreign key constraint "{KEY}" on table "performed_sets"'
            USING ERRCODE = 'foreign_key_violation', SCHEMA = '{schema}', TABLE = 'workouts',
                  CONSTRAINT = '{KEY}',
                  DETAIL = format('Key (id, user_id)=(%s, %s) is still referenced from table "performed_sets".',
                                  OLD.id, OLD.user_id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER workouts_key_changed AFTER UPDATE OF id, user_id ON {s}.workouts
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.user_id IS DISTINCT FROM NEW.user_id)
    EXECUTE FUNCTION {s}.workouts_key_kept();

CREATE FUNCTION {s}.workouts_truncate_sets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Row by row: the tables that refer to sets keep their own keys' actions.
    DELETE FROM {s}.performed_sets;
    RETURN NULL;
END
$$;
CREATE TRIGGER workouts_truncated BEFORE TRUNCATE ON {s}.workouts
    FOR EACH STATEMENT EXECUTE FUNCTION {s}.workouts_truncate_sets();
"""  # noqa: E501


def _downgrade(schema: str) -> str:
    s = f'"{schema}"'
    return f"""
DROP TRIGGER workouts_truncated ON {s}.workouts;
DROP FUNCTION {s}.workouts_truncate_sets();
DROP TRIGGER workouts_key_changed ON {s}.workouts;
DROP FUNCTION {s}.workouts_key_kept();
DROP TRIGGER workouts_deleted ON {s}.workouts;
DROP FUNCTION {s}.workouts_delete_sets();
DROP TRIGGER performed_sets_workout_updated ON {s}.performed_sets;
DROP FUNCTION {s}.performed_sets_check_updated();
DROP TRIGGER performed_sets_workout_inserted ON {s}.performed_sets;
DROP FUNCTION {s}.performed_sets_check_inserted();
ALTER TABLE {s}.performed_sets ADD CONSTRAINT {KEY}
    FOREIGN KEY (workout_id, user_id) REFERENCES {s}.workouts (id, user_id) ON DELETE CASCADE;
"""


def _schema() -> str:
    """The schema the tables are in (the first of the connection's search path)."""
    schema = op.get_bind().exec_driver_sql("SELECT current_schema()").scalar()
    if not isinstance(schema, str) or '"' in schema or "'" in schema or "$" in schema:
        raise RuntimeError(f"unexpected schema name {schema!r}")
    return schema


def upgrade() -> None:
    """PostgreSQL: the key's triggers in place of the declared key."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_upgrade(_schema()))


def downgrade() -> None:
    """PostgreSQL: the declared key back in place of its triggers."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_downgrade(_schema()))
