"""The instance's run launcher: runs the UI, schedules and sensors launch start in a warm worker process.

Dagster's `DefaultRunLauncher` asks the code server to start each run in a freshly spawned interpreter, which
imports Dagster, every library the project uses and the project before the run's first step: 4-11 s per run on
this machine, more than half of a two-video loop batch, where a command-line batch starts at once (issue 16 asks
for UI runs within 1.5x of CLI runs). This launcher forks each run worker from a forkserver that imported all of
it once, the code location's definitions included. The forkserver holds the code as it was when it started: at
each launch the package's files are compared with it (their paths, sizes and modification times), and after an
edit the forkserver is started again, so an edit reaches the next run as with the default launcher. The daemon
starts the forkserver as it starts (`WarmQueuedRunCoordinator`: Dagster creates the launcher only at the first
launch, the run queue at once), so the first run does not wait for its imports either. A run whose code
location uses another interpreter than this process's is handed to the default launcher.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import sys
import threading
from pathlib import Path

from dagster import DagsterInstance, DefaultRunLauncher, QueuedRunCoordinator
from dagster._core.launcher import LaunchRunContext

from motion_assets.defs.run_process import HOST_TAG, PID_TAG, process_tags, run_process_id

#: What a run imports, in the forkserver once (a module missing here is skipped): Dagster's execution and instance
#: storage (SQLAlchemy, Alembic), the libraries the project's steps use, and the code location's definitions.
RUN_WORKER_PRELOAD = (
    "dagster", "dagster._cli.api", "dagster._core.execution.api", "dagster._core.execution.plan.execute_plan",
    "dagster._core.executor.in_process", "dagster._core.storage.sqlite_storage",
    "dagster._core.storage.runs.sqlite.sqlite_run_storage",
    "dagster._core.storage.event_log.sqlite.consolidated_sqlite_event_log",
    "dagster._core.storage.event_log.sqlite.sqlite_event_log",
    "dagster._core.storage.schedules.sqlite.sqlite_schedule_storage",
    "dagster._core.storage.local_compute_log_manager", "dagster._daemon.controller", "sqlalchemy", "alembic",
    "upath", "fsspec", "rich", "structlog", "numpy", "scipy.ndimage", "scipy.cluster.vq", "scipy.signal",
    "pyarrow", "pyarrow.compute", "pyarrow.dataset", "pyarrow.parquet", "duckdb", "pandas", "matplotlib.colors",
    "PIL.Image", "soundfile", "moderngl", "imageio_ffmpeg", "wordfreq", "english_words",
    "motion_assets.defs.run_worker_preload",
)
PACKAGE_DIR = Path(__file__).resolve().parents[1]

_forkserver_lock = threading.Lock()
_forkserver_context = None
_forkserver_code = None


def code_fingerprint(package: Path = PACKAGE_DIR) -> str:
    """The package's files as the forkserver would import them: every file's path, size and modification time."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            status = path.stat()
            digest.update(f"{path.relative_to(package)}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _worker_context():
    """The forkserver context, after starting the forkserver again if the package's files changed since it
    imported them."""
    global _forkserver_context, _forkserver_code
    from multiprocessing import forkserver

    with _forkserver_lock:
        code = code_fingerprint()
        if _forkserver_context is None:
            _forkserver_context = multiprocessing.get_context("forkserver")
            _forkserver_context.set_forkserver_preload(list(RUN_WORKER_PRELOAD))
        elif code != _forkserver_code:
            # Workers already forked run on; the next one is forked from a forkserver importing the code anew.
            forkserver._forkserver._stop()
        _forkserver_code = code
        return _forkserver_context


def started_as_dagster_daemon() -> bool:
    """Whether this process is the Dagster daemon (`dagster-daemon run`, or `python -m dagster._daemon run` as
    `dagster dev` starts it): the process whose run queue launches the runs."""
    entry = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    return entry.name == "dagster-daemon" or (entry.parent.name == "_daemon" and entry.name == "__main__.py")


def warm_run_workers(instance: DagsterInstance) -> None:
    """Start the forkserver and its imports now, when the instance launches runs with `WarmRunLauncher`."""
    from multiprocessing import forkserver

    if isinstance(instance.run_launcher, WarmRunLauncher):
        _worker_context()
        forkserver.ensure_running()


def execute_run_in_worker(instance_ref, run_id: str) -> None:
    """The run worker: what `dagster api execute_run` does, in a process forked from the warm forkserver. A worker
    that fails before the run could finish (its code does not import, say) fails the run with the error, so the
    run never waits in "starting" for a process that is gone."""
    from dagster._cli.api import _execute_run_command_body
    from dagster._core.events import EngineEventData
    from dagster._utils.error import serializable_error_info_from_exc_info
    from dagster._utils.interrupts import capture_interrupts

    run_ended = threading.Event()
    with capture_interrupts(), DagsterInstance.from_ref(instance_ref) as instance:
        threading.Thread(target=_interrupt_while_canceling, args=(instance_ref, run_id, run_ended),
                         name="interrupt-while-canceling", daemon=True).start()
        try:
            _execute_run_command_body(run_id, instance, write_stream_fn=lambda _event: None,
                                      set_exit_code_on_failure=False)
        except BaseException:
            run = instance.get_run_by_id(run_id)
            if run is not None and not run.is_finished:
                error = serializable_error_info_from_exc_info(sys.exc_info())
                instance.report_engine_event(f"The run worker failed: {error.message.strip()}", run,
                                             EngineEventData.engine_error(error), cls=WarmRunLauncher)
                instance.report_run_failed(run)
            raise
        finally:
            run_ended.set()


#: How often a worker whose run is being canceled interrupts its main thread again, and how many times at most.
CANCEL_REPEAT_SECONDS = 2.0
CANCEL_REPEATS = 30


def _interrupt_while_canceling(instance_ref, run_id: str, run_ended: threading.Event) -> None:
    """Interrupt the worker's main thread again while its run is still canceling. Python runs a signal handler in
    whatever frame is current, a garbage collector's callback included, where the handler's exception is printed
    and dropped ("Exception ignored in ..."): one SIGINT from `terminate` can be lost, and the run would then go
    on to success. Dagster's handler raises only inside a step's code and only records the interrupt elsewhere,
    so a repeated interrupt never breaks the run's own bookkeeping."""
    from dagster._core.storage.dagster_run import DagsterRunStatus

    with DagsterInstance.from_ref(instance_ref) as instance:
        repeats = 0
        while not run_ended.wait(CANCEL_REPEAT_SECONDS) and repeats < CANCEL_REPEATS:
            run = instance.get_run_by_id(run_id)
            if run is None or run.is_finished:
                return
            if run.status == DagsterRunStatus.CANCELING:
                os.kill(os.getpid(), signal.SIGINT)
                repeats += 1


class WarmRunLauncher(DefaultRunLauncher):
    """`DefaultRunLauncher`, except that runs of code locations served by this interpreter start in a worker
    forked from a forkserver holding the project's libraries (see the module docstring)."""

    def launch_run(self, context: LaunchRunContext) -> None:
        run = context.dagster_run
        origin = run.job_code_origin
        if origin is None or os.path.realpath(origin.executable_path) != os.path.realpath(sys.executable):
            super().launch_run(context)
            return
        worker = _worker_context().Process(target=execute_run_in_worker,
                                           args=(self._instance.get_ref(), run.run_id),
                                           name=f"dagster-run-{run.run_id[:8]}")
        worker.start()
        # Named in the run's tags: a terminate request (from the webserver's process) reaches the worker, and a
        # killed worker's run is known to be abandoned.
        self._instance.add_run_tags(run.run_id, process_tags(worker.pid))
        # Wait for the worker in the background: the forkserver reports its exit status, which is then collected.
        threading.Thread(target=worker.join, name=f"reap-{worker.pid}", daemon=True).start()

    def terminate(self, run_id: str) -> bool:
        run = self._instance.get_run_by_id(run_id)
        if run is None or run.is_finished or PID_TAG not in run.tags:
            return super().terminate(run_id)
        pid = run_process_id(run)
        if pid is None:
            self._instance.report_engine_event(
                f"Cannot terminate run {run_id}: its worker runs on {run.tags.get(HOST_TAG)}.", run,
                cls=self.__class__)
            return False
        self._instance.report_run_canceling(run)
        try:
            # The worker defers an interrupt to the next point where a step may stop, then ends the run canceled.
            os.kill(pid, signal.SIGINT)
        except ProcessLookupError:
            self._instance.report_engine_event(f"The worker of run {run_id} had already exited.", run,
                                               cls=self.__class__)
            return False
        return True


class WarmQueuedRunCoordinator(QueuedRunCoordinator):
    """Dagster's run queue (same configuration); in the daemon it also starts the run workers' forkserver at once,
    in the background, so the first run launched does not wait for the forkserver's imports."""

    def register_instance(self, instance: DagsterInstance) -> None:
        super().register_instance(instance)
        if started_as_dagster_daemon():
            threading.Thread(target=warm_run_workers, args=(instance,), name="warm-run-workers", daemon=True).start()
