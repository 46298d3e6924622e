"""Sets logged with an API token as a batch: signed in once and stored in order; a refused request
is its own; an unknown or revoked token stores nothing; two users' batches keep their sets
apart."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from strongback.app import Strongback
from strongback.domain.errors import UnknownExercise
from strongback.services import accounts, training_log
from strongback.services.training_log import LogRequest, LogResult, PendingLog, log_batch_with_token

DAY = date(2026, 3, 2)


def _token(strongback: Strongback, email: str) -> tuple[int, str]:
    account = accounts.sign_up(strongback, email, "a password long enough")
    return account.id, accounts.create_token(strongback, account.id, "phone")[1]


def _orders(strongback: Strongback, user_id: int) -> list[int]:
    days = training_log.workouts(strongback.scope(user_id))
    return [s.order for w in days for s in w.sets]


def _pending(reps: int, day: date | None = None) -> PendingLog:
    return PendingLog.of(LogRequest("face-pull", reps=(reps,), day=day))


def test_a_batch_signs_in_once_and_stores_every_request_in_order(
    strongback: Strongback, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_id, secret = _token(strongback, "alice@example.com")
    lookups: list[str] = []
    real = training_log.token_account

    def counted(deployment: Strongback, token: str) -> accounts.Account | None:
        lookups.append(token)
        return real(deployment, token)

    monkeypatch.setattr(training_log, "token_account", counted)
    outcomes = log_batch_with_token(strongback, secret, [_pending(10 + i) for i in range(6)])
    assert lookups == [secret]
    assert [o.sets[0].order for o in outcomes if isinstance(o, LogResult)] == [1, 2, 3, 4, 5, 6]
    assert _orders(strongback, user_id) == [1, 2, 3, 4, 5, 6]


def test_a_refused_request_gets_its_error_and_the_rest_of_its_batch_is_stored(
    strongback: Strongback,
) -> None:
    user_id, secret = _token(strongback, "alice@example.com")
    unknown = PendingLog.of(LogRequest("no-such-movement", reps=(5,)))
    first, refused, last = log_batch_with_token(
        strongback, secret, [_pending(10), unknown, _pending(12)]
    )
    assert isinstance(refused, UnknownExercise) and refused.field == "exercise"
    assert isinstance(first, LogResult) and isinstance(last, LogResult)
    assert _orders(strongback, user_id) == [1, 2]


def test_a_revoked_or_unknown_token_stores_nothing(strongback: Strongback) -> None:
    user_id, secret = _token(strongback, "alice@example.com")
    token_id = accounts.list_tokens(strongback, user_id)[0].id
    accounts.revoke_token(strongback, user_id, token_id)
    assert log_batch_with_token(strongback, secret, [_pending(10), _pending(11)]) == [None, None]
    assert log_batch_with_token(strongback, "sb_nobody", [_pending(8)]) == [None]
    assert _orders(strongback, user_id) == []


def test_two_users_batches_at_once_each_store_only_their_own_sets(
    strongback: Strongback,
) -> None:
    alice, alice_secret = _token(strongback, "alice@example.com")
    bob, bob_secret = _token(strongback, "bob@example.com")
    start = threading.Barrier(2, timeout=30)

    outcomes: list[LogResult | Exception | None] = []

    def log(secret: str, reps: list[int]) -> None:
        start.wait()
        outcomes.extend(log_batch_with_token(strongback, secret, [_pending(r, DAY) for r in reps]))

    threads = [
        threading.Thread(target=log, args=(alice_secret, [10, 11, 12])),
        threading.Thread(target=log, args=(bob_secret, [20, 21])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(outcomes) == 5 and all(isinstance(o, LogResult) for o in outcomes), outcomes
    for user_id, reps in ((alice, [10, 11, 12]), (bob, [20, 21])):
        days = training_log.workouts(strongback.scope(user_id))
        assert [s.reps for w in days for s in w.sets] == reps
        assert [s.order for w in days for s in w.sets] == list(range(1, len(reps) + 1))
