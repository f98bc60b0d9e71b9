"""`RuleEvaluationStatus` values and the `StatusDetails` texts SageMaker shows with them.

Texts are taken from public SageMaker outputs: rule-job notebooks printing
`DebugRuleEvaluationStatuses`, and the `ClientError` reported when a job saved no debug data.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

IN_PROGRESS = "InProgress"
NO_ISSUES_FOUND = "NoIssuesFound"
ISSUES_FOUND = "IssuesFound"
ERROR = "Error"
STOPPING = "Stopping"
STOPPED = "Stopped"

#: Statuses after which the engine no longer evaluates the rule.
FINAL_STATUSES = frozenset({NO_ISSUES_FOUND, ISSUES_FOUND, ERROR, STOPPED})

#: Maximum length of `StatusDetails` in the SageMaker API model.
MAX_STATUS_DETAILS = 1024

#: SageMaker's text for a rule whose job found no tensors, for example a deep-learning rule on
#: an XGBoost job.
NO_DEBUG_DATA = (
    "ClientError: No debugging data was saved by the training job. Check that the debugger hook "
    "was configured correctly before starting the training job. Exception: Training job has ended. "
    "All the collection files could not be loaded"
)


def condition_met_details(rule_name: str, step: int) -> str:
    """Return the `IssuesFound` details, which end with a newline as SageMaker's do."""
    return (
        f"RuleEvaluationConditionMet: Evaluation of the rule {rule_name} at step {step} "
        "resulted in the condition being met\n"
    )


def no_data_details(rule_name: str | None = None, missing: str = "") -> str:
    """Return the `Error` details for missing tensors, naming what `rule_name` could not find."""
    if not rule_name or not missing:
        return NO_DEBUG_DATA
    return truncate_details(f"{NO_DEBUG_DATA}. Rule {rule_name} found {missing}.")


def truncate_details(text: str) -> str:
    """Cut `text` to the API's 1024-character limit, as SageMaker cuts long error details."""
    return text[:MAX_STATUS_DETAILS]


def status_item(
    rule_configuration_name: str,
    status: str,
    last_modified: datetime,
    *,
    details: str | None = None,
    job_arn: str | None = None,
) -> dict[str, Any]:
    """Return one `DebugRuleEvaluationStatuses` item without the keys that have no value."""
    item: dict[str, Any] = {"RuleConfigurationName": rule_configuration_name}
    if job_arn is not None:
        item["RuleEvaluationJobArn"] = job_arn
    item["RuleEvaluationStatus"] = status
    if details:
        item["StatusDetails"] = truncate_details(details)
    item["LastModifiedTime"] = last_modified
    return item
