"""A user's data version (``users.data_version``) on both engines: raised once by each commit
of a unit of work that wrote, whichever repository wrote (an import's bulk load included), left
alone by reads and rollbacks and by another user's writes, and read with the signed-in session
in one query."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest

from strongback.app import Strongback
from strongback.domain.body_weight import BodyWeight
from strongback.domain.profile import UserProfile
from strongback.domain.vocab import WeightUnit
from strongback.services import accounts, importing
from strongback.settings import Settings
from strongback.storage.data_version import data_version, may_write, raise_version_sql
from tests.builders import rows, workout
from tests.samples import export_files


@pytest.fixture
def app(db_url: str) -> Iterator[Strongback]:
    with Strongback(Settings(database_url=db_url, secret_key="test-secret-key")) as strongback:
        yield strongback


def _version(app: Strongback, user_id: int) -> int:
    with app.database.engine.connect() as conn:
        return data_version(conn, user_id)


def _user(app: Strongback, email: str) -> int:
    return accounts.sign_up(app, email, "correct horse battery").id


def test_reads_leave_the_version_and_each_commit_that_wrote_raises_it_once(
    app: Strongback,
) -> None:
    ada = _user(app, "ada@example.org")
    with app.scope(ada).unit_of_work() as uow:
        uow.workouts.list()
        uow.profile.get()
        uow.commit()
    assert _version(app, ada) == 0
    with app.scope(ada).unit_of_work() as uow:  # not opened to write, yet it writes
        uow.profile.save(UserProfile(unit=WeightUnit.LB))
        uow.workouts.add(workout(datetime(2026, 3, 2, 9), ("face-pull", rows(2, reps=12))))
        uow.commit()
        assert _version(app, ada) == 1
        uow.body_weights.put(BodyWeight(date(2026, 3, 2), 80.0, WeightUnit.KG))
        uow.commit()
    assert _version(app, ada) == 2


def test_a_write_rolled_back_leaves_the_version(app: Strongback) -> None:
    ada = _user(app, "ada@example.org")
    with app.scope(ada).unit_of_work(write=True) as uow:
        uow.profile.save(UserProfile(unit=WeightUnit.LB))
        uow.rollback()
        uow.workouts.list()
    assert _version(app, ada) == 0


def test_a_unit_opened_to_write_raises_the_version_for_a_write_the_engine_did_not_see(
    app: Strongback,
) -> None:
    # A bulk load may write through the driver's own connection, below the engine's events.
    ada = _user(app, "ada@example.org")
    with app.scope(ada).unit_of_work(write=True) as uow:
        uow.commit()  # nothing began: nothing to raise
        assert _version(app, ada) == 0
        uow.workouts.list()  # the transaction begins
        driver = uow.connection.connection.driver_connection
        mark = "?" if app.database.dialect == "sqlite" else "%s"
        driver.execute(f"UPDATE users SET name = name WHERE id = {mark}", (ada,))
        uow.commit()
    assert _version(app, ada) == 1


def test_the_raise_of_code_that_commits_through_the_driver(app: Strongback) -> None:
    ada = _user(app, "ada@example.org")
    with app.database.engine.connect() as conn:
        conn.exec_driver_sql(raise_version_sql(ada))
        conn.commit()
    assert _version(app, ada) == 1


def test_one_users_writes_leave_another_users_version(app: Strongback) -> None:
    ada, bob = _user(app, "ada@example.org"), _user(app, "bob@example.org")
    with app.scope(ada).unit_of_work(write=True) as uow:
        uow.profile.save(UserProfile(unit=WeightUnit.LB))
        uow.commit()
    assert (_version(app, ada), _version(app, bob)) == (1, 0)


def test_an_import_raises_the_version(app: Strongback) -> None:
    ada = _user(app, "ada@example.org")
    importing.import_file(app.scope(ada), None, export_files("strong")[0])
    assert _version(app, ada) >= 1


def test_the_session_gives_its_account_and_data_version_in_one_read(app: Strongback) -> None:
    account = accounts.sign_up(app, "ada@example.org", "correct horse battery")
    secret = accounts.start_session(app, account)
    with app.scope(account.id).unit_of_work(write=True) as uow:
        uow.profile.save(UserProfile(unit=WeightUnit.LB))
        uow.commit()
    found = accounts.session_signed_in(app, secret)
    assert found is not None and found.account == account and found.data_version == 1
    assert accounts.session_signed_in(app, "not a session") is None


@pytest.mark.parametrize(
    ("statement", "writes"),
    [
        ("SELECT 1", False),
        ("  select * from workouts", False),
        ("PRAGMA cache_size", False),
        ("SET LOCAL enable_seqscan = off", False),
        ("SELECT pg_advisory_xact_lock(1, 2)", False),
        ("WITH last AS (SELECT 1) SELECT * FROM last", False),
        ("INSERT INTO performed_sets VALUES (1)", True),
        ("update users set x = 1", True),
        ("DELETE FROM workouts", True),
        ("WITH day AS (SELECT 1) INSERT INTO performed_sets SELECT * FROM day", True),
        ("COPY performed_sets (id) FROM STDIN", True),
    ],
)
def test_statements_that_may_write_are_told_from_reads(statement: str, writes: bool) -> None:
    assert may_write(statement) is writes
