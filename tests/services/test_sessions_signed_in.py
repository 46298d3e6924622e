"""Several session cookies signed in by one query: each answered in its order with its own
account and data version; unknown, ended and expired sessions sign in no one."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from strongback.app import Strongback
from strongback.services import accounts, training_log
from strongback.services.training_log import LogRequest
from strongback.settings import Settings


def test_cookies_signed_in_together_each_get_their_own_account_in_order(
    strongback: Strongback, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada = accounts.sign_up(strongback, "ada@example.com", "a password long enough")
    bo = accounts.sign_up(strongback, "bo@example.com", "another password, long enough")
    ada_cookie = accounts.start_session(strongback, ada)
    bo_cookie = accounts.start_session(strongback, bo)
    ended = accounts.start_session(strongback, bo)
    accounts.end_session(strongback, ended)
    training_log.log_sets(strongback.scope(bo.id), LogRequest("face-pull", reps=(12,)))

    cookies = [bo_cookie, "no-such-cookie", ada_cookie, ended, bo_cookie]
    found = accounts.sessions_signed_in(strongback, cookies)
    one_by_one = [accounts.session_signed_in(strongback, cookie) for cookie in cookies]
    assert found == one_by_one
    assert [s.account.email if s else None for s in found] == [
        "bo@example.com", None, "ada@example.com", None, "bo@example.com"
    ]  # fmt: skip
    bo_version, ada_version = found[0], found[2]
    assert bo_version is not None and ada_version is not None
    assert bo_version.data_version > ada_version.data_version  # bo logged a set

    # A month and a day later every session has expired.
    later = accounts.utc_now() + accounts.SESSION_LIFETIME + timedelta(days=1)
    monkeypatch.setattr(accounts, "utc_now", lambda: later)
    assert accounts.sessions_signed_in(strongback, [ada_cookie, bo_cookie]) == [None, None]


def test_no_cookies_sign_in_no_one_without_opening_the_database(tmp_path: Path) -> None:
    missing = tmp_path / "not-made" / "strongback.db"  # opening it would fail
    with Strongback(Settings(database_url=f"sqlite:///{missing}")) as strongback:
        assert accounts.sessions_signed_in(strongback, []) == []
