"""The outcome of a tour run, read back from the studio: trials, their errors, rule verdicts,
the endpoint and its latest monitoring execution.

Everything comes from the ``sagemaker`` client (ListTrials, ListTrialComponents,
DescribeTrialComponent, DescribeTrainingJob, DescribeEndpoint, ListMonitoringExecutions,
DescribeProcessingJob) and the reports in the object store, so the summary shows what the
Experiments, Debugger and Endpoints views show.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

# Names the tour notebook gives. `churn-studio tour` checks for experiments with this prefix.
EXPERIMENT_PREFIX = "customer-churn-prediction-xgboost-"
RANKING_METRIC = "validation:error"
# SageMaker names a training job's trial component `<job name>-aws-training-job`.
TRAINING_COMPONENT_SUFFIX = "-aws-training-job"


@dataclass(frozen=True)
class TrialResult:
    """One trial of the tour and the training job behind its component."""

    trial_name: str
    trial_component_name: str | None
    training_job_name: str | None
    # Last value of validation:error, or NaN when the job recorded none.
    validation_error: float
    rule_statuses: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class TourSummary:
    experiment_name: str
    trials: list[TrialResult]

    @property
    def best_trial(self) -> TrialResult | None:
        """The trial with the lowest last validation:error (the first one on ties)."""
        ranked = [trial for trial in self.trials if not math.isnan(trial.validation_error)]
        return min(ranked, key=lambda trial: trial.validation_error) if ranked else None


def tour_experiment_names(sagemaker_client) -> list[str]:
    """Return the names of the tour experiments in the studio, oldest first."""
    names = []
    for page in sagemaker_client.get_paginator("list_experiments").paginate(
        SortBy="CreationTime", SortOrder="Ascending"
    ):
        names += [
            summary["ExperimentName"]
            for summary in page["ExperimentSummaries"]
            if summary["ExperimentName"].startswith(EXPERIMENT_PREFIX)
        ]
    return names


def read_tour_summary(sagemaker_client, experiment_name: str) -> TourSummary:
    """Collect every trial of ``experiment_name`` in creation order, with metrics and rules."""
    trials = []
    for page in sagemaker_client.get_paginator("list_trials").paginate(
        ExperimentName=experiment_name, SortBy="CreationTime", SortOrder="Ascending"
    ):
        for summary in page["TrialSummaries"]:
            trials.append(_trial_result(sagemaker_client, summary["TrialName"]))
    return TourSummary(experiment_name=experiment_name, trials=trials)


def format_summary(summary: TourSummary) -> str:
    """Render the summary as the text `churn-studio tour` prints."""
    width = max([len(trial.trial_name) for trial in summary.trials] + [len("Trial")])
    lines = [
        f"Experiment {summary.experiment_name}: {len(summary.trials)} trials",
        "",
        f"{'Trial':<{width}}  {RANKING_METRIC} (last)",
    ]
    for trial in summary.trials:
        value = "no value" if math.isnan(trial.validation_error) else f"{trial.validation_error:.6f}"
        lines.append(f"{trial.trial_name:<{width}}  {value}")

    best = summary.best_trial
    lines.append("")
    if best is None:
        lines.append(f"Best trial: none, because no trial recorded {RANKING_METRIC}.")
    else:
        lines.append(
            f"Best trial: {best.trial_name} ({RANKING_METRIC} {best.validation_error:.6f}, "
            f"training job {best.training_job_name})"
        )

    for trial in summary.trials:
        if not trial.rule_statuses:
            continue
        lines += ["", f"Debugger rules of {trial.trial_name}:"]
        for status in trial.rule_statuses:
            details = (status.get("StatusDetails") or "").strip()
            suffix = f": {details}" if details else ""
            lines.append(
                f"  {status['RuleConfigurationName']}: {status['RuleEvaluationStatus']}{suffix}"
            )
    return "\n".join(lines)


def _trial_result(sagemaker_client, trial_name: str) -> TrialResult:
    components = []
    for page in sagemaker_client.get_paginator("list_trial_components").paginate(
        TrialName=trial_name
    ):
        components += page["TrialComponentSummaries"]
    if not components:
        return TrialResult(trial_name, None, None, math.nan)

    # The tour puts one training component in each trial.
    component = sagemaker_client.describe_trial_component(
        TrialComponentName=components[0]["TrialComponentName"]
    )
    validation_error = next(
        (
            metric["Last"]
            for metric in component.get("Metrics", [])
            if metric.get("MetricName") == RANKING_METRIC and "Last" in metric
        ),
        math.nan,
    )
    job_name = _training_job_name(component)
    rule_statuses = []
    if job_name is not None:
        job = sagemaker_client.describe_training_job(TrainingJobName=job_name)
        rule_statuses = job.get("DebugRuleEvaluationStatuses", [])
    return TrialResult(
        trial_name=trial_name,
        trial_component_name=component["TrialComponentName"],
        training_job_name=job_name,
        validation_error=validation_error,
        rule_statuses=rule_statuses,
    )


def _training_job_name(component: dict) -> str | None:
    # The component name keeps the job name's case, but ARNs may be lower-cased.
    name = component["TrialComponentName"]
    if name.endswith(TRAINING_COMPONENT_SUFFIX):
        return name[: -len(TRAINING_COMPONENT_SUFFIX)]
    source_arn = (component.get("Source") or {}).get("SourceArn", "")
    resource = source_arn.split(":", 5)[-1]
    resource_type, _, name = resource.partition("/")
    return name if resource_type == "training-job" and name else None


# Hosting and monitoring ----------------------------------------------------------------------

# The notebook names its endpoint `demo-xgboost-customer-churn-<run timestamp>`.
ENDPOINT_PREFIX = "demo-xgboost-customer-churn-"
VIOLATIONS_FILE = "constraint_violations.json"


@dataclass(frozen=True)
class MonitoringResult:
    """The tour's endpoint and the latest monitoring execution on it, read from the studio."""

    endpoint_name: str
    # DescribeEndpoint's status, or None when the tour's clean-up deleted the endpoint.
    endpoint_status: str | None
    schedule_name: str | None = None
    processing_job_name: str | None = None
    execution_status: str | None = None
    exit_message: str | None = None
    failure_reason: str | None = None
    violations: list[dict] = field(default_factory=list)
    # (name, ScheduleExpression) of the monitoring schedules still on the endpoint.
    schedules: list[tuple[str, str]] = field(default_factory=list)


def tour_endpoint_name(experiment_name: str) -> str:
    """Return the endpoint name the notebook derives from the experiment's timestamp."""
    return ENDPOINT_PREFIX + experiment_name[len(EXPERIMENT_PREFIX):]


def read_monitoring_result(sagemaker_client, home, experiment_name: str) -> MonitoringResult:
    """Collect the endpoint's status and its newest monitoring execution with its violations.

    The executions and their reports outlive the endpoint and the schedules, so this works after
    the tour's clean-up. ``home`` is the local studio home whose object store contains the reports.
    """
    from churn_studio_ext.local.objects import ObjectStore

    endpoint_name = tour_endpoint_name(experiment_name)
    try:
        status = sagemaker_client.describe_endpoint(EndpointName=endpoint_name)["EndpointStatus"]
    except sagemaker_client.exceptions.ClientError:
        status = None
    schedules = [
        (summary["MonitoringScheduleName"], _schedule_expression(sagemaker_client, summary))
        for summary in sagemaker_client.list_monitoring_schedules(EndpointName=endpoint_name)[
            "MonitoringScheduleSummaries"]
    ]

    summaries = sagemaker_client.list_monitoring_executions(
        EndpointName=endpoint_name, SortBy="ScheduledTime", SortOrder="Descending", MaxResults=1
    )["MonitoringExecutionSummaries"]
    if not summaries:
        return MonitoringResult(endpoint_name, status, schedules=schedules)

    latest = summaries[0]
    job_name = (latest.get("ProcessingJobArn") or "").split("/")[-1] or None
    exit_message, violations = None, []
    if job_name:
        job = sagemaker_client.describe_processing_job(ProcessingJobName=job_name)
        exit_message = job.get("ExitMessage")
        outputs = job.get("ProcessingOutputConfig", {}).get("Outputs", [])
        if outputs:
            report_uri = outputs[0]["S3Output"]["S3Uri"].rstrip("/") + "/" + VIOLATIONS_FILE
            report = ObjectStore(home).path_for(report_uri)
            if report.is_file():
                violations = json.loads(report.read_text(encoding="utf-8"))["violations"]
    return MonitoringResult(
        endpoint_name=endpoint_name,
        endpoint_status=status,
        schedule_name=latest["MonitoringScheduleName"],
        processing_job_name=job_name,
        execution_status=latest["MonitoringExecutionStatus"],
        exit_message=exit_message,
        failure_reason=latest.get("FailureReason"),
        violations=violations,
        schedules=schedules,
    )


def _schedule_expression(sagemaker_client, summary: dict) -> str:
    description = sagemaker_client.describe_monitoring_schedule(
        MonitoringScheduleName=summary["MonitoringScheduleName"]
    )
    return description["MonitoringScheduleConfig"]["ScheduleConfig"]["ScheduleExpression"]


def format_monitoring(result: MonitoringResult) -> str:
    """Render the endpoint, the execution status and the violations grouped by check type."""
    status = result.endpoint_status or "deleted by the tour's clean-up"
    lines = [f"Endpoint {result.endpoint_name}: {status}"]
    for name, expression in result.schedules:
        lines.append(f"Monitoring schedule kept: {name} ({expression})")
    if result.execution_status is None:
        lines.append("Monitoring: no execution found for this endpoint.")
        return "\n".join(lines)

    lines.append(
        f"Monitoring execution {result.processing_job_name or '(no job)'} of schedule "
        f"{result.schedule_name}: {result.execution_status}"
    )
    for text in (result.exit_message, result.failure_reason):
        if text:
            lines.append(f"  {text}")
    lines.append(f"Violations: {len(result.violations)}")
    by_check: dict[str, list[str]] = {}
    for violation in result.violations:
        by_check.setdefault(violation["constraint_check_type"], []).append(
            violation["feature_name"]
        )
    for check, features in sorted(by_check.items()):
        lines.append(f"  {check} ({len(features)}): {', '.join(features)}")
    return "\n".join(lines)
