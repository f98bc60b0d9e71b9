"""A started training job: describe, wait with SDK-style status lines, stop, rule statuses.

``estimator.latest_training_job`` is a ``TrainingJob``. Waiting polls DescribeTrainingJob at a
fixed interval, prints each new secondary status transition as SageMaker Python SDK v2 does
(``2026-12-04 21:02:34 Training - Training in progress``), and ends with the training and
billable seconds. On the local backend it also prints the job's log (``training.log`` in the
job's folder), where SDK v2 prints the CloudWatch log. A job that ends ``Failed`` raises
``TrainingJobError``.
"""

from __future__ import annotations

import sys
import time
from datetime import timezone

TERMINAL_STATUSES = ("Completed", "Failed", "Stopped")
RULE_TERMINAL_STATUSES = ("NoIssuesFound", "IssuesFound", "Error", "Stopped")
# The default interval against AWS, where a job's steps take minutes.
DEFAULT_POLL_SECONDS = 2.0
# The default interval on the local backend, whose jobs often end within seconds: at 2 s a
# waited fit() ended on average about 1 s after its job. A DescribeTrainingJob costs a few ms.
LOCAL_POLL_SECONDS = 0.2
# Polling faster than this only loads the store, and slower than this delays short local jobs.
MIN_POLL_SECONDS = 0.1
MAX_POLL_SECONDS = 30.0
# SDK v2 accepts these values of `logs`, and any other truthy value means "All".
QUIET_LOG_VALUES = (False, None, "None")
# The local training worker appends the job's output here, in the job's folder.
TRAINING_LOG_NAME = "training.log"


class TrainingJobError(RuntimeError):
    """A training job ended Failed, or did not end within the time allowed."""

    def __init__(self, message, job_name, status=None):
        super().__init__(message)
        self.job_name = job_name
        self.status = status


class TrainingJob:
    """Handle of one training job on the session's ``sagemaker`` client."""

    def __init__(self, sagemaker_session, job_name):
        self.sagemaker_session = sagemaker_session
        self.job_name = job_name

    @property
    def name(self) -> str:
        return self.job_name

    def __repr__(self):
        return f"TrainingJob({self.job_name!r})"

    def describe(self) -> dict:
        """Return DescribeTrainingJob's response for this job."""
        return self.sagemaker_session.sagemaker_client.describe_training_job(
            TrainingJobName=self.job_name
        )

    def stop(self) -> None:
        """Request a stop of the job (StopTrainingJob), which moves its status to Stopping."""
        self.sagemaker_session.sagemaker_client.stop_training_job(TrainingJobName=self.job_name)

    def wait(self, logs="All", poll=None, timeout=None, out=None) -> dict:
        """Poll until the job is Completed, Failed or Stopped, and return its description.

        With ``logs`` true (``True``, ``"All"``, ``"Training"``, ``"Rules"``), each new secondary
        status transition is printed on its own line. With ``logs`` false, a dot is printed per
        poll. ``poll`` is the interval in seconds, kept between 0.1 and 30 (``None``: 0.2 on the
        local backend, 2 against AWS). ``timeout`` in
        seconds bounds the wait (``None``: no bound). Raises ``TrainingJobError`` when the job
        ends Failed or the timeout passes.
        """
        out = out or sys.stdout
        interval = self._interval(poll)
        verbose = logs not in QUIET_LOG_VALUES
        deadline = None if timeout is None else time.monotonic() + timeout
        printed_transitions = 0
        log_reader = _LocalLogReader(self.sagemaker_session, self.job_name) if verbose else None

        while True:
            description = self.describe()
            if verbose:
                # Log lines belong after the Training transition and before the later ones.
                transitions = description.get("SecondaryStatusTransitions") or []
                new = transitions[printed_transitions:]
                split = _after_training(new)
                _print_transitions(new[:split], out)
                log_reader.print_new_lines(out)
                _print_transitions(new[split:], out)
                printed_transitions = len(transitions)
            status = description["TrainingJobStatus"]
            if status in TERMINAL_STATUSES:
                break
            if not verbose:
                print(".", end="", file=out, flush=True)
            if deadline is not None and time.monotonic() >= deadline:
                raise TrainingJobError(
                    f"Training job {self.job_name} is still {status} after {timeout} s. Wait "
                    "longer, or stop it with estimator.latest_training_job.stop().",
                    self.job_name,
                    status,
                )
            time.sleep(interval)

        if not verbose:
            print(file=out)
        if verbose and status != "Failed":
            _print_seconds(description, out)
        _check_final_status(description)
        return description

    def rule_job_summary(self) -> list[dict]:
        """Return the job's ``DebugRuleEvaluationStatuses`` (empty without Debugger rules)."""
        return self.describe().get("DebugRuleEvaluationStatuses", [])

    def wait_for_rules(self, poll=None, timeout=600.0) -> list[dict]:
        """Poll until every Debugger rule evaluation has ended, and return the statuses.

        SDK v2's ``fit`` returns when training ends, while rule evaluations may still be
        InProgress, so this method waits for their verdicts. ``poll`` is as in ``wait``. Raises
        ``TrainingJobError`` after ``timeout`` seconds.
        """
        interval = self._interval(poll)
        deadline = time.monotonic() + timeout
        while True:
            statuses = self.rule_job_summary()
            pending = [
                status["RuleConfigurationName"]
                for status in statuses
                if status.get("RuleEvaluationStatus") not in RULE_TERMINAL_STATUSES
            ]
            if not pending:
                return statuses
            if time.monotonic() >= deadline:
                raise TrainingJobError(
                    f"Debugger rules {', '.join(pending)} of training job {self.job_name} did "
                    f"not finish within {timeout} s. Wait longer or check the job's rule "
                    "statuses with describe_training_job.",
                    self.job_name,
                )
            time.sleep(interval)

    def _interval(self, poll) -> float:
        if poll is None:
            local = getattr(self.sagemaker_session, "local", False)
            return LOCAL_POLL_SECONDS if local else DEFAULT_POLL_SECONDS
        return _bounded_interval(poll)


def _bounded_interval(poll) -> float:
    return min(max(float(poll), MIN_POLL_SECONDS), MAX_POLL_SECONDS)


def _after_training(transitions: list[dict]) -> int:
    for index, transition in enumerate(transitions):
        if transition["Status"] == "Training":
            return index + 1
    # Without a new Training transition, the log lines of this poll come after every new one
    # unless the job has moved past training.
    if transitions and transitions[0]["Status"] in ("Uploading", *TERMINAL_STATUSES):
        return 0
    return len(transitions)


def _print_transitions(transitions: list[dict], out) -> None:
    for transition in transitions:
        started = transition["StartTime"].astimezone(timezone.utc)
        print(
            f"{started:%Y-%m-%d %H:%M:%S} {transition['Status']} - "
            f"{transition.get('StatusMessage', '')}",
            file=out,
            flush=True,
        )


class _LocalLogReader:
    """Prints the lines a local job appended to its training log since the last call."""

    def __init__(self, sagemaker_session, job_name):
        self.path = None
        self.offset = 0
        if getattr(sagemaker_session, "local", False):
            from churn_studio_ext.local._training_records import workspace

            self.path = workspace(sagemaker_session.home, job_name) / TRAINING_LOG_NAME

    def print_new_lines(self, out) -> None:
        if self.path is None or not self.path.is_file():
            return
        with open(self.path, "rb") as log_file:
            log_file.seek(self.offset)
            data = log_file.read()
        # A line still being written has no newline yet, so it is printed on a later call.
        complete = data[: data.rfind(b"\n") + 1]
        self.offset += len(complete)
        if complete:
            out.write(complete.decode("utf-8", errors="replace"))
            out.flush()


def _print_seconds(description: dict, out) -> None:
    for label, field in (("Training", "TrainingTimeInSeconds"), ("Billable", "BillableTimeInSeconds")):
        if field in description:
            print(f"{label} seconds: {description[field]}", file=out)


def _check_final_status(description: dict) -> None:
    name = description["TrainingJobName"]
    status = description["TrainingJobStatus"]
    if status == "Failed":
        reason = description.get("FailureReason", "(no reason given)")
        raise TrainingJobError(
            f"Training job {name} failed: {reason} Fix the cause and call fit() again.",
            name,
            status,
        )
    if status == "Stopped":
        print(
            f"Training job {name} ended Stopped rather than Completed. Its model is the one "
            "saved before the stop, if any.",
            file=sys.stderr,
        )
