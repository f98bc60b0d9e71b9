"""Metrics API for framework-mode entry-point scripts run by the local backend.

A script calls ``log_metric("validation:error", 0.06, step=12)``, which appends the point to
the file named by ``$CHURN_STUDIO_METRICS_FILE`` (one JSON object per line). The worker that runs
the script reads that file. It records the points on the job's trial component, in
FinalMetricDataList and for the job's Debugger rules, like metrics that ``MetricDefinitions``
parse from the log.

Outside a local training job the variable is unset: the call logs one warning and does nothing,
so the same script also runs on SageMaker (where ``MetricDefinitions`` collect metrics).
"""

from __future__ import annotations

import json
import logging
import math
import numbers
import os
import threading
import time

METRICS_FILE_VARIABLE = "CHURN_STUDIO_METRICS_FILE"

log = logging.getLogger(__name__)
_lock = threading.Lock()
_warned = False


def log_metric(
    name: str, value: float, step: int | None = None, timestamp: float | None = None
):
    """Record one metric value of the running training job.

    ``step`` is an iteration number (integer >= 0) and ``timestamp`` Unix seconds (default now).
    Raises ValueError for an empty name, a value that is not a finite number, or a negative step.
    """
    global _warned
    if not isinstance(name, str) or not name:
        raise ValueError(
            f"Invalid metric name {name!r}: use a non-empty string such as 'train:error'."
        )
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Real)
        or not math.isfinite(value)
    ):
        raise ValueError(
            f"Invalid value {value!r} of metric {name!r}: use a finite number."
        )
    if step is not None and (
        isinstance(step, bool) or not isinstance(step, numbers.Integral) or step < 0
    ):
        raise ValueError(
            f"Invalid step {step!r} of metric {name!r}: use an integer >= 0 or None."
        )

    path = os.environ.get(METRICS_FILE_VARIABLE)
    if not path:
        if not _warned:
            log.warning(
                "%s is not set, so metric %s is not recorded: log_metric records metrics only "
                "inside a local training job.",
                METRICS_FILE_VARIABLE,
                name,
            )
            _warned = True
        return

    point = {
        "MetricName": name,
        "Value": float(value),
        "Step": None if step is None else int(step),
        "Timestamp": time.time() if timestamp is None else float(timestamp),
    }
    line = json.dumps(point) + "\n"
    with _lock, open(path, "a", encoding="utf-8") as stream:
        stream.write(line)
