"""Appending metric points and keeping ``metric_summary`` exact, in one write transaction.

A call validates its points, groups them by metric name, and merges each group's statistics into
the stored summary with Chan's parallel formula. It writes everything with a handful of statements
(``executemany`` for the points and summary updates). So ingest costs about one SQLite transaction
per call rather than one statement per point.

NOTE: StdDev is the sample standard deviation (divisor count - 1, 0.0 for a single point).
SageMaker does not document whether its StdDev is the sample or the population value.
"""

import decimal
import itertools
import math
import numbers
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timezone

VALIDATION_ERROR = "VALIDATION_ERROR"
MAX_METRIC_NAME_LENGTH = 255


@dataclass
class _Group:
    """The valid points of one metric in one call, in arrival order, as columns."""

    steps: list
    timestamps: list
    values: list
    last_index: int = 0  # the newest point: greatest timestamp, then latest arrival
    last_timestamp: float = -math.inf


def timestamp_seconds(value) -> float:
    """Return Unix seconds for a datetime (naive means UTC), a number of seconds or an ISO string."""
    if isinstance(value, bool):
        raise TypeError(f"invalid Timestamp {value!r}")
    if isinstance(value, numbers.Real):
        seconds = float(value)
    elif isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        seconds = value.timestamp()
    else:
        # Imported here because the training worker appends numeric timestamps only and
        # should not pay for botocore's import at start.
        from botocore.utils import parse_to_aware_datetime

        seconds = parse_to_aware_datetime(value).timestamp()
    if not math.isfinite(seconds):
        raise ValueError(f"invalid Timestamp {value!r}")
    return seconds


def _normalized_point(name, step, timestamp, value) -> tuple | None:
    """Return ``(name, step, timestamp, value)`` converted to str, int, float, float, or None."""
    if not isinstance(name, str):
        return None
    # boto3 accepts decimal.Decimal wherever the model has a double.
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, decimal.Decimal)):
        return None
    if step is not None and (isinstance(step, bool) or not isinstance(step, numbers.Integral)):
        return None
    if timestamp is None:
        return None
    try:
        timestamp = timestamp_seconds(timestamp)
    except (TypeError, ValueError, OverflowError):
        return None
    return name, (None if step is None else int(step)), timestamp, float(value)


def group_points(points: list) -> tuple[dict[str, _Group], list[dict]]:
    """Split ``points`` into per-metric groups of valid points and the errors of invalid ones.

    This loop runs once per point on the ingest path, so the common case (float Value and
    Timestamp, int Step) is checked with exact types and the general conversion runs only for
    other types (datetime, numpy scalars, Decimal).
    """
    groups: dict[str, _Group] = {}
    errors = []
    for index, point in enumerate(points):
        try:
            name = point["MetricName"]
            value = point["Value"]
            timestamp = point["Timestamp"]
            step = point.get("Step")
        except (KeyError, TypeError, AttributeError):
            errors.append({"Code": VALIDATION_ERROR, "MetricIndex": index})
            continue

        # datetime is the usual Timestamp from SDK code. Converting it here avoids the slower
        # general path, which costs about a fifth of an ingest call.
        if type(timestamp) is datetime:
            if timestamp.tzinfo is None:
                timestamp = timestamp.replace(tzinfo=timezone.utc)
            timestamp = timestamp.timestamp()

        plain_types = (
            type(value) is float
            and type(timestamp) is float
            and type(name) is str
            and (step is None or type(step) is int)
        )
        if not plain_types:
            normalized = _normalized_point(name, step, timestamp, value)
            if normalized is None:
                errors.append({"Code": VALIDATION_ERROR, "MetricIndex": index})
                continue
            name, step, timestamp, value = normalized

        # x - x is 0.0 exactly when x is finite, because NaN and infinities give NaN.
        valid = (
            0 < len(name) <= MAX_METRIC_NAME_LENGTH
            and value - value == 0.0
            and timestamp - timestamp == 0.0
            and (step is None or step >= 0)
        )
        if not valid:
            errors.append({"Code": VALIDATION_ERROR, "MetricIndex": index})
            continue

        group = groups.get(name)
        if group is None:
            group = _Group([], [], [])
            groups[name] = group
        # Ties on timestamp go to the later arrival.
        if timestamp >= group.last_timestamp:
            group.last_index = len(group.values)
            group.last_timestamp = timestamp
        group.steps.append(step)
        group.timestamps.append(timestamp)
        group.values.append(value)
    return groups, errors


def _batch_statistics(values: list) -> tuple[int, float, float, float, float]:
    """Return ``(count, mean, m2, min, max)`` of one batch, with m2 from a two-pass sum."""
    count = len(values)
    mean = math.fsum(values) / count
    m2 = math.fsum((value - mean) ** 2 for value in values)
    return count, mean, m2, min(values), max(values)


def _std_dev(count: int, m2: float) -> float:
    return math.sqrt(m2 / (count - 1)) if count > 1 else 0.0


def append_points(
    conn: sqlite3.Connection,
    trial_component_id: int,
    source_arn: str | None,
    groups: dict[str, _Group],
) -> None:
    """Append the grouped points and update their summaries, inside the caller's write transaction."""
    now = time.time()
    names = list(groups)
    marks = ", ".join("?" * len(names))
    stored = {
        row[0]: row
        for row in conn.execute(
            "SELECT name, id, count, mean, m2, min, max, last, last_step, last_timestamp "
            "FROM metric_summary "
            f"WHERE trial_component_id = ? AND name IN ({marks})",
            [trial_component_id, *names],
        )
    }

    updates = []
    point_rows = []
    for name, group in groups.items():
        count_b, mean_b, m2_b, min_b, max_b = _batch_statistics(group.values)
        last_step = group.steps[group.last_index]
        last_timestamp = group.timestamps[group.last_index]
        last_value = group.values[group.last_index]
        old = stored.get(name)

        if old is None:
            cursor = conn.execute(
                "INSERT INTO metric_summary (trial_component_id, name, source_arn, count, min, "
                "max, mean, m2, avg, std_dev, last, last_step, last_timestamp, updated_time) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    trial_component_id,
                    name,
                    source_arn,
                    count_b,
                    min_b,
                    max_b,
                    mean_b,
                    m2_b,
                    mean_b,
                    _std_dev(count_b, m2_b),
                    last_value,
                    last_step,
                    last_timestamp,
                    now,
                ),
            )
            metric_id, first_seq = cursor.lastrowid, 0
        else:
            metric_id, count_a, mean_a, m2_a = old["id"], old["count"], old["mean"], old["m2"]
            min_a, max_a = old["min"], old["max"]
            # Chan et al.'s pairwise update: exact merge of two (count, mean, m2) summaries.
            count = count_a + count_b
            delta = mean_b - mean_a
            mean = mean_a + delta * count_b / count
            m2 = m2_a + m2_b + delta * delta * count_a * count_b / count
            # seq continues from the stored count: points are never deleted one by one.
            first_seq = count_a
            if last_timestamp < old["last_timestamp"]:
                last_value, last_step, last_timestamp = (
                    old["last"],
                    old["last_step"],
                    old["last_timestamp"],
                )
            updates.append(
                (
                    count,
                    min(min_a, min_b),
                    max(max_a, max_b),
                    mean,
                    m2,
                    mean,
                    _std_dev(count, m2),
                    last_value,
                    last_step,
                    last_timestamp,
                    now,
                    metric_id,
                )
            )

        point_rows.append(
            zip(
                itertools.repeat(metric_id),
                itertools.count(first_seq),
                group.steps,
                group.timestamps,
                group.values,
            )
        )

    if updates:
        conn.executemany(
            "UPDATE metric_summary SET count = ?, min = ?, max = ?, mean = ?, m2 = ?, avg = ?, "
            "std_dev = ?, last = ?, last_step = ?, last_timestamp = ?, updated_time = ? "
            "WHERE id = ?",
            updates,
        )
    conn.executemany(
        "INSERT INTO metric_point (metric_id, seq, step, timestamp, value) VALUES (?, ?, ?, ?, ?)",
        itertools.chain.from_iterable(point_rows),
    )
    conn.execute(
        "UPDATE trial_component SET last_modified_time = ? WHERE id = ?", (now, trial_component_id)
    )
