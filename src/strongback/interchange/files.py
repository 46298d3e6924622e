"""Writing a file whole or not at all, with the permissions the user's umask gives new files."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from strongback.domain.errors import InvalidInput


def _umask() -> int:
    # os.umask can only be read by setting it; set it back at once.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over the target.

    A reader never sees half a file, and a failure leaves the target as it was. The new file gets
    the mode a plain ``open()`` would give it (0666 less the umask), not the 0600 of a temporary
    file. InvalidInput (field ``file``) names a path that cannot be written.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=directory)
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror or exc}", field="file") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InvalidInput(f"cannot write {path}: {exc.strerror or exc}", field="file") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


__all__ = ["write_atomically"]
