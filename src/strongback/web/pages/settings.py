"""Settings: the profile and loads, the password, API tokens, deleting the account (after the
backup is offered)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from strongback.app import Strongback, UserScope
from strongback.domain.accounts import Account
from strongback.domain.errors import InvalidInput, StrongbackError
from strongback.services import accounts, planning, profile
from strongback.web.deps import csrf_protect, current_account, current_scope, get_strongback
from strongback.web.errors import error_for_domain
from strongback.web.pages.plans import ProfileForm, choices
from strongback.web.responses import clear_session_cookie, see_other
from strongback.web.security import SESSION_COOKIE
from strongback.web.templating import render

router = APIRouter(dependencies=[Depends(csrf_protect)])


def _settings_page(
    request: Request,
    scope: UserScope,
    account: Account,
    *,
    form: ProfileForm | None = None,
    error: StrongbackError | None = None,
    **extra: Any,
) -> Response:
    body = error_for_domain(error) if error is not None else None
    shown = form or ProfileForm.of(profile.get_profile(scope), planning.current_plan(scope))
    context = {
        "title": "Settings",
        "nav": "settings",
        "values": shown.values,
        "error": body,
        "tokens": accounts.list_tokens(scope.app, account.id),
        **choices(),
        **extra,
    }
    return render(
        request, "settings.html", context, status_code=body.status if body is not None else 200
    )


@router.get("/settings")
def settings_page(
    request: Request,
    saved: str | None = None,
    scope: UserScope = Depends(current_scope),
    account: Account = Depends(current_account),
) -> Response:
    """Every setting of the account."""
    return _settings_page(request, scope, account, saved=saved)


@router.post("/settings/profile")
async def save_profile(
    request: Request,
    scope: UserScope = Depends(current_scope),
    account: Account = Depends(current_account),
) -> Response:
    """Save the equipment, loads, unit and pain threshold."""
    form = await ProfileForm.read(request)
    try:
        profile.update_profile(scope, form.changes())
    except StrongbackError as exc:
        return _settings_page(request, scope, account, form=form, error=exc)
    return see_other(request, "/settings?saved=profile")


@router.post("/settings/password")
def change_password(
    request: Request,
    current_password: str = Form(""),
    new_password: str = Form(""),
    new_password_again: str = Form(""),
    scope: UserScope = Depends(current_scope),
    account: Account = Depends(current_account),
) -> Response:
    """Change the password; the other signed-in browsers are signed out."""
    try:
        if new_password != new_password_again:
            raise InvalidInput(
                "{new_password_again} does not match the new password", field="new_password_again"
            )
        accounts.change_password(
            scope.app,
            account.id,
            current_password,
            new_password,
            keep_session=request.cookies.get(SESSION_COOKIE),
        )
    except InvalidInput as exc:
        return _settings_page(request, scope, account, error=exc)
    return see_other(request, "/settings?saved=password")


@router.post("/settings/tokens")
def create_token(
    request: Request,
    name: str = Form(""),
    scope: UserScope = Depends(current_scope),
    account: Account = Depends(current_account),
) -> Response:
    """A new API token, shown on this page once."""
    try:
        _, secret = accounts.create_token(scope.app, account.id, name)
    except InvalidInput as exc:
        return _settings_page(request, scope, account, error=exc)
    return _settings_page(request, scope, account, new_token=secret)


@router.post("/settings/tokens/{token_id}/revoke")
def revoke_token(
    request: Request,
    token_id: int,
    scope: UserScope = Depends(current_scope),
    account: Account = Depends(current_account),
) -> Response:
    """Revoke one of the account's tokens."""
    accounts.revoke_token(scope.app, account.id, token_id)
    return see_other(request, "/settings?saved=token#tokens")


@router.get("/settings/delete")
def delete_form(request: Request, account: Account = Depends(current_account)) -> Response:
    """Offer the backup, then ask for the password."""
    context = {
        "title": "Delete your account",
        "nav": "settings",
        "back": ("/settings", "Settings"),
        "error": None,
    }
    return render(request, "account_delete.html", context)


@router.post("/settings/delete")
def delete_account(
    request: Request,
    password: str = Form(""),
    account: Account = Depends(current_account),
    strongback: Strongback = Depends(get_strongback),
) -> Response:
    """Delete the account and everything it owns, then sign out."""
    try:
        accounts.delete_account(strongback, account.id, password)
    except InvalidInput as exc:
        context = {
            "title": "Delete your account",
            "nav": "settings",
            "back": ("/settings", "Settings"),
            "error": error_for_domain(exc),
        }
        return render(request, "account_delete.html", context, status_code=422)
    response = see_other(request, "/?deleted=1")
    clear_session_cookie(request, response)
    return response


__all__ = ["router"]
