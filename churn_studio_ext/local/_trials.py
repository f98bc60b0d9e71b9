"""CreateTrial, DescribeTrial, ListTrials, UpdateTrial and DeleteTrial."""

import json
import logging

from . import _records, _shapes
from ._experiments import SORT_COLUMNS, created_between
from ._paging import fetch_page, page_request
from ._tags import delete_all_tags, put_tags
from ._timestamps import now
from .arns import arn
from .client_base import operation, validation

log = logging.getLogger(__name__)


class TrialOperations:
    """The trial operations of ``LocalSageMakerClient``."""

    @operation("CreateTrial")
    def create_trial(self, params: dict) -> dict:
        name = params["TrialName"]
        trial_arn = arn("experiment-trial", name)
        metadata = params.get("MetadataProperties")
        created = now()
        user = _records.user_context_json()

        with self.store.write() as conn:
            experiment = _records.require(conn, "experiment", params["ExperimentName"])
            # The SageMaker Python SDK v2 matches "already exists" in a ValidationException
            # from CreateTrial, as it does for experiments and trial components.
            _records.require_absent(conn, "trial", name)
            conn.execute(
                "INSERT INTO trial (name, name_key, arn, display_name, experiment_id, "
                "metadata_properties, created_time, last_modified_time, created_by, "
                "last_modified_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    name,
                    name.lower(),
                    trial_arn,
                    params.get("DisplayName", name),
                    experiment["id"],
                    json.dumps(metadata) if metadata is not None else None,
                    created,
                    created,
                    user,
                    user,
                ),
            )
            put_tags(conn, trial_arn, params.get("Tags", []))

        log.debug("Created trial %s in experiment %s", name, experiment["name"])
        return {"TrialArn": trial_arn}

    @operation("DescribeTrial")
    def describe_trial(self, params: dict) -> dict:
        with self.store.read() as conn:
            row = _records.require(conn, "trial", params["TrialName"])
            experiment_name = conn.execute(
                "SELECT name FROM experiment WHERE id = ?", (row["experiment_id"],)
            ).fetchone()[0]
        return _shapes.trial(row, experiment_name)

    @operation("ListTrials")
    def list_trials(self, params: dict) -> dict:
        where, args = created_between(params, "created_time")

        with self.store.read() as conn:
            if "ExperimentName" in params:
                experiment = _records.require(conn, "experiment", params["ExperimentName"])
                where.append("experiment_id = ?")
                args.append(experiment["id"])

            if "TrialComponentName" in params:
                component = _records.require(conn, "trial_component", params["TrialComponentName"])
                where.append(
                    "id IN (SELECT trial_id FROM trial_component_association "
                    "WHERE trial_component_id = ?)"
                )
                args.append(component["id"])

            page = page_request(params, SORT_COLUMNS, {"where": where, "args": args})
            rows, next_token = fetch_page(conn, "SELECT * FROM trial", where, args, page)

        response = {"TrialSummaries": [_shapes.trial_summary(row) for row in rows]}
        if next_token:
            response["NextToken"] = next_token
        return response

    @operation("UpdateTrial")
    def update_trial(self, params: dict) -> dict:
        with self.store.write() as conn:
            row = _records.require(conn, "trial", params["TrialName"])
            conn.execute(
                "UPDATE trial SET display_name = ?, last_modified_time = ?, "
                "last_modified_by = ? WHERE id = ?",
                (
                    params.get("DisplayName", row["display_name"]),
                    now(),
                    _records.user_context_json(),
                    row["id"],
                ),
            )
        return {"TrialArn": row["arn"]}

    @operation("DeleteTrial")
    def delete_trial(self, params: dict) -> dict:
        with self.store.write() as conn:
            row = _records.require(conn, "trial", params["TrialName"])
            component_count = conn.execute(
                "SELECT count(*) FROM trial_component_association WHERE trial_id = ?",
                (row["id"],),
            ).fetchone()[0]
            # NOTE: SageMaker documents that a trial's components must be deleted first. It does
            # not document the error code (ValidationException is assumed) or whether
            # disassociating the components is enough, as it is here.
            if component_count:
                raise validation(
                    f"Trial '{row['name']}' still has {component_count} trial component(s). "
                    "Disassociate them with DisassociateTrialComponent (listed by "
                    "ListTrialComponents with TrialName) or delete them first."
                )
            delete_all_tags(conn, row["arn"])
            conn.execute("DELETE FROM trial WHERE id = ?", (row["id"],))

        log.debug("Deleted trial %s", row["name"])
        return {"TrialArn": row["arn"]}
