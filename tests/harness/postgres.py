"""A throwaway PostgreSQL server for testing the CLI's `postgres://` state backend.

The Pulumi CLI's self-managed backends include PostgreSQL: `PULUMI_BACKEND_URL=postgres://user@host:port/db`
keeps every checkpoint, history entry and lock as a row of one table (`pulumi_state` unless the URL says
`?table=...`). `PostgresServer` runs a real server from the distribution's packages in a temporary
folder on a free loopback port, so a test can point an `Engine` at it and look at the rows it wrote.

`initdb` refuses to run as root, so when the tests run as root the server runs as the `postgres`
system user that Debian's packages create. The server is stopped, and its folder removed, on exit even
when the block raised.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType

DEBIAN_ROOT = Path("/usr/lib/postgresql")
"""Debian's postgresql-<version> packages put the server programs in `<version>/bin`, not all on PATH."""
PACKAGE_HINT = (
    "install Debian's `postgresql-15` package (server: initdb, pg_ctl, postgres) and `postgresql-client-15` (psql)"
)
SERVER_USER = "postgres"
START_TIMEOUT_S = 30


class PostgresUnavailable(RuntimeError):
    """Raised when the server programs are missing or the server does not start."""


def _version(folder: Path) -> int:
    return int(folder.parent.name) if folder.parent.name.isdigit() else 0


def _program(name: str) -> str:
    """The newest installed version's program, else the one on PATH."""
    for folder in sorted(DEBIAN_ROOT.glob("*/bin"), key=_version, reverse=True):
        if (folder / name).is_file():
            return str(folder / name)
    found = shutil.which(name)
    if found is None:
        raise PostgresUnavailable(f"PostgreSQL's `{name}` was not found: {PACKAGE_HINT}")
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class PostgresServer:
    """One PostgreSQL server, trust authentication on 127.0.0.1 only, for one test session."""

    def __init__(self) -> None:
        self.port = 0
        self._folder: Path | None = None
        self._as_user: list[str] = []
        self._psql = _program("psql")
        self._pg_ctl = _program("pg_ctl")
        self._initdb = _program("initdb")

    def __enter__(self) -> PostgresServer:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def data_dir(self) -> Path:
        if self._folder is None:
            raise PostgresUnavailable("the server is not running")
        return self._folder / "data"

    def start(self) -> None:
        # In the system temporary folder itself: pytest's folders are private to root, and the server user must
        # be able to reach its data folder.
        self._folder = Path(tempfile.mkdtemp(prefix="pulumi-sinch-est-pg-"))
        if os.geteuid() == 0:
            try:
                account = pwd.getpwnam(SERVER_USER)
            except KeyError:
                raise PostgresUnavailable(f"no `{SERVER_USER}` user to run the server as: {PACKAGE_HINT}") from None
            os.chown(self._folder, account.pw_uid, account.pw_gid)
            self._as_user = ["runuser", "-u", SERVER_USER, "--"]
        self.port = _free_port()
        try:
            self._run(self._initdb, "-D", str(self.data_dir), "-A", "trust", "-U", SERVER_USER, "--no-sync")
            options = f"-p {self.port} -k {self._folder} -c listen_addresses=127.0.0.1 -c fsync=off"
            self._run(
                self._pg_ctl,
                "-D",
                str(self.data_dir),
                "-l",
                str(self._folder / "server.log"),
                "-o",
                options,
                "-w",
                "-t",
                str(START_TIMEOUT_S),
                "start",
            )
        except subprocess.CalledProcessError as exc:
            log = self._folder / "server.log"
            detail = log.read_text(errors="replace")[-2000:] if log.exists() else exc.stderr
            self.stop()
            raise PostgresUnavailable(f"PostgreSQL did not start: {detail}") from None

    def stop(self) -> None:
        if self._folder is None:
            return
        if (self.data_dir / "postmaster.pid").exists():
            subprocess.run(
                [*self._as_user, self._pg_ctl, "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"],
                capture_output=True,
                check=False,
            )
        shutil.rmtree(self._folder, ignore_errors=True)
        self._folder = None

    def create_database(self, name: str) -> str:
        """A new empty database; returns the backend URL the Pulumi CLI takes for it."""
        self.query(f'CREATE DATABASE "{name}"', database="postgres")
        return f"postgres://{SERVER_USER}@127.0.0.1:{self.port}/{name}?sslmode=disable"

    def query(self, sql: str, database: str = "postgres") -> list[str]:
        """Run one statement with psql; one line per row, columns separated by `|`."""
        result = subprocess.run(
            [
                self._psql,
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                SERVER_USER,
                "-d",
                database,
                "-v",
                "ON_ERROR_STOP=1",
                "-At",
                "-c",
                sql,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.splitlines()

    def _run(self, *command: str) -> None:
        subprocess.run([*self._as_user, *command], capture_output=True, text=True, check=True)
