"""The outcome of a tour run, read back from the studio: trials, their errors, rule verdicts.

Everything comes from the ``sagemaker`` client (ListTrials, ListTrialComponents,
DescribeTrialComponent, DescribeTrainingJob), so the summary shows what the Experiments and
Debugger views show.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# Names the tour notebook gives; `churn-studio tour` checks for experiments with this prefix.
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
    # The component name keeps the job name's case; ARNs may be lower-cased.
    name = component["TrialComponentName"]
    if name.endswith(TRAINING_COMPONENT_SUFFIX):
        return name[: -len(TRAINING_COMPONENT_SUFFIX)]
    source_arn = (component.get("Source") or {}).get("SourceArn", "")
    resource = source_arn.split(":", 5)[-1]
    resource_type, _, name = resource.partition("/")
    return name if resource_type == "training-job" and name else None
