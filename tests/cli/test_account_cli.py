"""``strongback account create``, ``--user EMAIL`` and ``token create``: the CLI's local user
becomes an account with its history, other accounts live beside it, and tokens are printed
once."""

from __future__ import annotations

import json
import os
import socket
from typing import Any

import pytest

from strongback.app import Strongback
from strongback.services import accounts
from strongback.services.training_log import count
from strongback.settings import Settings

PASSWORD = "correct horse battery\n"


def _sets(run_cli: Any, url: str, *root: str) -> list[dict[str, Any]]:
    result = run_cli([*root, "log", "show", "--json"], db_url=url)
    assert result.exit_code == 0, result.stderr
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


def test_account_create_turns_the_local_user_and_its_history_into_an_account(
    run_cli: Any, db_url: str
) -> None:
    logged = run_cli(["log", "add", "--exercise", "goblet-squat", "--reps", "10"], db_url=db_url)
    assert logged.exit_code == 0, logged.stderr
    made = run_cli(
        ["account", "create", "Ada@Example.org", "--password-stdin"], db_url=db_url, input=PASSWORD
    )
    assert made.exit_code == 0, made.stderr
    assert "the local user is now the account ada@example.org" in made.stdout
    with Strongback(Settings(database_url=db_url)) as app:
        account = accounts.authenticate(app, "ada@example.org", PASSWORD.strip(), "127.0.0.1")
        assert account.name == "local"
    # Both the plain CLI and --user see the same history.
    assert len(_sets(run_cli, db_url)) == 1
    assert len(_sets(run_cli, db_url, "--user", "ada@example.org")) == 1


def test_account_create_with_user_adds_a_separate_account(run_cli: Any, db_url: str) -> None:
    run_cli(["account", "create", "ada@example.org", "--password-stdin"], db_url=db_url,
            input=PASSWORD)  # fmt: skip
    again = run_cli(
        ["account", "create", "bob@example.org", "--password-stdin"], db_url=db_url, input=PASSWORD
    )
    assert again.exit_code == 2 and "--user EMAIL" in again.stderr
    made = run_cli(
        ["--user", "bob@example.org", "account", "create", "--password-stdin"],
        db_url=db_url,
        input=PASSWORD,
    )
    assert made.exit_code == 0, made.stderr
    bob_log = run_cli(
        ["--user", "bob@example.org", "log", "add", "--exercise", "goblet-squat", "--reps", "8"],
        db_url=db_url,
    )
    assert bob_log.exit_code == 0, bob_log.stderr
    assert [s["reps"] for s in _sets(run_cli, db_url, "--user", "bob@example.org")] == [8]
    assert _sets(run_cli, db_url, "--user", "ada@example.org") == []


def test_an_unknown_user_is_one_line_and_exit_2(run_cli: Any, db_url: str) -> None:
    result = run_cli(["--user", "nobody@example.org", "log", "show"], db_url=db_url)
    assert result.exit_code == 2
    assert result.stderr == "error: no account with the email nobody@example.org\n"


def test_a_short_password_is_refused(run_cli: Any, sqlite_url: str) -> None:
    result = run_cli(
        ["account", "create", "ada@example.org", "--password-stdin"], db_url=sqlite_url,
        input="short\n",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "password must be at least 8 characters" in result.stderr


def test_token_create_prints_a_working_token_once(run_cli: Any, db_url: str) -> None:
    run_cli(["account", "create", "ada@example.org", "--password-stdin"], db_url=db_url,
            input=PASSWORD)  # fmt: skip
    result = run_cli(
        ["--user", "ada@example.org", "token", "create", "--name", "script"], db_url=db_url
    )
    assert result.exit_code == 0, result.stderr
    token = result.stdout.strip()
    with Strongback(Settings(database_url=db_url)) as app:
        user_id = accounts.verify_token(app, token)
        assert user_id == accounts.account_by_email(app, "ada@example.org").id
        assert [t.name for t in accounts.list_tokens(app, user_id)] == ["script"]


def test_serve_refuses_a_reachable_address_with_the_default_secret(
    run_cli: Any, sqlite_url: str
) -> None:
    result = run_cli(["serve", "--host", "0.0.0.0"], db_url=sqlite_url)
    assert result.exit_code == 2
    assert "secret key of its own" in result.stderr and "STRONGBACK_SECRET_KEY" in result.stderr


def test_serve_with_workers_refuses_a_port_another_server_shares(
    run_cli: Any, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The other server's socket allows port sharing, as a running Strongback's workers do:
    # a second server must not join it (the two would split the connections between them).
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        monkeypatch.delenv("STRONGBACK_SECRET_KEY", raising=False)
        result = run_cli(["serve", "--port", str(port), "--workers", "2"], db_url=sqlite_url)
    assert result.exit_code != 0
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 2  # where it serves, then the one error
    assert "STRONGBACK_SECRET_KEY" not in os.environ  # serve's export not left to the next test


def test_demo_creates_a_labelled_athlete_who_can_sign_in(run_cli: Any, sqlite_url: str) -> None:
    result = run_cli(["demo"], db_url=sqlite_url)
    assert result.exit_code == 0, result.stderr
    email = result.stdout.split("demo athlete ")[1].split(" ")[0]
    password = result.stdout.split("password: ")[1].rstrip(")\n")
    with Strongback(Settings(database_url=sqlite_url)) as app:
        account = accounts.authenticate(app, email, password, "127.0.0.1")
        assert account.is_demo
        workouts, sets = count(app.scope(account.id))
        assert workouts >= 24 and sets > workouts
