"""Sets logged with an API token: calls made at once with one token sign in once and are stored
together; an unknown or revoked token stores nothing; two users' tokens keep their sets apart."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date

import pytest

from strongback.app import Strongback
from strongback.services import accounts, training_log
from strongback.services.training_log import LogRequest, LogResult, log_sets_with_token
from strongback.settings import Settings

DAY = date(2026, 3, 2)


@pytest.fixture
def strongback(db_url: str) -> Iterator[Strongback]:
    app = Strongback(Settings(database_url=db_url))
    try:
        yield app
    finally:
        app.close()


def _token(strongback: Strongback, email: str) -> tuple[int, str]:
    account = accounts.sign_up(strongback, email, "a password long enough")
    return account.id, accounts.create_token(strongback, account.id, "phone")[1]


def _orders(strongback: Strongback, user_id: int) -> list[int]:
    days = training_log.workouts(strongback.scope(user_id))
    return [s.order for w in days for s in w.sets]


def _at_once(calls: int, log: object) -> list[LogResult | None]:
    """``log(i)`` from ``calls`` threads started together; their answers in call order."""
    answers: list[LogResult | None] = [None] * calls
    start = threading.Barrier(calls)

    def run(i: int) -> None:
        start.wait(timeout=30)
        answers[i] = log(i)  # type: ignore[operator]

    threads = [threading.Thread(target=run, args=(i,)) for i in range(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def test_sets_logged_at_once_with_one_token_sign_in_once_per_batch(
    strongback: Strongback, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_id, secret = _token(strongback, "alice@example.com")
    lookups: list[str] = []
    real = training_log.token_account

    def slow_lookup(deployment: Strongback, token: str) -> accounts.Account | None:
        lookups.append(token)
        if len(lookups) == 1:  # the first batch signs in while every other call arrives
            time.sleep(0.5)
        return real(deployment, token)

    monkeypatch.setattr(training_log, "token_account", slow_lookup)
    answers = _at_once(
        8,
        lambda i: log_sets_with_token(strongback, secret, LogRequest("face-pull", reps=(10 + i,))),
    )
    assert all(a is not None for a in answers)
    assert len(lookups) <= 2, "each batch signs in once, not each call"
    assert sorted(a.sets[0].order for a in answers if a is not None) == list(range(1, 9))
    assert _orders(strongback, user_id) == list(range(1, 9))


def test_a_revoked_or_unknown_token_stores_nothing(strongback: Strongback) -> None:
    user_id, secret = _token(strongback, "alice@example.com")
    token_id = accounts.list_tokens(strongback, user_id)[0].id
    accounts.revoke_token(strongback, user_id, token_id)
    assert log_sets_with_token(strongback, secret, LogRequest("face-pull", reps=(10,))) is None
    assert log_sets_with_token(strongback, "sb_nobody", LogRequest("row", reps=(8,))) is None
    assert _orders(strongback, user_id) == []


def test_two_users_logging_at_once_by_token_each_get_only_their_own_sets(
    strongback: Strongback,
) -> None:
    alice, alice_secret = _token(strongback, "alice@example.com")
    bob, bob_secret = _token(strongback, "bob@example.com")
    secrets = [alice_secret, bob_secret]

    def log(i: int) -> LogResult | None:
        request = LogRequest("face-pull", reps=(10 + i,), day=DAY)
        return log_sets_with_token(strongback, secrets[i % 2], request)

    answers = _at_once(10, log)
    assert all(a is not None for a in answers)
    for user_id, parity in ((alice, 0), (bob, 1)):
        days = training_log.workouts(strongback.scope(user_id))
        reps = sorted(s.reps for w in days for s in w.sets if s.reps is not None)
        assert reps == [10 + i for i in range(10) if i % 2 == parity]
        assert [s.order for w in days for s in w.sets] == [1, 2, 3, 4, 5]
