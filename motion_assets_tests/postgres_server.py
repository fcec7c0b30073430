"""A throwaway PostgreSQL server for the tests: initdb into a temporary folder, start on a free loopback port,
stop and delete afterwards. Uses the system's PostgreSQL binaries (`.ci/run` installs Debian's `postgresql`).

initdb refuses to run as root, so as root the server runs as the `postgres` system user.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server can be started here (the reason says why)."""


@dataclass(frozen=True)
class PostgresServer:
    host: str
    port: int
    user: str
    database: str
    version: str

    def environment(self) -> dict[str, str]:
        """The variables deploy/dagster.postgres.yaml reads."""
        return {"DAGSTER_PG_HOST": self.host, "DAGSTER_PG_PORT": str(self.port), "DAGSTER_PG_USER": self.user,
                "DAGSTER_PG_PASSWORD": "trust-auth-ignores-it", "DAGSTER_PG_DB": self.database}

    def connect(self):
        import psycopg2

        return psycopg2.connect(host=self.host, port=self.port, user=self.user, dbname=self.database)

    def with_new_database(self, name: str) -> "PostgresServer":
        """A new empty database on the same server (one per test keeps tests independent)."""
        connection = self.connect()
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{name}"')
        finally:
            connection.close()
        return replace(self, database=name)


def _binaries() -> Path:
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not candidates:
        raise PostgresUnavailable("no PostgreSQL server binaries (initdb) on this machine; "
                                  "install Debian's postgresql package")
    return Path(candidates[-1]).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_postgres(database: str = "motion_assets"):
    binaries = _binaries()
    as_root = os.geteuid() == 0
    prefix: list[str] = []
    if as_root:
        runuser = shutil.which("runuser")
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError as error:
            raise PostgresUnavailable("running as root and there is no 'postgres' user to run the server") from error
        if not runuser:
            raise PostgresUnavailable("running as root and runuser is missing")
        prefix = [runuser, "-u", "postgres", "--"]
    root = Path(tempfile.mkdtemp(prefix="motion-pg-"))
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    if as_root:
        shutil.chown(root, "postgres")
        shutil.chown(sockets, "postgres")
    port = _free_port()
    log = root / "server.log"

    def run(*command: str) -> subprocess.CompletedProcess:
        return subprocess.run([*prefix, *command], capture_output=True, text=True, timeout=120)

    try:
        made = run(str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                   "--no-sync")
        if made.returncode != 0:
            raise PostgresUnavailable(f"initdb failed: {made.stderr.strip()[-500:]}")
        started = run(str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o",
                      f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
        if started.returncode != 0:
            text = log.read_text() if log.exists() else ""
            raise PostgresUnavailable(f"the server did not start: {started.stderr.strip()} {text[-500:]}")
        import psycopg2

        connection = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {database}")
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
        connection.close()
        yield PostgresServer("127.0.0.1", port, "postgres", database, version)
    finally:
        if (data / "postmaster.pid").exists():
            run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)
