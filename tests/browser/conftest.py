"""Browser fixtures: Debian's Chromium (``/usr/bin/chromium``, never a downloaded browser)
driven by Playwright for Python at a phone's 390x844, against the real server in a subprocess
(``live_server``: SQLite, then PostgreSQL). Screenshots go to tests/artifacts/; axe-core (from
node_modules, installed by ``make node-tools``) checks every page visited."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.live import LiveServer, live_server  # noqa: F401 (a fixture)

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}


def _missing(reason: str) -> None:
    """A tool the browser tests need is missing: a failure under CI, a loud skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(f"SKIPPED LOUDLY: {reason}")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One Chromium for the session; the tests skip loudly without it."""
    if not CHROMIUM.exists():
        _missing(
            "no /usr/bin/chromium; run 'make chromium' (as root it installs Debian's chromium) "
            "to run the browser tests"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        args = ["--no-sandbox"] if os.geteuid() == 0 else []
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=args)
        yield browser
        browser.close()


@pytest.fixture
def axe_source() -> str:
    """axe-core's script; the tests skip loudly when ``make node-tools`` has not installed it."""
    if not AXE.exists():
        _missing(f"{AXE} is missing; run 'make node-tools' (needs npm)")
    return AXE.read_text(encoding="utf-8")


class Phone:
    """A page at 390x844 on the live server that fails on any console error (a CSP violation
    among them) and can check a page: title, a way back, axe, a screenshot."""

    def __init__(self, page: Any, server: LiveServer, prefix: str) -> None:
        self.page = page
        self.server = server
        self.prefix = prefix
        self.errors: list[str] = []
        self.expected_missing: set[str] = set()
        self.shots = 0
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _console(self, message: Any) -> None:
        if message.type != "error":
            return
        url = str(message.location.get("url", ""))
        if (
            re.search(r"status of 4\d\d", message.text)
            and url.removeprefix(self.server.base_url) in self.expected_missing
        ):
            return  # a request made to see its refusal ("not found", "invalid input")
        self.errors.append(f"{message.text} ({url} on {self.page.url})")

    def goto(self, path: str) -> Any:
        """Open a path of the server."""
        return self.page.goto(self.server.base_url + path)

    def check(self, name: str, *, back: bool = True) -> None:
        """The page has a title and (unless it is the welcome page) a way back; axe finds no
        serious or critical violation; a screenshot is saved."""
        page = self.page
        page.wait_for_load_state("networkidle")
        assert page.title().endswith("· Strongback"), page.title()
        assert page.locator("h1").count() == 1
        if back:
            assert page.locator("p.back a").count() == 1, f"{name} has no way back"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.shots += 1
        page.screenshot(
            path=str(ARTIFACTS / f"{self.prefix}-{self.shots:02d}-{name}.png"), full_page=True
        )
        violations = page.evaluate(
            """async () => {
                const result = await axe.run(document, {resultTypes: ['violations']});
                return result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ': ' + v.help + ' @ '
                        + v.nodes.map(n => n.target.join(' ')).join(', '));
            }"""
        )
        assert violations == [], f"{name}: {violations}"


@pytest.fixture
def phone(
    chromium: Any, axe_source: str, db_url: str, request: pytest.FixtureRequest
) -> Iterator[Phone]:
    """A fresh browser context at a phone's size on the live server (``db_url`` runs it on
    each engine)."""
    server: LiveServer = request.getfixturevalue("live_server")
    context = chromium.new_context(viewport=PHONE, accept_downloads=True)
    # An init script is injected by the browser itself, so the pages' CSP (no inline script)
    # stays in force for everything else.
    context.add_init_script(script=axe_source)
    page = context.new_page()
    engine = "postgresql" if server.db_url.startswith("postgresql") else "sqlite"
    device = Phone(page, server, engine)
    yield device
    context.close()
    assert device.errors == [], f"console errors: {device.errors}"
