"""Security headers on every response, the CSRF check, settings that refuse an exposed server
with the default secret key, and one error shape."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.web.helpers import PASSWORD, csrf_of, sign_up


@pytest.mark.parametrize("path", ["/", "/login", "/static/style.css", "/api/v1/me", "/nowhere"])
def test_every_response_carries_the_security_headers(client: Any, path: str) -> None:
    response = client.get(path)
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"


def test_pages_hold_no_inline_script(client: Any) -> None:
    html = client.get("/signup").text
    for chunk in html.split("<script")[1:]:
        assert chunk.lstrip().startswith("src="), chunk[:80]
    assert " onclick=" not in html and "javascript:" not in html


def test_a_form_without_its_csrf_token_is_refused(client: Any) -> None:
    client.get("/signup")
    response = client.post(
        "/signup",
        data={"email": "a@b.org", "password": PASSWORD, "password_again": PASSWORD},
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert "reload the page" in response.text
    assert client.get("/api/v1/me").status_code == 401


def test_a_token_from_another_browser_is_refused(make_client: Callable[..., Any]) -> None:
    theirs = csrf_of(make_client().get("/signup").text)
    mine = make_client()
    mine.get("/signup")
    response = mine.post(
        "/signup",
        data={"email": "a@b.org", "password": PASSWORD, "password_again": PASSWORD,
              "csrf_token": theirs},
        follow_redirects=False,
    )  # fmt: skip
    assert response.status_code == 403


def test_the_csrf_token_may_come_as_a_header_like_htmx_sends_it(
    make_client: Callable[..., Any],
) -> None:
    browser = make_client()
    sign_up(browser, "ada@example.org")
    token = csrf_of(browser.get("/login").text)
    refused = browser.post("/logout", follow_redirects=False)
    assert refused.status_code == 403
    done = browser.post("/logout", headers={"X-CSRF-Token": token}, follow_redirects=False)
    assert done.status_code == 303


def test_a_signed_in_api_call_by_cookie_needs_the_token_but_a_bearer_call_does_not(
    strongback: Any,
) -> None:
    from fastapi import Depends
    from fastapi.testclient import TestClient

    from strongback.services import accounts
    from strongback.web.app import create_app
    from strongback.web.deps import csrf_protect, current_account

    app = create_app(strongback)

    @app.post("/api/v1/echo", dependencies=[Depends(csrf_protect)])
    def echo(account: Any = Depends(current_account)) -> dict[str, str]:
        return {"email": account.email}

    with TestClient(app) as browser, TestClient(app) as api:
        sign_up(browser, "ada@example.org")
        refused = browser.post("/api/v1/echo")
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "csrf"
        token = csrf_of(browser.get("/login").text)
        assert browser.post("/api/v1/echo", headers={"X-CSRF-Token": token}).status_code == 200
        user_id = accounts.account_by_email(strongback, "ada@example.org").id
        _, secret = accounts.create_token(strongback, user_id)
        by_token = api.post("/api/v1/echo", headers={"Authorization": f"Bearer {secret}"})
        assert by_token.json() == {"email": "ada@example.org"}
        assert api.post("/api/v1/echo").status_code == 401


def test_anonymous_api_calls_get_401_in_the_error_shape(client: Any) -> None:
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert set(response.json()["error"]) == {"code", "message", "field"}


def test_anonymous_page_visits_are_sent_to_the_sign_in_form(client: Any) -> None:
    response = client.get("/settings", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/settings"


def test_settings_refuse_a_reachable_server_with_the_default_secret_key() -> None:
    from pydantic import ValidationError

    from strongback.settings import Settings

    with pytest.raises(ValidationError, match="secret key of its own"):
        Settings(host="0.0.0.0")
    assert Settings(host="0.0.0.0", secret_key="a-secret-of-our-own").host == "0.0.0.0"
    assert Settings(host="::1").host == "::1"


def test_an_unexpected_failure_answers_500_in_the_error_shape_with_the_headers(
    strongback: Any,
) -> None:
    from fastapi.testclient import TestClient

    from strongback.web.app import create_app
    from strongback.web.errors import SERVER_FAILED

    app = create_app(strongback)

    @app.get("/api/v1/broken")
    def broken_api() -> None:
        raise RuntimeError("a bug")

    @app.get("/broken")
    def broken_page() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        api = client.get("/api/v1/broken")
        assert api.status_code == 500
        assert api.json() == {
            "error": {"code": "internal_error", "message": SERVER_FAILED, "field": None}
        }
        page = client.get("/broken")
        assert page.status_code == 500 and SERVER_FAILED in page.text
        for response in (api, page):
            assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
            assert "a bug" not in response.text


def test_the_anonymous_csrf_cookie_is_set_for_anonymous_forms_only(
    make_client: Callable[..., Any],
) -> None:
    from strongback.web.security import ANON_COOKIE, SESSION_COOKIE

    visitor = make_client()
    first = visitor.get("/login")
    assert ANON_COOKIE in first.cookies  # the form's token is bound to it
    again = visitor.get("/login")
    assert "set-cookie" not in again.headers  # the browser keeps the one it has
    browser = make_client()
    sign_up(browser, "ada@example.org")
    # A signed-in browser's tokens are bound to its session: a browser that sends only the
    # session cookie gets its pages, and its forms' token, without an anonymous cookie.
    session_only = make_client(cookies={SESSION_COOKIE: browser.cookies[SESSION_COOKIE]})
    page = session_only.get("/today")
    assert page.status_code == 200 and "set-cookie" not in page.headers
    left = session_only.post(
        "/logout", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False
    )
    assert left.status_code == 303
    assert session_only.get("/api/v1/me").status_code == 401  # the form did sign out
