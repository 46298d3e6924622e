"""``GET /api/v1/me``: the account a token (or session) belongs to."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from strongback.domain.accounts import Account
from strongback.web.deps import current_account

router = APIRouter()


class AccountOut(BaseModel):
    """The account a request acts for."""

    id: int
    email: str | None
    is_demo: bool
    created_at: datetime  # UTC, with its offset: OpenAPI's date-time requires one


@router.get("/me", response_model=AccountOut)
def me(account: Account = Depends(current_account)) -> AccountOut:
    """The account the token (or session) belongs to."""
    return AccountOut(
        id=account.id,
        email=account.email,
        is_demo=account.is_demo,
        created_at=account.created_at.replace(tzinfo=UTC),
    )


__all__ = ["AccountOut", "me", "router"]
