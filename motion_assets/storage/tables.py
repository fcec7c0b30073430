"""Tables on disk: one Parquet file per (table, partition), written atomically, queried with DuckDB.

Why files and not one DuckDB database: a DuckDB file admits one writing process, so concurrent Dagster runs would
lock each other. Each partition writes only its own file (temp file + rename, so readers never see half a file and
a killed run leaves the previous file intact); DuckDB reads any set of them in-process for queries.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.=\-]*$")


def local_path(location: str | os.PathLike) -> Path:
    """A data location as a local path: a plain path, or a ``file://`` URL.

    Other URL schemes (s3://, gs://, ...) are refused with a clear message: MP4 encoding and the atomic
    rename of each table file need a POSIX file system, so object storage is reached through a mount
    (see deploy/README.md), not through a URL here.
    """
    text = os.fspath(location)
    parsed = urlparse(text)
    if parsed.scheme == "file":
        if parsed.netloc not in ("", "localhost"):
            raise ValueError(f"file URL {text!r} names a remote host; mount it and give the local path")
        return Path(url2pathname(unquote(parsed.path))).expanduser().resolve()
    if len(parsed.scheme) > 1:  # a one-letter scheme is a Windows drive, not a URL
        raise ValueError(f"data location {text!r}: only local paths and file:// URLs are supported "
                         "(mount object storage and give its path)")
    return Path(text).expanduser().resolve()


def data_dir_from_env(default: str | os.PathLike = "data") -> Path:
    """The data directory: MOTION_DATA_DIR (a path or file:// URL) if set, else ``default``."""
    return local_path(os.environ.get("MOTION_DATA_DIR") or default)


class TableStore:
    """Parquet tables under ``root/tables/<table>/<partition>.parquet`` plus media under ``root/media``."""

    def __init__(self, root: str | os.PathLike):
        self.root = local_path(root)

    # --- paths -----------------------------------------------------------------------------------------------
    def table_dir(self, table: str) -> Path:
        return self.root / "tables" / _checked(table)

    def table_path(self, table: str, partition: str) -> Path:
        return self.table_dir(table) / f"{_checked(partition)}.parquet"

    def media_dir(self, partition: str) -> Path:
        return self.root / "media" / _checked(partition)

    def ensure_writable(self) -> None:
        """Fail early, naming the folder, when the data directory cannot be written."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.root, prefix=".probe-"):
                pass
        except OSError as error:
            raise PermissionError(f"data directory {self.root} is not writable: {error}") from error

    # --- write and read ----------------------------------------------------------------------------------------
    def write(self, table: str, partition: str, data: pa.Table) -> Path:
        """Replace one partition's file atomically; identical data gives identical bytes."""
        path = self.table_path(table, partition)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
        os.close(handle)
        try:
            pq.write_table(data.replace_schema_metadata(None), temporary, compression="zstd")
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return path

    def write_all(self, changes: Mapping[tuple[str, str], pa.Table],
                  before_each_replace: Callable[[int], None] | None = None) -> list[Path]:
        """Replace several partition files as one change: all of them, or (after any failure) none of them.

        Every new file is written beside its target first; a journal under ``tables/_journal`` then lists the
        targets and hard-linked backups of the files they replace, and only then are the targets replaced one by
        one. An exception while replacing restores every backup before it propagates; a process killed in the
        middle leaves its journal, and the next `write_all` or `recover` on the store restores the previous files.
        ``before_each_replace(i)`` is called before the i-th replace (tests inject faults with it).
        """
        self.recover()
        targets = [self.table_path(table, partition) for table, partition in changes]
        if len(set(targets)) != len(targets):
            raise ValueError("write_all: the same partition is listed twice")
        journal_dir = self.root / "tables" / _JOURNAL
        journal_dir.mkdir(parents=True, exist_ok=True)
        handle, journal = tempfile.mkstemp(dir=journal_dir, prefix="change-", suffix=".json")
        os.close(handle)
        staged: list[tuple[Path, Path, Path | None]] = []  # (target, staged file, backup or None when new)
        try:
            for target, data in zip(targets, changes.values()):
                target.parent.mkdir(parents=True, exist_ok=True)
                handle, staging = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-", suffix=".staged")
                os.close(handle)
                pq.write_table(data.replace_schema_metadata(None), staging, compression="zstd")
                backup = None
                if target.exists():
                    backup = target.with_name(f".{target.stem}-{Path(journal).stem}.backup")
                    os.link(target, backup)
                staged.append((target, Path(staging), backup))
            _write_json_atomically(Path(journal), [
                {"target": str(t), "staged": str(s), "backup": str(b) if b else None} for t, s, b in staged])
        except BaseException:
            for _, staging, backup in staged:
                staging.unlink(missing_ok=True)
                if backup:
                    backup.unlink(missing_ok=True)
            Path(journal).unlink(missing_ok=True)
            raise
        try:
            for index, (target, staging, _) in enumerate(staged):
                if before_each_replace is not None:
                    before_each_replace(index)
                os.replace(staging, target)
        except BaseException:
            _roll_back(Path(journal))
            raise
        for _, _, backup in staged:
            if backup:
                backup.unlink(missing_ok=True)
        Path(journal).unlink()
        return targets

    def recover(self) -> list[str]:
        """Undo every change a killed `write_all` left half done; returns the journals rolled back."""
        journal_dir = self.root / "tables" / _JOURNAL
        if not journal_dir.exists():
            return []
        undone = []
        with self.lock("_journal"):
            for journal in sorted(journal_dir.glob("change-*.json")):
                _roll_back(journal)
                undone.append(journal.name)
        return undone

    @contextmanager
    def lock(self, *names: str):
        """Exclusive locks (one lock file each, taken in sorted order) across processes on this store."""
        directory = self.root / "tables" / ".locks"
        directory.mkdir(parents=True, exist_ok=True)
        with ExitStack() as stack:
            for name in sorted(set(names)):
                stream = stack.enter_context(open(directory / f"{_checked(name.lstrip('_'))}.lock", "w"))
                fcntl.flock(stream, fcntl.LOCK_EX)
                stack.callback(fcntl.flock, stream, fcntl.LOCK_UN)
            yield

    def read(self, table: str, partition: str) -> pa.Table | None:
        path = self.table_path(table, partition)
        return pq.read_table(path) if path.exists() else None

    def partitions(self, table: str) -> list[str]:
        directory = self.table_dir(table)
        return sorted(p.stem for p in directory.glob("*.parquet")) if directory.exists() else []

    def files(self, table: str, partitions: list[str] | None = None) -> list[str]:
        names = self.partitions(table) if partitions is None else [p for p in partitions if p in self.partitions(table)]
        return [str(self.table_path(table, p)) for p in names]

    def query(self, sql: str, tables: dict[str, str], params: list | None = None) -> pa.Table:
        """Run ``sql`` where each alias in ``tables`` (alias -> stored table name) is a view over that table's files.

        Raises LookupError naming the table when it has no files yet; callers decide what absence means.
        """
        connection = duckdb.connect()
        try:
            for alias, table in tables.items():
                files = self.files(table)
                if not files:
                    raise LookupError(f"table {table!r} has no stored partitions under {self.root}")
                connection.execute(
                    f"CREATE VIEW {_checked(alias)} AS SELECT * FROM read_parquet({files!r}, union_by_name=true)"
                )
            return connection.sql(sql, params=params or None).to_arrow_table()
        finally:
            connection.close()


_JOURNAL = "_journal"


def _write_json_atomically(path: Path, value) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "w", encoding="utf-8") as stream:
        json.dump(value, stream)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)


def _roll_back(journal: Path) -> None:
    """Put back the files a journal's change replaced, drop the files it created, then drop the journal."""
    try:
        entries: Iterable[dict] = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        entries = []  # the journal was never completed: nothing was replaced yet
    for entry in entries:
        target, staged, backup = Path(entry["target"]), Path(entry["staged"]), entry["backup"]
        if backup and Path(backup).exists():
            if target.exists() and os.path.samefile(backup, target):
                Path(backup).unlink()  # not replaced yet (and rename between two links of one file does nothing)
            else:
                os.replace(backup, target)
        elif not backup:
            if not staged.exists():  # it was moved into place: the partition did not exist before
                target.unlink(missing_ok=True)
        staged.unlink(missing_ok=True)
    journal.unlink(missing_ok=True)


def _checked(name: str) -> str:
    if not _SAFE_NAME.match(name) or ".." in name:
        raise ValueError(f"unsafe storage name: {name!r}")
    return name
