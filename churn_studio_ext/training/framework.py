"""Framework mode of the training worker: the user's entry-point script with the SM_* contract.

SDK v2's framework estimators send the script as hyperparameters: ``sagemaker_program`` (the
entry point's path inside the source folder) and ``sagemaker_submit_directory`` (an ``s3://``
URI of a ``sourcedir.tar.gz``). Here the submit directory may also be a local folder or archive.
Each hyperparameter value is JSON-decoded where it parses, as SDK v2 JSON-encodes them, and the
user's hyperparameters (those not starting with ``sagemaker_``) reach the script twice: as
``--name value`` arguments and in the environment.

The environment follows the SageMaker training toolkit: ``SM_CHANNEL_<NAME>`` (one folder per
channel), ``SM_CHANNELS``, ``SM_MODEL_DIR``, ``SM_OUTPUT_DATA_DIR``, ``SM_HPS``,
``SM_HP_<NAME>``, ``SM_NUM_GPUS`` (0), ``SM_CURRENT_HOST`` and ``SM_HOSTS`` (one host,
``algo-1``) and ``SM_TRAINING_ENV`` with all of it as JSON. Metrics come from the regexes of
``AlgorithmSpecification.MetricDefinitions`` applied to every line of the script's standard
output and error (the first capture group is the value), and from ``job_metrics.log_metric``.
After a successful exit the model folder becomes ``model.tar.gz`` and a non-empty output data
folder becomes ``output.tar.gz``.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import threading
import time
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING

from ..local._training_launch import (
    PROGRAM_HYPERPARAMETER,
    SUBMIT_DIRECTORY_HYPERPARAMETER,
)
from .job_metrics import METRICS_FILE_VARIABLE
from .job_outcome import ARCHIVE_COMPRESSLEVEL, RunOutcome, TrainingFailure

if TYPE_CHECKING:
    from .worker import JobWorker

log = logging.getLogger(__name__)

CURRENT_HOST = "algo-1"
# SageMaker waits 120 s after SIGTERM, so a local script gets this long before SIGKILL.
STOP_GRACE_SECONDS = 30.0
# Maximum wait for script output before the worker checks for a stop request. The script's
# exit ends a wait at once, because its output streams close.
POLL_SECONDS = 0.2
STDERR_TAIL_LINES = 10
# Leaves room in the 1,024-character FailureReason for the text around the stderr tail.
STDERR_TAIL_CHARS = 700


def decode_hyperparameters(hyperparameters: dict[str, str]) -> dict:
    """JSON-decode each value where it parses, as the SageMaker training toolkit does."""
    decoded = {}
    for name, text in hyperparameters.items():
        try:
            decoded[name] = json.loads(text)
        except ValueError:
            decoded[name] = text
    return decoded


def command_line_value(value) -> str:
    """Format a decoded hyperparameter as a command-line argument value."""
    if isinstance(value, str):
        return value
    return json.dumps(value)


def run_framework(worker: JobWorker, channels: dict[str, Path]) -> RunOutcome:
    """Run the job's entry-point script to its end, or stop it, and return the outcome."""
    decoded = decode_hyperparameters(worker.request.get("HyperParameters", {}))
    code_dir = _prepare_code(worker, decoded[SUBMIT_DIRECTORY_HYPERPARAMETER])
    program = str(decoded[PROGRAM_HYPERPARAMETER])
    script = code_dir / program
    if not script.is_file():
        present = sorted(
            path.relative_to(code_dir).as_posix()
            for path in code_dir.rglob("*")
            if path.is_file()
        )
        raise TrainingFailure(
            f"ClientError: entry point {program!r} (hyperparameter sagemaker_program) was not "
            f"found in the submit directory {decoded[SUBMIT_DIRECTORY_HYPERPARAMETER]!r}, which "
            f"contains: {', '.join(present[:20]) or 'no files'}. Fix the entry point name or "
            "the source folder."
        )
    definitions = _metric_definitions(worker.request)

    model_dir = worker.folder / "model"
    output_data_dir = worker.folder / "output" / "data"
    metrics_file = worker.folder / "metrics.jsonl"
    for folder in (model_dir, output_data_dir):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    metrics_file.unlink(missing_ok=True)

    user_hyperparameters = {
        name: value
        for name, value in decoded.items()
        if not name.startswith("sagemaker_")
    }
    environment = _environment(
        worker,
        channels,
        user_hyperparameters,
        code_dir,
        program,
        model_dir,
        output_data_dir,
    )
    environment[METRICS_FILE_VARIABLE] = str(metrics_file)
    arguments = []
    for name, value in user_hyperparameters.items():
        arguments += [f"--{name}", command_line_value(value)]
    interpreter = [sys.executable] if script.suffix == ".py" else ["/bin/sh"]

    runner = _ScriptRun(worker, definitions, metrics_file)
    log.info("Running entry point %s of training job %s", program, worker.job_name)
    exit_code, stop_reason = runner.run(
        [*interpreter, str(script), *arguments], code_dir, environment
    )

    if stop_reason is None and exit_code != 0:
        tail = "\n".join(runner.stderr_tail)[-STDERR_TAIL_CHARS:]
        raise TrainingFailure(
            f"AlgorithmError: ExecuteUserScriptError: entry point {program!r} exited with code "
            f"{exit_code}. Fix the script. The last lines of its standard error were:\n{tail}"
        )

    model_archive = _tar_folder(model_dir, worker.folder / "model.tar.gz")
    output_archive = None
    if any(output_data_dir.iterdir()):
        output_archive = _tar_folder(output_data_dir, worker.folder / "output.tar.gz")
    return RunOutcome(
        model_archive=model_archive,
        output_archive=output_archive,
        stop_reason=stop_reason,
    )


class _ScriptRun:
    """The running script: its output streams, metric parsing and stop handling."""

    def __init__(
        self,
        worker: JobWorker,
        definitions: list[tuple[str, re.Pattern]],
        metrics_file: Path,
    ):
        self.worker = worker
        self.definitions = definitions
        self.metrics_file = metrics_file
        self.metrics_offset = 0
        self.steps: dict[str, int] = {}
        self.stderr_tail: deque[str] = deque(maxlen=STDERR_TAIL_LINES)
        # (stream name, line), or (stream name, None) once that stream has ended.
        self.lines: queue.Queue = queue.Queue()
        self.open_streams = 0

    def run(
        self, command: list[str], cwd: Path, environment: dict
    ) -> tuple[int, str | None]:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            # The worker starts its reader threads only after this call, so preexec_fn runs
            # in a single-threaded process.
            preexec_fn=_end_with_parent if sys.platform == "linux" else None,  # noqa: PLW1509
        )
        log_path = self.worker.folder / "training.log"
        with open(log_path, "a", encoding="utf-8") as training_log:
            readers = [
                threading.Thread(
                    target=self._read, args=(process.stdout, "stdout"), daemon=True
                ),
                threading.Thread(
                    target=self._read, args=(process.stderr, "stderr"), daemon=True
                ),
            ]
            self.open_streams = len(readers)
            for reader in readers:
                reader.start()

            stop_reason = None
            kill_at = None
            while process.poll() is None:
                if self.open_streams:
                    self._drain(training_log, timeout=POLL_SECONDS)
                else:
                    # Both streams have ended, so the script is exiting or has closed them.
                    try:
                        process.wait(timeout=POLL_SECONDS)
                    except subprocess.TimeoutExpired:
                        pass
                self._read_metrics_file()
                if stop_reason is None:
                    stop_reason = self.worker.stop_reason()
                    if stop_reason is not None:
                        log.info(
                            "Sending SIGTERM to entry point of %s: %s",
                            self.worker.job_name,
                            stop_reason,
                        )
                        process.terminate()
                        kill_at = time.monotonic() + STOP_GRACE_SECONDS
                elif time.monotonic() > kill_at:
                    log.warning(
                        "Entry point of %s ignored SIGTERM, killing it",
                        self.worker.job_name,
                    )
                    process.kill()

            for reader in readers:
                reader.join()
            self._drain(training_log, timeout=0)
        self._read_metrics_file()
        self.worker.recorder.flush()
        return process.returncode, stop_reason

    def _read(self, stream, name: str) -> None:
        for raw in iter(stream.readline, b""):
            self.lines.put((name, raw.decode("utf-8", errors="replace").rstrip("\r\n")))
        stream.close()
        self.lines.put((name, None))

    def _drain(self, training_log, timeout: float) -> None:
        try:
            name, line = (
                self.lines.get(timeout=timeout) if timeout else self.lines.get_nowait()
            )
        except queue.Empty:
            return
        while True:
            if line is None:
                self.open_streams -= 1
            else:
                training_log.write(line + "\n")
                if name == "stderr":
                    self.stderr_tail.append(line)
                self._parse_metrics(line)
            try:
                name, line = self.lines.get_nowait()
            except queue.Empty:
                break
        training_log.flush()

    def _parse_metrics(self, line: str) -> None:
        for metric_name, pattern in self.definitions:
            match = pattern.search(line)
            if match is None:
                continue
            try:
                value = float(match.group(1) if pattern.groups else match.group(0))
            except ValueError:
                continue
            step = self.steps.get(metric_name, 0)
            self.steps[metric_name] = step + 1
            self.worker.recorder.record(step, {metric_name: value})

    def _read_metrics_file(self) -> None:
        try:
            with open(self.metrics_file, "rb") as stream:
                stream.seek(self.metrics_offset)
                data = stream.read()
        except FileNotFoundError:
            return
        # Only whole lines are read, because the script may be writing the next one.
        complete = data[: data.rfind(b"\n") + 1]
        self.metrics_offset += len(complete)
        for raw in complete.splitlines():
            try:
                point = json.loads(raw)
                self.worker.recorder.record(
                    point.get("Step"),
                    {point["MetricName"]: point["Value"]},
                    point.get("Timestamp"),
                )
            except (ValueError, KeyError, TypeError) as error:
                log.warning("Skipped invalid metrics line %r: %s", raw[:200], error)


def _prepare_code(worker: JobWorker, submit_directory) -> Path:
    code_dir = worker.folder / "code"
    shutil.rmtree(code_dir, ignore_errors=True)
    source = worker.objects.path_for(str(submit_directory))
    if source.is_dir():
        shutil.copytree(source, code_dir)
        return code_dir
    if source.is_file() and tarfile.is_tarfile(source):
        code_dir.mkdir(parents=True)
        with tarfile.open(source) as archive:
            _extract_safely(archive, code_dir)
        return code_dir
    raise TrainingFailure(
        f"ClientError: the submit directory {submit_directory!r} (hyperparameter "
        f"sagemaker_submit_directory, local path {source}) is neither a folder nor a tar.gz "
        "archive. Upload the source archive there or point the hyperparameter at the folder."
    )


def _extract_safely(archive: tarfile.TarFile, target: Path) -> None:
    root = target.resolve()
    for member in archive.getmembers():
        destination = (root / member.name).resolve()
        if destination != root and root not in destination.parents:
            raise TrainingFailure(
                f"ClientError: the source archive contains {member.name!r}, which points outside "
                "the code folder. Rebuild the archive with relative paths."
            )
        if member.issym() or member.islnk():
            raise TrainingFailure(
                f"ClientError: the source archive contains the link {member.name!r}. Rebuild it "
                "without symbolic or hard links."
            )
    archive.extractall(target)


def _metric_definitions(request: dict) -> list[tuple[str, re.Pattern]]:
    definitions = []
    for definition in request.get("AlgorithmSpecification", {}).get(
        "MetricDefinitions", []
    ):
        try:
            definitions.append((definition["Name"], re.compile(definition["Regex"])))
        except re.error as error:
            raise TrainingFailure(
                f"ClientError: the regex {definition['Regex']!r} of metric definition "
                f"{definition['Name']!r} is invalid: {error}. Fix the MetricDefinitions entry."
            ) from None
    return definitions


def _environment(
    worker, channels, hyperparameters, code_dir, program, model_dir, output_data_dir
) -> dict:
    names = sorted(channels)
    input_config = {
        channel["ChannelName"]: {
            "TrainingInputMode": channel.get("InputMode")
            or worker.request.get("AlgorithmSpecification", {}).get(
                "TrainingInputMode", "File"
            ),
            "S3DistributionType": channel["DataSource"]
            .get("S3DataSource", {})
            .get("S3DataDistributionType", "FullyReplicated"),
            "RecordWrapperType": channel.get("RecordWrapperType", "None"),
        }
        for channel in worker.request.get("InputDataConfig", [])
    }
    resources = worker.request.get("ResourceConfig", {})
    training_env = {
        "job_name": worker.job_name,
        "current_host": CURRENT_HOST,
        "hosts": [CURRENT_HOST],
        "channel_input_dirs": {name: str(channels[name]) for name in names},
        "hyperparameters": hyperparameters,
        "input_data_config": input_config,
        "input_dir": str(worker.folder / "input"),
        "model_dir": str(model_dir),
        "output_dir": str(worker.folder / "output"),
        "output_data_dir": str(output_data_dir),
        "module_dir": str(code_dir),
        "module_name": Path(program).stem,
        "user_entry_point": program,
        "num_cpus": os.cpu_count() or 1,
        "num_gpus": 0,
        "resource_config": {"current_host": CURRENT_HOST, "hosts": [CURRENT_HOST]},
        "instance_type": resources.get("InstanceType", "local"),
    }

    environment = dict(os.environ)
    environment.update(worker.request.get("Environment", {}))
    environment.update(
        {
            "SM_CHANNELS": json.dumps(names),
            "SM_MODEL_DIR": str(model_dir),
            "SM_OUTPUT_DATA_DIR": str(output_data_dir),
            "SM_OUTPUT_DIR": str(worker.folder / "output"),
            "SM_INPUT_DIR": str(worker.folder / "input"),
            "SM_HPS": json.dumps(hyperparameters),
            "SM_NUM_GPUS": "0",
            "SM_NUM_CPUS": str(training_env["num_cpus"]),
            "SM_CURRENT_HOST": CURRENT_HOST,
            "SM_HOSTS": json.dumps([CURRENT_HOST]),
            "SM_INPUT_DATA_CONFIG": json.dumps(input_config),
            "SM_MODULE_DIR": str(code_dir),
            "SM_MODULE_NAME": Path(program).stem,
            "SM_USER_ENTRY_POINT": program,
            "SM_TRAINING_ENV": json.dumps(training_env),
            "TRAINING_JOB_NAME": worker.job_name,
            "PYTHONUNBUFFERED": "1",
        }
    )
    for name in names:
        environment[f"SM_CHANNEL_{name.upper()}"] = str(channels[name])
    for name, value in hyperparameters.items():
        environment[f"SM_HP_{name.upper()}"] = command_line_value(value)
    existing = environment.get("PYTHONPATH")
    environment["PYTHONPATH"] = str(code_dir) + (
        os.pathsep + existing if existing else ""
    )
    return environment


def _tar_folder(folder: Path, archive_path: Path) -> Path:
    with tarfile.open(
        archive_path, "w:gz", compresslevel=ARCHIVE_COMPRESSLEVEL
    ) as archive:
        for path in sorted(folder.rglob("*")):
            archive.add(
                path, arcname=path.relative_to(folder).as_posix(), recursive=False
            )
    return archive_path


def _end_with_parent() -> None:
    # Runs in the child between fork and exec: ask Linux to SIGKILL the script when the worker
    # dies, so a crashed worker leaves no orphaned script behind. PR_SET_PDEATHSIG is 1.
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL)
