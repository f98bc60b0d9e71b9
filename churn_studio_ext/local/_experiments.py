"""CreateExperiment, DescribeExperiment, ListExperiments, UpdateExperiment, DeleteExperiment."""

import logging

from . import _records, _shapes
from ._paging import fetch_page, page_request
from ._tags import delete_all_tags, put_tags
from ._timestamps import now, to_epoch
from .arns import arn
from .client_base import operation, validation

log = logging.getLogger(__name__)

SORT_COLUMNS = {"Name": "name_key", "CreationTime": "created_time"}


def created_between(params: dict, column: str) -> tuple[list[str], list]:
    """Return the WHERE conditions and arguments of a request's CreatedAfter and CreatedBefore."""
    where, args = [], []
    if "CreatedAfter" in params:
        where.append(f"{column} > ?")
        args.append(to_epoch(params["CreatedAfter"]))
    if "CreatedBefore" in params:
        where.append(f"{column} < ?")
        args.append(to_epoch(params["CreatedBefore"]))
    return where, args


class ExperimentOperations:
    """The experiment operations of ``LocalSageMakerClient``."""

    @operation("CreateExperiment")
    def create_experiment(self, params: dict) -> dict:
        name = params["ExperimentName"]
        experiment_arn = arn("experiment", name)
        created = now()
        user = _records.user_context_json()

        with self.store.write() as conn:
            _records.require_absent(conn, "experiment", name)
            # SageMaker fills DisplayName with the name when none is given.
            conn.execute(
                "INSERT INTO experiment (name, name_key, arn, display_name, description, "
                "created_time, last_modified_time, created_by, last_modified_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    name,
                    name.lower(),
                    experiment_arn,
                    params.get("DisplayName", name),
                    params.get("Description"),
                    created,
                    created,
                    user,
                    user,
                ),
            )
            put_tags(conn, experiment_arn, params.get("Tags", []))

        log.debug("Created experiment %s", name)
        return {"ExperimentArn": experiment_arn}

    @operation("DescribeExperiment")
    def describe_experiment(self, params: dict) -> dict:
        with self.store.read() as conn:
            row = _records.require(conn, "experiment", params["ExperimentName"])
        return _shapes.experiment(row)

    @operation("ListExperiments")
    def list_experiments(self, params: dict) -> dict:
        where, args = created_between(params, "created_time")
        page = page_request(params, SORT_COLUMNS, {"where": where, "args": args})

        with self.store.read() as conn:
            rows, next_token = fetch_page(conn, "SELECT * FROM experiment", where, args, page)

        response = {"ExperimentSummaries": [_shapes.experiment_summary(row) for row in rows]}
        if next_token:
            response["NextToken"] = next_token
        return response

    @operation("UpdateExperiment")
    def update_experiment(self, params: dict) -> dict:
        with self.store.write() as conn:
            row = _records.require(conn, "experiment", params["ExperimentName"])
            conn.execute(
                "UPDATE experiment SET display_name = ?, description = ?, "
                "last_modified_time = ?, last_modified_by = ? WHERE id = ?",
                (
                    params.get("DisplayName", row["display_name"]),
                    params.get("Description", row["description"]),
                    now(),
                    _records.user_context_json(),
                    row["id"],
                ),
            )
        return {"ExperimentArn": row["arn"]}

    @operation("DeleteExperiment")
    def delete_experiment(self, params: dict) -> dict:
        with self.store.write() as conn:
            row = _records.require(conn, "experiment", params["ExperimentName"])
            trial_count = conn.execute(
                "SELECT count(*) FROM trial WHERE experiment_id = ?", (row["id"],)
            ).fetchone()[0]
            # NOTE: SageMaker documents that trials must be deleted first but not the error
            # code it returns; ValidationException is assumed.
            if trial_count:
                raise validation(
                    f"Experiment '{row['name']}' still has {trial_count} trial(s). Delete its "
                    "trials with DeleteTrial (listed by ListTrials with ExperimentName) first."
                )
            delete_all_tags(conn, row["arn"])
            conn.execute("DELETE FROM experiment WHERE id = ?", (row["id"],))

        log.debug("Deleted experiment %s", row["name"])
        return {"ExperimentArn": row["arn"]}
