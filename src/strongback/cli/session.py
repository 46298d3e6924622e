"""``strongback session``: a guided session at the terminal.

Each rep's phases are counted down live with a bell at every change, then the rest; after each
set a prompt asks what was done (the prescription as default) and the set is stored at once.
The session lives on the server, so Ctrl-C, a crash or a closed terminal loses no set entered:
``strongback session --resume`` goes on where it stopped. ``--speed`` runs the clock faster.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from strongback.cli.common import DbOption, parse_int, parse_number
from strongback.cli.context import scope_for
from strongback.domain.errors import InvalidInput
from strongback.domain.wording import count_of

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from strongback.app import UserScope
    from strongback.domain.catalog import Catalog
    from strongback.domain.guided import EnteredSet, GuidedSession, SessionItem
    from strongback.domain.profile import UserProfile

MAX_SPEED = 1000
STOPPED = "Every set entered is kept: go on with strongback session --resume."
TICK = 0.25  # seconds of session time between two redraws
_T = TypeVar("_T")


class Stop(Exception):
    """The athlete chose to stop for now (``q``)."""


class Clock:
    """The session's clock: UTC now, running ``speed`` times faster than the wall clock."""

    def __init__(self, speed: float = 1.0) -> None:
        self.speed = speed
        self._real = time.monotonic()
        self._start = datetime.now(UTC)

    def now(self) -> datetime:
        """The session's time now."""
        return self._start + timedelta(seconds=(time.monotonic() - self._real) * self.speed)

    def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` of session time."""
        time.sleep(max(0.0, seconds) / self.speed)


@dataclass
class Runner:
    """One terminal running the user's active session."""

    scope: UserScope
    clock: Clock
    console: Console
    catalog: Catalog
    profile: UserProfile

    def ask(self, label: str, default: str, parse: Callable[[str], _T]) -> _T:
        """Ask until the answer parses; Enter takes the default."""
        while True:
            shown = f" [{default}]" if default else ""
            try:
                answer = input(f"{label}{shown}: ").strip() or default
            except EOFError:
                raise KeyboardInterrupt from None
            try:
                return parse(answer)
            except InvalidInput as exc:
                self.console.print(f"error: {exc}", highlight=False, markup=False)

    def panel(self, session: GuidedSession, body: RenderableType) -> RenderableType:
        from strongback.cli.session_view import exercise_panel, plate_line

        item = session.items[session.current]
        exercise = self.catalog.get(item.exercise)
        return exercise_panel(session, exercise, plate_line(item, exercise, self.profile), body)

    def run(self) -> None:
        """Go on with the active session until it is finished (or the athlete stops)."""
        from strongback.domain.guided import Stage
        from strongback.services import sessions

        while True:
            s = sessions.active_session(self.scope)
            if s is None:
                return
            if s.item is None or s.stage is Stage.DONE:
                if not self.more(s):
                    self.finish()
                    return
                continue
            if s.stage is Stage.REST:
                self.rest(s)
            if s.stage is not Stage.WORK:
                choice = self.choose(s)
                if choice != "start":
                    self.act(choice)
                    continue
                s = sessions.start_set(self.scope, now=self.clock.now())
            self.pace(s)
            sessions.enter_set(self.scope, self.entry(s), now=self.clock.now())

    def more(self, s: GuidedSession) -> bool:
        """At the end (or in an empty session): add an exercise, or finish."""
        from strongback.services import sessions

        what = self.ask("Add an exercise (its id), or Enter to finish", "", str)
        if not what:
            return False
        try:
            sessions.add_exercise(self.scope, what, now=self.clock.now())
        except InvalidInput as exc:
            self.console.print(f"error: {exc}", highlight=False, markup=False)
        return True

    def choose(self, s: GuidedSession) -> str:
        """Before a set: start it, or another action."""
        from strongback.cli.session_view import dose_line
        from strongback.domain.tempo import minutes_for

        item = s.items[s.current]
        name = self.catalog.get(item.exercise).name
        minutes = minutes_for(s.estimated_seconds_left())
        self.console.print(
            f"[bold]{name}[/bold], set {s.set_number}/{item.timed.sets}: {dose_line(item)} "
            f"(about {minutes} min of work left)",
            highlight=False,
        )
        actions = {"": "start", "s": "skip", "a": "add", "w": "swap", "p": "pain", "f": "finish",
                   "q": "quit"}  # fmt: skip

        def parse(text: str) -> str:
            if text.lower() not in actions:
                raise InvalidInput(f"'{text}' is none of Enter, s, a, w, p, f, q")
            return actions[text.lower()]

        return self.ask(
            "Enter to start · s skip · a add a set · w swap · p pain · f finish · q stop", "", parse
        )

    def act(self, choice: str) -> None:
        """Carry out an action chosen before a set."""
        from strongback.services import sessions

        now = self.clock.now()
        if choice == "skip":
            sessions.skip_set(self.scope, now=now)
        elif choice == "add":
            sessions.add_set(self.scope, now=now)
        elif choice == "swap":
            self.swap()
        elif choice == "pain":
            pain = self.ask("Pain 0-10", "0", lambda t: parse_int(t, "pain", low=0, high=10))
            where = self.ask("Where was it felt", "", str)
            sessions.mark_pain(self.scope, pain, where, now=now)
        elif choice == "finish":
            self.finish()
            raise typer.Exit(0)
        elif choice == "quit":
            raise Stop

    def swap(self) -> None:
        from strongback.services import sessions

        options = sessions.swap_options(self.scope)
        if not options:
            self.console.print("No exercise to swap in with your equipment.")
            return
        for n, o in enumerate(options, start=1):
            self.console.print(f"  {n}. {o.exercise.name} ({o.why})", highlight=False)
        pick = self.ask(
            "Swap for (number, Enter to keep)", "0",
            lambda t: parse_int(t, "swap", low=0, high=len(options)),
        )  # fmt: skip
        if pick:
            sessions.swap_exercise(self.scope, options[pick - 1].exercise.id, now=self.clock.now())

    def live(self, until: Callable[[], float], draw: Callable[[float], RenderableType]) -> None:
        """Redraw until ``until()`` (seconds left) reaches 0."""
        from rich.live import Live

        with Live(console=self.console, auto_refresh=False, transient=True) as live:
            while (left := until()) > 0:
                live.update(draw(left), refresh=True)
                self.clock.sleep(min(left, TICK))

    def rest(self, s: GuidedSession) -> None:
        """Count the rest down to its deadline (at most its own length, whatever the clock)."""
        from strongback.cli.session_view import rest_text

        if s.deadline is None:
            return
        end = s.deadline
        if s.stage_started_at is not None and self.clock.now() < s.stage_started_at:
            end = self.clock.now() + (s.deadline - s.stage_started_at)
        item = s.items[s.current]
        next_up = f"{self.catalog.get(item.exercise).name}, set {s.set_number}"
        self.live(
            lambda: (end - self.clock.now()).total_seconds(),
            lambda left: self.panel(s, rest_text(left, next_up)),
        )
        self.console.bell()

    def pace(self, s: GuidedSession) -> None:
        """The set's timeline from its start: each phase counted down, a bell at each change."""
        from strongback.cli.session_view import phase_text

        item = s.items[s.current]
        events = item.set_timeline().events
        start = min(s.stage_started_at or self.clock.now(), self.clock.now())
        total = events[-1].end
        shown: list[int] = []

        def elapsed() -> float:
            return (self.clock.now() - start).total_seconds()

        def draw(_: float) -> RenderableType:
            at = elapsed()
            index = next((i for i, e in enumerate(events) if at < e.end), len(events) - 1)
            if not shown or shown[-1] != index:
                shown.append(index)
                self.console.bell()
            event = events[index]
            return self.panel(s, phase_text(event, event.end - at, item.timed.reps))

        self.live(lambda: total - elapsed(), draw)
        self.console.bell()

    def entry(self, s: GuidedSession) -> EnteredSet:
        """Ask what was done, the prescription as default."""
        from strongback.domain.guided import EnteredSet
        from strongback.domain.set_bounds import MAX_RIR, MAX_WEIGHT

        item = s.items[s.current]
        exercise = self.catalog.get(item.exercise)
        weight = None
        if item.weight is not None or exercise.loaded:
            unit = (item.unit or self.profile.unit).value
            weight = self.ask(
                f"Weight ({unit})", _num(item.weight),
                lambda t: parse_number(t, "weight", low=0, high=MAX_WEIGHT),
            )  # fmt: skip
        reps, secs = self.work(item)
        rir = self.ask(
            "Reps in reserve", _num(item.target_rir),
            lambda t: parse_number(t, "rir", low=0, high=MAX_RIR) if t else None,
        )  # fmt: skip
        pain = self.ask("Pain 0-10", "0", lambda t: parse_int(t, "pain", low=0, high=10))
        where = self.ask("Where was it felt", "", str) if pain else None
        return EnteredSet(
            id=uuid.uuid4().hex, item=s.current, number=s.set_number, exercise=item.exercise,
            entered_at=self.clock.now(), reps=reps, seconds=secs, weight=weight,
            unit=(item.unit or self.profile.unit) if weight is not None else None,
            rir=rir, pain=pain, pain_where=where or None,
        )  # fmt: skip

    def work(self, item: SessionItem) -> tuple[int | None, float | None]:
        """Reps done (per side for per-side work), or the seconds held."""
        side = " per side" if item.timed.per_side else ""
        if item.timed.seconds is not None:
            held = self.ask(
                f"Seconds held{side}", str(item.timed.seconds),
                lambda t: parse_number(t, "seconds", low=1, high=3600),
            )  # fmt: skip
            return None, held
        reps = self.ask(
            f"Reps{side}", str(item.timed.reps), lambda t: parse_int(t, "reps", low=0, high=100)
        )
        return reps, None

    def finish(self) -> None:
        """Write the workout and say what was saved."""
        from strongback.services import sessions

        # The workout keeps the wall-clock end, also when --speed ran the session's clock fast.
        done = sessions.finish_session(self.scope, now=datetime.now(UTC))
        if done.workout_id is None:
            self.console.print("Session closed: no set was entered, so no workout was written.")
            return
        self.console.print(
            f"Workout {done.workout_id} saved with {count_of(len(done.sets), 'set')}. "
            "strongback next shows what comes next.",
            highlight=False,
        )


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def session_command(
    ctx: typer.Context,
    exercise: Annotated[
        list[str] | None,
        typer.Option(
            "--exercise",
            "-e",
            help="Do these exercises instead of today's plan (repeat the option).",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Go on with the session in progress.")
    ] = False,
    speed: Annotated[
        float, typer.Option("--speed", help="Run the clock this many times faster (a demo).")
    ] = 1.0,
    db: DbOption = None,
) -> None:
    """A guided session: today's plan (or the exercises named), every rep paced by its tempo.

    Each set is stored as soon as it is entered; Ctrl-C keeps them all and
    ``strongback session --resume`` goes on.
    """
    import sys

    from rich.console import Console

    from strongback.services import sessions
    from strongback.services.profile import get_profile

    if not 0 < speed <= MAX_SPEED:
        raise InvalidInput(f"{{speed}} must be above 0 and at most {MAX_SPEED}", field="speed")
    scope = scope_for(ctx, db)
    clock = Clock(speed)
    if resume:
        if sessions.active_session(scope) is None:
            raise InvalidInput("no session in progress to resume: start one (strongback session)")
    else:
        sessions.start_session(scope, exercises=exercise or (), now=clock.now())
    console = Console(file=sys.stdout, highlight=False)
    runner = Runner(scope, clock, console, sessions.known_catalog(scope), get_profile(scope))
    active = sessions.active_session(scope)
    if active is not None and not active.items:
        console.print("Nothing is planned for today: add the exercises one by one.")
    try:
        runner.run()
    except Stop:
        console.print(f"Stopped. {STOPPED}")
    except KeyboardInterrupt:
        console.print(f"\nStopped. {STOPPED}")
        raise typer.Exit(130) from None


def register(app: typer.Typer) -> None:
    """Add ``session`` to the root app."""
    app.command("session")(session_command)


__all__ = ["Clock", "Runner", "Stop", "register", "session_command"]
