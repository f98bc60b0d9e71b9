"""CreateTrialComponent, DescribeTrialComponent, UpdateTrialComponent, ListTrialComponents and
DeleteTrialComponent."""

import json
import logging
import sqlite3

from . import _component_values as values
from . import _records, _shapes
from ._experiments import SORT_COLUMNS, created_between
from ._paging import fetch_page, page_request
from ._tags import delete_all_tags, put_tags
from ._timestamps import now, to_epoch
from .arns import arn
from .client_base import operation, validation

log = logging.getLogger(__name__)

_LIST_SCOPES = ("ExperimentName", "TrialName", "SourceArn")


def insert_trial_component(
    conn: sqlite3.Connection,
    name: str,
    *,
    display_name: str | None = None,
    status: dict | None = None,
    start_time=None,
    end_time=None,
    parameters: dict | None = None,
    input_artifacts: dict | None = None,
    output_artifacts: dict | None = None,
    metadata_properties: dict | None = None,
    tags: list[dict] | None = None,
    source_arn: str | None = None,
    source_type: str | None = None,
) -> str:
    """Insert a trial component inside the caller's write transaction and return its ARN.

    CreateTrialComponent uses it; so can local jobs, which also set ``source_arn`` and
    ``source_type`` (a member the API cannot set). Times take what boto3 takes for a timestamp.
    """
    _records.require_absent(conn, "trial_component", name)
    values.check_parameter_values(parameters or {})

    component_arn = arn("experiment-trial-component", name)
    created = now()
    user = _records.user_context_json()
    status = status or {}
    cursor = conn.execute(
        "INSERT INTO trial_component (name, name_key, arn, display_name, status, "
        "status_message, start_time, end_time, source_arn, source_type, metadata_properties, "
        "created_time, last_modified_time, created_by, last_modified_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            name,
            name.lower(),
            component_arn,
            display_name if display_name is not None else name,
            status.get("PrimaryStatus"),
            status.get("Message"),
            to_epoch(start_time) if start_time is not None else None,
            to_epoch(end_time) if end_time is not None else None,
            source_arn,
            source_type,
            json.dumps(metadata_properties) if metadata_properties is not None else None,
            created,
            created,
            user,
            user,
        ),
    )
    component_id = cursor.lastrowid

    values.put_parameters(conn, component_id, parameters or {})
    values.put_artifacts(conn, component_id, "input", input_artifacts or {})
    values.put_artifacts(conn, component_id, "output", output_artifacts or {})
    values.check_counts(conn, component_id, name)
    put_tags(conn, component_arn, tags or [])
    return component_arn


class TrialComponentOperations:
    """The trial component operations of ``LocalSageMakerClient``."""

    @operation("CreateTrialComponent")
    def create_trial_component(self, params: dict) -> dict:
        name = params["TrialComponentName"]
        with self.store.write() as conn:
            component_arn = insert_trial_component(
                conn,
                name,
                display_name=params.get("DisplayName"),
                status=params.get("Status"),
                start_time=params.get("StartTime"),
                end_time=params.get("EndTime"),
                parameters=params.get("Parameters"),
                input_artifacts=params.get("InputArtifacts"),
                output_artifacts=params.get("OutputArtifacts"),
                metadata_properties=params.get("MetadataProperties"),
                tags=params.get("Tags"),
            )

        log.debug("Created trial component %s", name)
        return {"TrialComponentArn": component_arn}

    @operation("DescribeTrialComponent")
    def describe_trial_component(self, params: dict) -> dict:
        with self.store.read() as conn:
            row = _records.require(conn, "trial_component", params["TrialComponentName"])
            return _shapes.trial_component(conn, row)

    @operation("UpdateTrialComponent")
    def update_trial_component(self, params: dict) -> dict:
        values.check_parameter_values(params.get("Parameters", {}))

        with self.store.write() as conn:
            row = _records.require(conn, "trial_component", params["TrialComponentName"])
            component_id = row["id"]
            status = params.get("Status")
            conn.execute(
                "UPDATE trial_component SET display_name = ?, status = ?, status_message = ?, "
                "start_time = ?, end_time = ?, last_modified_time = ?, last_modified_by = ? "
                "WHERE id = ?",
                (
                    params.get("DisplayName", row["display_name"]),
                    status.get("PrimaryStatus") if status is not None else row["status"],
                    status.get("Message") if status is not None else row["status_message"],
                    _epoch_or(params, "StartTime", row["start_time"]),
                    _epoch_or(params, "EndTime", row["end_time"]),
                    now(),
                    _records.user_context_json(),
                    component_id,
                ),
            )

            # Removal runs before the merge, so a key that is both removed and sent in the
            # same request ends up with the sent value.
            values.remove_parameters(conn, component_id, params.get("ParametersToRemove", []))
            values.put_parameters(conn, component_id, params.get("Parameters", {}))
            for direction, member in values.DIRECTIONS.items():
                values.remove_artifacts(
                    conn, component_id, direction, params.get(f"{member}ToRemove", [])
                )
                values.put_artifacts(conn, component_id, direction, params.get(member, {}))
            values.check_counts(conn, component_id, row["name"])

        return {"TrialComponentArn": row["arn"]}

    @operation("ListTrialComponents")
    def list_trial_components(self, params: dict) -> dict:
        scopes = [member for member in _LIST_SCOPES if member in params]
        if len(scopes) > 1:
            raise validation(
                f"ListTrialComponents takes at most one of ExperimentName, TrialName and "
                f"SourceArn, but got {', '.join(scopes)}. Send one of them."
            )

        where, args = created_between(params, "created_time")
        with self.store.read() as conn:
            if "ExperimentName" in params:
                experiment = _records.require(conn, "experiment", params["ExperimentName"])
                where.append(
                    "id IN (SELECT association.trial_component_id "
                    "FROM trial_component_association AS association "
                    "JOIN trial ON trial.id = association.trial_id WHERE trial.experiment_id = ?)"
                )
                args.append(experiment["id"])

            if "TrialName" in params:
                trial = _records.require(conn, "trial", params["TrialName"])
                where.append(
                    "id IN (SELECT trial_component_id FROM trial_component_association "
                    "WHERE trial_id = ?)"
                )
                args.append(trial["id"])

            if "SourceArn" in params:
                where.append("source_arn = ?")
                args.append(params["SourceArn"])

            page = page_request(params, SORT_COLUMNS, {"where": where, "args": args})
            rows, next_token = fetch_page(conn, "SELECT * FROM trial_component", where, args, page)

        response = {
            "TrialComponentSummaries": [_shapes.trial_component_summary(row) for row in rows]
        }
        if next_token:
            response["NextToken"] = next_token
        return response

    @operation("DeleteTrialComponent")
    def delete_trial_component(self, params: dict) -> dict:
        with self.store.write() as conn:
            row = _records.require(conn, "trial_component", params["TrialComponentName"])
            trial_names = [
                trial_row["name"]
                for trial_row in conn.execute(
                    "SELECT trial.name FROM trial_component_association AS association "
                    "JOIN trial ON trial.id = association.trial_id "
                    "WHERE association.trial_component_id = ? ORDER BY trial.name",
                    (row["id"],),
                )
            ]
            # NOTE: SageMaker documents that a component must be disassociated from every
            # trial before it is deleted, but not the error code; ValidationException is assumed.
            if trial_names:
                raise validation(
                    f"Trial component '{row['name']}' is still associated with trial(s) "
                    f"{', '.join(trial_names)}. Disassociate it from each with "
                    "DisassociateTrialComponent first."
                )
            values.delete_all(conn, row["id"])
            delete_all_tags(conn, row["arn"])
            conn.execute("DELETE FROM trial_component WHERE id = ?", (row["id"],))

        log.debug("Deleted trial component %s", row["name"])
        return {"TrialComponentArn": row["arn"]}


def _epoch_or(params: dict, member: str, stored: float | None) -> float | None:
    if member in params:
        return to_epoch(params[member])
    return stored
