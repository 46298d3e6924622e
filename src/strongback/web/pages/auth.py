"""Welcome, sign up, sign in and sign out."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from strongback.app import Strongback
from strongback.domain.accounts import Account
from strongback.domain.errors import Conflict, InvalidInput, StrongbackError, TooManyAttempts
from strongback.services import accounts
from strongback.web.deps import (
    client_address,
    csrf_protect,
    get_strongback,
    optional_account,
)
from strongback.web.errors import error_for_domain
from strongback.web.responses import (
    clear_session_cookie,
    safe_next,
    see_other,
    set_session_cookie,
)
from strongback.web.security import SESSION_COOKIE
from strongback.web.templating import render

router = APIRouter(dependencies=[Depends(csrf_protect)])


@router.get("/")
def welcome(
    request: Request,
    deleted: int = 0,
    account: Account | None = Depends(optional_account),
    strongback: Strongback = Depends(get_strongback),
) -> Response:
    """The welcome page; a signed-in visitor goes to today's session."""
    if account is not None:
        return see_other(request, "/today")
    empty = not accounts.has_accounts(strongback)
    context = {"title": "Welcome", "empty_deployment": empty, "deleted": bool(deleted)}
    return render(request, "welcome.html", context)


@router.post("/demo")
def demo(request: Request, strongback: Strongback = Depends(get_strongback)) -> Response:
    """Create the demo athlete (only on a deployment nobody has signed up to yet) and sign in
    as it."""
    from strongback.services.demo import create_demo

    if accounts.has_accounts(strongback):
        raise Conflict(
            "the demo is offered only before anyone signs up; ask the server's owner to run "
            "'strongback demo'",
            literal=True,
        )
    account = create_demo(strongback, strongback.catalog)
    secret = accounts.start_session(
        strongback, account, replaces=request.cookies.get(SESSION_COOKIE)
    )
    response = see_other(request, "/today")
    set_session_cookie(request, response, secret)
    return response


def _form_page(
    request: Request, name: str, title: str, values: dict[str, str], error: StrongbackError | None
) -> Response:
    body = error_for_domain(error) if error is not None else None
    response = render(
        request,
        name,
        {"title": title, "values": values, "error": body},
        status_code=body.status if body is not None else 200,
    )
    if isinstance(error, TooManyAttempts):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


@router.get("/signup")
def signup_form(request: Request) -> Response:
    """The sign-up form."""
    return _form_page(request, "signup.html", "Sign up", {}, None)


@router.post("/signup")
def signup(
    request: Request,
    email: str = Form(""),
    password: str = Form(""),
    password_again: str = Form(""),
    strongback: Strongback = Depends(get_strongback),
) -> Response:
    """Create the account, sign it in and go to the onboarding."""
    try:
        if password != password_again:
            raise InvalidInput(
                "{password_again} does not match the password", field="password_again"
            )
        account = accounts.sign_up(strongback, email, password)
    except InvalidInput as exc:
        return _form_page(request, "signup.html", "Sign up", {"email": email}, exc)
    secret = accounts.start_session(
        strongback, account, replaces=request.cookies.get(SESSION_COOKIE)
    )
    response = see_other(request, "/onboarding")
    set_session_cookie(request, response, secret)
    return response


@router.get("/login")
def login_form(request: Request, next: str = "") -> Response:
    """The sign-in form."""
    return _form_page(request, "login.html", "Log in", {"next": safe_next(next)}, None)


@router.post("/login")
def login(
    request: Request,
    email: str = Form(""),
    password: str = Form(""),
    next: str = Form(""),
    strongback: Strongback = Depends(get_strongback),
) -> Response:
    """Check the password (rate limited) and sign in with a fresh session cookie."""
    values = {"email": email, "next": safe_next(next)}
    try:
        account = accounts.authenticate(strongback, email, password, client_address(request))
    except StrongbackError as exc:
        return _form_page(request, "login.html", "Log in", values, exc)
    secret = accounts.start_session(
        strongback, account, replaces=request.cookies.get(SESSION_COOKIE)
    )
    response = see_other(request, safe_next(next))
    set_session_cookie(request, response, secret)
    return response


@router.post("/logout")
def logout(request: Request, strongback: Strongback = Depends(get_strongback)) -> Response:
    """End the session and go back to the welcome page."""
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        accounts.end_session(strongback, secret)
    response = see_other(request, "/")
    clear_session_cookie(request, response)
    return response


__all__ = ["router"]
