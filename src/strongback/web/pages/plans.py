"""First-run onboarding (the planner's profile, then the generated plan) and the plan page: week
by week, regenerate, download as a calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from strongback.app import UserScope
from strongback.domain.errors import InvalidInput, NotFound, StrongbackError
from strongback.domain.planning.plan import Plan
from strongback.domain.planning.plan_profile import WEEKDAYS
from strongback.domain.profile import UserProfile
from strongback.domain.vocab import Equipment, Goal, Level, WeightUnit
from strongback.services import planning, profile
from strongback.services.profile import CLEAR, ProfileChanges
from strongback.web import forms
from strongback.web.deps import csrf_protect, current_scope
from strongback.web.errors import error_for_domain
from strongback.web.responses import see_other
from strongback.web.templating import render

router = APIRouter(dependencies=[Depends(csrf_protect)])

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class ProfileForm:
    """The onboarding and settings form, as typed text (kept to show it again on an error)."""

    values: dict[str, Any]

    @classmethod
    def of(cls, saved: UserProfile, plan: Plan | None) -> ProfileForm:
        """The form filled from the saved profile and the current plan's request."""
        p = plan.profile if plan is not None else None
        return cls(
            {
                "equipment": sorted(
                    e.value for e in (saved.equipment or (p.equipment if p else ()))
                ),
                "unit": saved.unit.value,
                "dumbbells": _listed(saved.dumbbells),
                "kettlebells": _listed(saved.kettlebells),
                "plates": _listed(saved.plates),
                "bar_weight": _listed((saved.bar_weight,) if saved.bar_weight else ()),
                "pain_threshold": str(saved.pain_threshold),
                "days": str(p.days if p else 3),
                "minutes": str(p.minutes if p else 45),
                "level": (p.level if p else Level.BEGINNER).value,
                "goal": (p.goal if p else Goal.BACK_HEALTH).value,
                "back_pain": bool(p.back_pain) if p else False,
                "weeks": str(p.weeks if p else 4),
            }
        )

    @classmethod
    async def read(cls, request: Request) -> ProfileForm:
        """The form as submitted."""
        form = await request.form()
        values: dict[str, Any] = {k: str(form.get(k) or "") for k in _TEXT_FIELDS}
        values["equipment"] = [str(v) for v in form.getlist("equipment")]
        values["back_pain"] = form.get("back_pain") == "on"
        return cls(values)

    def changes(self) -> ProfileChanges:
        """The profile as the form gives it (every load list replaced, empty ones cleared)."""
        v = self.values
        bar = forms.optional_number(v["bar_weight"], "bar_weight", low=0.5, high=100)
        return ProfileChanges(
            equipment=forms.equipment_set(v["equipment"]),
            unit=forms.unit(v["unit"]),
            dumbbells=forms.number_list(v["dumbbells"], "dumbbells"),
            kettlebells=forms.number_list(v["kettlebells"], "kettlebells"),
            plates=forms.number_list(v["plates"], "plates"),
            bar_weight=bar if bar is not None else CLEAR,
            pain_threshold=forms.optional_whole(
                v["pain_threshold"], "pain_threshold", low=0, high=10
            ),
        )

    def plan_request(self) -> planning.PlanRequest:
        """What the planner is asked for."""
        v = self.values
        try:
            level, goal = Level(v["level"]), Goal(v["goal"])
        except ValueError:
            raise InvalidInput("{level} or {goal} is not one offered", field="goal") from None
        return planning.PlanRequest(
            days=forms.whole(v["days"], "days", low=1, high=7),
            minutes=forms.whole(v["minutes"], "minutes", low=1, high=600),
            equipment=forms.equipment_set(v["equipment"]),
            level=level,
            goal=goal,
            back_pain=bool(v["back_pain"]),
            weeks=forms.whole(v["weeks"] or "4", "weeks", low=1, high=52),
        )


_TEXT_FIELDS = (
    "unit", "dumbbells", "kettlebells", "plates", "bar_weight", "pain_threshold",
    "days", "minutes", "level", "goal", "weeks",
)  # fmt: skip


def _listed(values: tuple[float, ...]) -> str:
    return ", ".join(f"{v:g}" for v in values)


def choices() -> dict[str, Any]:
    """The options the profile form offers."""
    return {
        "equipment_choices": [e.value for e in Equipment if e is not Equipment.OTHER],
        "units": [u.value for u in WeightUnit],
        "levels": [lv.value for lv in Level],
        "goals": [g.value for g in Goal],
    }


def _onboarding(
    request: Request, form: ProfileForm, error: StrongbackError | None = None
) -> Response:
    body = error_for_domain(error) if error is not None else None
    context = {"title": "Your training", "values": form.values, "error": body, **choices()}
    return render(
        request, "onboarding.html", context, status_code=body.status if body is not None else 200
    )


@router.get("/onboarding")
def onboarding_form(request: Request, scope: UserScope = Depends(current_scope)) -> Response:
    """The planner's questions, filled with what is known already."""
    form = ProfileForm.of(profile.get_profile(scope), planning.current_plan(scope))
    return _onboarding(request, form)


@router.post("/onboarding")
async def onboarding(request: Request, scope: UserScope = Depends(current_scope)) -> Response:
    """Save the profile, generate the plan, save it as current and show it."""
    form = await ProfileForm.read(request)
    try:
        _save_profile_and_plan(scope, form)
    except StrongbackError as exc:
        return _onboarding(request, form, exc)
    return see_other(request, "/plan?new=1")


def _save_profile_and_plan(scope: UserScope, form: ProfileForm) -> None:
    changes, plan_request = form.changes(), form.plan_request()
    plan = planning.build_plan(scope.catalog, plan_request)
    profile.update_profile(scope, changes)
    planning.save_plan(scope, plan)


def _week_rows(plan: Plan) -> list[dict[str, Any]]:
    return [
        {
            "week": week,
            "sessions": [{"day": DAY_NAMES[s.day - 1], "session": s} for s in week.sessions],
        }
        for week in plan.weeks
    ]


@router.get("/plan")
def plan_page(
    request: Request, new: int = 0, scope: UserScope = Depends(current_scope)
) -> Response:
    """The current plan week by week, its warnings and notes."""
    plan = planning.current_plan(scope)
    names = {e.id: e.name for e in scope.catalog}
    context = {
        "title": "Your plan",
        "nav": "plan",
        "plan": plan,
        "weeks": _week_rows(plan) if plan is not None else [],
        "names": names,
        "new": bool(new),
        "this_week": plan.week_number(date.today()) if plan is not None else None,
        "weekdays": [WEEKDAYS[d - 1] for d in plan.profile.weekdays] if plan else [],
    }
    return render(request, "plan.html", context)


@router.post("/plan/regenerate")
def regenerate(request: Request, scope: UserScope = Depends(current_scope)) -> Response:
    """A new plan from the same answers, saved as the current one."""
    plan = planning.current_plan(scope)
    if plan is None:
        return see_other(request, "/onboarding")
    fresh = planning.build_plan(scope.catalog, planning.request_of(plan.profile))
    planning.save_plan(scope, fresh)
    return see_other(request, "/plan?new=1")


@router.get("/plan.ics")
def plan_ics(scope: UserScope = Depends(current_scope)) -> Response:
    """The current plan as an iCalendar file, from its start date."""
    plan = planning.current_plan(scope)
    if plan is None:
        raise NotFound("there is no current plan yet", field="plan")
    start = plan.start_date or planning.first_monday(date.today())
    return Response(
        planning.plan_calendar(scope.catalog, plan, start),
        media_type="text/calendar",
        headers={"Content-Disposition": 'attachment; filename="strongback-plan.ics"'},
    )


__all__ = ["DAY_NAMES", "ProfileForm", "choices", "router"]
