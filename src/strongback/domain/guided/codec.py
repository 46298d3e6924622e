"""A guided session's state as JSON: what the server stores and hands to every device.

Instants are ISO 8601 in UTC with an offset (``2026-12-07T06:30:05+00:00``). The sets entered
are not part of the state: they are stored one by one, each under its own client id.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from strongback.domain.errors import InvalidInput
from strongback.domain.guided.session import GuidedSession, SessionItem, Stage, utc
from strongback.domain.tempo import Tempo, TimedItem
from strongback.domain.vocab import WeightUnit


def _instant(value: datetime | None) -> str | None:
    return utc(value).isoformat() if value is not None else None


def _read_instant(value: Any) -> datetime | None:
    return utc(datetime.fromisoformat(value)) if isinstance(value, str) else None


def item_to_public(item: SessionItem) -> dict[str, Any]:
    """One item's JSON object."""
    t = item.timed
    return {
        "exercise": item.exercise,
        "sets": t.sets,
        "reps": t.reps,
        "seconds": t.seconds,
        "per_side": t.per_side,
        "tempo": str(t.tempo),
        "rest_seconds": t.rest_seconds,
        "lower_first": t.lower_first,
        "weight": item.weight,
        "unit": item.unit.value if item.unit else None,
        "target_rir": item.target_rir,
        "instead_of": item.instead_of,
        "pain": item.pain,
        "pain_where": item.pain_where,
    }


def item_from_public(data: Mapping[str, Any]) -> SessionItem:
    """Read one item's JSON object."""
    timed = TimedItem(
        tempo=Tempo.parse(str(data["tempo"])),
        sets=int(data["sets"]),
        rest_seconds=int(data["rest_seconds"]),
        reps=data.get("reps"),
        seconds=data.get("seconds"),
        per_side=bool(data.get("per_side")),
        lower_first=bool(data.get("lower_first")),
    )
    unit = data.get("unit")
    return SessionItem(
        exercise=str(data["exercise"]),
        timed=timed,
        weight=data.get("weight"),
        unit=WeightUnit(unit) if unit else None,
        target_rir=data.get("target_rir"),
        instead_of=data.get("instead_of"),
        pain=data.get("pain"),
        pain_where=data.get("pain_where"),
    )


def state_to_public(session: GuidedSession) -> dict[str, Any]:
    """The state the server stores (everything but the id and the sets entered)."""
    return {
        "title": session.title,
        "started_at": _instant(session.started_at),
        "items": [item_to_public(i) for i in session.items],
        "current": session.current,
        "set_number": session.set_number,
        "stage": session.stage.value,
        "stage_started_at": _instant(session.stage_started_at),
        "deadline": _instant(session.deadline),
    }


def state_from_public(data: Mapping[str, Any], *, session_id: int | None = None) -> GuidedSession:
    """Read a stored state; InvalidInput when it is not one."""
    try:
        started = _read_instant(data["started_at"])
        if started is None:
            raise ValueError("no start")
        return GuidedSession(
            id=session_id,
            started_at=started,
            title=str(data["title"]),
            items=tuple(item_from_public(i) for i in data["items"]),
            current=int(data["current"]),
            set_number=int(data["set_number"]),
            stage=Stage(data["stage"]),
            stage_started_at=_read_instant(data.get("stage_started_at")),
            deadline=_read_instant(data.get("deadline")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidInput(f"a stored session state cannot be read: {exc}") from None


__all__ = ["item_from_public", "item_to_public", "state_from_public", "state_to_public"]
