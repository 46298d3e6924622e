"""Web speed: the today page and logging a set through the API, beside a naive baseline.

    python bench/web.py [--seconds 10] [--connections 32] [--workers 2] [--file EXPORT.csv]
                        [--postgres URL | --no-postgres]

A user with five years of history (the largest sample export, a Strong file of 2020-2026, its
dates moved so the last workout was yesterday) and a current plan is set up in a fresh SQLite
file, and in a fresh PostgreSQL database when one can be had (``--postgres URL``, else
``$STRONGBACK_TEST_POSTGRES_URL``, else a throwaway cluster as the test suite starts one).

For each engine, ``strongback serve --workers 2`` runs on a free loopback port, and then the
baseline (``bench/web_baseline.py``: bare FastAPI + Jinja2 reading the same rows through the
SQLAlchemy ORM, under uvicorn with as many workers). A load generator of this script keeps
``--connections`` keep-alive connections busy for ``--seconds`` per target (after a second of
warm-up): GET the today page (signed in by the session cookie) and POST one set (the API's
``POST /api/v1/sets`` with a Bearer token; the baseline's ``POST /sets``). The table gives
requests per second, p50 and p99 latency, and our requests per second over the baseline's.
The goal: at least 2x the baseline, p99 under 30 ms for the page and 40 ms for the POST on
PostgreSQL. The load generator shares the machine's cores with the servers; the table gives
its own CPU time as a share of one core, so a run can tell whether it was the bottleneck, and
each server's CPU time per request (all its workers, read from /proc), which other work on a
shared machine inflates less than the rates.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
DEFAULT_FILE = Path(
    "/work/shared/data/exports/strong/strong_classic12col_comma_lbs_2020-2026_andrew50-lifting.csv"
)
PASSWORD = "bench password, long enough"
SET_BODY = {"exercise": "lat-pulldown", "reps": 10, "weight": 100, "unit": "lb"}


def _bench_import_module():  # type: ignore[no-untyped-def]
    # The cluster helpers of bench/import.py (its name is a keyword, so loaded by path).
    spec = importlib.util.spec_from_file_location("bench_import", BENCH / "import.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- the user -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchUser:
    user_id: int
    token: str
    session: str
    workouts: int
    sets: int


def _move_history_to_yesterday(strongback: object, user_id: int) -> None:
    from sqlalchemy import select, update

    from strongback.storage.tables import workouts

    engine = strongback.database.engine  # type: ignore[attr-defined]
    with engine.begin() as conn:
        rows = conn.execute(
            select(workouts.c.id, workouts.c.started_at, workouts.c.ended_at).where(
                workouts.c.user_id == user_id
            )
        ).all()
        shift = timedelta(days=(date.today() - max(r.started_at for r in rows).date()).days - 1)
        for r in rows:
            conn.execute(
                update(workouts)
                .where(workouts.c.id == r.id)
                .values(
                    started_at=r.started_at + shift,
                    ended_at=r.ended_at + shift if r.ended_at is not None else None,
                )
            )


def set_up_user(url: str, export: Path) -> BenchUser:
    """An account with the export's history ending yesterday, a current plan, a token and a
    session."""
    from strongback.app import Strongback
    from strongback.domain.vocab import Equipment
    from strongback.services import accounts, importing, planning, training_log
    from strongback.settings import Settings

    with Strongback(Settings(database_url=url)) as strongback:
        account = accounts.sign_up(strongback, "bench@example.com", PASSWORD)
        scope = strongback.scope(account.id)
        importing.import_file(scope, None, export)
        _move_history_to_yesterday(strongback, account.id)
        owned = frozenset(
            {Equipment.BARBELL, Equipment.DUMBBELLS, Equipment.BENCH, Equipment.CABLE_STATION,
             Equipment.LAT_PULLDOWN, Equipment.PULL_UP_BAR}
        )  # fmt: skip
        plan = planning.build_plan(
            strongback.catalog, planning.PlanRequest(days=4, minutes=60, equipment=owned)
        )
        monday = date.today() - timedelta(days=date.today().weekday() + 7)
        planning.save_plan(scope, plan, start=monday)
        # Fresh statistics, as autovacuum gathers them after a bulk load (both servers use them).
        with strongback.database.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        _, token = accounts.create_token(strongback, account.id, "bench")
        session = accounts.start_session(strongback, account)
        n_workouts, n_sets = training_log.count(scope)
    return BenchUser(account.id, token, session, n_workouts, n_sets)


# -- the servers --------------------------------------------------------------------------------


def _wait_ready(port: int, path: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode} before it was ready")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(
                    f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode()
                )
                if sock.recv(12).startswith(b"HTTP/1.1"):
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server on port {port} was not ready after {timeout:g} s")


def _listeners(port: int) -> int | None:
    """How many sockets listen on ``port`` (Linux's /proc/net/tcp; None elsewhere)."""
    tables = [Path("/proc/net/tcp"), Path("/proc/net/tcp6")]
    if not tables[0].exists():
        return None
    found = 0
    for table in (t for t in tables if t.exists()):
        for line in table.read_text().splitlines()[1:]:
            fields = line.split()
            found += int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A"
    return found


def _wait_for_workers(port: int, workers: int, timeout: float = 60) -> None:
    # Each worker listens on its own socket once it has started; connections opened before the
    # last one listens would all stay with the others (keep-alive) for the whole run.
    deadline = time.monotonic() + timeout
    while (listening := _listeners(port)) is not None and listening < workers:
        if time.monotonic() > deadline:
            raise RuntimeError(f"{listening} of {workers} workers listen on port {port}")
        time.sleep(0.1)


# The process of the server on each port (its workers are its children): for its CPU time.
_SERVER_PIDS: dict[int, int] = {}


def _cpu_of_tree(pid: int) -> dict[int, float]:
    """CPU seconds used so far by each process of ``pid``'s tree (Linux /proc; empty else)."""
    children: dict[int, list[int]] = {}
    used: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
        used[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    tree, todo = {}, [pid]
    while todo:
        current = todo.pop()
        if current in used:
            tree[current] = used[current]
        todo += children.get(current, [])
    return tree


@contextmanager
def _server(
    cmd: list[str], env: dict[str, str], port: int, ready: str, workers: int = 1
) -> Iterator[int]:
    proc = subprocess.Popen(
        cmd, env={**os.environ, **env}, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    _SERVER_PIDS[port] = proc.pid
    try:
        try:
            _wait_ready(port, ready, proc)
            if workers > 1:
                _wait_for_workers(port, workers)
        except RuntimeError:
            proc.wait(timeout=5)
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            raise RuntimeError(f"{' '.join(cmd[:3])} did not start: {err.strip()[-600:]}") from None
        yield port
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def strongback_server(url: str, workers: int) -> contextmanager[int]:  # type: ignore[type-arg]
    port = _free_port()
    cmd = [str(Path(sys.executable).parent / "strongback"), "serve", "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(workers), "--db", url]  # fmt: skip
    env = {"STRONGBACK_LOG_LEVEL": "WARNING"}
    return _server(cmd, env, port, "/openapi.json", workers)


def baseline_server(url: str, user_id: int, workers: int) -> contextmanager[int]:  # type: ignore[type-arg]
    port = _free_port()
    cmd = [sys.executable, "-m", "uvicorn", "--app-dir", str(BENCH), "web_baseline:app",
           "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
           "--log-level", "warning", "--no-access-log"]  # fmt: skip
    env = {"STRONGBACK_BASELINE_URL": url, "STRONGBACK_BASELINE_USER": str(user_id)}
    return _server(cmd, env, port, "/docs")


# -- the load -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    requests: int
    seconds: float
    latencies: list[float]
    errors: int
    client_cpu: float = 0.0  # the load generator's own CPU seconds, warm-up included
    server_cpu: float = 0.0  # the server's CPU seconds (all its workers), warm-up included
    answered: int = 0  # every answer, warm-up included

    @property
    def server_ms(self) -> float:
        """The server's CPU time per request, in milliseconds (nan where unknown)."""
        return self.server_cpu * 1000 / self.answered if self.server_cpu else float("nan")

    @property
    def client_share(self) -> float:
        """The share of one core the load generator used (it shares the machine's cores)."""
        return self.client_cpu / (self.seconds + 1.0)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def _read_response(reader: asyncio.StreamReader) -> int:
    status = int((await reader.readline()).split()[1])
    length, chunked = 0, False
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
        elif name.lower() == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if chunked:
        while (size := int((await reader.readline()).strip() or b"0", 16)) > 0:
            await reader.readexactly(size + 2)
        await reader.readline()
    elif length:
        await reader.readexactly(length)
    return status


async def _connection(port: int, request: bytes, until: float, start: float, out: list) -> None:  # type: ignore[type-arg]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while (now := time.perf_counter()) < until:
            writer.write(request)
            await writer.drain()
            status = await _read_response(reader)
            out.append((time.perf_counter() - now, status, now >= start))
    finally:
        writer.close()


async def _load(port: int, request: bytes, connections: int, seconds: float) -> Result:
    start = time.perf_counter() + 1.0  # a second of warm-up, not counted
    until = start + seconds
    out: list[tuple[float, int, bool]] = []
    cpu = time.process_time()
    server = _cpu_of_tree(_SERVER_PIDS.get(port, -1))
    await asyncio.gather(
        *(_connection(port, request, until, start, out) for _ in range(connections))
    )
    now = _cpu_of_tree(_SERVER_PIDS.get(port, -1))
    counted = [(t, status) for t, status, timed in out if timed]
    ok = [t for t, status in counted if status < 400]
    return Result(
        len(ok), seconds, ok, len(counted) - len(ok), time.process_time() - cpu,
        server_cpu=sum(used - server.get(pid, 0.0) for pid, used in now.items()),
        answered=len(out),
    )  # fmt: skip


def http(method: str, path: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    if body:
        lines += [f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def run_engine(name: str, url: str, export: Path, args: argparse.Namespace) -> list[tuple]:  # type: ignore[type-arg]
    user = set_up_user(url, export)
    print(f"{name}: user with {user.workouts} workouts, {user.sets} sets; serving...", flush=True)
    load = lambda port, req: asyncio.run(_load(port, req, args.connections, args.seconds))  # noqa: E731
    body = json.dumps(SET_BODY).encode()
    json_type = {"Content-Type": "application/json"}
    rows: list[tuple] = []  # type: ignore[type-arg]
    with strongback_server(url, args.workers) as port:
        page = http("GET", "/today", {"Cookie": f"strongback_session={user.session}"})
        label = "today page"
        if _status(port, page) == 404:  # the pages come later: the data the page shows
            page = http("GET", "/api/v1/next", {"Authorization": f"Bearer {user.token}"})
            label = "today's prescriptions (GET /api/v1/next)"
        ours_page = load(port, page)
        post = http("POST", "/api/v1/sets", {"Authorization": f"Bearer {user.token}"} | json_type,
                    body)  # fmt: skip
        ours_post = load(port, post)
    with baseline_server(url, user.user_id, args.workers) as port:
        base_page = load(port, http("GET", "/today", {}))
        base_post = load(port, http("POST", "/sets", json_type, body))
    rows.append((name, label, ours_page, base_page))
    rows.append((name, "log a set (POST, API)", ours_post, base_post))
    return rows


def _status(port: int, request: bytes) -> int:
    async def once() -> int:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(request)
        await writer.drain()
        status = await _read_response(reader)
        writer.close()
        return status

    return asyncio.run(once())


def report(rows: list[tuple], args: argparse.Namespace) -> None:  # type: ignore[type-arg]
    print(f"\n{args.connections} connections, {args.workers} workers, {args.seconds:g} s each")
    head = f"{'engine':<11} {'what':<42} {'who':<11} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7}"
    print(head + f" {'errors':>6} {'vs base':>8} {'client':>7} {'cpu ms':>7}")
    for engine, what, ours, base in rows:
        for who, r in (("strongback", ours), ("baseline", base)):
            ratio = f"{ours.rps / base.rps:7.2f}x" if who == "strongback" and base.rps else ""
            print(f"{engine:<11} {what:<42} {who:<11} {r.rps:>7.1f} {r.pct(0.5):>7.1f} "
                  f"{r.pct(0.99):>7.1f} {r.errors:>6} {ratio:>8} "
                  f"{r.client_share:>6.0%} {r.server_ms:>7.2f}")  # fmt: skip
    print("client: the load generator's CPU, as a share of one core (it runs beside the servers)")
    print("cpu ms: the server's CPU time per request, all its workers (not the database's)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--postgres", default=os.environ.get("STRONGBACK_TEST_POSTGRES_URL"))
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args(argv)
    if not args.file.exists():
        print(f"no export at {args.file}; give --file", file=sys.stderr)
        return 2
    rows = []
    with tempfile.TemporaryDirectory(prefix="strongback-bench-web-") as folder:
        rows += run_engine("sqlite", f"sqlite:///{Path(folder) / 'web.db'}", args.file, args)
    if not args.no_postgres:
        helpers = _bench_import_module()
        with ExitStack() as stack:
            try:
                admin = args.postgres or stack.enter_context(helpers.throwaway_cluster())
            except (RuntimeError, OSError, subprocess.CalledProcessError) as exc:
                print(f"PostgreSQL skipped: {exc}", file=sys.stderr)
                admin = None
            if admin is not None:
                url = stack.enter_context(helpers.fresh_database(admin))
                rows += run_engine("postgresql", url, args.file, args)
    report(rows, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
