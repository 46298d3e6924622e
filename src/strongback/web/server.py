"""Running the web app with uvicorn: one process, or several workers that share the database."""

from __future__ import annotations

import errno
import inspect
import socket
import sys
from typing import Any

from fastapi import FastAPI

from strongback.settings import Settings

APP = "strongback.web.server:app_factory"


def app_factory() -> FastAPI:
    """The app for a uvicorn worker, from the environment's settings (each worker builds its
    own; they share nothing but the database)."""
    from strongback.web.app import create_app

    return create_app()


def _bound_with_reuse_port(family: int, address: tuple[Any, ...]) -> socket.socket:
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        from uvicorn.config import STARTUP_FAILURE

        # A failed start: the supervisor stops instead of starting the worker again and again.
        sys.stderr.write(f"error: a worker cannot listen on {address[0]}:{address[1]}: {exc}\n")
        raise SystemExit(STARTUP_FAILURE) from None
    return sock


class WorkerPort(socket.socket):
    """The port the workers serve, bound (not listening) in the supervisor; each worker it is
    sent to gets a listening socket of its own on the same address.

    With one socket shared by all workers, whichever worker wakes first accepts a whole burst of
    new connections (a load balancer's or a proxy's keep-alive pool opens them together), and
    keep-alive then pins all their requests to that one process. With a socket per worker and
    SO_REUSEPORT the kernel spreads new connections over the workers evenly.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        # What a worker unpickles: a fresh socket of its own on the same address.
        return (_bound_with_reuse_port, (int(self.family), self.getsockname()))


def worker_port(host: str, port: int) -> WorkerPort:
    """The supervisor's socket on ``host``:``port`` (OSError when it cannot be bound)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # Bound first without SO_REUSEPORT: the port must be free, not shared with another server
    # whose sockets have the option too (two servers would then split the connections).
    with socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
        port = probe.getsockname()[1]
    sock = WorkerPort(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def serve(settings: Settings) -> None:
    """Serve the app on ``settings.host``:``settings.port`` with ``settings.workers`` processes.

    The database is migrated once, here, before any worker starts. Workers read the settings
    from ``STRONGBACK_*`` variables, so the ones given here are exported for them.
    """
    import os

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from strongback.app import Strongback
    from strongback.domain.errors import Conflict

    with Strongback(settings) as strongback:
        strongback.upgrade_database()
    if settings.database_url:
        os.environ["STRONGBACK_DATABASE_URL"] = settings.database_url
    if settings.data_dir is not None:
        os.environ["STRONGBACK_DATA_DIR"] = str(settings.data_dir)
    os.environ["STRONGBACK_SECRET_KEY"] = settings.secret_key.get_secret_value()
    options: dict[str, Any] = {
        "factory": True, "host": settings.host, "port": settings.port,
        "workers": settings.workers, "proxy_headers": True,
        "log_level": settings.log_level.lower(), "access_log": False,
    }  # fmt: skip
    # Linux spreads connections over the sockets sharing a port; macOS and most BSDs send them
    # all to the last one bound, so there the workers share uvicorn's one socket.
    if settings.workers == 1 or not sys.platform.startswith("linux"):
        uvicorn.run(APP, **options)
        return
    try:
        sock = worker_port(settings.host, settings.port)
    except OSError as exc:
        if exc.errno in (errno.ENOPROTOOPT, errno.EINVAL):  # a kernel without the option
            uvicorn.run(APP, **options)
            return
        where = f"{settings.host}:{settings.port}"
        raise Conflict(f"cannot listen on {where}: {exc.strerror}", field="port") from None
    config = uvicorn.Config(APP, **options)
    # Older uvicorn releases take the workers' target too.
    extra = {"target": uvicorn.Server(config).run} if _takes_target(Multiprocess) else {}
    with sock:
        Multiprocess(config, sockets=[sock], **extra).run()


def _takes_target(supervisor: type) -> bool:
    return "target" in inspect.signature(supervisor).parameters


__all__ = ["APP", "WorkerPort", "app_factory", "serve", "worker_port"]
