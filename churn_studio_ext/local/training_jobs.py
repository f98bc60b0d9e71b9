"""CreateTrainingJob, DescribeTrainingJob, ListTrainingJobs and StopTrainingJob.

CreateTrainingJob stores the job, creates its trial component and starts a detached worker
process (``churn_studio_ext.training.worker``) that runs it and records its progress in the store.
A job moves through the SecondaryStatus values Starting, Downloading, Training, Uploading and
Completed, or ends Failed with a FailureReason, or Stopping and then Stopped after
StopTrainingJob. Describe and List notice a worker that died without ending its job and fail
the job.
"""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import uuid

from . import _training_records as records
from . import _training_shapes as shapes
from ._job_status import needs_stop
from ._paging import NAME_STATUS_FILTERS, NAME_STATUS_SORT_COLUMNS, filter_conditions, list_response
from ._tags import put_tags
from ._timestamps import now
from ._training_component import insert_job_component
from ._training_defaults import model_artifact_uri
from ._training_launch import job_mode, launch_worker
from .arns import arn
from .client_base import ServiceError, not_found, operation, validation

log = logging.getLogger(__name__)

# The maximum length of a processing job name, which bounds a rule evaluation job's name.
MAX_PROCESSING_JOB_NAME = 63
def rule_evaluation_job_arn(job_name: str, rule_configuration_name: str) -> str:
    """Return a RuleEvaluationJobArn: ``processing-job/<job>-<rule>-<8 hex digits>``.

    The job name is cut so the processing job name fits in 63 characters.
    NOTE: SageMaker's exact cut of the job name is unverified.
    """
    rule_part = re.sub(r"[^a-z0-9-]+", "-", rule_configuration_name.lower()).strip("-")
    suffix = f"-{rule_part}-{uuid.uuid4().hex[:8]}"
    prefix = job_name[: max(1, MAX_PROCESSING_JOB_NAME - len(suffix))].rstrip("-")
    return arn("processing-job", (prefix + suffix)[:MAX_PROCESSING_JOB_NAME])


class TrainingJobOperations:
    """The training job operations of ``LocalSageMakerClient``."""

    @operation("CreateTrainingJob")
    def create_training_job(self, params: dict) -> dict:
        name = params["TrainingJobName"]
        _check_channels(params)
        mode, unsupported_reason = job_mode(params)
        job_arn = arn("training-job", name)
        stored_request = {key: value for key, value in params.items() if key != "Tags"}

        with self.store.write() as conn:
            existing = records.find_job(conn, name)
            if existing is not None:
                raise ServiceError(
                    "ResourceInUse",
                    "Training job names must be unique within an AWS account and region, and a "
                    f"training job with this name already exists ({existing['arn']}). Choose "
                    "another TrainingJobName.",
                )
            created = now()
            job_id = conn.execute(
                "INSERT INTO training_job (name, name_key, arn, status, secondary_status, "
                "request, created_time, last_modified_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    name,
                    name.lower(),
                    job_arn,
                    records.IN_PROGRESS,
                    "Starting",
                    json.dumps(stored_request, default=str),
                    created,
                    created,
                ),
            ).lastrowid
            records.add_transition(
                conn, job_id, "Starting", records.STATUS_MESSAGES["Starting"], created
            )
            insert_job_component(conn, params, job_arn)
            put_tags(conn, job_arn, params.get("Tags", []))
            conn.executemany(
                "INSERT INTO debug_rule_evaluation (training_job_id, seq, "
                "rule_configuration_name, rule_evaluation_job_arn, status, last_modified_time) "
                "VALUES (?, ?, ?, ?, 'InProgress', ?)",
                [
                    (
                        job_id,
                        seq,
                        rule["RuleConfigurationName"],
                        rule_evaluation_job_arn(name, rule["RuleConfigurationName"]),
                        created,
                    )
                    for seq, rule in enumerate(
                        params.get("DebugRuleConfigurations", [])
                    )
                ],
            )
            if mode is None:
                records.finish(
                    conn, job_id, "Failed", failure_reason=unsupported_reason
                )

        if mode is not None:
            self._start_worker(job_id, name)
        log.info("Created training job %s (%s mode)", name, mode or "unsupported")
        return {"TrainingJobArn": job_arn}

    @operation("DescribeTrainingJob")
    def describe_training_job(self, params: dict) -> dict:
        name = params["TrainingJobName"]
        with self.store.read() as conn:
            row = records.find_job(conn, name)
        if row is None:
            # SageMaker returns this ValidationException for a missing job, although its
            # model lists ResourceNotFound.
            raise validation("Requested resource not found.")

        worker_died = (
            row["status"] in records.ACTIVE_STATUSES
            and row["worker_pid"] is not None
            and not records.worker_is_alive(row["worker_pid"])
        )
        if worker_died:
            with self.store.write() as conn:
                records.end_if_worker_died(conn, records.find_job(conn, name))

        with self.store.read() as conn:
            row = records.find_job(conn, name)
            request = json.loads(row["request"])
            return shapes.describe(conn, row, model_artifact_uri(request))

    @operation("ListTrainingJobs")
    def list_training_jobs(self, params: dict) -> dict:
        records.end_jobs_of_dead_workers(self.store)

        where, args = filter_conditions(params, NAME_STATUS_FILTERS)
        if "WarmPoolStatusEquals" in params or "TrainingPlanArnEquals" in params:
            # Local jobs use no warm pools and no training plans, so such a filter matches none.
            where.append("0")

        # ListTrainingJobs sorts Ascending by default, unlike the other List operations.
        return list_response(
            self.store, params, "SELECT * FROM training_job", NAME_STATUS_SORT_COLUMNS,
            where, args, "TrainingJobSummaries", shapes.summary, default_sort_order="Ascending",
        )

    @operation("StopTrainingJob")
    def stop_training_job(self, params: dict) -> dict:
        name = params["TrainingJobName"]
        with self.store.write() as conn:
            row = records.find_job(conn, name)
            if row is None:
                # NOTE: SageMaker's model lists ResourceNotFound here. Whether it returns
                # ValidationException, as DescribeTrainingJob does, is unverified.
                raise not_found(
                    f"Training job '{name}' does not exist. ListTrainingJobs lists the jobs."
                )
            if not needs_stop(row, "Training"):
                return {}
            records.request_stop(conn, row)
            pid = row["worker_pid"]

        if pid is not None:
            try:
                os.kill(pid, signal.SIGTERM)
                log.info("Sent SIGTERM to worker %d of training job %s", pid, name)
            except ProcessLookupError:
                log.warning("Worker %d of training job %s is already gone", pid, name)
            with self.store.write() as conn:
                records.end_if_worker_died(conn, records.find_job(conn, name))
        return {}

    def _start_worker(self, job_id: int, name: str) -> None:
        home = self.store.home
        try:
            pid = launch_worker(home, name, records.workspace(home, name))
        except OSError as error:
            log.error("Could not start the worker of training job %s: %s", name, error)
            with self.store.write() as conn:
                records.finish(
                    conn,
                    job_id,
                    "Failed",
                    failure_reason=f"InternalServerError: the local training worker could not "
                    f"be started: {error}. Check that the Python interpreter can run.",
                )
            return
        with self.store.write() as conn:
            conn.execute(
                "UPDATE training_job SET worker_pid = ? WHERE id = ?", (pid, job_id)
            )


def _check_channels(params: dict) -> None:
    seen = set()
    for channel in params.get("InputDataConfig", []):
        channel_name = channel["ChannelName"]
        if channel_name in seen:
            # NOTE: SageMaker's wording of this error is unverified.
            raise validation(
                f"Channel name '{channel_name}' is used by more than one InputDataConfig entry. "
                "Give each channel a unique ChannelName."
            )
        seen.add(channel_name)
