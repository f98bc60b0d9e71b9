"""Tags of local resources, keyed by ARN, and the AddTags, ListTags and DeleteTags operations."""

import sqlite3

from ._paging import PageRequest, fetch_page
from .arns import split_arn
from .client_base import operation, validation

# At most this many tags per resource (SageMaker's documented limit).
MAX_TAGS_PER_RESOURCE = 50

# Resource types whose existence AddTags can check; their tables have an ``arn`` column.
_TABLE_OF_ARN_TYPE = {
    "experiment": "experiment",
    "experiment-trial": "trial",
    "experiment-trial-component": "trial_component",
}

# ListTags' MaxResults has a minimum of 50 and no documented default; 50 is assumed.
_LIST_TAGS_DEFAULT_MAX_RESULTS = 50


def put_tags(conn: sqlite3.Connection, resource_arn: str, tags: list[dict]) -> None:
    """Add or overwrite ``tags`` ([{Key, Value}]) of a resource, keeping the 50-tag limit."""
    for tag in tags:
        conn.execute(
            "INSERT INTO tag (resource_arn, key, value) VALUES (?, ?, ?) "
            "ON CONFLICT (resource_arn, key) DO UPDATE SET value = excluded.value",
            (resource_arn, tag["Key"], tag.get("Value", "")),
        )

    count = conn.execute(
        "SELECT count(*) FROM tag WHERE resource_arn = ?", (resource_arn,)
    ).fetchone()[0]
    if count > MAX_TAGS_PER_RESOURCE:
        raise validation(
            f"Resource {resource_arn} would have {count} tags, more than the limit of "
            f"{MAX_TAGS_PER_RESOURCE}. Delete tags with DeleteTags before adding new ones."
        )


def delete_all_tags(conn: sqlite3.Connection, resource_arn: str) -> None:
    """Delete every tag of a resource that is being deleted."""
    conn.execute("DELETE FROM tag WHERE resource_arn = ?", (resource_arn,))


def tags_of(conn: sqlite3.Connection, resource_arn: str) -> list[dict]:
    """Return the tags of a resource as [{Key, Value}], ordered by key."""
    rows = conn.execute(
        "SELECT key, value FROM tag WHERE resource_arn = ? ORDER BY key", (resource_arn,)
    )
    return [{"Key": row["key"], "Value": row["value"]} for row in rows]


def _require_resource(conn: sqlite3.Connection, resource_arn: str) -> None:
    try:
        resource_type, _ = split_arn(resource_arn)
    except ValueError as error:
        raise validation(str(error)) from None

    table = _TABLE_OF_ARN_TYPE.get(resource_type)
    # NOTE: ARNs of other resource types (training jobs, endpoints, ...) are accepted without an
    # existence check, because their tables belong to other parts of the store.
    if table is None:
        return
    found = conn.execute(f"SELECT 1 FROM {table} WHERE arn = ?", (resource_arn,)).fetchone()
    if found is None:
        raise validation(
            f"Resource {resource_arn} does not exist. Check the ARN, which the resource's "
            "Describe or List operation returns."
        )


class TagOperations:
    """AddTags, ListTags and DeleteTags of ``LocalSageMakerClient``."""

    @operation("AddTags")
    def add_tags(self, params: dict) -> dict:
        with self.store.write() as conn:
            _require_resource(conn, params["ResourceArn"])
            put_tags(conn, params["ResourceArn"], params["Tags"])
        return {"Tags": params["Tags"]}

    @operation("ListTags")
    def list_tags(self, params: dict) -> dict:
        page = PageRequest(
            sort_column="key",
            descending=False,
            max_results=params.get("MaxResults", _LIST_TAGS_DEFAULT_MAX_RESULTS),
            next_token=params.get("NextToken"),
            request_digest=params["ResourceArn"],
        )
        with self.store.read() as conn:
            rows, next_token = fetch_page(
                conn,
                "SELECT key, value FROM tag",
                ["resource_arn = ?"],
                [params["ResourceArn"]],
                page,
                id_column="key",
            )

        response = {"Tags": [{"Key": row["key"], "Value": row["value"]} for row in rows]}
        if next_token:
            response["NextToken"] = next_token
        return response

    @operation("DeleteTags")
    def delete_tags(self, params: dict) -> dict:
        with self.store.write() as conn:
            _require_resource(conn, params["ResourceArn"])
            conn.executemany(
                "DELETE FROM tag WHERE resource_arn = ? AND key = ?",
                [(params["ResourceArn"], key) for key in params["TagKeys"]],
            )
        return {}
