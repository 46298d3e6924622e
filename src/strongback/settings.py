"""Typed settings of a Strongback deployment: from arguments, ``STRONGBACK_*`` variables, defaults.

The CLI, the web app, the benchmarks and the tests all build one :class:`Settings` and hand it to
:class:`strongback.app.Strongback`.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Literal, Self

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

APP_NAME = "strongback"
DATABASE_FILE = "strongback.db"
# Good enough for one person on their own machine; a shared deployment must set its own
# (the web server refuses to listen beyond loopback with this one).
DEFAULT_SECRET_KEY = "strongback-local-default-secret-key"


def default_data_dir() -> Path:
    """The user data directory (``~/.local/share/strongback`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME))


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Settings(BaseSettings):
    """Where the data lives and how the app behaves; every field can come from ``STRONGBACK_*``."""

    model_config = SettingsConfigDict(env_prefix="STRONGBACK_", frozen=True, extra="ignore")

    database_url: str | None = Field(
        default=None,
        description="sqlite:///path.db or postgresql://...; default: a file in data_dir",
    )
    data_dir: Path | None = Field(default=None, description="default: the user data directory")
    secret_key: SecretStr = SecretStr(DEFAULT_SECRET_KEY)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "WARNING"
    busy_timeout: float = Field(default=30.0, gt=0, le=600, description="seconds a writer waits")
    host: str = Field(default="127.0.0.1", description="address the web server listens on")
    port: int = Field(default=8000, ge=1, le=65535, description="port of the web server")
    workers: int = Field(default=1, ge=1, le=64, description="web server processes")
    pool_size: int = Field(
        default=20,
        ge=1,
        le=500,
        description="database connections each process keeps (as many more open under load)",
    )

    @model_validator(mode="after")
    def _shared_server_has_its_own_secret(self) -> Self:
        # Sessions and CSRF tokens are signed with the secret key: a server others can reach
        # must not use the one published in the source.
        if self.uses_default_secret and not is_loopback(self.host):
            raise ValueError(
                f"the web server may listen on {self.host} only with a secret key of its own: "
                "set STRONGBACK_SECRET_KEY (for example to the output of "
                "'python3 -c \"import secrets; print(secrets.token_urlsafe(32))\"')"
            )
        return self

    @property
    def data_folder(self) -> Path:
        """The data directory in use."""
        return self.data_dir if self.data_dir is not None else default_data_dir()

    @property
    def default_database(self) -> bool:
        """True when no URL was given and the SQLite file in the data directory is used."""
        return not self.database_url

    @property
    def url(self) -> str:
        """The database URL to open (the default SQLite file when none is given)."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_folder / DATABASE_FILE}"

    @property
    def uses_default_secret(self) -> bool:
        """True while the secret key is the built-in default."""
        return self.secret_key.get_secret_value() == DEFAULT_SECRET_KEY


def load_settings(**given: object) -> Settings:
    """The settings from ``given`` values and the environment; a bad value is an InvalidInput
    of one line naming it (the argument given, else its ``STRONGBACK_*`` variable)."""
    from strongback.domain.errors import InvalidInput

    try:
        return Settings(**given)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first.get("loc") else None
        message = str(first["msg"]).removeprefix("Value error, ")
        if field is None:
            raise InvalidInput(message, literal=True) from None
        named = field if field in given else f"STRONGBACK_{field.upper()}"
        raise InvalidInput(f"{named}: {message}", field=field, literal=True) from None


__all__ = ["DEFAULT_SECRET_KEY", "Settings", "default_data_dir", "is_loopback", "load_settings"]
