"""TrainingJob.wait prints SDK-style progress and reports failures; wait_for_rules waits for verdicts."""

from __future__ import annotations

import io
from datetime import datetime, timezone
from types import SimpleNamespace

import pytest

from churn_studio_ext.sdk.training_job import TrainingJob, TrainingJobError

STARTED = datetime(2026, 12, 4, 21, 2, 34, tzinfo=timezone.utc)


def transition(status, message):
    return {"Status": status, "StartTime": STARTED, "StatusMessage": message}


class ScriptedClient:
    """Returns the given DescribeTrainingJob responses in turn, repeating the last one."""

    def __init__(self, descriptions):
        self.descriptions = list(descriptions)
        self.calls = 0

    def describe_training_job(self, TrainingJobName):  # noqa: N803 - boto3's argument name
        description = self.descriptions[min(self.calls, len(self.descriptions) - 1)]
        self.calls += 1
        return {"TrainingJobName": TrainingJobName, **description}


def job_on(descriptions, job_name="churn-job"):
    client = ScriptedClient(descriptions)
    session = SimpleNamespace(sagemaker_client=client, local=False)
    return TrainingJob(session, job_name), client


def test_wait_prints_each_transition_once():
    job, client = job_on(
        [
            {"TrainingJobStatus": "InProgress", "SecondaryStatusTransitions": [transition("Starting", "Starting")]},
            {
                "TrainingJobStatus": "Completed",
                "SecondaryStatusTransitions": [
                    transition("Starting", "Starting"),
                    transition("Training", "Training in progress"),
                    transition("Completed", "Training job completed"),
                ],
                "TrainingTimeInSeconds": 175,
                "BillableTimeInSeconds": 175,
            },
        ]
    )
    out = io.StringIO()
    description = job.wait(poll=0.1, out=out)
    assert description["TrainingJobStatus"] == "Completed"
    assert client.calls == 2
    assert out.getvalue().splitlines() == [
        "2026-12-04 21:02:34 Starting - Starting",
        "2026-12-04 21:02:34 Training - Training in progress",
        "2026-12-04 21:02:34 Completed - Training job completed",
        "Training seconds: 175",
        "Billable seconds: 175",
    ]


def test_quiet_wait_prints_dots():
    job, _ = job_on([{"TrainingJobStatus": "InProgress"}] * 3 + [{"TrainingJobStatus": "Completed"}])
    out = io.StringIO()
    job.wait(logs=False, poll=0.1, out=out)
    assert out.getvalue() == "...\n"


def test_failed_job_raises_with_reason():
    job, _ = job_on([{"TrainingJobStatus": "Failed", "FailureReason": "ClientError: bad channel."}])
    with pytest.raises(TrainingJobError, match="Training job churn-job failed: ClientError: bad channel.") as raised:
        job.wait(logs=False, poll=0.1, out=io.StringIO())
    assert raised.value.status == "Failed"
    assert raised.value.job_name == "churn-job"


def test_wait_timeout_raises():
    job, _ = job_on([{"TrainingJobStatus": "InProgress"}])
    with pytest.raises(TrainingJobError, match="still InProgress after 0 s"):
        job.wait(logs=False, poll=0.1, timeout=0, out=io.StringIO())


def test_stopped_job_returns(capsys):
    job, _ = job_on([{"TrainingJobStatus": "Stopped"}])
    assert job.wait(logs=False, poll=0.1, out=io.StringIO())["TrainingJobStatus"] == "Stopped"
    assert "ended Stopped rather than Completed" in capsys.readouterr().err


def test_wait_for_rules_returns_final_statuses():
    pending = {"RuleConfigurationName": "Overfit", "RuleEvaluationStatus": "InProgress"}
    done = {"RuleConfigurationName": "Overfit", "RuleEvaluationStatus": "IssuesFound"}
    job, client = job_on(
        [
            {"TrainingJobStatus": "Completed", "DebugRuleEvaluationStatuses": [pending]},
            {"TrainingJobStatus": "Completed", "DebugRuleEvaluationStatuses": [done]},
        ]
    )
    assert job.wait_for_rules(poll=0.1) == [done]
    assert client.calls == 2


def test_wait_for_rules_timeout_names_rules():
    pending = {"RuleConfigurationName": "Overfit", "RuleEvaluationStatus": "InProgress"}
    job, _ = job_on([{"TrainingJobStatus": "Completed", "DebugRuleEvaluationStatuses": [pending]}])
    with pytest.raises(TrainingJobError, match="Debugger rules Overfit of training job churn-job"):
        job.wait_for_rules(poll=0.1, timeout=0)


def test_job_without_rules_has_empty_summary():
    job, _ = job_on([{"TrainingJobStatus": "Completed"}])
    assert job.rule_job_summary() == []


@pytest.mark.parametrize(("local", "expected"), [(True, 0.2), (False, 2.0)])
def test_wait_default_poll_depends_on_backend(monkeypatch, local, expected):
    job, _ = job_on([{"TrainingJobStatus": "InProgress"}, {"TrainingJobStatus": "Completed"}])
    job.sagemaker_session.local = local
    job.sagemaker_session.home = "/nonexistent-studio-home"
    sleeps = []
    monkeypatch.setattr("churn_studio_ext.sdk.training_job.time.sleep", sleeps.append)

    job.wait(logs=False, out=io.StringIO())

    assert sleeps == [expected]


def test_wait_explicit_poll_overrides_default(monkeypatch):
    job, _ = job_on([{"TrainingJobStatus": "InProgress"}, {"TrainingJobStatus": "Completed"}])
    job.sagemaker_session.local = True
    sleeps = []
    monkeypatch.setattr("churn_studio_ext.sdk.training_job.time.sleep", sleeps.append)

    job.wait(logs=False, poll=5, out=io.StringIO())

    assert sleeps == [5.0]
