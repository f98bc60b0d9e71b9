"""Conversions between the store's timestamps and the API's.

The store keeps times as Unix seconds in REAL columns (UTC). Requests accept what boto3 accepts
for a timestamp member: a ``datetime`` (naive means UTC), an epoch number or an ISO 8601 string.
Responses carry time-zone-aware ``datetime`` objects built as botocore's response parser builds
them, so a local response and a real one compare equal.

botocore is imported inside the conversions, not here, because the training worker imports this
module for ``now()`` only and should not pay for botocore's import at start.
"""

import time
from datetime import datetime


def now() -> float:
    """Return the current time in Unix seconds, rounded to milliseconds.

    Rounding makes a time read back from a response (a ``datetime`` with microseconds) convert
    to exactly the stored float, so ``CreatedAfter=<a CreationTime>`` excludes that resource.
    """
    return round(time.time(), 3)


def to_epoch(value) -> float:
    """Convert a request timestamp (datetime, epoch number or ISO 8601 string) to Unix seconds."""
    from botocore.utils import parse_to_aware_datetime

    return parse_to_aware_datetime(value).timestamp()


def to_datetime(epoch: float | None) -> datetime | None:
    """Convert stored Unix seconds to the aware ``datetime`` that boto3 returns (None to None)."""
    if epoch is None:
        return None
    from botocore.utils import parse_timestamp

    return parse_timestamp(epoch)
