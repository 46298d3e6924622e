"""The schema, as SQLAlchemy Core tables. One schema for SQLite and PostgreSQL.

Times are stored timezone-naive: the local wall-clock time the user trained at, exactly as the
apps export it (Strong and Hevy write local times without an offset). Loads keep the unit they
were entered in. Every table that holds user data carries ``user_id``; a performed set's
``(workout_id, user_id)`` points at its workout's ``(id, user_id)``, so a set can never hang
under another user's workout.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Named constraints make migrations reproducible on both engines.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

# The key of ``info`` naming the engines where triggers keep a foreign key instead of the
# database's declared key (the migrations drop it there; see :func:`declared_on`).
TRIGGER_KEPT_ON = "trigger_kept_on"


def declared_on(dialect_name: str) -> Callable[[Any, str | None, str, bool, Any], bool]:
    """An Alembic ``include_object`` for comparing the schema on ``dialect_name``: leaves out
    the foreign keys that triggers keep there, which the database does not declare."""

    def include(obj: Any, _name: str | None, type_: str, _reflected: bool, _to: Any) -> bool:
        if type_ != "foreign_key_constraint":
            return True
        kept_on = getattr(obj, "info", {}).get(TRIGGER_KEPT_ON, ())
        return dialect_name not in kept_on

    return include


SET_TYPES = ("warm-up", "working", "drop", "failure")
UNITS = ("kg", "lb")
SIDES = ("left", "right")


def _in(column: str, values: tuple[str, ...]) -> str:
    # Written as ORed equalities, not ``IN (...)``: the same rule (NULL passes either way), but
    # SQLite builds a small lookup table for an IN list on every inserted row, which made these
    # checks cost about a third of a bulk insert.
    return " OR ".join(f"{column} = '{v}'" for v in values)


users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=False), nullable=False),
    # An account signs in on the web: its email (stored lowercased) and an Argon2id hash. The
    # CLI's local user has neither until ``strongback account create`` turns it into one.
    Column("email", String(320), nullable=True),
    Column("password_hash", Text, nullable=True),
    Column("is_demo", Boolean, nullable=False, server_default="0"),
    # Coaching turned on: the account's dashboard, roster and invites are open (migration 0011).
    Column("coaching", Boolean, nullable=False, server_default="0"),
    # Raised by every unit of work that wrote the user's rows, in its transaction (migration
    # 0012, storage/data_version.py): what a web worker keys the user's cached pages on.
    Column("data_version", Integer, nullable=False, server_default="0"),
    Index("uq_users_email", "email", unique=True),
)

# A signed-in browser: the SHA-256 of the cookie's random value (never the value itself), so a
# leaked table signs nobody in. In the database, not in memory: every web worker reads it.
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=False), nullable=False),
    Column("expires_at", DateTime(timezone=False), nullable=False),
    Index("ix_web_sessions_user", "user_id"),
)

# Personal access tokens for the API, hashed like sessions; shown once when created.
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=False), nullable=False),
    Column("last_used_at", DateTime(timezone=False), nullable=True),
    Index("ix_api_tokens_user", "user_id"),
)

# Failed and successful logins, counted per email and per address to slow down guessing. Keyed
# by the email typed (an unknown one too), so it carries no user id.
login_attempts = Table(
    "login_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(320), nullable=False),
    Column("address", String(64), nullable=False),
    Column("attempted_at", DateTime(timezone=False), nullable=False),
    Column("succeeded", Boolean, nullable=False),
    Index("ix_login_attempts_email", "email", "attempted_at"),
    Index("ix_login_attempts_address", "address", "attempted_at"),
)

profiles = Table(
    "profiles",
    metadata,
    Column(
        "user_id",
        Integer,
        ForeignKey("users.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("equipment", JSON, nullable=False),
    Column("unit", String(2), nullable=False),
    Column("dumbbells", JSON, nullable=False),
    Column("kettlebells", JSON, nullable=False),
    Column("plates", JSON, nullable=False),
    Column("bar_weight", Float, nullable=True),
    Column("cable_step", Float, nullable=True),
    Column("pain_threshold", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=False), nullable=False),
    CheckConstraint(_in("unit", UNITS), name="unit"),
    CheckConstraint("pain_threshold BETWEEN 0 AND 10", name="pain_threshold"),
)

workouts = Table(
    "workouts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("started_at", DateTime(timezone=False), nullable=False),
    Column("ended_at", DateTime(timezone=False), nullable=True),
    Column("title", Text, nullable=False),
    Column("notes", Text, nullable=True),
    Column("source", String(32), nullable=False),
    # Set only on the workout ``log add`` fills on that day: the unique index below keeps it
    # one per day even when several processes log at once (NULLs never collide).
    Column("log_day", Date, nullable=True),
    # The import that added the workout (None when logged by hand); no foreign key, so the
    # bulk path pays no check per row. Undo deletes by this id.
    Column("import_id", Integer, nullable=True),
    # A UUID the API's client chose, making a create safe to retry: the unique index keeps one
    # workout per (user, client_id) even when two workers race (NULLs never collide).
    Column("client_id", String(36), nullable=True),
    # The target of performed_sets' composite key: a set belongs to its workout's user.
    UniqueConstraint("id", "user_id"),
    Index("ix_workouts_user_started", "user_id", "started_at"),
    Index("uq_workouts_user_log_day", "user_id", "log_day", unique=True),
    Index("uq_workouts_user_client_id", "user_id", "client_id", unique=True),
)

performed_sets = Table(
    "performed_sets",
    metadata,
    Column("id", Integer, primary_key=True),
    # No separate key to users: the composite key to the workout already ties the set to a
    # user, and every extra check costs on the bulk import path.
    Column("user_id", Integer, nullable=False),
    Column("workout_id", Integer, nullable=False),
    Column("exercise", String(200), nullable=False),
    Column("imported_as", Text, nullable=True),
    # "order" is an SQL keyword; the domain's PerformedSet.order maps to this column.
    Column("set_order", Integer, nullable=False),
    Column("set_type", String(16), nullable=False),
    Column("weight", Float, nullable=True),
    Column("unit", String(2), nullable=True),
    Column("reps", Integer, nullable=True),
    Column("seconds", Float, nullable=True),
    Column("distance_m", Float, nullable=True),
    Column("side", String(8), nullable=True),
    Column("rpe", Float, nullable=True),
    Column("rir", Float, nullable=True),
    Column("tempo", String(16), nullable=True),
    Column("pain", Integer, nullable=True),
    Column("notes", Text, nullable=True),
    Column("rest_seconds", Float, nullable=True),
    Column("superset", String(64), nullable=True),
    # The key a re-import is recognized by, as the source gave it, and a 64-bit hash of it that
    # carries the uniqueness: an integer index is far cheaper to maintain than one on text, on
    # both engines and whatever the database's collation (see WorkoutRepository.key_hash).
    Column("source_key", String(255), nullable=True),
    Column("source_hash", BigInteger, nullable=True),
    # The import that added the set (see workouts.import_id).
    Column("import_id", Integer, nullable=True),
    # On PostgreSQL triggers keep this key, checking a statement's sets at once rather than
    # each set by itself (migration 0013); SQLite declares it.
    ForeignKeyConstraint(
        ["workout_id", "user_id"],
        ["workouts.id", "workouts.user_id"],
        ondelete="CASCADE",
        info={TRIGGER_KEPT_ON: ("postgresql",)},
    ),
    UniqueConstraint("user_id", "source_hash"),
    CheckConstraint("(source_key IS NULL) = (source_hash IS NULL)", name="source_hash"),
    CheckConstraint(_in("set_type", SET_TYPES), name="set_type"),
    CheckConstraint(_in("unit", UNITS), name="unit"),
    CheckConstraint(_in("side", SIDES), name="side"),
    CheckConstraint("pain BETWEEN 0 AND 10", name="pain"),
    CheckConstraint("rpe BETWEEN 0 AND 10", name="rpe"),
    CheckConstraint("rir >= 0", name="rir"),
    CheckConstraint("reps >= 0", name="reps"),
    # Serves reading a workout's sets and the cascade when a workout is deleted.
    Index("ix_performed_sets_workout", "workout_id", "set_order"),
    # Serves finding an exercise's last sessions (what the progression rules read) without
    # walking the user's whole history.
    Index("ix_performed_sets_user_exercise", "user_id", "exercise", "workout_id"),
)

custom_exercises = Table(
    "custom_exercises",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("slug", String(200), nullable=False),
    Column("name", Text, nullable=False),
    Column("data", JSON, nullable=False),
    Column("created_at", DateTime(timezone=False), nullable=False),
    UniqueConstraint("user_id", "slug"),
)

plans = Table(
    "plans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=False), nullable=False),
    Column("name", Text, nullable=True),
    Column("is_current", Boolean, nullable=False),
    Column("data", JSON, nullable=False),
    # The coach who assigned the plan (None: the user made it).
    Column("assigned_by", Integer, ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
    # When the plan's sessions fall (PlanCalendar's JSON), so a coach's roster need not decode
    # every athlete's whole plan; None for plans saved before it was kept.
    Column("calendar", JSON, nullable=True),
    Index("ix_plans_user_current", "user_id", "is_current"),
)

# One row per import of a file: what ``import list`` shows and ``import undo`` removes.
imports = Table(
    "imports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("app", String(32), nullable=False),
    Column("file", Text, nullable=False),
    Column("unit", String(2), nullable=True),
    Column("imported_at", DateTime(timezone=False), nullable=False),
    Column("workouts", Integer, nullable=False),
    Column("sets", Integer, nullable=False),
    Column("duplicates", Integer, nullable=False),
    Column("skipped", Integer, nullable=False),
    # The custom exercises this import created (undo removes those no set uses any more).
    Column("created_exercises", JSON, nullable=False),
    CheckConstraint(_in("unit", UNITS), name="unit"),
    Index("ix_imports_user", "user_id", "id"),
)

# Names from other apps the user tied to an exercise; every later import uses them.
name_mappings = Table(
    "name_mappings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("exercise", String(200), nullable=False),
    Column("created_at", DateTime(timezone=False), nullable=False),
    UniqueConstraint("user_id", "name"),
)

PERMISSIONS = ("view", "assign")

# A coach's access to an athlete, owned by the athlete (``user_id``): one row per pair, revoked
# by the athlete (``revoked_at``) and granted again by a new invite.
coaching_links = Table(
    "coaching_links",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("coach_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("permission", String(8), nullable=False),
    Column("created_at", DateTime(timezone=False), nullable=False),
    Column("changed_at", DateTime(timezone=False), nullable=False),
    Column("revoked_at", DateTime(timezone=False), nullable=True),
    UniqueConstraint("user_id", "coach_id"),
    CheckConstraint(_in("permission", PERMISSIONS), name="permission"),
    Index("ix_coaching_links_coach", "coach_id"),
)

# A coach's one-time invites (``user_id`` is the coach); only the token's hash is kept.
coaching_invites = Table(
    "coaching_invites",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=False), nullable=False),
    Column("expires_at", DateTime(timezone=False), nullable=False),
    Column("accepted_at", DateTime(timezone=False), nullable=True),
    Column("accepted_by", Integer, ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
)

# A comment on a workout or one of its sets; ``user_id`` is the athlete whose workout it is,
# ``author_id`` the athlete or a coach.
comments = Table(
    "comments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, nullable=False),
    Column("workout_id", Integer, nullable=False),
    Column("set_id", Integer, ForeignKey("performed_sets.id", ondelete="CASCADE"), nullable=True),
    Column("author_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime(timezone=False), nullable=False),
    ForeignKeyConstraint(
        ["workout_id", "user_id"],
        ["workouts.id", "workouts.user_id"],
        ondelete="CASCADE",
    ),
    Index("ix_comments_user_workout", "user_id", "workout_id"),
)

# Who has read which comment (``user_id`` is the reader): a comment without a row is unread.
comment_reads = Table(
    "comment_reads",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("comment_id", Integer, ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True),
    Column("read_at", DateTime(timezone=False), nullable=False),
)

# The athlete's daily readiness checks, one per day.
checkins = Table(
    "checkins",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date, nullable=False),
    Column("sleep", Integer, nullable=True),
    Column("energy", Integer, nullable=True),
    Column("soreness", Integer, nullable=True),
    Column("back_pain", Integer, nullable=False),
    Column("note", Text, nullable=True),
    Column("created_at", DateTime(timezone=False), nullable=False),
    UniqueConstraint("user_id", "day"),
    CheckConstraint("sleep BETWEEN 0 AND 10", name="sleep"),
    CheckConstraint("energy BETWEEN 0 AND 10", name="energy"),
    CheckConstraint("soreness BETWEEN 0 AND 10", name="soreness"),
    CheckConstraint("back_pain BETWEEN 0 AND 10", name="back_pain"),
)

# Deleted workouts, kept so a delete can be undone: the workout's row and its sets' rows as
# they were stored (JSON), restored as they were.
deleted_workouts = Table(
    "deleted_workouts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("workout_id", Integer, nullable=False),
    Column("client_id", String(36), nullable=True),
    Column("deleted_at", DateTime(timezone=False), nullable=False),
    Column("data", JSON, nullable=False),
    Index("ix_deleted_workouts_user_workout", "user_id", "workout_id"),
    Index("ix_deleted_workouts_user_client_id", "user_id", "client_id"),
)

# A guided session (see strongback.domain.guided). ``active`` is true while it runs and NULL
# once finished or abandoned: the unique key on (user_id, active) lets each user have one active
# session, whatever the number of workers starting one at once (NULLs never collide). The state
# is JSON whose instants are UTC with an offset; the timestamp columns hold UTC too.
training_sessions = Table(
    "training_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("active", Boolean, nullable=True),
    Column("started_at", DateTime(timezone=False), nullable=False),
    Column("updated_at", DateTime(timezone=False), nullable=False),
    Column("ended_at", DateTime(timezone=False), nullable=True),
    Column("state", JSON, nullable=False),
    # The workout written when the session was finished (None while active or if abandoned).
    Column("workout_id", Integer, nullable=True),
    UniqueConstraint("id", "user_id"),
    UniqueConstraint("user_id", "active"),
    CheckConstraint("active", name="active"),
)

# Each set as entered during a session, under the id its client chose: storing a set with a
# known id again stores nothing.
training_session_sets = Table(
    "training_session_sets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, nullable=False),
    Column("session_id", Integer, nullable=False),
    Column("client_id", String(64), nullable=False),
    Column("item", Integer, nullable=False),
    Column("number", Integer, nullable=False),
    Column("exercise", String(200), nullable=False),
    Column("reps", Integer, nullable=True),
    Column("seconds", Float, nullable=True),
    Column("weight", Float, nullable=True),
    Column("unit", String(2), nullable=True),
    Column("rir", Float, nullable=True),
    Column("pain", Integer, nullable=True),
    Column("pain_where", Text, nullable=True),
    Column("entered_at", DateTime(timezone=False), nullable=False),
    ForeignKeyConstraint(
        ["session_id", "user_id"],
        ["training_sessions.id", "training_sessions.user_id"],
        ondelete="CASCADE",
    ),
    UniqueConstraint("user_id", "client_id"),
    CheckConstraint(_in("unit", UNITS), name="unit"),
    CheckConstraint("pain BETWEEN 0 AND 10", name="pain"),
    CheckConstraint("rir >= 0", name="rir"),
    CheckConstraint("reps >= 0", name="reps"),
    Index("ix_training_session_sets_session", "session_id", "id"),
)

# The user's weighings, one per day, in the unit entered: what a pull-up moves besides its load.
body_weights = Table(
    "body_weights",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date, nullable=False),
    Column("weight", Float, nullable=False),
    Column("unit", String(2), nullable=False),
    Column("created_at", DateTime(timezone=False), nullable=False),
    # The import that added this weighing (None: entered by hand); undo removes exactly those.
    Column("import_id", Integer, nullable=True),
    UniqueConstraint("user_id", "day"),
    CheckConstraint(_in("unit", UNITS), name="unit"),
    CheckConstraint("weight > 0", name="weight"),
)

__all__ = [
    "TRIGGER_KEPT_ON",
    "api_tokens",
    "body_weights",
    "checkins",
    "coaching_invites",
    "coaching_links",
    "comment_reads",
    "comments",
    "custom_exercises",
    "declared_on",
    "deleted_workouts",
    "imports",
    "login_attempts",
    "metadata",
    "name_mappings",
    "performed_sets",
    "plans",
    "profiles",
    "training_session_sets",
    "training_sessions",
    "users",
    "web_sessions",
    "workouts",
]
