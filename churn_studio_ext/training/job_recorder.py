"""Recording a running training job's metrics and Debugger rule statuses in the store.

The worker hands each step's metrics to a ``JobRecorder``. Points are buffered and written to the
job's trial component in one transaction every ``FLUSH_STEPS`` steps or ``FLUSH_SECONDS``
seconds, so the UI can follow a job without one transaction per boosting round. The same
transaction stores the rule statuses of the job's ``RuleEvaluator`` (fed from a ``SeriesSource``)
and reads whether StopTrainingJob was called, which backs up the SIGTERM the worker receives.
"""

from __future__ import annotations

import logging
import time

from ..debugger import DEFAULT_SAVED_COLLECTIONS, RuleEvaluator, SeriesSource
from ..local import _training_records as records
from ..local.metrics_ingest import append_points, group_points

log = logging.getLogger(__name__)

FLUSH_STEPS = 10
FLUSH_SECONDS = 1.0


class JobRecorder:
    """Buffers a job's metric points and keeps its stored rule statuses up to date."""

    def __init__(self, store, job_id: int, job_name: str, request: dict):
        self.store = store
        self.job_id = job_id
        self.component_name = records.component_name(job_name)
        self.stop_requested = False
        self._buffer: list[dict] = []
        self._last: dict[str, dict] = {}
        self._steps_since_flush = 0
        self._last_flush = time.monotonic()

        self.evaluator: RuleEvaluator | None = None
        self.source: SeriesSource | None = None
        rules = request.get("DebugRuleConfigurations") or []
        if rules:
            with store.read() as conn:
                job_arns = {
                    row["rule_configuration_name"]: row["rule_evaluation_job_arn"]
                    for row in conn.execute(
                        "SELECT rule_configuration_name, rule_evaluation_job_arn "
                        "FROM debug_rule_evaluation WHERE training_job_id = ?",
                        (job_id,),
                    )
                }
            hook = request.get("DebugHookConfig") or {}
            configured = {
                collection["CollectionName"]
                for collection in hook.get("CollectionConfigurations", [])
                if "CollectionName" in collection
            }
            self.evaluator = RuleEvaluator(rules, job_arns=job_arns)
            self.source = SeriesSource(
                saved_collections=DEFAULT_SAVED_COLLECTIONS | configured
            )

    def record(
        self,
        step: int | None,
        metrics: dict[str, float],
        timestamp: float | None = None,
    ):
        """Buffer one step's metrics (name -> value) and flush when a batch is due.

        ``step`` is the boosting round or the script's iteration, or None for a value without
        one. Returns True when StopTrainingJob was seen in the store.
        """
        at = time.time() if timestamp is None else timestamp
        for name, value in metrics.items():
            point = {"MetricName": name, "Value": float(value), "Timestamp": at}
            if step is not None:
                point["Step"] = int(step)
            self._buffer.append(point)
            self._last[name] = {
                "MetricName": name,
                "Value": float(value),
                "Timestamp": at,
            }
        if self.source is not None and step is not None:
            self.source.add_metrics(step, metrics)

        self._steps_since_flush += 1
        due = self._steps_since_flush >= FLUSH_STEPS
        if due or time.monotonic() - self._last_flush >= FLUSH_SECONDS:
            self.flush()
        return self.stop_requested

    def flush(self) -> bool:
        """Write the buffered points and rule statuses, and return whether a stop was requested."""
        points, self._buffer = self._buffer, []
        self._steps_since_flush = 0
        self._last_flush = time.monotonic()
        groups, errors = group_points(points)
        if errors:
            log.warning(
                "Dropped %d invalid metric points of %s (NaN, infinite or negative step)",
                len(errors),
                self.component_name,
            )

        with self.store.write() as conn:
            status = conn.execute(
                "SELECT status FROM training_job WHERE id = ?", (self.job_id,)
            ).fetchone()["status"]
            self.stop_requested = status == records.STOPPING
            component = conn.execute(
                "SELECT id, source_arn FROM trial_component WHERE name_key = ?",
                (self.component_name.lower(),),
            ).fetchone()
            if groups and component is None:
                log.warning(
                    "Trial component %s was deleted, so %d metric points were dropped",
                    self.component_name,
                    len(points),
                )
            elif groups:
                # The same ingest as put_metric_points, inside this job's transaction.
                append_points(conn, component["id"], component["source_arn"], groups)
            if self.evaluator is not None and self.source is not None:
                if self.stop_requested:
                    self.evaluator.stop()
                else:
                    self.evaluator.update(self.source)
                self._store_rules(conn)
        return self.stop_requested

    def final_metrics(self) -> list[dict]:
        """Return FinalMetricDataList: the last value of each metric, sorted by name."""
        return [self._last[name] for name in sorted(self._last)]

    def finish_rules(self, stopped: bool) -> None:
        """Give the rules their final statuses: Stopped for a stopped job, else evaluate all."""
        self.flush()
        if self.evaluator is None or self.source is None:
            return
        if stopped:
            self.evaluator.stop()
            self.evaluator.stopped()
        else:
            self.evaluator.finish(self.source)
        with self.store.write() as conn:
            self._store_rules(conn)

    def _store_rules(self, conn) -> None:
        records.put_rule_statuses(
            conn, self.job_id, self.evaluator.statuses(), self.evaluator.explanations()
        )
