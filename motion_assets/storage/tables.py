"""Tables in a data location: one Parquet file per (table, partition), written atomically, queried with DuckDB.

The location is a local path (the default, ``./data``), a ``file://`` URL, or an object-store URL that
``pyarrow.fs`` opens (``s3://bucket/prefix``; an S3-compatible store by
``s3://bucket/prefix?endpoint_override=host:9000&scheme=http``). Every read, write and listing goes through the same
`pyarrow.fs` calls whichever it is. What differs is only what the medium gives: a local move is an atomic rename,
an object appears whole when its upload completes; DuckDB reads local files itself and object-store files through
a pyarrow dataset; rendered media are encoded in a local folder and uploaded to an object store.

Why files and not one DuckDB database: a DuckDB file admits one writing process, so concurrent Dagster runs would
lock each other. Each partition writes only its own file (temp file + move, so readers never see half a file and
a killed run leaves the previous file intact); DuckDB reads any set of them in-process for queries.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import socket
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq

_DUCKDB = threading.local()


def _duckdb_cursor() -> duckdb.DuckDBPyConnection:
    """A fresh connection (its own temporary views and registered tables) to this thread's in-memory DuckDB
    database: opening a database costs tens of milliseconds a query, a cursor on an open one almost nothing. The
    database is opened again in a forked process (a DuckDB handle must not cross a fork). It caches no file
    contents (partition files are replaced in place: every query reads them as they are now)."""
    held = getattr(_DUCKDB, "database", None)
    if held is None or held[0] != os.getpid():
        held = _DUCKDB.database = (os.getpid(), duckdb.connect(config={"enable_external_file_cache": False}))
    return held[1].cursor()


_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.=\-]*$")
_JOURNAL = "_journal"
#: A change journal older than this is rolled back whoever wrote it (its writer, on another machine, is gone).
STALE_CHANGE_SECONDS = 3600


def is_local_location(location: str | os.PathLike) -> bool:
    scheme = urlparse(os.fspath(location)).scheme
    return scheme == "file" or len(scheme) <= 1  # a one-letter scheme is a Windows drive, not a URL


def local_path(location: str | os.PathLike) -> Path:
    """A local data location as a path: a plain path, or a ``file://`` URL (ValueError for other URLs)."""
    text = os.fspath(location)
    parsed = urlparse(text)
    if parsed.scheme == "file":
        if parsed.netloc not in ("", "localhost"):
            raise ValueError(f"file URL {text!r} names a remote host; mount it and give the local path")
        return Path(url2pathname(unquote(parsed.path))).expanduser().resolve()
    if not is_local_location(text):
        raise ValueError(f"data location {text!r} is not a local path")
    return Path(text).expanduser().resolve()


def data_dir_from_env(default: str | os.PathLike = "data") -> str:
    """The data location: MOTION_DATA_DIR (a path, file:// URL or object-store URL) if set, else ``default``."""
    return os.fspath(os.environ.get("MOTION_DATA_DIR") or default)


def open_location(location: str | os.PathLike) -> tuple[pafs.FileSystem, str, Path | None]:
    """(file system, base path in it, local root or None) for a data location; ValueError naming a bad one."""
    text = os.fspath(location)
    if is_local_location(text):
        root = local_path(text)
        return pafs.LocalFileSystem(), root.as_posix(), root
    try:
        filesystem, base = pafs.FileSystem.from_uri(text)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, OSError) as error:
        raise ValueError(f"data location {text!r} cannot be opened: {error}") from error
    return filesystem, base.rstrip("/"), None


class TableStore:
    """Parquet tables under ``<location>/tables/<table>/<partition>.parquet`` plus media under ``<location>/media``."""

    def __init__(self, location: str | os.PathLike):
        self.location = os.fspath(location)
        self.fs, self.base, self.root = open_location(location)
        self._scheme = urlparse(self.location).scheme if self.root is None else ""

    def __repr__(self) -> str:
        return f"TableStore({self.location!r})"

    @property
    def is_local(self) -> bool:
        return self.root is not None

    # --- paths -----------------------------------------------------------------------------------------------
    def _path(self, *parts: str) -> str:
        return "/".join([self.base, *parts])

    def table_dir(self, table: str) -> str:
        return self._path("tables", _checked(table))

    def table_path(self, table: str, partition: str) -> str:
        return f"{self.table_dir(table)}/{_checked(partition)}.parquet"

    def shown(self, path: str) -> str:
        """A path of this store as a user finds it: a local path, or the object-store URL."""
        return path if self.is_local else f"{self._scheme}://{path}"

    def exists(self, path: str) -> bool:
        return self.fs.get_file_info(path).type != pafs.FileType.NotFound

    def ensure_writable(self) -> None:
        """Fail early, naming the location, when it cannot be written."""
        probe = self._path(f".probe-{uuid.uuid4().hex}")
        try:
            self.fs.create_dir(self.base, recursive=True)
            with self.fs.open_output_stream(probe) as stream:
                stream.write(b"")
            self.fs.delete_file(probe)
        except OSError as error:
            raise PermissionError(f"data directory {self.location} is not writable: {error}") from error

    # --- write and read ----------------------------------------------------------------------------------------
    def write(self, table: str, partition: str, data: pa.Table) -> str:
        """Replace one partition's file atomically; identical data gives identical bytes."""
        path = self.table_path(table, partition)
        self.fs.create_dir(self.table_dir(table), recursive=True)
        temporary = f"{self.table_dir(table)}/.{partition}-{uuid.uuid4().hex}.tmp"
        try:
            pq.write_table(data.replace_schema_metadata(None), temporary, compression="zstd", filesystem=self.fs)
            move_file(self.fs, temporary, path)
        except BaseException:
            _delete_quietly(self.fs, temporary)
            raise
        return path

    def write_all(self, changes: Mapping[tuple[str, str], pa.Table],
                  before_each_replace: Callable[[int], None] | None = None) -> list[str]:
        """Replace several partition files as one change: all of them, or (after any failure) none of them.

        Every new file is written beside its target first; a journal under ``tables/_journal`` then lists the
        targets and copies of the files they replace, and only then are the targets replaced one by one. An
        exception while replacing restores every copy before it propagates; a process killed in the middle leaves
        its journal, and the next `write_all` or `recover` on the store restores the previous files.
        ``before_each_replace(i)`` is called before the i-th replace (tests inject faults with it).
        """
        self.recover()
        targets = [self.table_path(table, partition) for table, partition in changes]
        if len(set(targets)) != len(targets):
            raise ValueError("write_all: the same partition is listed twice")
        change = f"change-{uuid.uuid4().hex}"
        journal = self._path("tables", _JOURNAL, f"{change}.json")
        staged: list[tuple[str, str, str | None]] = []  # (target, staged file, copy of the old file or None)
        try:
            for target, data in zip(targets, changes.values()):
                directory, name = target.rsplit("/", 1)
                self.fs.create_dir(directory, recursive=True)
                staging = f"{directory}/.{name}-{change}.staged"
                pq.write_table(data.replace_schema_metadata(None), staging, compression="zstd", filesystem=self.fs)
                backup = None
                if self.exists(target):
                    backup = f"{directory}/.{name}-{change}.backup"
                    self.fs.copy_file(target, backup)
                staged.append((target, staging, backup))
            self.fs.create_dir(self._path("tables", _JOURNAL), recursive=True)
            _write_json(self.fs, journal, {
                "host": socket.gethostname(), "pid": os.getpid(), "started": time.time(),
                "files": [{"target": t, "staged": s, "backup": b} for t, s, b in staged]})
        except BaseException:
            for _, staging, backup in staged:
                _delete_quietly(self.fs, staging)
                if backup:
                    _delete_quietly(self.fs, backup)
            _delete_quietly(self.fs, journal)
            raise
        try:
            for index, (target, staging, _) in enumerate(staged):
                if before_each_replace is not None:
                    before_each_replace(index)
                move_file(self.fs, staging, target)
        except BaseException:
            self._roll_back(journal)
            raise
        for _, _, backup in staged:
            if backup:
                _delete_quietly(self.fs, backup)
        self.fs.delete_file(journal)
        return targets

    def recover(self) -> list[str]:
        """Undo every change a killed `write_all` left half done; returns the journals rolled back.

        A change is abandoned when the process that wrote its journal is gone (same host) or when its journal is
        older than STALE_CHANGE_SECONDS; changes still in progress are left alone.
        """
        selector = pafs.FileSelector(self._path("tables", _JOURNAL), allow_not_found=True)
        journals = sorted(info.path for info in self.fs.get_file_info(selector)
                          if info.base_name.startswith("change-") and info.base_name.endswith(".json"))
        undone = []
        for journal in journals:
            if self._abandoned(journal):
                self._roll_back(journal)
                undone.append(journal.rsplit("/", 1)[1])
        return undone

    def _abandoned(self, journal: str) -> bool:
        try:
            record = _read_json(self.fs, journal)
        except (OSError, ValueError):
            return False  # removed meanwhile by its writer
        if time.time() - record["started"] > STALE_CHANGE_SECONDS:
            return True
        if record["host"] != socket.gethostname():
            return False
        try:
            os.kill(record["pid"], 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False  # its writer is still running

    def _roll_back(self, journal: str) -> None:
        """Put back the files a journal's change replaced, drop the files it created, then drop the journal."""
        for entry in _read_json(self.fs, journal)["files"]:
            target, staged, backup = entry["target"], entry["staged"], entry["backup"]
            if backup:
                if self.exists(backup):
                    move_file(self.fs, backup, target)
            elif not self.exists(staged):  # it was moved into place: the partition did not exist before
                _delete_quietly(self.fs, target)
            _delete_quietly(self.fs, staged)
        self.fs.delete_file(journal)

    @contextmanager
    def lock(self, *names: str):
        """Exclusive locks (one lock file each, taken in sorted order) across the processes of this machine.

        Local stores keep the lock files beside the tables; object stores in a local folder per location (across
        machines, Dagster's concurrency pools serialize the writers: see deploy/README.md).
        """
        if self.is_local:
            directory = self.root / "tables" / ".locks"
        else:
            digest = hashlib.sha256(self.location.encode()).hexdigest()[:16]
            directory = Path(tempfile.gettempdir()) / "motion_assets-locks" / digest
        directory.mkdir(parents=True, exist_ok=True)
        with ExitStack() as stack:
            for name in sorted(set(names)):
                stream = stack.enter_context(open(directory / f"{_checked(name.lstrip('_'))}.lock", "w"))
                fcntl.flock(stream, fcntl.LOCK_EX)
                stack.callback(fcntl.flock, stream, fcntl.LOCK_UN)
            yield

    def read(self, table: str, partition: str) -> pa.Table | None:
        path = self.table_path(table, partition)
        return pq.read_table(path, filesystem=self.fs) if self.exists(path) else None

    def partitions(self, table: str) -> list[str]:
        selector = pafs.FileSelector(self.table_dir(table), allow_not_found=True)
        return sorted(info.base_name[: -len(".parquet")] for info in self.fs.get_file_info(selector)
                      if info.type == pafs.FileType.File and info.base_name.endswith(".parquet")
                      and not info.base_name.startswith("."))

    def fingerprints(self, table: str) -> dict[str, tuple[int, int]]:
        """partition -> (size in bytes, modification time in ns) of every stored partition file: a file replaced
        since (even by the same bytes) shows a different fingerprint."""
        listing = self.listing(table)
        return dict(zip(listing.column("partition").to_pylist(),
                        zip(listing.column("size").to_pylist(), listing.column("mtime_ns").to_pylist())))

    def listing(self, table: str) -> pa.Table:
        """The `fingerprints` as a table (partition, size, mtime_ns), in no particular order: what a caller compares
        column-wise with a stored listing (a table holds a file per batch)."""
        partitions: list[str] = []
        sizes: list[int] = []
        mtimes: list[int] = []
        if self.is_local:  # the same figures as below, without a FileInfo per file
            try:
                entries = os.scandir(self.table_dir(table))
            except FileNotFoundError:
                entries = None
            if entries is not None:
                with entries:
                    for entry in entries:
                        name = entry.name
                        if name.endswith(".parquet") and not name.startswith(".") and entry.is_file():
                            stat = entry.stat()
                            partitions.append(name[: -len(".parquet")])
                            sizes.append(stat.st_size)
                            mtimes.append(stat.st_mtime_ns)
        else:
            selector = pafs.FileSelector(self.table_dir(table), allow_not_found=True)
            for info in self.fs.get_file_info(selector):
                if info.type == pafs.FileType.File and info.base_name.endswith(".parquet") \
                        and not info.base_name.startswith("."):
                    partitions.append(info.base_name[: -len(".parquet")])
                    sizes.append(info.size)
                    mtimes.append(info.mtime_ns or 0)
        return pa.table({"partition": pa.array(partitions, pa.string()), "size": pa.array(sizes, pa.int64()),
                         "mtime_ns": pa.array(mtimes, pa.int64())})

    def files(self, table: str, partitions: list[str] | None = None) -> list[str]:
        stored = self.partitions(table)
        names = stored if partitions is None else [p for p in partitions if p in stored]
        return [self.table_path(table, p) for p in names]

    def query(self, sql: str, tables: dict[str, str], params: list | None = None,
              partitions: Mapping[str, list[str]] | None = None,
              arrow: Mapping[str, pa.Table] | None = None) -> pa.Table:
        """Run ``sql`` where each alias in ``tables`` (alias -> stored table name) is a view over that table's files
        (only the listed ``partitions`` of it, for an alias given there) and each alias in ``arrow`` an in-memory
        table.

        Raises LookupError naming the table when it has no files yet; callers decide what absence means.
        """
        connection = _duckdb_cursor()
        try:
            for alias, table in (arrow or {}).items():
                connection.register(_checked(alias), table)
            for alias, table in tables.items():
                chosen = (partitions or {}).get(alias)
                files = self.files(table) if chosen is None else [self.table_path(table, p) for p in chosen]
                if not files:
                    raise LookupError(f"table {table!r} has no stored partitions under {self.location}")
                if self.is_local:
                    connection.execute(f"CREATE TEMP VIEW {_checked(alias)} AS SELECT * FROM "
                                       f"read_parquet({files!r}, union_by_name=true)")
                else:  # DuckDB scans the object store's files through pyarrow (columns unified by name, as above)
                    schema = pa.unify_schemas([pq.read_schema(f, filesystem=self.fs) for f in files])
                    connection.register(_checked(alias), ds.dataset(files, schema=schema, filesystem=self.fs,
                                                                    format="parquet"))
            return connection.sql(sql, params=params or None).to_arrow_table()
        finally:
            connection.close()

    # --- media ---------------------------------------------------------------------------------------------------
    @contextmanager
    def media_workspace(self, partition: str) -> Iterator[Path]:
        """A local folder to render a partition's media in: the store's own media folder, or (object store) a
        temporary folder whose files `publish_media` uploads."""
        if self.is_local:
            directory = self.root / "media" / _checked(partition)
            directory.mkdir(parents=True, exist_ok=True)
            yield directory
            return
        with tempfile.TemporaryDirectory(prefix=f"motion-media-{_checked(partition)}-") as scratch:
            yield Path(scratch)

    def publish_media(self, partition: str, local_file: str | os.PathLike) -> str:
        """The stored location of a file rendered in `media_workspace` (uploaded whole to an object store)."""
        local_file = Path(local_file)
        if self.is_local:
            return str(local_file)
        directory = self._path("media", _checked(partition))
        self.fs.create_dir(directory, recursive=True)
        target = f"{directory}/{_checked(local_file.name)}"
        with open(local_file, "rb") as source, self.fs.open_output_stream(target) as sink:
            shutil.copyfileobj(source, sink, length=1 << 20)
        return self.shown(target)

    @contextmanager
    def local_media(self, location: str) -> Iterator[Path]:
        """A local path to read a stored media file (downloaded for the duration from an object store)."""
        if self.is_local:
            yield Path(location)
            return
        prefix = f"{self._scheme}://"
        path = location[len(prefix):] if location.startswith(prefix) else location
        with tempfile.TemporaryDirectory(prefix="motion-media-") as scratch:
            local_file = Path(scratch) / path.rsplit("/", 1)[-1]
            with self.fs.open_input_stream(path) as source, open(local_file, "wb") as sink:
                shutil.copyfileobj(source, sink, length=1 << 20)
            yield local_file


def move_file(filesystem: pafs.FileSystem, source: str, target: str) -> None:
    """Move ``source`` over ``target``: a rename on a local disk, a whole-object copy on an object store."""
    filesystem.move(source, target)


def _write_json(filesystem: pafs.FileSystem, path: str, value) -> None:
    temporary = f"{path}.{uuid.uuid4().hex}.tmp"
    with filesystem.open_output_stream(temporary) as stream:
        stream.write(json.dumps(value).encode("utf-8"))
    move_file(filesystem, temporary, path)


def _read_json(filesystem: pafs.FileSystem, path: str):
    with filesystem.open_input_stream(path) as stream:
        return json.loads(stream.read().decode("utf-8"))


def _delete_quietly(filesystem: pafs.FileSystem, path: str) -> None:
    try:
        filesystem.delete_file(path)
    except (FileNotFoundError, OSError):
        pass


def _checked(name: str) -> str:
    if not _SAFE_NAME.match(name) or ".." in name:
        raise ValueError(f"unsafe storage name: {name!r}")
    return name
