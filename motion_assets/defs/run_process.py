"""Which process runs a run: tags naming it, so a run whose process is gone is known to be abandoned (it never
finishes, whatever status it shows) and a terminate request from another process can reach it."""

from __future__ import annotations

import os
import socket

#: The process that executes the run (a command-line process, or the UI's run worker) and its machine.
PID_TAG, HOST_TAG = "motion_assets/pid", "motion_assets/host"


def process_tags(pid: int | None = None) -> dict[str, str]:
    """Tags naming process ``pid`` (default: this one) on this machine as the one executing a run."""
    return {PID_TAG: str(pid if pid is not None else os.getpid()), HOST_TAG: socket.gethostname()}


def run_process_id(run) -> int | None:
    """The id of the process on this machine that executes ``run``; None when it runs elsewhere or is not tagged."""
    pid, host = run.tags.get(PID_TAG), run.tags.get(HOST_TAG)
    return int(pid) if pid and host == socket.gethostname() else None


def abandoned(run) -> bool:
    """A run whose executing process on this machine no longer exists."""
    pid = run_process_id(run)
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
