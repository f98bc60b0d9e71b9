"""The process that runs one local training job: ``python -m churn_studio_ext.training.worker
<home> <job name>``.

CreateTrainingJob starts it detached. It reads the job from the store, copies the input
channels from the object store (Downloading), trains in algorithm or framework mode (Training),
uploads ``model.tar.gz`` (Uploading) and ends the job Completed, Failed or Stopped before it
exits. SIGTERM (sent by StopTrainingJob) makes it stop after the current boosting round or end
the entry-point script, save the model trained so far, and end the job Stopped. A job that runs
past ``StoppingCondition.MaxRuntimeInSeconds`` stops the same way with SecondaryStatus
MaxRuntimeExceeded.
"""

from __future__ import annotations

import json
import logging
import shutil
import signal
import sys
import threading
import time
import traceback
from pathlib import Path

from ..local import _training_records as records
from ..local._training_defaults import DEFAULT_MAX_RUNTIME_SECONDS, model_artifact_uri
from ..local._training_launch import ALGORITHM_MODE, job_mode
from ..local.objects import ObjectStore, ObjectStoreError, join_uri
from ..local.store import get_store
from .errors import AlgorithmError, XGBoostTrainingError
from .job_outcome import RunOutcome, TrainingFailure
from .job_recorder import JobRecorder

log = logging.getLogger("churn_studio_ext.training.worker")

OUTPUT_ARCHIVE_NAME = "output.tar.gz"


class JobWorker:
    """Runs one job of a studio home from Downloading to its final status."""

    def __init__(self, home: str, job_name: str, stop_signal: threading.Event):
        self.store = get_store(home)
        self.objects = ObjectStore(self.store.home)
        with self.store.read() as conn:
            row = records.find_job(conn, job_name)
        if row is None:
            raise SystemExit(f"Training job {job_name!r} does not exist in {home}.")
        self.job_id = row["id"]
        self.job_name = row["name"]
        self.request = json.loads(row["request"])
        self.folder = records.workspace(self.store.home, self.job_name)
        self.stop_signal = stop_signal
        limit = self.request.get("StoppingCondition", {}).get(
            "MaxRuntimeInSeconds", DEFAULT_MAX_RUNTIME_SECONDS
        )
        self.deadline = time.monotonic() + limit
        self.recorder = JobRecorder(
            self.store, self.job_id, self.job_name, self.request
        )

    def stop_reason(self) -> str | None:
        """Return why training must stop now ("Stopped", "MaxRuntimeExceeded") or None."""
        if self.stop_signal.is_set() or self.recorder.stop_requested:
            return "Stopped"
        if time.monotonic() > self.deadline:
            return "MaxRuntimeExceeded"
        return None

    def run(self) -> None:
        """Run the job and store its final status.

        An error of the job, expected or not, ends it Failed instead of propagating.
        """
        outcome = None
        try:
            if not self._advance("Downloading", start_training=True):
                self._end("Stopped", None)
                return
            channels = self._download_channels()
            if not self._advance("Training"):
                self._end("Stopped", None)
                return
            outcome = self._train(channels)
            if outcome.stop_reason is None and not self._advance("Uploading"):
                outcome.stop_reason = "Stopped"
            model_uri = self._upload(outcome)
            self._end(outcome.stop_reason or "Completed", model_uri)
        except (TrainingFailure, AlgorithmError, ObjectStoreError) as error:
            self._fail(_failure_reason(error))
        except Exception as error:  # noqa: BLE001 - any other error still has to end the job
            log.error(
                "Training job %s failed unexpectedly:\n%s",
                self.job_name,
                traceback.format_exc(),
            )
            self._fail(
                f"InternalServerError: the local training worker failed with "
                f"{type(error).__name__}: {error}. See {self.folder / 'worker.log'}."
            )
        finally:
            shutil.rmtree(self.folder / "input", ignore_errors=True)

    def _train(self, channels: dict[str, Path]) -> RunOutcome:
        mode, reason = job_mode(self.request)
        if mode is None:
            raise TrainingFailure(reason)
        if mode == ALGORITHM_MODE:
            from .algorithm_job import run_algorithm

            return run_algorithm(self, channels)
        from .framework import run_framework

        return run_framework(self, channels)

    def _download_channels(self) -> dict[str, Path]:
        channels = {}
        for channel in self.request.get("InputDataConfig", []):
            name = channel["ChannelName"]
            source = channel["DataSource"].get("S3DataSource")
            if source is None:
                raise TrainingFailure(
                    f"ClientError: channel {name!r} has no S3DataSource. The local backend reads "
                    "only S3DataSource channels; FileSystemDataSource is not supported."
                )
            if source["S3DataType"] != "S3Prefix":
                raise TrainingFailure(
                    f"ClientError: channel {name!r} has S3DataType {source['S3DataType']!r}. "
                    "The local backend reads only S3Prefix data sources."
                )
            uri = source["S3Uri"]
            folder = self.folder / "input" / "data" / name
            shutil.rmtree(folder, ignore_errors=True)
            if not self.objects.copy_prefix_to(uri, folder):
                raise TrainingFailure(
                    f"ClientError: No S3 objects found under S3 URL {uri!r} given in input data "
                    f"source of channel {name!r}. Upload the data to that prefix (local folder "
                    f"{self.objects.path_for(uri)}) or correct the channel's S3Uri."
                )
            channels[name] = folder
        return channels

    def _upload(self, outcome: RunOutcome) -> str | None:
        model_uri = None
        if outcome.model_archive is not None and outcome.model_archive.is_file():
            model_uri = model_artifact_uri(self.request)
            self.objects.put_file(outcome.model_archive, model_uri)
        if outcome.output_archive is not None and outcome.output_archive.is_file():
            output_uri = join_uri(
                self.request["OutputDataConfig"]["S3OutputPath"],
                self.job_name,
                "output",
                OUTPUT_ARCHIVE_NAME,
            )
            self.objects.put_file(outcome.output_archive, output_uri)
        return model_uri

    def _advance(self, secondary: str, start_training: bool = False) -> bool:
        if self.stop_signal.is_set():
            return False
        with self.store.write() as conn:
            return records.advance(
                conn, self.job_id, secondary, start_training=start_training
            )

    def _end(self, secondary: str, model_uri: str | None) -> None:
        self.recorder.finish_rules(stopped=secondary != "Completed")
        with self.store.write() as conn:
            records.finish(
                conn,
                self.job_id,
                secondary,
                model_artifact=model_uri,
                final_metrics=self.recorder.final_metrics(),
            )
        log.info("Training job %s ended: %s", self.job_name, secondary)

    def _fail(self, reason: str) -> None:
        log.error("Training job %s failed: %s", self.job_name, reason)
        try:
            self.recorder.finish_rules(stopped=False)
        except Exception:  # noqa: BLE001 - the job must still end Failed
            log.error(
                "Could not store the final rule statuses:\n%s", traceback.format_exc()
            )
        with self.store.write() as conn:
            records.finish(
                conn,
                self.job_id,
                "Failed",
                failure_reason=reason,
                final_metrics=self.recorder.final_metrics() or None,
            )


def _failure_reason(error: Exception) -> str:
    message = str(error)
    if isinstance(error, XGBoostTrainingError):
        return f"AlgorithmError: {message}"
    if isinstance(error, (AlgorithmError, ObjectStoreError)):
        return f"ClientError: {message}"
    return message


def main(argv: list[str] | None = None) -> int:
    """Run the job named on the command line. The exit code is 0 once the job has ended."""
    stop_signal = threading.Event()
    # Installed first, so a StopTrainingJob that arrives during start-up is not lost.
    signal.signal(signal.SIGTERM, lambda signum, frame: stop_signal.set())

    arguments = sys.argv[1:] if argv is None else argv
    if len(arguments) != 2:
        print(
            "usage: python -m churn_studio_ext.training.worker <home> <job name>",
            file=sys.stderr,
        )
        return 2
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s",
    )
    home, job_name = arguments
    log.info("Worker started for training job %s in %s", job_name, home)
    JobWorker(home, job_name, stop_signal).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
