"""Accounts on the web: sign up, sign in (rotated cookie, rate limits, the same answer for an
unknown email), sign out, passwords rehashed, tokens, deleting an account with its data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from strongback.services import accounts
from tests.web.helpers import PASSWORD, form_post, log_in, sign_up


def test_sign_up_signs_the_browser_in_and_me_names_the_account(client: Any) -> None:
    response = sign_up(client, "Ada@Example.org ")
    assert response.headers["location"] == "/onboarding"
    me = client.get("/api/v1/me").json()
    assert me["email"] == "ada@example.org" and me["is_demo"] is False


def test_sign_up_with_a_taken_email_answers_409_naming_the_field(
    make_client: Callable[..., Any],
) -> None:
    sign_up(make_client(), "ada@example.org")
    other = make_client()
    response = form_post(
        other,
        "/signup",
        {"email": "ada@example.org", "password": PASSWORD, "password_again": PASSWORD},
    )
    assert response.status_code == 409
    assert "an account with this address exists already" in response.text
    assert other.get("/api/v1/me").status_code == 401


def test_a_short_password_is_refused_beside_its_field(client: Any) -> None:
    response = form_post(
        client, "/signup", {"email": "a@b.org", "password": "short", "password_again": "short"}
    )
    assert response.status_code == 422
    assert 'id="password-error"' in response.text
    assert "password must be at least 8 characters" in response.text


def test_session_cookie_is_http_only_same_site_lax_and_rotated_at_login(
    make_client: Callable[..., Any],
) -> None:
    browser = make_client()
    first = sign_up(browser, "ada@example.org").headers["set-cookie"]
    assert "HttpOnly" in first and "SameSite=Lax" in first and "Secure" not in first
    old = browser.cookies.get("strongback_session")
    response = log_in(browser, "ada@example.org")
    assert response.status_code == 303
    new = browser.cookies.get("strongback_session")
    assert new and new != old
    stale = make_client(cookies={"strongback_session": old})
    assert stale.get("/api/v1/me").status_code == 401


def test_cookies_are_secure_under_https_and_behind_a_proxy_that_says_so(
    make_client: Callable[..., Any],
) -> None:
    secure = make_client(base_url="https://testserver")
    assert "Secure" in sign_up(secure, "ada@example.org").headers["set-cookie"]
    proxied = make_client().get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Secure" in proxied.headers["set-cookie"]
    plain = make_client().get("/")
    assert "Secure" not in plain.headers["set-cookie"]


def test_wrong_password_and_unknown_email_get_the_same_words(
    make_client: Callable[..., Any],
) -> None:
    sign_up(make_client(), "ada@example.org")
    browser = make_client()
    wrong = log_in(browser, "ada@example.org", "not the password")
    unknown = log_in(browser, "nobody@example.org", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    assert accounts.WRONG_CREDENTIALS in wrong.text and accounts.WRONG_CREDENTIALS in unknown.text


def test_an_unknown_email_is_checked_against_a_hash_like_a_wrong_password(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    verified: list[str] = []
    real = accounts._hasher

    class Spy:
        def verify(self, stored: str, password: str) -> bool:
            verified.append(stored)
            return bool(real.verify(stored, password))

        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

    monkeypatch.setattr(accounts, "_hasher", Spy())
    log_in(client, "nobody@example.org", "whatever password")
    assert len(verified) == 1 and verified[0].startswith("$argon2id$")


def test_failed_logins_are_limited_per_account(make_client: Callable[..., Any]) -> None:
    sign_up(make_client(), "ada@example.org")
    for _ in range(accounts.MAX_FAILURES_PER_ACCOUNT):
        assert log_in(make_client(), "ada@example.org", "wrong password").status_code == 401
    # Even the right password waits now, from any browser.
    response = log_in(make_client(), "ada@example.org")
    assert response.status_code == 429
    assert "too many failed sign-ins for this account" in response.text
    assert response.headers["retry-after"]


def test_failed_logins_are_limited_per_address(
    make_client: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "MAX_FAILURES_PER_ADDRESS", 3)
    sign_up(make_client(), "ada@example.org")
    browser = make_client()
    for n in range(3):
        assert log_in(browser, f"guess{n}@example.org", "wrong password").status_code == 401
    response = log_in(browser, "ada@example.org")
    assert response.status_code == 429
    assert "from this address" in response.text


def test_a_hash_made_with_old_parameters_is_replaced_at_sign_in(
    client: Any, strongback: Any
) -> None:
    from argon2 import PasswordHasher

    sign_up(client, "ada@example.org")
    account = accounts.account_by_email(strongback, "ada@example.org")
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    with strongback.accounts_unit(write=True) as unit:
        unit.accounts.set_password_hash(account.id, weak)
        unit.commit()
    assert log_in(client, "ada@example.org").status_code == 303
    with strongback.accounts_unit() as unit:
        stored = unit.accounts.password_hash(account.id)
    assert stored != weak and not accounts._hasher.check_needs_rehash(stored)


def test_log_out_ends_the_session_on_the_server(make_client: Callable[..., Any]) -> None:
    browser = make_client()
    sign_up(browser, "ada@example.org")
    cookie = browser.cookies.get("strongback_session")
    response = form_post(browser, "/logout", {}, page="/login")
    assert response.status_code == 303
    again = make_client(cookies={"strongback_session": cookie})
    assert again.get("/api/v1/me").status_code == 401


def test_a_token_authenticates_the_api_until_revoked(
    make_client: Callable[..., Any], signed_up_user: dict[str, Any], strongback: Any
) -> None:
    api = make_client()
    bearer = {"Authorization": f"Bearer {signed_up_user['token']}"}
    assert api.get("/api/v1/me", headers=bearer).json()["email"] == "ada@example.org"
    (token,) = accounts.list_tokens(strongback, signed_up_user["account"].id)
    accounts.revoke_token(strongback, signed_up_user["account"].id, token.id)
    response = api.get("/api/v1/me", headers=bearer)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_a_token_names_its_account_until_revoked_and_a_forged_one_none(
    signed_up_user: dict[str, Any], strongback: Any
) -> None:
    account = signed_up_user["account"]
    found = accounts.token_account(strongback, signed_up_user["token"])
    assert found is not None and (found.id, found.email) == (account.id, account.email)
    assert accounts.token_account(strongback, "sb_forged") is None
    cookie = signed_up_user["client"].cookies.get("strongback_session")
    assert accounts.token_account(strongback, cookie) is None
    (token,) = accounts.list_tokens(strongback, account.id)
    accounts.revoke_token(strongback, account.id, token.id)
    assert accounts.token_account(strongback, signed_up_user["token"]) is None


def test_a_bad_token_is_not_rescued_by_a_session_cookie(signed_up_user: dict[str, Any]) -> None:
    browser = signed_up_user["client"]
    response = browser.get("/api/v1/me", headers={"Authorization": "Bearer sb_forged"})
    assert response.status_code == 401


def test_another_users_token_cannot_be_revoked(
    make_client: Callable[..., Any], signed_up_user: dict[str, Any], strongback: Any
) -> None:
    sign_up(make_client(), "bob@example.org")
    bob = accounts.account_by_email(strongback, "bob@example.org")
    (token,) = accounts.list_tokens(strongback, signed_up_user["account"].id)
    with pytest.raises(accounts.NotFound):
        accounts.revoke_token(strongback, bob.id, token.id)
    assert accounts.verify_token(strongback, signed_up_user["token"]) is not None


def test_change_password_checks_the_current_one_and_ends_other_sessions(
    make_client: Callable[..., Any], strongback: Any
) -> None:
    first, second = make_client(), make_client()
    sign_up(first, "ada@example.org")
    log_in(second, "ada@example.org")
    user_id = accounts.account_by_email(strongback, "ada@example.org").id
    with pytest.raises(accounts.InvalidInput) as wrong:
        accounts.change_password(strongback, user_id, "nope", "a new password")
    assert wrong.value.field == "current_password"
    accounts.change_password(
        strongback,
        user_id,
        PASSWORD,
        "a new password",
        keep_session=first.cookies.get("strongback_session"),
    )
    assert first.get("/api/v1/me").status_code == 200
    assert second.get("/api/v1/me").status_code == 401
    assert log_in(make_client(), "ada@example.org", "a new password").status_code == 303


def test_deleting_an_account_removes_its_data_and_no_one_elses(
    make_client: Callable[..., Any], strongback: Any
) -> None:
    from strongback.services.training_log import LogRequest, count, log_sets

    sign_up(make_client(), "ada@example.org")
    sign_up(make_client(), "bob@example.org")
    ada = accounts.account_by_email(strongback, "ada@example.org")
    bob = accounts.account_by_email(strongback, "bob@example.org")
    for user in (ada, bob):
        log_sets(strongback.scope(user.id), LogRequest("goblet-squat", reps=(10, 10)))
    with pytest.raises(accounts.InvalidInput):
        accounts.delete_account(strongback, ada.id, "wrong password")
    accounts.delete_account(strongback, ada.id, PASSWORD)
    assert count(strongback.scope(ada.id)) == (0, 0)
    assert count(strongback.scope(bob.id)) == (1, 2)
    with pytest.raises(accounts.NotFound):
        accounts.account_by_email(strongback, "ada@example.org")


def test_signing_in_returns_to_the_page_asked_for_but_never_to_another_site(
    make_client: Callable[..., Any],
) -> None:
    sign_up(make_client(), "ada@example.org")
    browser = make_client()
    assert browser.get("/settings", follow_redirects=False).headers["location"] == (
        "/login?next=/settings"
    )
    back = form_post(
        browser, "/login", {"email": "ada@example.org", "password": PASSWORD, "next": "/settings"},
        page="/login?next=/settings",
    )  # fmt: skip
    assert back.headers["location"] == "/settings"
    away = form_post(
        make_client(), "/login",
        {"email": "ada@example.org", "password": PASSWORD, "next": "//evil.example/"},
    )  # fmt: skip
    assert away.headers["location"] == "/today"
