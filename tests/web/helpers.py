"""What the web tests share: reading a page's CSRF token, signing up and in with a client."""

from __future__ import annotations

import re
from typing import Any

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
PASSWORD = "correct horse battery"


def csrf_of(html: str) -> str:
    """The CSRF token of the first form on a page."""
    found = CSRF.search(html)
    assert found is not None, "the page has no CSRF token"
    return found.group(1)


def form_post(client: Any, path: str, data: dict[str, Any], *, page: str | None = None) -> Any:
    """POST a form the way a browser does: with the token of the page that shows it."""
    token = csrf_of(client.get(page or path).text)
    return client.post(path, data={**data, "csrf_token": token}, follow_redirects=False)


def sign_up(client: Any, email: str, password: str = PASSWORD) -> Any:
    """Sign up (the client is then signed in); returns the response to the form."""
    response = form_post(
        client,
        "/signup",
        {"email": email, "password": password, "password_again": password},
    )
    assert response.status_code == 303, response.text
    return response


def log_in(client: Any, email: str, password: str = PASSWORD) -> Any:
    """Submit the sign-in form; returns its response."""
    return form_post(client, "/login", {"email": email, "password": password})
