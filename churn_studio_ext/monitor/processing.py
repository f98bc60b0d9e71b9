"""The process that runs one local processing job: ``python -m churn_studio_ext.monitor.processing
<home> <job name>``.

CreateProcessingJob (and each monitoring execution) starts it detached. It plays the container:

1. Each ``/opt/ml/...`` path of the request becomes a folder under
   ``<home>/processing-jobs/<job>/container/``, so ``/opt/ml/processing/output`` is
   ``.../container/opt/ml/processing/output``.
2. The objects under each input's ``S3Uri`` are placed in its ``LocalPath``. For a monitoring
   execution only the capture hours around the analysis window are placed.
3. The analyzer runs with the request's ``Environment``, every ``/opt/ml/`` path translated.
4. The files of each output's ``LocalPath`` are copied to its ``S3Uri``, and the job ends
   Completed or Failed with the analyzer's exit message and failure reason.

A job that runs past ``StoppingCondition.MaxRuntimeInSeconds`` ends Stopped.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sys
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path, PurePosixPath

from ..local import _processing_records as records
from ..local.objects import ObjectStore, ObjectStoreError, join_uri
from ..local.store import get_store

log = logging.getLogger("churn_studio_ext.monitor.processing")

CONTAINER_ROOT = "/opt/ml/"
DEFAULT_INPUT_FOLDER = "/opt/ml/processing/input"
DEFAULT_OUTPUT_FOLDER = "/opt/ml/processing/output"
# SageMaker's default MaxRuntimeInSeconds of a processing job (one day).
DEFAULT_MAX_RUNTIME_SECONDS = 86_400

# The hour folders of capture files: .../yyyy/mm/dd/hh/<file>.
_HOUR_FOLDERS = re.compile(r"(?:^|/)(\d{4})/(\d{2})/(\d{2})/(\d{2})/[^/]+$")


class JobFailure(Exception):
    """A failure that ends the job Failed with this message as the FailureReason."""


class ProcessingRun:
    """One job of a studio home, from its inputs to its final status."""

    def __init__(self, home: str, job_name: str):
        self.store = get_store(home)
        self.objects = ObjectStore(self.store.home)
        with self.store.read() as conn:
            row = records.find_job(conn, job_name)
        if row is None:
            raise SystemExit(f"Processing job {job_name!r} does not exist in {home}.")
        self.job_id = row["id"]
        self.job_name = row["name"]
        self.request = json.loads(row["request"])
        self.container = records.workspace(self.store.home, self.job_name) / "container"

    def local_path(self, container_path: str) -> Path:
        """Return the workspace folder that stands for a path inside the container."""
        relative = PurePosixPath(container_path).as_posix().lstrip("/")
        return self.container / relative

    def _make_folder(self, s3_source: dict, default_parent: str, name: str) -> Path:
        """Create the workspace folder of an S3Input or S3Output, at its LocalPath or a default."""
        container_path = s3_source.get("LocalPath") or f"{default_parent}/{name}"
        folder = self.local_path(container_path)
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def translate(self, value: str) -> str:
        """Translate a container path (``/opt/ml/...``) in an environment value to a local path."""
        if value.startswith(CONTAINER_ROOT):
            return str(self.local_path(value))
        return value

    def run(self) -> None:
        with self.store.write() as conn:
            if not records.start(conn, self.job_id):
                log.info(
                    "Processing job %s is no longer InProgress, so it is not run", self.job_name
                )
                return
        self._arm_runtime_limit()

        try:
            if self.container.exists():
                shutil.rmtree(self.container)
            environment = {
                key: self.translate(value)
                for key, value in self.request.get("Environment", {}).items()
            }
            self._place_inputs(environment)
            output_folders = self._prepare_outputs()
            result = _run_analyzer(environment, self.job_name)
            self._upload_outputs(output_folders)
        except JobFailure as failure:
            self._finish(records.FAILED, failure_reason=str(failure))
            return

        status = records.FAILED if result.status == "Failed" else records.COMPLETED
        self._finish(
            status,
            exit_message=result.exit_message,
            failure_reason=result.failure_reason if status == records.FAILED else None,
        )

    def _place_inputs(self, environment: dict[str, str]) -> None:
        window = _analysis_window(environment)
        dataset_source = environment.get("dataset_source")
        for item in self.request.get("ProcessingInputs", []):
            s3_input = item.get("S3Input")
            if s3_input is None:
                raise JobFailure(
                    f"ClientError: input '{item['InputName']}' has no S3Input. The local "
                    "backend reads S3Input only, not dataset definitions."
                )
            target = self._make_folder(s3_input, DEFAULT_INPUT_FOLDER, item["InputName"])
            is_capture = (
                window is not None
                and dataset_source is not None
                and Path(target).is_relative_to(dataset_source)
            )
            uri = s3_input["S3Uri"]
            if is_capture:
                # The capture input is the endpoint's folder. As a bare prefix it would also
                # match the folders of endpoints whose names start with this one's.
                uri = uri.rstrip("/") + "/"
            try:
                stored = self.objects.list_prefix(uri)
            except ObjectStoreError as error:
                raise JobFailure(f"ClientError: input '{item['InputName']}': {error}") from None
            for entry in stored:
                if is_capture and not _in_window(entry.relative_path, window):
                    continue
                _place(entry.path, target / entry.relative_path)

    def _prepare_outputs(self) -> list[tuple[Path, str]]:
        folders = []
        for item in self.request.get("ProcessingOutputConfig", {}).get("Outputs", []):
            s3_output = item.get("S3Output")
            if s3_output is None:
                raise JobFailure(
                    f"ClientError: output '{item['OutputName']}' has no S3Output. The local "
                    "backend writes S3 outputs only."
                )
            folder = self._make_folder(s3_output, DEFAULT_OUTPUT_FOLDER, item["OutputName"])
            folders.append((folder, s3_output["S3Uri"]))
        return folders

    def _upload_outputs(self, folders: list[tuple[Path, str]]) -> None:
        for folder, uri in folders:
            for path in sorted(folder.rglob("*")):
                if not path.is_file():
                    continue
                relative = path.relative_to(folder).as_posix()
                try:
                    self.objects.put_file(path, join_uri(uri, relative))
                except (ObjectStoreError, OSError) as error:
                    raise JobFailure(
                        f"ClientError: could not upload {relative} to {uri}: {error}"
                    ) from None

    def _finish(self, status: str, exit_message=None, failure_reason=None) -> None:
        with self.store.write() as conn:
            records.finish(
                conn, self.job_id, status, exit_message=exit_message, failure_reason=failure_reason
            )
        log.info("Processing job %s ended %s: %s", self.job_name, status,
                 failure_reason or exit_message)

    def _arm_runtime_limit(self) -> None:
        limit = self.request.get("StoppingCondition", {}).get(
            "MaxRuntimeInSeconds", DEFAULT_MAX_RUNTIME_SECONDS
        )

        def stop_overdue_job():
            log.error("Processing job %s exceeded MaxRuntimeInSeconds=%d", self.job_name, limit)
            self._finish(
                records.STOPPED,
                exit_message=f"Stopped: the job exceeded MaxRuntimeInSeconds ({limit} s).",
            )
            # The analyzer cannot be interrupted from another thread, so the process ends here.
            os._exit(1)

        timer = threading.Timer(limit, stop_overdue_job)
        timer.daemon = True
        timer.start()


def _run_analyzer(environment: dict[str, str], job_name: str):
    try:
        from .analyzer import run_analyzer
    except ImportError as error:
        raise JobFailure(
            f"InternalServerError: the Model Monitor analyzer could not be loaded: {error}. "
            "Reinstall churn_studio_ext."
        ) from None
    try:
        return run_analyzer(environment)
    except Exception as error:  # noqa: BLE001 - any analyzer bug must end the job, not hang it
        log.exception("The analyzer failed in processing job %s", job_name)
        raise JobFailure(f"AlgorithmError: the analyzer failed: {error!r}") from None


def _analysis_window(environment: dict[str, str]) -> tuple[datetime, datetime] | None:
    start, end = environment.get("start_time"), environment.get("end_time")
    if not start or not end:
        return None
    try:
        return _parse_time(start), _parse_time(end)
    except ValueError:
        # The analyzer reports bad times itself, so every capture file is placed.
        return None


def _parse_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment


def _in_window(relative_path: str, window: tuple[datetime, datetime]) -> bool:
    """Tell whether a capture file's hour folder may hold records of the window.

    Files outside the ``yyyy/mm/dd/hh`` layout are kept, because the analyzer filters records by
    time.
    """
    match = _HOUR_FOLDERS.search(relative_path)
    if match is None:
        return True
    year, month, day, hour = (int(part) for part in match.groups())
    try:
        hour_start = datetime(year, month, day, hour, tzinfo=timezone.utc)
    except ValueError:
        return True
    start, end = window
    return hour_start + timedelta(hours=1) > start and hour_start <= end


def _place(source: Path, target: Path) -> None:
    # Capture files are only read, so a hard link saves the copy where the file system allows.
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def main(argv: list[str]) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if len(argv) != 2:
        print("usage: python -m churn_studio_ext.monitor.processing <home> <job name>",
              file=sys.stderr)
        return 2
    home, job_name = argv
    run = ProcessingRun(home, job_name)
    try:
        run.run()
    except BaseException as error:
        log.exception("Processing job %s crashed", job_name)
        run._finish(records.FAILED, failure_reason=f"InternalServerError: {error!r}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
