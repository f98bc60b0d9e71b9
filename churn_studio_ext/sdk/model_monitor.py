"""Model Monitor look-alikes: data capture, baselines, monitoring schedules and their reports.

The names and arguments are those of ``sagemaker.model_monitor`` in SDK v2: ``DataCaptureConfig``,
``DatasetFormat``, ``CronExpressionGenerator``, ``EndpointInput``, ``DefaultModelMonitor``, the
report wrappers ``Statistics``, ``Constraints`` and ``ConstraintViolations`` (each with
``body_dict``), ``BaseliningJob`` and ``MonitoringExecution``.

Requests match SDK v2's for equal arguments, with one difference in schedules. SDK v2 stores
the monitoring job with a separate CreateDataQualityJobDefinition call and names it in the
schedule. This module sends the same job inline as
``MonitoringScheduleConfig.MonitoringJobDefinition``, because the local backend keeps no job
definitions and SageMaker accepts both forms. The inline members carry the values of SDK v2's
stored definition: ``MonitoringAppSpecification`` gets the ``DataQualityAppSpecification``
image and scripts, ``Environment`` its environment, ``MonitoringInputs`` the
``DataQualityJobInput``, and so on.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from .estimator import LOCAL_ROLE_ARN, name_from_base
from .studio_session import as_studio_session

log = logging.getLogger(__name__)

# Account of the sagemaker-model-monitor-analyzer repository per region, from SDK 2.257.7's
# image_uri_config/model-monitor.json (the regions that image_uris.py lists for XGBoost).
MODEL_MONITOR_ACCOUNTS = {
    "us-east-1": "156813124566",
    "us-east-2": "777275614652",
    "us-west-1": "890145073186",
    "us-west-2": "159807026194",
    "ca-central-1": "536280801234",
    "eu-west-1": "468650794304",
    "eu-west-2": "749857270468",
    "eu-west-3": "680080141114",
    "eu-central-1": "048819808253",
    "eu-north-1": "895015795356",
    "ap-northeast-1": "574779866223",
    "ap-northeast-2": "709848358524",
    "ap-southeast-1": "245545462676",
    "ap-southeast-2": "563025443158",
    "ap-south-1": "126357580389",
    "sa-east-1": "539772159869",
}
ANALYZER_REPOSITORY = "sagemaker-model-monitor-analyzer"

# Container paths and S3 folder names that SDK v2 uses for Model Monitor jobs.
CONTAINER_BASE = "/opt/ml/processing"
BASELINE_DATASET_INPUT = "baseline_dataset_input"
RECORD_PREPROCESSOR_INPUT = "record_preprocessor_script_input"
POST_ANALYTICS_INPUT = "post_analytics_processor_script_input"
OUTPUT_NAME = "monitoring_output"
ENDPOINT_INPUT_PATH = f"{CONTAINER_BASE}/input/endpoint"
OUTPUT_PATH = f"{CONTAINER_BASE}/output"
S3_FOLDER = "model-monitor"
BASELINE_JOB_BASE_NAME = "baseline-suggestion-job"
SCHEDULE_BASE_NAME = "monitoring-schedule"

PROCESSING_TERMINAL_STATUSES = ("Completed", "Failed", "Stopped")
# A schedule leaves Pending within a second locally, but SageMaker takes up to a few minutes.
LOCAL_POLL_SECONDS = 0.2
AWS_POLL_SECONDS = 5.0
SCHEDULE_SETTLE_SECONDS = 180.0


def model_monitor_image_uri(region: str) -> str:
    """Return the analyzer image URI SDK v2's ``image_uris.retrieve("model-monitor", region)`` gives."""
    account = MODEL_MONITOR_ACCOUNTS.get(region)
    if account is None:
        raise ValueError(
            f"No Model Monitor analyzer image is known for region {region!r}. Use one of "
            f"{', '.join(sorted(MODEL_MONITOR_ACCOUNTS))}."
        )
    return f"{account}.dkr.ecr.{region}.amazonaws.com/{ANALYZER_REPOSITORY}"


# Configuration objects -----------------------------------------------------------------------


class DataCaptureConfig:
    """The endpoint config's DataCaptureConfig: which traffic an endpoint records, and where.

    ``capture_options`` takes SDK v2's ``"REQUEST"`` and ``"RESPONSE"`` (or the API's ``"Input"``
    and ``"Output"``). Without ``destination_s3_uri`` the records go to
    ``s3://<default bucket>/model-monitor/data-capture``.
    """

    API_MAPPING = {"REQUEST": "Input", "RESPONSE": "Output"}

    def __init__(
        self,
        enable_capture,
        sampling_percentage=20,
        destination_s3_uri=None,
        kms_key_id=None,
        capture_options=None,
        csv_content_types=None,
        json_content_types=None,
        sagemaker_session=None,
    ):
        if not 0 <= sampling_percentage <= 100:
            raise ValueError(
                f"Invalid sampling_percentage {sampling_percentage!r}: use a whole number from "
                "0 to 100, the share of requests to record."
            )
        self.enable_capture = enable_capture
        self.sampling_percentage = sampling_percentage
        if destination_s3_uri is None:
            bucket = as_studio_session(sagemaker_session).default_bucket()
            destination_s3_uri = f"s3://{bucket}/{S3_FOLDER}/data-capture"
        self.destination_s3_uri = destination_s3_uri
        self.kms_key_id = kms_key_id
        self.capture_options = capture_options or ["REQUEST", "RESPONSE"]
        self.csv_content_types = csv_content_types or ["text/csv"]
        self.json_content_types = json_content_types or ["application/json"]

    def _to_request_dict(self) -> dict:
        request = {
            "EnableCapture": self.enable_capture,
            "InitialSamplingPercentage": self.sampling_percentage,
            "DestinationS3Uri": self.destination_s3_uri,
            "CaptureOptions": [
                {"CaptureMode": self.API_MAPPING.get(option.upper(), option)}
                for option in self.capture_options
            ],
            "CaptureContentTypeHeader": {
                "CsvContentTypes": list(self.csv_content_types),
                "JsonContentTypes": list(self.json_content_types),
            },
        }
        if self.kms_key_id is not None:
            request["KmsKeyId"] = self.kms_key_id
        return request


class DatasetFormat:
    """The ``dataset_format`` values the analyzer reads, as SDK v2 writes them."""

    @staticmethod
    def csv(header=True, output_columns_position="START") -> dict:
        return {"csv": {"header": header, "output_columns_position": output_columns_position}}

    @staticmethod
    def json(lines=True) -> dict:
        return {"json": {"lines": lines}}

    @staticmethod
    def sagemaker_capture_json() -> dict:
        return {"sagemakerCaptureJson": {}}


class CronExpressionGenerator:
    """Schedule expressions for ``create_monitoring_schedule`` (times are UTC)."""

    @staticmethod
    def hourly() -> str:
        return "cron(0 * ? * * *)"

    @staticmethod
    def daily(hour=0) -> str:
        return f"cron(0 {_hour(hour, 'hour')} ? * * *)"

    @staticmethod
    def daily_every_x_hours(hour_interval, starting_hour=0) -> str:
        return f"cron(0 {_hour(starting_hour, 'starting_hour')}/{hour_interval} ? * * *)"

    @staticmethod
    def now() -> str:
        """Return ``NOW``: one execution at once, which needs the data analysis offsets."""
        return "NOW"


class EndpointInput:
    """The endpoint a schedule watches, with the analysis window's offsets (``-PT1H``)."""

    def __init__(
        self,
        endpoint_name,
        destination=ENDPOINT_INPUT_PATH,
        s3_input_mode="File",
        s3_data_distribution_type="FullyReplicated",
        start_time_offset=None,
        end_time_offset=None,
        features_attribute=None,
        inference_attribute=None,
        probability_attribute=None,
        probability_threshold_attribute=None,
        exclude_features_attribute=None,
    ):
        self.endpoint_name = endpoint_name
        self.destination = destination
        self.s3_input_mode = s3_input_mode
        self.s3_data_distribution_type = s3_data_distribution_type
        self.optional = {
            "StartTimeOffset": start_time_offset,
            "EndTimeOffset": end_time_offset,
            "FeaturesAttribute": features_attribute,
            "InferenceAttribute": inference_attribute,
            "ProbabilityAttribute": probability_attribute,
            "ProbabilityThresholdAttribute": probability_threshold_attribute,
            "ExcludeFeaturesAttribute": exclude_features_attribute,
        }

    def _to_request_dict(self) -> dict:
        endpoint_input = {
            "EndpointName": self.endpoint_name,
            "LocalPath": self.destination,
            "S3InputMode": self.s3_input_mode,
            "S3DataDistributionType": self.s3_data_distribution_type,
        }
        endpoint_input.update({k: v for k, v in self.optional.items() if v is not None})
        return {"EndpointInput": endpoint_input}


# Report files --------------------------------------------------------------------------------


class MonitoringFile:
    """A JSON report in S3 or the local object store, with its parsed content in ``body_dict``."""

    def __init__(self, body_dict, file_s3_uri, kms_key=None, sagemaker_session=None):
        self.body_dict = body_dict
        self.file_s3_uri = file_s3_uri
        self.kms_key = kms_key
        self.sagemaker_session = sagemaker_session

    def __repr__(self):
        return f"{type(self).__name__}({self.file_s3_uri!r})"

    @classmethod
    def from_s3_uri(cls, file_s3_uri, kms_key=None, sagemaker_session=None):
        session = as_studio_session(sagemaker_session)
        text = read_s3_text(session, file_s3_uri)
        try:
            body = json.loads(text)
        except ValueError as error:
            raise ValueError(f"{file_s3_uri} is not a JSON report ({error}).") from None
        return cls(body, file_s3_uri, kms_key, session)

    @classmethod
    def from_string(cls, text, file_name=None, kms_key=None, sagemaker_session=None):
        """Wrap JSON ``text``, whose ``file_s3_uri`` stays ``None`` until ``save`` stores it."""
        return cls(json.loads(text), file_name, kms_key, sagemaker_session)

    @classmethod
    def from_file_path(cls, file_path, kms_key=None, sagemaker_session=None):
        with open(file_path, encoding="utf-8") as report:
            return cls(json.load(report), None, kms_key, sagemaker_session)

    def save(self, new_save_location_s3_uri=None):
        """Write ``body_dict`` to ``new_save_location_s3_uri`` (or where it came from)."""
        uri = new_save_location_s3_uri or self.file_s3_uri
        if uri is None or not uri.startswith("s3://"):
            raise ValueError(
                f"Cannot save {type(self).__name__} to {uri!r}: pass an s3:// URI of the file."
            )
        session = as_studio_session(self.sagemaker_session)
        write_s3_text(session, uri, json.dumps(self.body_dict, indent=4))
        self.file_s3_uri = uri
        return uri


class Statistics(MonitoringFile):
    """``statistics.json``: per-feature counts, moments, sketches and buckets."""


class Constraints(MonitoringFile):
    """``constraints.json``: per-feature types and completeness, and the monitoring settings."""


class ConstraintViolations(MonitoringFile):
    """``constraint_violations.json``: ``{"violations": [{feature_name, constraint_check_type,
    description}]}``."""


# Processing jobs -----------------------------------------------------------------------------


class _ProcessingJob:
    """A processing job on the session's ``sagemaker`` client."""

    def __init__(self, sagemaker_session, job_name, output_s3_uri=None):
        self.sagemaker_session = as_studio_session(sagemaker_session)
        self.job_name = job_name
        self._output_s3_uri = output_s3_uri

    @property
    def name(self) -> str:
        return self.job_name

    def __repr__(self):
        return f"{type(self).__name__}({self.job_name!r})"

    def describe(self) -> dict:
        return self.sagemaker_session.sagemaker_client.describe_processing_job(
            ProcessingJobName=self.job_name
        )

    def stop(self) -> None:
        self.sagemaker_session.sagemaker_client.stop_processing_job(ProcessingJobName=self.job_name)

    def wait(self, logs=True, poll=None, timeout=None, out=None) -> dict:
        """Poll until the job ends and return its description.

        Prints a dot per poll, then the job's ExitMessage (``logs`` true) or nothing. ``timeout``
        in seconds bounds the wait, and ``None`` waits as long as the job runs. Unlike SDK v2, a
        Failed job does not raise here: its description carries the FailureReason.
        """
        out = out or sys.stdout
        interval = poll or (LOCAL_POLL_SECONDS if self.sagemaker_session.local else AWS_POLL_SECONDS)
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            description = self.describe()
            if description["ProcessingJobStatus"] in PROCESSING_TERMINAL_STATUSES:
                break
            if deadline is not None and time.monotonic() >= deadline:
                raise TimeoutError(
                    f"Processing job {self.job_name} is still "
                    f"{description['ProcessingJobStatus']} after {timeout} s. Wait longer, or "
                    "stop it with .stop()."
                )
            print(".", end="", file=out, flush=True)
            time.sleep(interval)
        print(file=out)
        if logs:
            message = description.get("ExitMessage") or description.get("FailureReason")
            if message:
                print(message, file=out)
        return description

    @property
    def output_s3_uri(self) -> str:
        if self._output_s3_uri is None:
            outputs = self.describe().get("ProcessingOutputConfig", {}).get("Outputs", [])
            if not outputs:
                raise ValueError(f"Processing job {self.job_name} has no outputs.")
            self._output_s3_uri = outputs[0]["S3Output"]["S3Uri"]
        return self._output_s3_uri

    def _report(self, report_class, file_name):
        uri = join_s3_uri(self.output_s3_uri, file_name)
        try:
            return report_class.from_s3_uri(uri, sagemaker_session=self.sagemaker_session)
        except FileNotFoundError:
            status = self.describe()
            reason = status.get("FailureReason") or status.get("ExitMessage") or ""
            print(
                f"{uri} does not exist: processing job {self.job_name} is "
                f"{status['ProcessingJobStatus']}. {reason}".rstrip(),
                file=sys.stderr,
            )
            return None


class BaseliningJob(_ProcessingJob):
    """Processing job of ``suggest_baseline``, whose outputs are the baseline files."""

    def baseline_statistics(self, file_name="statistics.json", kms_key=None):
        return self._report(Statistics, file_name)

    def suggested_constraints(self, file_name="constraints.json", kms_key=None):
        return self._report(Constraints, file_name)


class MonitoringExecution(_ProcessingJob):
    """One execution of a monitoring schedule: a processing job that writes its report."""

    class _Output:
        def __init__(self, destination):
            self.destination = destination

    @property
    def output(self):
        """The report location, as SDK v2's ``execution.output.destination``."""
        return self._Output(self.output_s3_uri)

    def statistics(self, file_name="statistics.json", kms_key=None):
        return self._report(Statistics, file_name)

    def constraint_violations(self, file_name="constraint_violations.json", kms_key=None):
        return self._report(ConstraintViolations, file_name)


# The monitor ---------------------------------------------------------------------------------


class DefaultModelMonitor:
    """Data-quality monitoring of an endpoint with the Model Monitor analyzer image.

    ``suggest_baseline`` starts a processing job that writes ``statistics.json`` and
    ``constraints.json``. ``create_monitoring_schedule`` starts a schedule whose executions
    compare captured traffic with them. ``role`` may be omitted on the local backend.
    """

    def __init__(
        self,
        role=None,
        instance_count=1,
        instance_type="ml.m5.xlarge",
        volume_size_in_gb=30,
        volume_kms_key=None,
        output_kms_key=None,
        max_runtime_in_seconds=None,
        base_job_name=None,
        sagemaker_session=None,
        env=None,
        tags=None,
        network_config=None,
    ):
        self.sagemaker_session = as_studio_session(sagemaker_session)
        if role is None:
            if not self.sagemaker_session.local:
                raise ValueError(
                    "role is required on the AWS backend: pass the ARN of an IAM role that "
                    "SageMaker can assume for processing jobs."
                )
            role = LOCAL_ROLE_ARN
        self.role = role
        self.instance_count = instance_count
        self.instance_type = instance_type
        self.volume_size_in_gb = volume_size_in_gb
        self.volume_kms_key = volume_kms_key
        self.output_kms_key = output_kms_key
        self.max_runtime_in_seconds = max_runtime_in_seconds
        self.base_job_name = base_job_name
        self.env = env
        self.tags = tags
        self.network_config = network_config
        self.image_uri = model_monitor_image_uri(self.sagemaker_session.boto_region_name)

        self.latest_baselining_job = None
        self.latest_baselining_job_name = None
        self.baselining_jobs = []
        self.monitoring_schedule_name = None

    @staticmethod
    def monitoring_type() -> str:
        return "DataQuality"

    @classmethod
    def attach(cls, monitor_schedule_name, sagemaker_session=None):
        """Return a monitor bound to the existing schedule ``monitor_schedule_name``.

        After a kernel restart this gives ``list_executions``, the latest reports and the
        schedule actions back. The monitor gets the role, cluster, KMS keys, runtime limit,
        environment, network config and tags of the schedule's monitoring job, as SDK v2's
        ``attach`` restores them. Unlike SDK v2, a baseline job that the schedule names in
        ``BaselineConfig`` also becomes ``latest_baselining_job``, so ``baseline_statistics()``
        and ``suggested_constraints()`` work too.

        Raises the client's ``ResourceNotFound`` error for a missing schedule, and ``TypeError``
        for a schedule of another monitoring type than DataQuality.
        """
        session = as_studio_session(sagemaker_session)
        client = session.sagemaker_client
        description = client.describe_monitoring_schedule(MonitoringScheduleName=monitor_schedule_name)
        config = description["MonitoringScheduleConfig"]
        monitoring_type = config.get("MonitoringType") or description.get("MonitoringType")
        if monitoring_type not in (None, cls.monitoring_type()):
            raise TypeError(
                f"Monitoring schedule {monitor_schedule_name} is of type {monitoring_type}, but "
                f"{cls.__name__} attaches only to {cls.monitoring_type()} schedules."
            )

        job = _monitoring_job_settings(client, config)
        tags = _user_tags(client, description["MonitoringScheduleArn"])
        cluster = job["cluster"]
        monitor = cls(
            role=job["role"],
            instance_count=cluster.get("InstanceCount", 1),
            instance_type=cluster.get("InstanceType", "ml.m5.xlarge"),
            volume_size_in_gb=cluster.get("VolumeSizeInGB", 30),
            volume_kms_key=cluster.get("VolumeKmsKeyId"),
            output_kms_key=job["output_kms_key"],
            max_runtime_in_seconds=job["max_runtime_in_seconds"],
            sagemaker_session=session,
            env=job["environment"],
            tags=tags,
            network_config=job["network_config"],
        )
        if job["image_uri"]:
            monitor.image_uri = job["image_uri"]
        baselining_job_name = job["baseline"].get("BaseliningJobName")
        if baselining_job_name:
            monitor.latest_baselining_job_name = baselining_job_name
            monitor.latest_baselining_job = BaseliningJob(session, baselining_job_name)
            monitor.baselining_jobs = [monitor.latest_baselining_job]
        monitor.monitoring_schedule_name = description["MonitoringScheduleName"]
        return monitor

    # Baseline ----------------------------------------------------------------------------

    def suggest_baseline(
        self,
        baseline_dataset,
        dataset_format,
        record_preprocessor_script=None,
        post_analytics_processor_script=None,
        output_s3_uri=None,
        wait=True,
        logs=True,
        job_name=None,
        monitoring_config_override=None,
    ):
        """Start a baseline job on ``baseline_dataset`` (an S3 URI or a local file or folder).

        With ``wait`` it blocks until the job ends. Returns the ``BaseliningJob``, also kept
        as ``latest_baselining_job``.
        """
        if monitoring_config_override is not None:
            raise ValueError(
                "monitoring_config_override is not supported. Edit the suggested "
                "constraints.json instead (Constraints.body_dict, then save())."
            )
        request = self.baseline_job_request(
            baseline_dataset,
            dataset_format,
            record_preprocessor_script,
            post_analytics_processor_script,
            output_s3_uri,
            job_name,
        )
        self.sagemaker_session.sagemaker_client.create_processing_job(**request)
        output_uri = request["ProcessingOutputConfig"]["Outputs"][0]["S3Output"]["S3Uri"]
        job = BaseliningJob(self.sagemaker_session, request["ProcessingJobName"], output_uri)
        self.latest_baselining_job = job
        self.baselining_jobs.append(job)
        if wait:
            job.wait(logs=logs)
        return job

    def baseline_job_request(
        self,
        baseline_dataset,
        dataset_format,
        record_preprocessor_script=None,
        post_analytics_processor_script=None,
        output_s3_uri=None,
        job_name=None,
    ) -> dict:
        """Return the CreateProcessingJob request ``suggest_baseline`` sends (uploads included)."""
        job_name = job_name or name_from_base(self.base_job_name or BASELINE_JOB_BASE_NAME)
        self.latest_baselining_job_name = job_name
        bucket = self.sagemaker_session.default_bucket()
        upload_prefix = f"s3://{bucket}/{S3_FOLDER}/baselining/{job_name}/input"

        inputs, environment = [], {}
        dataset_path = f"{CONTAINER_BASE}/input/{BASELINE_DATASET_INPUT}"
        dataset_uri = self._as_s3_uri(baseline_dataset, f"{upload_prefix}/{BASELINE_DATASET_INPUT}")
        inputs.append(_processing_input(BASELINE_DATASET_INPUT, dataset_uri, dataset_path))
        for script, input_name, variable in (
            (record_preprocessor_script, RECORD_PREPROCESSOR_INPUT, "record_preprocessor_script"),
            (post_analytics_processor_script, POST_ANALYTICS_INPUT, "post_analytics_processor_script"),
        ):
            if script is None:
                continue
            folder = f"{CONTAINER_BASE}/input/{input_name}"
            uri = self._as_s3_uri(script, f"{upload_prefix}/{input_name}")
            inputs.append(_processing_input(input_name, uri, folder))
            environment[variable] = f"{folder}/{PurePosixPath(script).name}"

        output_s3_uri = output_s3_uri or f"s3://{bucket}/{S3_FOLDER}/baselining/{job_name}/results"
        environment = {
            **(self.env or {}),
            "dataset_format": json.dumps(dataset_format),
            "dataset_source": dataset_path,
            "output_path": OUTPUT_PATH,
            "publish_cloudwatch_metrics": "Disabled",
            **environment,
        }
        output = {"OutputName": OUTPUT_NAME, "AppManaged": False,
                  "S3Output": {"S3Uri": output_s3_uri, "LocalPath": OUTPUT_PATH,
                               "S3UploadMode": "EndOfJob"}}
        output_config = {"Outputs": [output]}
        if self.output_kms_key is not None:
            output_config["KmsKeyId"] = self.output_kms_key

        request = {
            "ProcessingJobName": job_name,
            "ProcessingInputs": inputs,
            "ProcessingOutputConfig": output_config,
            "ProcessingResources": {"ClusterConfig": self._cluster_config()},
            "AppSpecification": {"ImageUri": self.image_uri},
            "RoleArn": self.role,
            "Environment": environment,
        }
        if self.max_runtime_in_seconds is not None:
            request["StoppingCondition"] = {"MaxRuntimeInSeconds": self.max_runtime_in_seconds}
        if self.network_config is not None:
            request["NetworkConfig"] = self.network_config
        if self.tags:
            request["Tags"] = list(self.tags)
        return request

    def baseline_statistics(self, file_name="statistics.json"):
        """Return the latest baseline job's ``Statistics``, or ``None`` before any baseline."""
        if self.latest_baselining_job is None:
            print("No baselining job found. Call suggest_baseline() first.", file=sys.stderr)
            return None
        return self.latest_baselining_job.baseline_statistics(file_name)

    def suggested_constraints(self, file_name="constraints.json"):
        """Return the latest baseline job's ``Constraints``, or ``None`` before any baseline."""
        if self.latest_baselining_job is None:
            print("No baselining job found. Call suggest_baseline() first.", file=sys.stderr)
            return None
        return self.latest_baselining_job.suggested_constraints(file_name)

    # Schedule ----------------------------------------------------------------------------

    def create_monitoring_schedule(
        self,
        endpoint_input=None,
        record_preprocessor_script=None,
        post_analytics_processor_script=None,
        output_s3_uri=None,
        constraints=None,
        statistics=None,
        monitor_schedule_name=None,
        schedule_cron_expression=None,
        enable_cloudwatch_metrics=True,
        batch_transform_input=None,
        data_analysis_start_time=None,
        data_analysis_end_time=None,
    ):
        """Start a monitoring schedule on ``endpoint_input`` (an endpoint name or EndpointInput).

        ``statistics`` and ``constraints`` (objects or S3 URIs) default to the latest baseline
        job's outputs. ``schedule_cron_expression`` comes from ``CronExpressionGenerator``.
        ``CronExpressionGenerator.now()`` runs one execution over the window that
        ``data_analysis_start_time`` and ``data_analysis_end_time`` (such as ``"-PT1H"`` and
        ``"PT0H"``) give.
        """
        request = self.monitoring_schedule_request(
            endpoint_input=endpoint_input,
            record_preprocessor_script=record_preprocessor_script,
            post_analytics_processor_script=post_analytics_processor_script,
            output_s3_uri=output_s3_uri,
            constraints=constraints,
            statistics=statistics,
            monitor_schedule_name=monitor_schedule_name,
            schedule_cron_expression=schedule_cron_expression,
            enable_cloudwatch_metrics=enable_cloudwatch_metrics,
            batch_transform_input=batch_transform_input,
            data_analysis_start_time=data_analysis_start_time,
            data_analysis_end_time=data_analysis_end_time,
        )
        self.sagemaker_session.sagemaker_client.create_monitoring_schedule(**request)
        self.monitoring_schedule_name = request["MonitoringScheduleName"]
        return None

    def monitoring_schedule_request(
        self,
        endpoint_input=None,
        record_preprocessor_script=None,
        post_analytics_processor_script=None,
        output_s3_uri=None,
        constraints=None,
        statistics=None,
        monitor_schedule_name=None,
        schedule_cron_expression=None,
        enable_cloudwatch_metrics=True,
        batch_transform_input=None,
        data_analysis_start_time=None,
        data_analysis_end_time=None,
    ) -> dict:
        """Return the CreateMonitoringSchedule request ``create_monitoring_schedule`` sends."""
        if self.monitoring_schedule_name is not None:
            raise ValueError(
                f"This monitor already created schedule {self.monitoring_schedule_name}. Delete "
                "it with delete_monitoring_schedule(), or use a new DefaultModelMonitor."
            )
        if batch_transform_input is not None:
            raise ValueError(
                "batch_transform_input is not supported: monitor an endpoint with endpoint_input."
            )
        if endpoint_input is None:
            raise ValueError("endpoint_input is required: pass the endpoint name or an EndpointInput.")
        if schedule_cron_expression == CronExpressionGenerator.now() and (
            data_analysis_start_time is None or data_analysis_end_time is None
        ):
            raise ValueError(
                "A one-time schedule (CronExpressionGenerator.now()) needs both "
                "data_analysis_start_time and data_analysis_end_time, for example '-PT1H' and "
                "'PT0H' for the last hour."
            )

        name = monitor_schedule_name or name_from_base(self.base_job_name or SCHEDULE_BASE_NAME)
        bucket = self.sagemaker_session.default_bucket()
        scripts_prefix = f"s3://{bucket}/{S3_FOLDER}/monitoring/{name}/input"
        if isinstance(endpoint_input, str):
            endpoint_input = EndpointInput(endpoint_input)
        output_s3_uri = output_s3_uri or f"s3://{bucket}/{S3_FOLDER}/monitoring/{name}/results"

        app_specification = {"ImageUri": self.image_uri}
        if record_preprocessor_script is not None:
            app_specification["RecordPreprocessorSourceUri"] = self._as_s3_uri(
                record_preprocessor_script, scripts_prefix, keep_name=True
            )
        if post_analytics_processor_script is not None:
            app_specification["PostAnalyticsProcessorSourceUri"] = self._as_s3_uri(
                post_analytics_processor_script, scripts_prefix, keep_name=True
            )

        output_config = {
            "MonitoringOutputs": [
                {"S3Output": {"S3Uri": output_s3_uri, "LocalPath": OUTPUT_PATH,
                              "S3UploadMode": "Continuous"}}
            ]
        }
        if self.output_kms_key is not None:
            output_config["KmsKeyId"] = self.output_kms_key

        environment = dict(self.env or {})
        environment["publish_cloudwatch_metrics"] = (
            "Enabled" if enable_cloudwatch_metrics else "Disabled"
        )
        definition = {
            "MonitoringInputs": [endpoint_input._to_request_dict()],
            "MonitoringOutputConfig": output_config,
            "MonitoringResources": {"ClusterConfig": self._cluster_config()},
            "MonitoringAppSpecification": app_specification,
            "RoleArn": self.role,
            "Environment": environment,
        }
        baseline = self._baseline_config(statistics, constraints)
        if baseline:
            definition["BaselineConfig"] = baseline
        if self.max_runtime_in_seconds is not None:
            definition["StoppingCondition"] = {"MaxRuntimeInSeconds": self.max_runtime_in_seconds}
        if self.network_config is not None:
            definition["NetworkConfig"] = self.network_config

        config = {"MonitoringJobDefinition": definition, "MonitoringType": self.monitoring_type()}
        if schedule_cron_expression is not None:
            schedule = {"ScheduleExpression": schedule_cron_expression}
            if data_analysis_start_time is not None:
                schedule["DataAnalysisStartTime"] = data_analysis_start_time
            if data_analysis_end_time is not None:
                schedule["DataAnalysisEndTime"] = data_analysis_end_time
            config["ScheduleConfig"] = schedule
        return {
            "MonitoringScheduleName": name,
            "MonitoringScheduleConfig": config,
            "Tags": list(self.tags or []),
        }

    def describe_schedule(self) -> dict:
        return self.sagemaker_session.sagemaker_client.describe_monitoring_schedule(
            MonitoringScheduleName=self._schedule_name()
        )

    def list_executions(self) -> list[MonitoringExecution]:
        """Return the schedule's executions that have a processing job, oldest first (up to 100)."""
        summaries = self.sagemaker_session.sagemaker_client.list_monitoring_executions(
            MonitoringScheduleName=self._schedule_name(),
            SortBy="ScheduledTime",
            SortOrder="Descending",
            MaxResults=100,
        )["MonitoringExecutionSummaries"]
        if not summaries:
            print(f"No executions found for schedule {self.monitoring_schedule_name}.")
        executions = [
            MonitoringExecution(self.sagemaker_session, summary["ProcessingJobArn"].split("/")[-1])
            for summary in summaries
            if summary.get("ProcessingJobArn")
        ]
        executions.reverse()
        return executions

    def latest_monitoring_statistics(self, file_name="statistics.json"):
        executions = self.list_executions()
        return executions[-1].statistics(file_name) if executions else None

    def latest_monitoring_constraint_violations(self, file_name="constraint_violations.json"):
        executions = self.list_executions()
        return executions[-1].constraint_violations(file_name) if executions else None

    def stop_monitoring_schedule(self) -> None:
        self.sagemaker_session.sagemaker_client.stop_monitoring_schedule(
            MonitoringScheduleName=self._schedule_name()
        )
        self._wait_while_pending()

    def start_monitoring_schedule(self) -> None:
        self.sagemaker_session.sagemaker_client.start_monitoring_schedule(
            MonitoringScheduleName=self._schedule_name()
        )
        self._wait_while_pending()

    def delete_monitoring_schedule(self) -> None:
        """Delete the schedule but keep its past executions and reports."""
        self.sagemaker_session.sagemaker_client.delete_monitoring_schedule(
            MonitoringScheduleName=self._schedule_name()
        )
        self.monitoring_schedule_name = None

    # Helpers ---------------------------------------------------------------------------------

    def _schedule_name(self) -> str:
        if self.monitoring_schedule_name is None:
            raise ValueError(
                "This monitor has no monitoring schedule. Call create_monitoring_schedule() to "
                "create one, or use monitor = DefaultModelMonitor.attach(name) to reach an "
                "existing schedule, for example after a kernel restart."
            )
        return self.monitoring_schedule_name

    def _cluster_config(self) -> dict:
        config = {
            "InstanceCount": self.instance_count,
            "InstanceType": self.instance_type,
            "VolumeSizeInGB": self.volume_size_in_gb,
        }
        if self.volume_kms_key is not None:
            config["VolumeKmsKeyId"] = self.volume_kms_key
        return config

    def _baseline_config(self, statistics, constraints) -> dict:
        if statistics is None and self.latest_baselining_job is not None:
            statistics = self.latest_baselining_job.baseline_statistics()
        if constraints is None and self.latest_baselining_job is not None:
            constraints = self.latest_baselining_job.suggested_constraints()
        baseline = {}
        if self.latest_baselining_job_name is not None:
            baseline["BaseliningJobName"] = self.latest_baselining_job_name
        if constraints is not None:
            baseline["ConstraintsResource"] = {"S3Uri": _file_uri(constraints)}
        if statistics is not None:
            baseline["StatisticsResource"] = {"S3Uri": _file_uri(statistics)}
        return baseline

    def _as_s3_uri(self, source, prefix: str, keep_name: bool = False) -> str:
        """Return ``source`` as an S3 URI, uploading a local file or folder under ``prefix``.

        An s3:// URI is returned as it is. For an uploaded file, processing inputs take the
        prefix (the job downloads the whole prefix), while schedule scripts (``keep_name``)
        take the file's own URI.
        """
        source = str(source)
        if source.startswith("s3://"):
            return source
        path = Path(source)
        if not path.exists():
            raise FileNotFoundError(
                f"{source!r} is neither an s3:// URI nor an existing file or folder. Check the path."
            )
        bucket, key = split_s3_uri(prefix)
        if path.is_dir():
            return self.sagemaker_session.upload_data(path, bucket=bucket, key_prefix=key)
        if keep_name:
            return self.sagemaker_session.upload_file(path, bucket, f"{key}/{path.name}")
        self.sagemaker_session.upload_file(path, bucket, f"{key}/{path.name}")
        return prefix

    def _wait_while_pending(self) -> None:
        interval = LOCAL_POLL_SECONDS if self.sagemaker_session.local else AWS_POLL_SECONDS
        deadline = time.monotonic() + SCHEDULE_SETTLE_SECONDS
        while self.describe_schedule()["MonitoringScheduleStatus"] == "Pending":
            if time.monotonic() >= deadline:
                raise TimeoutError(
                    f"Monitoring schedule {self.monitoring_schedule_name} is still Pending "
                    f"after {SCHEDULE_SETTLE_SECONDS} s. Check describe_schedule() later."
                )
            time.sleep(interval)


# S3 access -----------------------------------------------------------------------------------


def split_s3_uri(uri: str) -> tuple[str, str]:
    parts = urlsplit(uri)
    if parts.scheme != "s3" or not parts.netloc:
        raise ValueError(f"Invalid S3 URI {uri!r}: expected s3://<bucket>/<key>.")
    return parts.netloc, parts.path.strip("/")


def join_s3_uri(prefix: str, name: str) -> str:
    return f"{prefix.rstrip('/')}/{name}"


def read_s3_text(session, uri: str) -> str:
    """Return the text of ``uri``, or raise ``FileNotFoundError`` when it does not exist."""
    session = as_studio_session(session)
    if session.local:
        from churn_studio_ext.local.objects import ObjectStore

        path = ObjectStore(session.home).path_for(uri)
        if not path.is_file():
            raise FileNotFoundError(f"{uri} does not exist in the local object store ({path}).")
        return path.read_text(encoding="utf-8")
    from botocore.exceptions import ClientError

    bucket, key = split_s3_uri(uri)
    try:
        response = session.boto_session.client("s3").get_object(Bucket=bucket, Key=key)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
            raise FileNotFoundError(f"{uri} does not exist.") from None
        raise
    return response["Body"].read().decode("utf-8")


def write_s3_text(session, uri: str, text: str) -> None:
    session = as_studio_session(session)
    bucket, key = split_s3_uri(uri)
    if session.local:
        from churn_studio_ext.local.objects import ObjectStore

        ObjectStore(session.home).put_bytes(text.encode("utf-8"), uri)
        return
    session.boto_session.client("s3").put_object(Bucket=bucket, Key=key, Body=text.encode("utf-8"))


def _user_tags(client, resource_arn: str) -> list[dict]:
    """Return the tags of ``resource_arn`` without the ``aws:`` ones, which SageMaker sets itself.

    The ``aws:`` prefix is reserved for AWS, so a Create request cannot contain such tags. SDK
    v2's ``list_tags`` leaves them out too.
    """
    tags, request = [], {"ResourceArn": resource_arn, "MaxResults": 50}
    while True:
        response = client.list_tags(**request)
        tags += [tag for tag in response.get("Tags", []) if not tag["Key"].startswith("aws:")]
        if not response.get("NextToken"):
            return tags
        request["NextToken"] = response["NextToken"]


def _monitoring_job_settings(client, schedule_config: dict) -> dict:
    """Collect the monitoring job settings of a DescribeMonitoringSchedule config.

    The job is inline (``MonitoringJobDefinition``, as this module creates it) or a stored data
    quality job definition that ``MonitoringJobDefinitionName`` names (as SDK v2 creates it).
    """
    inline = schedule_config.get("MonitoringJobDefinition")
    if inline is not None:
        return {
            "role": inline.get("RoleArn"),
            "cluster": (inline.get("MonitoringResources") or {}).get("ClusterConfig") or {},
            "output_kms_key": (inline.get("MonitoringOutputConfig") or {}).get("KmsKeyId"),
            "max_runtime_in_seconds": (inline.get("StoppingCondition") or {}).get(
                "MaxRuntimeInSeconds"),
            "environment": inline.get("Environment"),
            "network_config": inline.get("NetworkConfig"),
            "image_uri": (inline.get("MonitoringAppSpecification") or {}).get("ImageUri"),
            "baseline": inline.get("BaselineConfig") or {},
        }

    definition_name = schedule_config.get("MonitoringJobDefinitionName")
    if not definition_name:
        raise ValueError(
            "The monitoring schedule has neither MonitoringJobDefinition nor "
            "MonitoringJobDefinitionName, so there is no monitoring job to attach to."
        )
    stored = client.describe_data_quality_job_definition(JobDefinitionName=definition_name)
    application = stored.get("DataQualityAppSpecification") or {}
    return {
        "role": stored.get("RoleArn"),
        "cluster": (stored.get("JobResources") or {}).get("ClusterConfig") or {},
        "output_kms_key": (stored.get("DataQualityJobOutputConfig") or {}).get("KmsKeyId"),
        "max_runtime_in_seconds": (stored.get("StoppingCondition") or {}).get(
            "MaxRuntimeInSeconds"),
        "environment": application.get("Environment"),
        "network_config": stored.get("NetworkConfig"),
        "image_uri": application.get("ImageUri"),
        "baseline": stored.get("DataQualityBaselineConfig") or {},
    }


def _file_uri(report) -> str:
    if isinstance(report, str):
        return report
    if report.file_s3_uri is None:
        raise ValueError(
            f"{type(report).__name__} has no S3 location yet: call its save(s3_uri) first."
        )
    return report.file_s3_uri


def _processing_input(name: str, uri: str, local_path: str) -> dict:
    return {
        "InputName": name,
        "AppManaged": False,
        "S3Input": {
            "S3Uri": uri,
            "LocalPath": local_path,
            "S3DataType": "S3Prefix",
            "S3InputMode": "File",
            "S3DataDistributionType": "FullyReplicated",
            "S3CompressionType": "None",
        },
    }


def _hour(value, argument: str) -> int:
    if not isinstance(value, int) or not 0 <= value <= 23:
        raise ValueError(f"Invalid {argument} {value!r}: use a whole hour from 0 to 23 (UTC).")
    return value
