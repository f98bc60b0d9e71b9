"""Rows of the hosting resources (models, endpoint configs, endpoints) in the store.

Names are looked up case-insensitively through ``name_key``, because SageMaker names are unique
per account regardless of case. The missing-resource errors are ``ValidationException``s worded
like SageMaker's ``Could not find model "<arn>".``. DescribeEndpoint's code is confirmed by
botocore's ``EndpointDeleted`` waiter, which treats ``ValidationException`` as "deleted".
NOTE: the exact message texts are unverified.
"""

from __future__ import annotations

import json
import sqlite3

from .arns import arn
from .client_base import validation

# table -> (ARN resource type, name in messages)
_KINDS = {
    "model": ("model", "model"),
    "endpoint_config": ("endpoint-config", "endpoint configuration"),
    "endpoint": ("endpoint", "endpoint"),
}


def find(conn: sqlite3.Connection, table: str, name: str) -> sqlite3.Row | None:
    """Return the row named ``name`` (any case) in ``table``, or None."""
    return conn.execute(
        f"SELECT * FROM {table} WHERE name_key = ?", (name.lower(),)
    ).fetchone()


def require(conn: sqlite3.Connection, table: str, name: str) -> sqlite3.Row:
    """Return the row named ``name`` in ``table``, or raise the ValidationException for it."""
    row = find(conn, table, name)
    if row is None:
        resource_type, label = _KINDS[table]
        raise validation(f'Could not find {label} "{arn(resource_type, name)}".')
    return row


def require_absent(conn: sqlite3.Connection, table: str, name: str) -> None:
    """Raise the ValidationException for creating ``name`` when it already exists."""
    if find(conn, table, name) is not None:
        resource_type, label = _KINDS[table]
        raise validation(
            f'Cannot create already existing {label} "{arn(resource_type, name)}". '
            f"Choose another name, or delete the existing {label} first."
        )


def request_of(row: sqlite3.Row) -> dict:
    """Return the stored Create request of a model or endpoint config row."""
    return json.loads(row["request"])
