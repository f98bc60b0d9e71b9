"""``MonitoringService``: monitoring schedules, executions and reports for the endpoint views.

It calls only what boto3's ``sagemaker`` client offers, so it serves the local backend and AWS.
Report files (``statistics.json``, ``constraint_violations.json``) are read from the home's
object store on the local backend and through an ``s3`` client on AWS. A manual run ("run now")
exists only where a ``run_now`` function is given, which the local backend's scheduler provides.
"""

from __future__ import annotations

import json
import logging
import re
from urllib.parse import urlparse

from botocore.exceptions import BotoCoreError, ClientError

from .baseline_source import baseline_dataset_uri
from .errors import BadRequest, NotFound, StudioError, from_boto_error, translated_boto_errors
from .list_pages import follow_pages
from .model_source import TRIAL_COMPONENT_TAG, trial_component_of_model
from .rows import iso_time

log = logging.getLogger(__name__)

SCHEDULE_EXPRESSIONS = {"hourly": "cron(0 * ? * * *)", "daily": "cron(0 0 ? * * *)"}
# The analyzer image of the local backend when no baseline job names one.
LOCAL_ANALYZER_IMAGE = "sagemaker-model-monitor-analyzer:latest"
LOCAL_ROLE_ARN = "arn:aws:iam::000000000000:role/churn-studio-local"
CAPTURE_LOCAL_PATH = "/opt/ml/processing/input/endpoint"
OUTPUT_LOCAL_PATH = "/opt/ml/processing/output"

_VIOLATION_COUNT = re.compile(r"with (\d+) violations?")
_JOB_NAME_OF_ARN = re.compile(r":processing-job/(?P<name>[^/]+)$")


class MonitoringService:
    """Monitoring schedules and executions of one SageMaker backend."""

    def __init__(self, sagemaker_client, backend: str, home=None, s3_client=None, run_now=None):
        self.sagemaker = sagemaker_client
        self.backend = backend
        self.home = home
        self.s3 = s3_client
        self._run_now = run_now

    def _calling(self, operation: str):
        return translated_boto_errors(self.backend, operation, in_use_is_conflict=True)

    # Schedules

    def list_schedules(self, endpoint: str) -> dict:
        self._require_endpoint(endpoint)
        with self._calling("ListMonitoringSchedules"):
            summaries = follow_pages(
                self.sagemaker.list_monitoring_schedules,
                "MonitoringScheduleSummaries",
                EndpointName=endpoint,
            )
        return {"schedules": [self._schedule(s["MonitoringScheduleName"]) for s in summaries]}

    def create_schedule(self, body: dict) -> dict:
        endpoint = _required_text(body, "endpointName")
        name = _required_text(body, "scheduleName")
        expression = _schedule_expression(body.get("scheduleExpression", "hourly"))
        self._require_endpoint(endpoint)
        baseline = self._baseline(body)
        output_uri = body.get("outputUri") or self._default_output_uri(endpoint)

        definition = {
            "BaselineConfig": {
                "ConstraintsResource": {"S3Uri": baseline["constraintsUri"]},
                "StatisticsResource": {"S3Uri": baseline["statisticsUri"]},
            },
            "MonitoringInputs": [
                {"EndpointInput": {"EndpointName": endpoint, "LocalPath": CAPTURE_LOCAL_PATH}}
            ],
            "MonitoringOutputConfig": {
                "MonitoringOutputs": [
                    {"S3Output": {"S3Uri": output_uri, "LocalPath": OUTPUT_LOCAL_PATH,
                                  "S3UploadMode": "EndOfJob"}}
                ]
            },
            "MonitoringResources": {
                "ClusterConfig": {
                    "InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 20
                }
            },
            "MonitoringAppSpecification": {"ImageUri": baseline["imageUri"]},
            "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
            "Environment": {"publish_cloudwatch_metrics": "Enabled"},
            "RoleArn": baseline["roleArn"] or self._endpoint_role(endpoint),
        }
        if baseline.get("baseliningJobName"):
            definition["BaselineConfig"]["BaseliningJobName"] = baseline["baseliningJobName"]
        schedule_config = {"ScheduleExpression": expression}
        if expression == "NOW":
            schedule_config.update({"DataAnalysisStartTime": "-PT1H", "DataAnalysisEndTime": "-PT0H"})

        with self._calling("CreateMonitoringSchedule"):
            self.sagemaker.create_monitoring_schedule(
                MonitoringScheduleName=name,
                MonitoringScheduleConfig={
                    "ScheduleConfig": schedule_config,
                    "MonitoringJobDefinition": definition,
                    "MonitoringType": "DataQuality",
                },
            )
        log.info("Created monitoring schedule %s on endpoint %s (%s)", name, endpoint, expression)
        return self._schedule(name)

    def start_schedule(self, name: str) -> dict:
        with self._calling("StartMonitoringSchedule"):
            self.sagemaker.start_monitoring_schedule(MonitoringScheduleName=name)
        return self._schedule(name)

    def stop_schedule(self, name: str) -> dict:
        with self._calling("StopMonitoringSchedule"):
            self.sagemaker.stop_monitoring_schedule(MonitoringScheduleName=name)
        return self._schedule(name)

    def delete_schedule(self, name: str) -> None:
        with self._calling("DeleteMonitoringSchedule"):
            self.sagemaker.delete_monitoring_schedule(MonitoringScheduleName=name)
        log.info("Deleted monitoring schedule %s", name)

    def run_schedule(self, name: str) -> dict:
        """Start one execution of schedule ``name`` now and return it."""
        if self._run_now is None:
            raise BadRequest(
                f"Running monitoring schedule '{name}' on demand is available on the local "
                f"backend only. On the {self.backend} backend its executions start at their "
                "scheduled times."
            )
        with self._calling("DescribeMonitoringSchedule"):
            self.sagemaker.describe_monitoring_schedule(MonitoringScheduleName=name)
        started = self._run_now(name)
        if started.processing_job_name is None:
            with self._calling("ListMonitoringExecutions"):
                summaries = follow_pages(
                    self.sagemaker.list_monitoring_executions,
                    "MonitoringExecutionSummaries",
                    MonitoringScheduleName=name,
                )
            summary = next(
                s for s in summaries
                if s["ScheduledTime"].timestamp() == round(started.scheduled_time.timestamp(), 3)
            )
            return {"execution": self._execution(summary)}
        return {"execution": self._execution_of_job(started.processing_job_name)[0]}

    def _schedule(self, name: str) -> dict:
        with self._calling("DescribeMonitoringSchedule"):
            description = self.sagemaker.describe_monitoring_schedule(MonitoringScheduleName=name)
        return schedule_json(description)

    # Executions

    def list_executions(self, endpoint: str) -> dict:
        self._require_endpoint(endpoint)
        with self._calling("ListMonitoringExecutions"):
            summaries = follow_pages(
                self.sagemaker.list_monitoring_executions,
                "MonitoringExecutionSummaries",
                EndpointName=endpoint,
                SortBy="CreationTime",
                SortOrder="Descending",
            )
        return {"executions": [self._execution(summary) for summary in summaries]}

    def get_execution(self, job_name: str) -> dict:
        execution, job = self._execution_of_job(job_name)
        environment = job.get("Environment", {})
        report_uri = _first_output_uri(job)
        baseline_statistics_uri = _input_uri_of(job, environment.get("baseline_statistics"))

        violations = []
        report = self._read_json(report_uri, "constraint_violations.json") if report_uri else None
        for violation in _list_member(report, "violations"):
            if not isinstance(violation, dict):
                continue
            violations.append({
                "featureName": violation.get("feature_name"),
                "checkType": violation.get("constraint_check_type"),
                "description": violation.get("description"),
            })
        current = self._read_json(report_uri, "statistics.json") if report_uri else None
        baseline = (
            self._read_json(baseline_statistics_uri, None) if baseline_statistics_uri else None
        )

        endpoint = environment.get("sagemaker_endpoint_name")
        return {
            "execution": execution,
            "violations": violations,
            "features": _features(baseline, current),
            "links": {
                "baselineDatasetUri": baseline_dataset_uri(
                    self.sagemaker,
                    environment.get("sagemaker_monitoring_schedule_name"),
                    job,
                    baseline_statistics_uri,
                ),
                "baselineStatisticsUri": baseline_statistics_uri,
                "reportUri": report_uri,
                "endpointName": endpoint,
                "trialComponentName": self._trial_component(endpoint) if endpoint else None,
            },
        }

    def _execution_of_job(self, job_name: str) -> tuple[dict, dict]:
        with self._calling("DescribeProcessingJob"):
            job = self.sagemaker.describe_processing_job(ProcessingJobName=job_name)
        schedule = job.get("Environment", {}).get("sagemaker_monitoring_schedule_name")
        if not job.get("MonitoringScheduleArn") or not schedule:
            raise NotFound(
                f"Processing job '{job_name}' is not a monitoring execution. Pick a job from "
                "the endpoint's monitoring job history."
            )
        with self._calling("ListMonitoringExecutions"):
            summaries = follow_pages(
                self.sagemaker.list_monitoring_executions,
                "MonitoringExecutionSummaries",
                MonitoringScheduleName=schedule,
            )
        for summary in summaries:
            if summary.get("ProcessingJobArn") == job["ProcessingJobArn"]:
                return _execution_json(summary, job), job
        raise NotFound(
            f"No monitoring execution of schedule '{schedule}' ran processing job '{job_name}'."
        )

    def _execution(self, summary: dict) -> dict:
        job = None
        job_name = _job_name(summary.get("ProcessingJobArn"))
        if job_name:
            with self._calling("DescribeProcessingJob"):
                job = self.sagemaker.describe_processing_job(ProcessingJobName=job_name)
        return _execution_json(summary, job)

    # Lookups

    def _require_endpoint(self, endpoint: str) -> dict:
        try:
            return self.sagemaker.describe_endpoint(EndpointName=endpoint)
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code")
            if code in ("ValidationException", "ResourceNotFound"):
                raise NotFound(
                    f"Endpoint '{endpoint}' does not exist. The Endpoints panel lists the "
                    "endpoints."
                ) from error
            raise from_boto_error(error, self.backend, "DescribeEndpoint") from error
        except BotoCoreError as error:
            raise from_boto_error(error, self.backend, "DescribeEndpoint") from error

    def _baseline(self, body: dict) -> dict:
        job_name = body.get("baselineJobName")
        if job_name:
            with self._calling("DescribeProcessingJob"):
                job = self.sagemaker.describe_processing_job(ProcessingJobName=job_name)
            if job["ProcessingJobStatus"] != "Completed":
                raise BadRequest(
                    f"Baseline job '{job_name}' is {job['ProcessingJobStatus']}, not Completed. "
                    "Wait for it to complete, or choose another baseline job."
                )
            output = _first_output_uri(job)
            if output is None:
                raise BadRequest(f"Baseline job '{job_name}' has no S3 output to read.")
            return {
                "statisticsUri": output.rstrip("/") + "/statistics.json",
                "constraintsUri": output.rstrip("/") + "/constraints.json",
                "baseliningJobName": job["ProcessingJobName"],
                "imageUri": job["AppSpecification"]["ImageUri"],
                "roleArn": job.get("RoleArn"),
            }

        statistics = body.get("statisticsUri")
        constraints = body.get("constraintsUri")
        if not statistics or not constraints:
            raise BadRequest(
                "Missing baseline: send baselineJobName, or both statisticsUri and "
                "constraintsUri."
            )
        if self.backend != "local":
            raise BadRequest(
                "On the aws backend the analyzer image and role come from a baseline job, so "
                "send baselineJobName instead of statisticsUri and constraintsUri."
            )
        return {
            "statisticsUri": statistics,
            "constraintsUri": constraints,
            "baseliningJobName": None,
            "imageUri": LOCAL_ANALYZER_IMAGE,
            "roleArn": None,
        }

    def _model_of(self, endpoint: str) -> dict | None:
        description = self._require_endpoint(endpoint)
        try:
            config = self.sagemaker.describe_endpoint_config(
                EndpointConfigName=description["EndpointConfigName"]
            )
            model_name = config["ProductionVariants"][0].get("ModelName")
            if not model_name:
                return None
            return self.sagemaker.describe_model(ModelName=model_name)
        except ClientError as error:
            log.info("No model found for endpoint %s: %s", endpoint, error)
            return None

    def _endpoint_role(self, endpoint: str) -> str:
        model = self._model_of(endpoint)
        role = (model or {}).get("ExecutionRoleArn")
        if role:
            return role
        if self.backend == "local":
            return LOCAL_ROLE_ARN
        raise BadRequest(
            f"The model of endpoint '{endpoint}' has no ExecutionRoleArn to run monitoring jobs "
            "with. Send baselineJobName of a baseline job that has a RoleArn."
        )

    def _default_output_uri(self, endpoint: str) -> str:
        description = self._require_endpoint(endpoint)
        capture = (description.get("DataCaptureConfig") or {}).get("DestinationS3Uri")
        if not capture:
            raise BadRequest(
                f"Endpoint '{endpoint}' does not capture data, so it cannot be monitored. "
                "Deploy it with data capture enabled."
            )
        parent = capture.rstrip("/").rpartition("/")[0]
        if parent.endswith(":/") or parent == "s3:/":
            parent = capture.rstrip("/")
        return parent + "/reports"

    def _trial_component(self, endpoint: str) -> str | None:
        """Return the trial component of the training job whose model the endpoint serves."""
        try:
            description = self.sagemaker.describe_endpoint(EndpointName=endpoint)
        except ClientError:
            return None  # The endpoint was deleted after the execution ran.
        tagged = self._tag(description["EndpointArn"], TRIAL_COMPONENT_TAG)
        if tagged:
            return tagged
        model = self._model_of(endpoint)
        return trial_component_of_model(self.sagemaker, model)

    def _tag(self, resource_arn: str, key: str) -> str | None:
        try:
            tags = self.sagemaker.list_tags(ResourceArn=resource_arn, MaxResults=50).get("Tags", [])
        except ClientError as error:
            log.info("Could not list the tags of %s: %s", resource_arn, error)
            return None
        return next((tag["Value"] for tag in tags if tag["Key"] == key), None)

    def _read_json(self, uri: str, file_name: str | None):
        """Read a JSON report file under ``uri``, or return None if it is missing or not JSON."""
        full_uri = uri.rstrip("/") + "/" + file_name if file_name else uri
        try:
            text = self._read_text(full_uri)
        except (OSError, ValueError, ClientError, BotoCoreError) as error:
            log.info("Could not read %s: %s", full_uri, error)
            return None
        try:
            # NaN and Infinity (a std_dev of one value, a column holding 1e309) are not JSON, and
            # the browser's JSON.parse rejects a response that contains them, so they become null.
            return json.loads(text, parse_constant=lambda constant: None)
        except ValueError as error:
            log.warning("Report file %s is not valid JSON: %s", full_uri, error)
            return None

    def _read_text(self, uri: str) -> str:
        if self.backend == "local":
            from churn_studio_ext.local.objects import ObjectStore

            return ObjectStore(self.home).path_for(uri).read_text()
        if self.s3 is None:
            raise StudioError(502, f"No S3 client is configured to read {uri}.")
        parsed = urlparse(uri)
        body = self.s3.get_object(Bucket=parsed.netloc, Key=parsed.path.lstrip("/"))["Body"]
        return body.read().decode()


def schedule_json(description: dict) -> dict:
    """Build the REST schedule object from a DescribeMonitoringSchedule response."""
    config = description["MonitoringScheduleConfig"]
    baseline = config.get("MonitoringJobDefinition", {}).get("BaselineConfig", {})
    last = description.get("LastMonitoringExecutionSummary")
    return {
        "name": description["MonitoringScheduleName"],
        "arn": description["MonitoringScheduleArn"],
        "status": description["MonitoringScheduleStatus"],
        "scheduleExpression": config.get("ScheduleConfig", {}).get("ScheduleExpression"),
        "monitoringType": description.get("MonitoringType") or config.get("MonitoringType"),
        "creationTime": iso_time(description["CreationTime"]),
        "lastModifiedTime": iso_time(description["LastModifiedTime"]),
        "lastExecution": None if last is None else {
            "status": last["MonitoringExecutionStatus"],
            "scheduledTime": iso_time(last["ScheduledTime"]),
            "processingJobName": _job_name(last.get("ProcessingJobArn")),
            "failureReason": last.get("FailureReason"),
        },
        "baseline": {
            "statisticsUri": baseline.get("StatisticsResource", {}).get("S3Uri"),
            "constraintsUri": baseline.get("ConstraintsResource", {}).get("S3Uri"),
            "baseliningJobName": baseline.get("BaseliningJobName"),
        },
    }


def _execution_json(summary: dict, job: dict | None) -> dict:
    exit_message = (job or {}).get("ExitMessage")
    status = summary["MonitoringExecutionStatus"]
    return {
        "scheduleName": summary["MonitoringScheduleName"],
        "scheduledTime": iso_time(summary["ScheduledTime"]),
        "creationTime": iso_time(summary["CreationTime"]),
        "lastModifiedTime": iso_time(summary["LastModifiedTime"]),
        "status": status,
        "processingJobName": _job_name(summary.get("ProcessingJobArn")),
        "failureReason": summary.get("FailureReason"),
        "exitMessage": exit_message,
        "violationCount": _violation_count(status, exit_message),
    }


def _violation_count(status: str, exit_message: str | None) -> int | None:
    if status == "Completed":
        return 0
    if status == "CompletedWithViolations" and exit_message:
        match = _VIOLATION_COUNT.search(exit_message)
        return int(match.group(1)) if match else None
    return None


def _list_member(document, member: str) -> list:
    """Return ``document[member]`` when the document is an object and the member a list."""
    value = document.get(member) if isinstance(document, dict) else None
    return value if isinstance(value, list) else []


def _named_features(statistics) -> dict[str, dict]:
    # Hand-edited files may contain entries without a name, and the page shows the others.
    return {
        feature["name"]: feature
        for feature in _list_member(statistics, "features")
        if isinstance(feature, dict) and isinstance(feature.get("name"), str)
    }


def _features(baseline: dict | None, current: dict | None) -> list[dict]:
    baseline_features = _named_features(baseline)
    current_features = _named_features(current)
    names = list(baseline_features) + [n for n in current_features if n not in baseline_features]
    features = []
    for name in names:
        reference = baseline_features.get(name) or current_features.get(name)
        features.append({
            "name": name,
            "inferredType": reference.get("inferred_type"),
            "baseline": baseline_features.get(name),
            "current": current_features.get(name),
        })
    return features


def _first_output_uri(job: dict) -> str | None:
    outputs = job.get("ProcessingOutputConfig", {}).get("Outputs", [])
    for output in outputs:
        if "S3Output" in output:
            return output["S3Output"]["S3Uri"]
    return None


def _input_uri_of(job: dict, container_file: str | None) -> str | None:
    """Return the S3 URI of the file that the job placed at ``container_file``."""
    if not container_file:
        return None
    for item in job.get("ProcessingInputs", []):
        s3_input = item.get("S3Input") or {}
        folder = (s3_input.get("LocalPath") or "").rstrip("/")
        if folder and container_file.startswith(folder + "/"):
            uri = s3_input["S3Uri"]
            file_name = container_file[len(folder) + 1:]
            return uri if uri.rstrip("/").endswith("/" + file_name) else uri.rstrip("/") + "/" + file_name
    return None


def _job_name(job_arn: str | None) -> str | None:
    if not job_arn:
        return None
    match = _JOB_NAME_OF_ARN.search(job_arn)
    return match.group("name") if match else None


def _required_text(body: dict, member: str) -> str:
    value = body.get(member)
    if not isinstance(value, str) or not value.strip():
        raise BadRequest(f"Missing or empty '{member}' in the request body. Send it as a string.")
    return value.strip()


def _schedule_expression(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BadRequest(
            "Invalid scheduleExpression: send 'hourly', 'daily' or a cron(...) expression."
        )
    text = value.strip()
    return SCHEDULE_EXPRESSIONS.get(text.lower(), text)
