"""Flatten a DescribeTrainingJob response into the ``trainingJob`` section of a trial component.

The trial component of a training job names the job in its source ARN
(``arn:aws:sagemaker:<region>:<account>:training-job/<job name>``). The details view shows the
job's AWS settings and Debugger rule statuses from DescribeTrainingJob.
"""

from .rows import iso_time

TRAINING_JOB_ARN_MARKER = ":training-job/"


def training_job_name(source_arn: str | None) -> str | None:
    """Return the job name of a training-job source ARN, or None for any other source."""
    if not source_arn or TRAINING_JOB_ARN_MARKER not in source_arn:
        return None
    name = source_arn.split(TRAINING_JOB_ARN_MARKER, 1)[1]
    return name or None


def debug_rule_json(status: dict, configuration: dict | None = None) -> dict:
    """Build a ``DebugRule`` from one entry of ``DebugRuleEvaluationStatuses``.

    ``configuration`` is the job's ``DebugRuleConfigurations`` entry of the same name, which
    contains the rule's parameters and evaluator image.
    """
    configuration = configuration or {}
    return {
        "name": status.get("RuleConfigurationName"),
        "status": status.get("RuleEvaluationStatus"),
        "details": status.get("StatusDetails"),
        "ruleEvaluationJobArn": status.get("RuleEvaluationJobArn"),
        "lastModified": iso_time(status.get("LastModifiedTime")),
        "parameters": configuration.get("RuleParameters"),
        "evaluatorImage": configuration.get("RuleEvaluatorImage"),
    }


def training_job_json(description: dict) -> dict:
    """Build a ``TrainingJob`` from a DescribeTrainingJob response."""
    resources = description.get("ResourceConfig") or {}
    configurations = {
        configuration.get("RuleConfigurationName"): configuration
        for configuration in description.get("DebugRuleConfigurations") or []
    }
    return {
        "name": description["TrainingJobName"],
        "arn": description.get("TrainingJobArn"),
        "status": description.get("TrainingJobStatus"),
        "secondaryStatus": description.get("SecondaryStatus"),
        "failureReason": description.get("FailureReason"),
        "created": iso_time(description.get("CreationTime")),
        "startTime": iso_time(description.get("TrainingStartTime")),
        "endTime": iso_time(description.get("TrainingEndTime")),
        "lastModified": iso_time(description.get("LastModifiedTime")),
        "trainingSeconds": description.get("TrainingTimeInSeconds"),
        "billableSeconds": description.get("BillableTimeInSeconds"),
        "instanceType": resources.get("InstanceType"),
        "instanceCount": resources.get("InstanceCount"),
        "debugRules": [
            debug_rule_json(status, configurations.get(status.get("RuleConfigurationName")))
            for status in description.get("DebugRuleEvaluationStatuses") or []
        ],
    }
