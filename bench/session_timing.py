"""Timing of the session page's cues: headless Chromium with the real clock runs a guided
session for ``--minutes`` and records, for each cue (each phase change of a rep, the end of a
set, the end of a rest), the instant it fired against the instant it was due.

    python bench/session_timing.py [--minutes 10] [--speed 1] [--out FILE.json]

``strongback serve`` runs on a throwaway SQLite database on a free loopback port; a new account
starts a session of three rowing sets and a plank, and the bench taps like an athlete: Start set,
then Log set when the set's timeline is over, then Start set again when the rest is over, until
the time is up. ``--speed N`` uses the page's ``?speed=N`` (the timeline and rest N times
faster: more cues per minute, the same code path); the figures of the docs are at speed 1.

The cue's time is ``Date.now()`` in the timer callback that starts the beep and the flash (the
audio output latency of a device is not in it). Baseline side by side: a clock that counts the
ticks of a 100 ms ``setInterval`` in the same page, the way a timer that counts ticks keeps
time; its error is how far it is from the real clock at each tick.

Goal: p99 of the cue error under 50 ms, and no drift (the first and the last minute alike).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
EXERCISES = ["alternating-dumbbell-row", "plank"]
PASSWORD = "correct horse battery"
TICK_BASELINE = """() => {
    const t0 = Date.now();
    let ticks = 0;
    window.__ticks = [];
    setInterval(() => { ticks += 1; window.__ticks.push([Date.now() - t0, ticks * 100]); }, 100);
}"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``strongback serve`` on a fresh SQLite file; returns the process and its base URL."""
    import httpx

    port = _free_port()
    env = {**os.environ, "STRONGBACK_SECRET_KEY": "bench-session-timing"}
    db = f"sqlite:///{folder / 'bench.db'}"
    command = [sys.executable, "-c", "from strongback.cli.app import main; main()", "serve"]
    command += ["--port", str(port), "--db", db]
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/", timeout=2).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not start")


def open_session(page: Any, base: str, speed: int) -> None:
    """Sign up, start the session through the API, open the page."""
    page.goto(base + "/signup")
    page.get_by_label("Email").fill("bench@example.org")
    page.get_by_label("Password (at least 8 characters)").fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/onboarding")
    page.goto(base + "/session")
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    started = page.request.post(
        base + "/api/v1/sessions",
        data={"exercises": EXERCISES},
        headers={"X-CSRF-Token": token or ""},
    )
    assert started.status == 201, started.text()
    page.goto(f"{base}/session?speed={speed}")
    page.locator("#session").wait_for()


def drive(page: Any, seconds: float) -> None:
    """Tap like an athlete until the time is up: start each set, log it when its timeline is
    over, start the next when the rest is over."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        kind = page.locator("#phase").get_attribute("data-kind")
        name = page.locator("#phase-name").inner_text()
        if (page.locator("#start-set").is_visible() and kind == "ready") or name == "Rest over":
            page.locator("#start-set").click()
        elif kind == "done":
            page.get_by_role("button", name="Log set").click()
        elif page.locator("#finish").is_visible() and page.locator("#phase-name").is_hidden():
            break  # every set done before the time is up
        time.sleep(0.25)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(label: str, errors: list[float], first: list[float], last: list[float]) -> str:
    """One row: count, p50, p99, max of |error|, mean error in the first and the last minute."""
    size = [abs(e) for e in errors]
    return (
        f"| {label} | {len(errors)} | {percentile(size, 50):.1f} | {percentile(size, 99):.1f} "
        f"| {max(size):.1f} | {statistics.fmean(first):+.1f} | {statistics.fmean(last):+.1f} |"
    )


def report(cues: list[dict[str, Any]], ticks: list[list[float]], speed: int) -> None:
    """The table of the docs: the cues beside the tick-counting baseline."""
    start = cues[0]["scheduled"]
    span = cues[-1]["scheduled"] - start
    errors = [c["actual"] - c["scheduled"] for c in cues]
    first = [e for c, e in zip(cues, errors, strict=True) if c["scheduled"] - start < 60_000]
    last = [
        e for c, e in zip(cues, errors, strict=True) if span - (c["scheduled"] - start) < 60_000
    ]
    tick_err = [counted - real for real, counted in ticks]
    tick_first = [counted - real for real, counted in ticks if real < 60_000]
    tick_last = [counted - real for real, counted in ticks if ticks[-1][0] - real < 60_000]
    print(f"{len(cues)} cues over {span / 60000:.1f} min at speed {speed} (errors in ms)\n")
    print("| clock | samples | p50 | p99 | max | mean, first minute | mean, last minute |")
    print("|---|---|---|---|---|---|---|")
    print(summary("cues from deadlines (the page)", errors, first, last))
    print(summary("baseline: 100 ms ticks counted", tick_err, tick_first, tick_last))
    kinds: dict[str, int] = {}
    for c in cues:
        kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
    print("\ncues by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--speed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="also write the raw cues and ticks as JSON")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        process, base = start_server(Path(tmp))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM)
                page = browser.new_page(viewport={"width": 390, "height": 844})
                open_session(page, base, args.speed)
                page.evaluate(TICK_BASELINE)
                drive(page, args.minutes * 60)
                cues = page.evaluate("strongbackSession.cues")
                ticks = page.evaluate("window.__ticks")
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=30)
    if args.out:
        args.out.write_text(json.dumps({"cues": cues, "ticks": ticks}))
    report(cues, ticks, args.speed)


if __name__ == "__main__":
    main()
