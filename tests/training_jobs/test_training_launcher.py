"""The warm training launcher: jobs forked from it, a stale socket, the direct-start fallback,
and the launcher's own exit."""

import os
import re
import shutil
import socket

from training_job_helpers import (
    SHORT_HYPERPARAMETERS,
    job_request,
    wait_for_job,
    wait_until,
    worker_pids,
)

from churn_studio_ext.local import _training_launch
from churn_studio_ext.local import _training_records as records
from churn_studio_ext.training import launcher

LONG_ROUNDS = "100000"


def run_job(sm, name, **hyperparameters):
    sm.create_training_job(**job_request(name, {**SHORT_HYPERPARAMETERS, **hyperparameters}))
    return wait_for_job(sm, name)


def worker_log_pid(home, job_name) -> int:
    """Return the pid of the process that logged the worker's start in the job's worker.log."""
    text = (records.workspace(home, job_name) / "worker.log").read_text()
    match = re.search(r" (\d+) INFO churn_studio_ext.training.worker: Worker started", text)
    assert match is not None, text
    return int(match.group(1))


def launcher_log(home) -> str:
    return (home / launcher.LAUNCHER_FOLDER / launcher.LOG_NAME).read_text()


def test_job_runs_in_launcher_child(sm, tour_channels, home):
    description = run_job(sm, "churn-launched")

    assert description["TrainingJobStatus"] == "Completed"
    [pid] = worker_pids(home)
    launcher_pid = launcher.launcher_pid(home)
    assert launcher_pid is not None
    assert pid != launcher_pid
    assert worker_log_pid(home, "churn-launched") == pid
    # The launcher reaped the worker, so the worker was its child.
    wait_until(
        lambda: f"Training worker {pid} exited with status 0" in launcher_log(home),
        "the launcher to reap the worker",
    )


def test_second_job_reuses_launcher(sm, tour_channels, home):
    run_job(sm, "churn-first")
    first_launcher = launcher.launcher_pid(home)

    description = run_job(sm, "churn-second")

    assert description["TrainingJobStatus"] == "Completed"
    assert launcher.launcher_pid(home) == first_launcher
    assert sorted(worker_pids(home)) == sorted(
        worker_log_pid(home, name) for name in ("churn-first", "churn-second")
    )


def test_launched_worker_leads_own_session(sm, tour_channels, home):
    sm.create_training_job(
        **job_request("churn-session", {**SHORT_HYPERPARAMETERS, "num_round": LONG_ROUNDS})
    )
    [pid] = worker_pids(home)

    assert os.getsid(pid) == pid
    assert os.getpgid(pid) == pid
    assert launcher.launcher_pid(home) is not None

    sm.stop_training_job(TrainingJobName="churn-session")
    assert wait_for_job(sm, "churn-session")["TrainingJobStatus"] == "Stopped"


def test_stale_socket_is_replaced(sm, tour_channels, home):
    path = launcher.socket_path(home)
    path.parent.mkdir(parents=True)
    # A bound socket file without a listener, as a killed launcher leaves it.
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(path))
    stale.close()
    (path.parent / launcher.PID_FILE_NAME).write_text("999999999\n")
    assert launcher.launcher_pid(home) is None

    description = run_job(sm, "churn-stale")

    assert description["TrainingJobStatus"] == "Completed"
    launcher_pid = launcher.launcher_pid(home)
    assert launcher_pid is not None
    [pid] = worker_pids(home)
    wait_until(
        lambda: f"Training worker {pid} exited with status 0" in launcher_log(home),
        "the new launcher to reap the worker",
    )


def test_disabled_launcher_starts_worker_directly(sm, tour_channels, home, monkeypatch):
    monkeypatch.setenv(_training_launch.LAUNCHER_VARIABLE, "0")

    description = run_job(sm, "churn-direct")

    assert description["TrainingJobStatus"] == "Completed"
    assert launcher.launcher_pid(home) is None
    assert not (home / launcher.LAUNCHER_FOLDER).exists()
    assert worker_log_pid(home, "churn-direct") == worker_pids(home)[0]


def test_launcher_that_cannot_start_falls_back(sm, tour_channels, home, monkeypatch):
    monkeypatch.setattr(launcher, "LAUNCHER_MODULE", "churn_studio_ext.no_such_launcher")

    description = run_job(sm, "churn-fallback")

    assert description["TrainingJobStatus"] == "Completed"
    assert launcher.launcher_pid(home) is None
    assert "No module named churn_studio_ext.no_such_launcher" in launcher_log(home)
    assert worker_log_pid(home, "churn-fallback") == worker_pids(home)[0]


def test_stale_code_fallback_ends_launcher(sm, tour_channels, home, monkeypatch):
    run_job(sm, "churn-before-change")
    old_launcher = launcher.launcher_pid(home)
    assert old_launcher is not None
    # The package's files look newer than when the launcher started.
    monkeypatch.setattr(launcher, "code_stamp", lambda: 1)

    description = run_job(sm, "churn-after-change")

    assert description["TrainingJobStatus"] == "Completed"
    pid = worker_pids(home)[-1]
    assert worker_log_pid(home, "churn-after-change") == pid
    wait_until(lambda: not records.worker_is_alive(old_launcher), "the stale launcher to exit")
    assert f"Training worker {pid} exited" not in launcher_log(home)
    assert "the package's files changed since this launcher started" in launcher_log(home)


def test_idle_launcher_exits(sm, tour_channels, home, monkeypatch):
    monkeypatch.setenv(launcher.IDLE_SECONDS_VARIABLE, "0.5")

    run_job(sm, "churn-idle")
    launcher_pid = wait_until(
        lambda: launcher.launcher_pid(home) or launcher_pid_in_log(home), "the launcher pid"
    )

    wait_until(lambda: not records.worker_is_alive(launcher_pid), "the idle launcher to exit")
    assert not launcher.socket_path(home).exists()
    assert not (home / launcher.LAUNCHER_FOLDER / launcher.PID_FILE_NAME).exists()
    assert re.search(r"idle for \d+ s; exiting", launcher_log(home))


def launcher_pid_in_log(home) -> int | None:
    match = re.search(r"Training launcher (\d+) serves", launcher_log(home))
    return int(match.group(1)) if match else None


def test_launcher_exits_when_home_is_deleted(sm, tour_channels, home):
    run_job(sm, "churn-deleted-home")
    launcher_pid = launcher.launcher_pid(home)
    assert launcher_pid is not None

    shutil.rmtree(home)

    wait_until(lambda: not records.worker_is_alive(launcher_pid), "the launcher to exit")


def test_stop_launcher_without_launcher(home):
    assert launcher.stop_launcher(home) is False


def test_stop_launcher_ends_it(sm, tour_channels, home):
    run_job(sm, "churn-stop-launcher")
    launcher_pid = launcher.launcher_pid(home)

    assert launcher.stop_launcher(home) is True

    assert not records.worker_is_alive(launcher_pid)
    assert launcher.launcher_pid(home) is None
    assert not launcher.socket_path(home).exists()
