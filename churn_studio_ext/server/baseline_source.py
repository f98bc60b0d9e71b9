"""Find the dataset that a monitoring execution's baseline was computed from.

A monitoring execution reads only the baseline's ``statistics.json`` and ``constraints.json``.
The dataset behind them is the ``baseline_dataset_input`` of the baseline job, which the
schedule names in ``BaselineConfig.BaseliningJobName`` when the SDK monitor that created it had
run ``suggest_baseline``. A schedule created from statistics and constraints alone names no job,
so the baseline job is then searched by the folder that contains the execution's statistics
file.
"""

from __future__ import annotations

import logging

from botocore.exceptions import ClientError

log = logging.getLogger(__name__)

BASELINE_DATASET_INPUT = "baseline_dataset_input"
STATISTICS_FILE = "statistics.json"
# SageMaker's monitoring execution jobs are named model-monitoring-<time>... (the tour's Studio
# screenshots show model-monitoring-2020...); the search skips them without describing them.
EXECUTION_JOB_PREFIX = "model-monitoring-"
# The search reads one ListProcessingJobs page of completed jobs created before the execution,
# newest first, and describes at most MAX_JOBS_DESCRIBED of them that are not executions.
LIST_PAGE_SIZE = 100
MAX_JOBS_DESCRIBED = 20


def baseline_dataset_uri(sagemaker_client, schedule_name: str | None, execution_job: dict,
                         statistics_uri: str | None) -> str | None:
    """Return the S3 URI of the dataset behind an execution's baseline, or None if not found.

    ``execution_job`` is the execution's DescribeProcessingJob response and ``statistics_uri``
    the baseline statistics file it read.
    """
    job_name = _baselining_job_name(sagemaker_client, schedule_name)
    if job_name:
        try:
            job = sagemaker_client.describe_processing_job(ProcessingJobName=job_name)
        except ClientError as error:
            log.info("Baseline job %s of schedule %s not described: %s",
                     job_name, schedule_name, error)
        else:
            uri = dataset_input_uri(job)
            if uri:
                return uri
    return _search_by_statistics(sagemaker_client, execution_job, statistics_uri)


def dataset_input_uri(baseline_job: dict) -> str | None:
    """Return the S3 URI of a baseline job's ``baseline_dataset_input``, or None."""
    for item in baseline_job.get("ProcessingInputs") or []:
        if item.get("InputName") == BASELINE_DATASET_INPUT and "S3Input" in item:
            return item["S3Input"].get("S3Uri")
    return None


def _baselining_job_name(sagemaker_client, schedule_name: str | None) -> str | None:
    if not schedule_name:
        return None
    try:
        description = sagemaker_client.describe_monitoring_schedule(
            MonitoringScheduleName=schedule_name
        )
    except ClientError as error:
        log.info("Monitoring schedule %s not described: %s", schedule_name, error)
        return None  # Deleted since the execution ran.
    definition = description["MonitoringScheduleConfig"].get("MonitoringJobDefinition") or {}
    return (definition.get("BaselineConfig") or {}).get("BaseliningJobName")


def _search_by_statistics(sagemaker_client, execution_job: dict,
                          statistics_uri: str | None) -> str | None:
    if not statistics_uri or not statistics_uri.endswith("/" + STATISTICS_FILE):
        return None
    folder = statistics_uri[: -len(STATISTICS_FILE) - 1]
    request = {"StatusEquals": "Completed", "SortBy": "CreationTime", "SortOrder": "Descending",
               "MaxResults": LIST_PAGE_SIZE}
    if execution_job.get("CreationTime"):
        request["CreationTimeBefore"] = execution_job["CreationTime"]
    try:
        summaries = sagemaker_client.list_processing_jobs(**request)["ProcessingJobSummaries"]
    except ClientError as error:
        log.info("Could not list the processing jobs to find the baseline job of %s: %s",
                 statistics_uri, error)
        return None

    # NOTE: a baseline job outside that page, or behind MAX_JOBS_DESCRIBED newer jobs that are
    # not executions, is not found, and its dataset is then reported as unknown.
    candidates = [summary["ProcessingJobName"] for summary in summaries
                  if not summary["ProcessingJobName"].startswith(EXECUTION_JOB_PREFIX)]
    for name in candidates[:MAX_JOBS_DESCRIBED]:
        try:
            job = sagemaker_client.describe_processing_job(ProcessingJobName=name)
        except ClientError as error:
            log.info("Processing job %s not described: %s", name, error)
            continue
        outputs = (job.get("ProcessingOutputConfig") or {}).get("Outputs") or []
        folders = {(output.get("S3Output") or {}).get("S3Uri", "").rstrip("/") for output in outputs}
        if folder.rstrip("/") in folders:
            uri = dataset_input_uri(job)
            if uri:
                return uri
    return None
