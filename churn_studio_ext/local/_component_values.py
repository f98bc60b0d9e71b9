"""Parameters and artifacts of a trial component: checks, merge by key, removal.

Create and Update merge maps by key: a key already stored gets the new value, a new key is
added, and keys are removed only through the ``...ToRemove`` lists.
"""

import math
import sqlite3

from .client_base import validation

# SageMaker's limits per trial component (botocore's TrialComponentParameters and
# TrialComponentArtifacts shapes); they also apply to the merged result of an update.
MAX_PARAMETERS = 300
MAX_ARTIFACTS_PER_DIRECTION = 60

DIRECTIONS = {"input": "InputArtifacts", "output": "OutputArtifacts"}


def check_parameter_values(parameters: dict) -> None:
    """Reject a parameter value that does not set exactly one of StringValue and NumberValue."""
    for name, value in parameters.items():
        members = [member for member in ("StringValue", "NumberValue") if member in value]
        if len(members) != 1:
            found = " and ".join(members) if members else "neither"
            raise validation(
                f"Parameter '{name}' must set exactly one of StringValue or NumberValue, but it "
                f"sets {found}. Send {{'StringValue': '...'}} or {{'NumberValue': 1.0}}."
            )
        number = value.get("NumberValue")
        if number is not None and not math.isfinite(number):
            raise validation(
                f"Parameter '{name}' has NumberValue {number}, which is not a finite number. "
                "Send NaN or infinite values as a StringValue, or leave the parameter out."
            )


def put_parameters(conn: sqlite3.Connection, component_id: int, parameters: dict) -> None:
    """Insert or replace ``parameters`` of a trial component, by name."""
    conn.executemany(
        "INSERT INTO parameter (trial_component_id, name, string_value, number_value) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (trial_component_id, name) DO UPDATE SET "
        "string_value = excluded.string_value, number_value = excluded.number_value",
        [
            (component_id, name, value.get("StringValue"), _number_or_none(value))
            for name, value in parameters.items()
        ],
    )


def remove_parameters(conn: sqlite3.Connection, component_id: int, names: list[str]) -> None:
    """Delete the named parameters; names that are not stored are ignored."""
    conn.executemany(
        "DELETE FROM parameter WHERE trial_component_id = ? AND name = ?",
        [(component_id, name) for name in names],
    )


def put_artifacts(
    conn: sqlite3.Connection, component_id: int, direction: str, artifacts: dict
) -> None:
    """Insert or replace the ``input`` or ``output`` artifacts of a trial component, by name."""
    conn.executemany(
        "INSERT INTO artifact (trial_component_id, direction, name, value, media_type) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (trial_component_id, direction, name) DO UPDATE SET "
        "value = excluded.value, media_type = excluded.media_type",
        [
            (component_id, direction, name, artifact["Value"], artifact.get("MediaType"))
            for name, artifact in artifacts.items()
        ],
    )


def remove_artifacts(
    conn: sqlite3.Connection, component_id: int, direction: str, names: list[str]
) -> None:
    """Delete the named artifacts of one direction; names that are not stored are ignored."""
    conn.executemany(
        "DELETE FROM artifact WHERE trial_component_id = ? AND direction = ? AND name = ?",
        [(component_id, direction, name) for name in names],
    )


def check_counts(conn: sqlite3.Connection, component_id: int, component_name: str) -> None:
    """Reject a write that leaves more parameters or artifacts than SageMaker allows."""
    parameter_count = conn.execute(
        "SELECT count(*) FROM parameter WHERE trial_component_id = ?", (component_id,)
    ).fetchone()[0]
    if parameter_count > MAX_PARAMETERS:
        raise validation(
            f"Trial component '{component_name}' would have {parameter_count} parameters, more "
            f"than the limit of {MAX_PARAMETERS}. Remove parameters with ParametersToRemove."
        )

    for direction, member in DIRECTIONS.items():
        artifact_count = conn.execute(
            "SELECT count(*) FROM artifact WHERE trial_component_id = ? AND direction = ?",
            (component_id, direction),
        ).fetchone()[0]
        if artifact_count > MAX_ARTIFACTS_PER_DIRECTION:
            raise validation(
                f"Trial component '{component_name}' would have {artifact_count} {member}, more "
                f"than the limit of {MAX_ARTIFACTS_PER_DIRECTION}. Remove some with "
                f"{member}ToRemove."
            )


def delete_all(conn: sqlite3.Connection, component_id: int) -> None:
    """Delete the parameters, artifacts and metrics of a trial component that is being deleted."""
    conn.execute("DELETE FROM parameter WHERE trial_component_id = ?", (component_id,))
    conn.execute("DELETE FROM artifact WHERE trial_component_id = ?", (component_id,))
    conn.execute(
        "DELETE FROM metric_point WHERE metric_id IN "
        "(SELECT id FROM metric_summary WHERE trial_component_id = ?)",
        (component_id,),
    )
    conn.execute("DELETE FROM metric_summary WHERE trial_component_id = ?", (component_id,))


def _number_or_none(value: dict) -> float | None:
    # boto3 accepts decimal.Decimal for a double; SQLite stores only float.
    number = value.get("NumberValue")
    return None if number is None else float(number)
