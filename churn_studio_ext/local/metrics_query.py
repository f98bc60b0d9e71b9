"""One BatchGetMetrics query: a metric series of a trial component, aggregated per period.

Periods ``OneMinute``, ``FiveMinute`` and ``OneHour`` bucket points by their timestamp and
``IterationNumber`` buckets them by step. Every bucket reports one value of ``MetricStat``.

X-axis values:
- ``Timestamp``: Unix seconds. A time bucket reports its start, and a step bucket reports the whole
  second of its newest point.
- ``IterationNumber``: the step. A step bucket reports its step, and a time bucket reports the
  greatest step in it.

``Start`` (inclusive) and ``End`` (exclusive) bound the points by the same quantity as
``XAxisType``, before bucketing. Points without a step are left out wherever a step is needed.

NOTE: the units of Timestamp x-values and of Start/End, the bounds' inclusiveness and StdDev's
divisor are unverified against SageMaker. This module uses Unix seconds, [Start, End) and the
sample standard deviation.
"""

import math
import re
import sqlite3

PERIOD_SECONDS = {"OneMinute": 60, "FiveMinute": 300, "OneHour": 3600}
PERIODS = (*PERIOD_SECONDS, "IterationNumber")
STATISTICS = ("Min", "Max", "Avg", "Count", "StdDev", "Last")
X_AXIS_TYPES = ("IterationNumber", "Timestamp")

_ARN = re.compile(
    r"^arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:"
    r"(?P<type>experiment-trial-component|training-job)/(?P<name>.+)$"
)
TRAINING_JOB_COMPONENT_SUFFIX = "-aws-training-job"


class QueryError(ValueError):
    """A query that cannot run. Its message becomes the result's ``Message``."""


def component_name_of(resource_arn: str) -> str:
    """Return the trial component name that ``resource_arn`` names.

    A training job ARN names the job's trial component, ``<job>-aws-training-job``.
    """
    match = _ARN.match(resource_arn or "")
    if match is None:
        raise QueryError(
            f"Invalid ResourceArn {resource_arn!r}: use a trial component ARN "
            "(arn:aws:sagemaker:<region>:<account>:experiment-trial-component/<name>) or a "
            "training job ARN."
        )
    if match["type"] == "training-job":
        return match["name"] + TRAINING_JOB_COMPONENT_SUFFIX
    return match["name"]


def check_query(query: dict) -> None:
    """Raise QueryError when a field is missing or outside its enumeration."""
    for field, allowed in (
        ("MetricStat", STATISTICS),
        ("Period", PERIODS),
        ("XAxisType", X_AXIS_TYPES),
    ):
        if query.get(field) not in allowed:
            raise QueryError(
                f"Invalid {field} {query.get(field)!r}: use one of {', '.join(allowed)}."
            )
    if not isinstance(query.get("MetricName"), str) or not query["MetricName"]:
        raise QueryError("Missing MetricName: give the name of a logged metric.")
    for bound in ("Start", "End"):
        value = query.get(bound)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise QueryError(f"Invalid {bound} {value!r}: use an integer.")


def run_query(conn: sqlite3.Connection, trial_component_id: int, query: dict) -> dict:
    """Return the ``MetricQueryResult`` of a checked query on one trial component."""
    x_axis = query["XAxisType"]
    period = query["Period"]
    conditions = ["s.trial_component_id = ?", "s.name = ?"]
    params: list = [trial_component_id, query["MetricName"]]
    bounded = "p.timestamp" if x_axis == "Timestamp" else "p.step"
    if query.get("Start") is not None:
        conditions.append(f"{bounded} >= ?")
        params.append(query["Start"])
    if query.get("End") is not None:
        conditions.append(f"{bounded} < ?")
        params.append(query["End"])
    if x_axis == "IterationNumber" or period == "IterationNumber":
        conditions.append("p.step IS NOT NULL")

    rows = conn.execute(
        "SELECT p.step, p.timestamp, p.value FROM metric_summary s "
        "JOIN metric_point p ON p.metric_id = s.id "
        f"WHERE {' AND '.join(conditions)} ORDER BY p.seq",
        params,
    ).fetchall()

    buckets: dict = {}
    for step, timestamp, value in rows:
        if period == "IterationNumber":
            key = step
        else:
            size = PERIOD_SECONDS[period]
            key = math.floor(timestamp / size) * size
        buckets.setdefault(key, []).append((step, timestamp, value))

    points = []
    for key, members in buckets.items():
        points.append(
            (_x_value(key, members, period, x_axis), _statistic(members, query["MetricStat"]))
        )
    points.sort(key=lambda point: point[0])
    return {
        "Status": "Complete",
        "XAxisValues": [x for x, _ in points],
        "MetricValues": [value for _, value in points],
    }


def _x_value(key, members: list, period: str, x_axis: str) -> int:
    if x_axis == "Timestamp":
        if period == "IterationNumber":
            return math.floor(max(timestamp for _, timestamp, _ in members))
        return int(key)
    if period == "IterationNumber":
        return int(key)
    return max(step for step, _, _ in members)


def _statistic(members: list, statistic: str) -> float:
    values = [value for _, _, value in members]
    count = len(values)
    if statistic == "Count":
        return float(count)
    if statistic == "Min":
        return min(values)
    if statistic == "Max":
        return max(values)
    if statistic == "Last":
        # Members are in arrival order, so among equal newest timestamps the later arrival wins.
        newest = 0
        for index in range(1, count):
            if members[index][1] >= members[newest][1]:
                newest = index
        return values[newest]

    mean = math.fsum(values) / count
    if statistic == "Avg":
        return mean
    if count < 2:
        return 0.0
    return math.sqrt(math.fsum((value - mean) ** 2 for value in values) / (count - 1))
