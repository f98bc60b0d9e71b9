"""Lookups of experiments, trials and trial components by name or ARN, shared by the operations.

Names are unique per account regardless of case, so every lookup goes through ``name_key``
(``lower(name)``). Each ``require_*`` raises the ``ResourceNotFound`` error SageMaker returns
for a missing resource.

NOTE: SageMaker does not document the wording of its ResourceNotFound and "already exists"
messages. These name the resource and the value. They contain "already exists" because the
SageMaker Python SDK v2 matches on that text.
"""

import functools
import getpass
import json
import sqlite3

from .arns import is_arn, split_arn
from .client_base import not_found, validation

_TABLES = {
    "experiment": ("experiment", "Experiment"),
    "trial": ("trial", "Trial"),
    "trial_component": ("trial_component", "Trial component"),
}
_ARN_TYPES = {
    "experiment": "experiment",
    "trial": "experiment-trial",
    "trial_component": "experiment-trial-component",
}


@functools.lru_cache(maxsize=1)
def user_context_json() -> str:
    """Return the ``UserContext`` recorded as CreatedBy and LastModifiedBy, as JSON.

    The local backend has no Studio user profiles or IAM identities, so it records only the
    operating system's login name as ``UserProfileName``, or ``{}`` when there is none.
    """
    try:
        return json.dumps({"UserProfileName": getpass.getuser()})
    except (OSError, KeyError):
        return "{}"


def find(conn: sqlite3.Connection, kind: str, name_or_arn: str) -> sqlite3.Row | None:
    """Return the row of the ``kind`` resource with this name (any case) or ARN, or None."""
    table = _TABLES[kind][0]
    if is_arn(name_or_arn):
        resource_type, name = split_arn(name_or_arn)
        if resource_type != _ARN_TYPES[kind]:
            return None
        return conn.execute(
            f"SELECT * FROM {table} WHERE arn = ?", (name_or_arn.lower(),)
        ).fetchone()
    return conn.execute(
        f"SELECT * FROM {table} WHERE name_key = ?", (name_or_arn.lower(),)
    ).fetchone()


def require(conn: sqlite3.Connection, kind: str, name_or_arn: str) -> sqlite3.Row:
    """Return the row of the ``kind`` resource, or raise ResourceNotFound naming it."""
    row = find(conn, kind, name_or_arn)
    if row is None:
        raise not_found(f"{_TABLES[kind][1]} '{name_or_arn}' does not exist.")
    return row


def require_absent(conn: sqlite3.Connection, kind: str, name: str) -> None:
    """Raise the "already exists" ValidationException if a ``kind`` named ``name`` exists."""
    existing = find(conn, kind, name)
    if existing is None:
        return

    label = _TABLES[kind][1]
    message = f"{label} '{name}' already exists."
    if existing["name"] != name:
        message += (
            f" An existing {label.lower()} is named '{existing['name']}', and names are not "
            "case-sensitive."
        )
    raise validation(message + f" Choose another name, or describe the existing {label.lower()}.")
