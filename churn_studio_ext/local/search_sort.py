"""Search sort orders as SQL segments, and the opaque NextToken for keyset paging.

A sort is an ordered list of segments, each one query with its own ``ORDER BY``. Rows that have
the sort property come first, in the requested direction, and rows that lack it come last in
either direction, ordered by id. A parameter sort has two present segments because a parameter is
a number for some components and a string for others: numbers come before strings when ascending
and after them when descending, as in SQLite's own ordering of mixed types.

Every segment orders by ``(sort_key, tiebreak)`` where ``tiebreak`` is unique. A NextToken
stores that pair for the last row, and the next page starts strictly after it (keyset paging). So
no row is skipped or repeated while the data does not change, and deep pages cost no OFFSET scan.

Metric and parameter segments have two plans. ``walk`` reads the ``(name, statistic)`` index in
sort order and tests the filter on each row, which stops after one page when many rows match.
``filter_first`` finds the matching rows first and sorts them, which wins when few rows match.
"""

import base64
import hashlib
import json
from dataclasses import dataclass

from .errors import validation_error
from .search_properties import PARAMETER, Property

WALK = "walk"
FILTER_FIRST = "filter_first"


@dataclass(frozen=True)
class Segment:
    """One run of rows in sort order: rows of ``FROM`` that pass ``where``, keyed by ``key``."""

    walk_from: str  # FROM clause that drives the query from the sort index
    filter_first_from: str  # FROM clause that drives it from the searched table
    where: str
    params: tuple
    key: str | None  # None for the segment of rows lacking the property
    tiebreak: str


def build_segments(table: str, prop: Property, ascending: bool) -> list[Segment]:
    """Return the segments of sorting ``table`` (alias ``r``) by ``prop``."""
    plain_from = f"{table} r"
    if prop.metric_column is not None:
        return _metric_segments(table, prop)
    if prop.kind == PARAMETER:
        segments = _parameter_segments(table, prop)
        return segments if ascending else [segments[1], segments[0], segments[2]]

    if prop.element is None:
        present = Segment(
            plain_from, plain_from, f"{prop.column} IS NOT NULL", (), prop.column, "r.id"
        )
        missing = Segment(plain_from, plain_from, f"{prop.column} IS NULL", (), None, "r.id")
        return [present, missing]

    # Tags, artifacts and parents: the smallest value of the row's elements, computed per row.
    element = prop.element
    outer_key = element.main_key.replace("r.", "r0.", 1)
    scalar = (
        f"(SELECT min({prop.column}) FROM {element.table} "
        f"WHERE {element.link_column} = {outer_key} AND {element.where})"
    )
    # The scalar subquery sits in a derived table so its parameters are bound once.
    keyed_from = f"(SELECT r0.*, {scalar} AS sort_key FROM {table} r0) r"
    return [
        Segment(
            keyed_from, keyed_from, "r.sort_key IS NOT NULL", element.params, "r.sort_key", "r.id"
        ),
        Segment(keyed_from, keyed_from, "r.sort_key IS NULL", element.params, None, "r.id"),
    ]


def _metric_segments(table: str, prop: Property) -> list[Segment]:
    column = prop.metric_column
    # The (name, <statistic>) index carries the rowid ms.id, so (value, ms.id) is index order.
    present = Segment(
        walk_from=(
            f"metric_summary ms INDEXED BY metric_summary_{column} "
            f"CROSS JOIN {table} r ON r.id = ms.trial_component_id"
        ),
        filter_first_from=f"{table} r CROSS JOIN metric_summary ms ON ms.trial_component_id = r.id",
        where="ms.name = ?",
        params=(prop.metric_name,),
        key=f"ms.{column}",
        tiebreak="ms.id",
    )
    missing = Segment(
        walk_from=f"{table} r",
        filter_first_from=f"{table} r",
        where=(
            "NOT EXISTS (SELECT 1 FROM metric_summary m0 "
            "WHERE m0.trial_component_id = r.id AND m0.name = ?)"
        ),
        params=(prop.metric_name,),
        key=None,
        tiebreak="r.id",
    )
    return [present, missing]


def _parameter_segments(table: str, prop: Property) -> list[Segment]:
    segments = []
    for column, index in (
        ("number_value", "parameter_number"),
        ("string_value", "parameter_string"),
    ):
        # parameter is WITHOUT ROWID with key (trial_component_id, name): its (name, value) index
        # ends with trial_component_id, so (value, trial_component_id) is index order.
        segments.append(
            Segment(
                walk_from=(
                    f"parameter sp INDEXED BY {index} "
                    f"CROSS JOIN {table} r ON r.id = sp.trial_component_id"
                ),
                filter_first_from=f"{table} r CROSS JOIN parameter sp ON sp.trial_component_id = r.id",
                where=f"sp.name = ? AND sp.{column} IS NOT NULL",
                params=(prop.parameter_name,),
                key=f"sp.{column}",
                tiebreak="sp.trial_component_id",
            )
        )
    missing = Segment(
        walk_from=f"{table} r",
        filter_first_from=f"{table} r",
        where=(
            "NOT EXISTS (SELECT 1 FROM parameter p0 "
            "WHERE p0.trial_component_id = r.id AND p0.name = ?)"
        ),
        params=(prop.parameter_name,),
        key=None,
        tiebreak="r.id",
    )
    return [*segments, missing]


def segment_query(
    segment: Segment,
    plan: str,
    filter_sql: str | None,
    filter_params: list,
    ascending: bool,
    after: tuple | None,
    limit: int,
) -> tuple[str, list]:
    """Return the SQL and parameters of one page of ``segment``, starting after ``after``."""
    source = segment.walk_from if plan == WALK else segment.filter_first_from
    conditions = [segment.where]
    params: list = [*segment.params]
    if filter_sql:
        conditions.append(filter_sql)
        params.extend(filter_params)

    less = "<" if not ascending else ">"
    if after is not None:
        key_value, tiebreak_value = after
        if segment.key is None:
            conditions.append(f"{segment.tiebreak} {less} ?")
            params.append(tiebreak_value)
        else:
            # The first term bounds the index range, and the second one breaks ties.
            conditions.append(
                f"{segment.key} {less}= ? AND ({segment.key} {less} ? OR {segment.tiebreak} {less} ?)"
            )
            params.extend([key_value, key_value, tiebreak_value])

    direction = "ASC" if ascending else "DESC"
    key = segment.key or "NULL"
    order = f"{segment.tiebreak} {direction}"
    if segment.key is not None:
        order = f"{segment.key} {direction}, {order}"
    sql = (
        f"SELECT r.id AS id, {key} AS sort_key, {segment.tiebreak} AS tiebreak FROM {source} "
        f"WHERE {' AND '.join(conditions)} ORDER BY {order} LIMIT ?"
    )
    params.append(limit)
    return sql, params


def request_digest(request: dict) -> str:
    """Return a short digest of the request fields a NextToken is only valid for."""
    fields = {
        key: request.get(key) for key in ("Resource", "SearchExpression", "SortBy", "SortOrder")
    }
    text = json.dumps(fields, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def encode_token(digest: str, segment_index: int, key, tiebreak) -> str:
    payload = {"v": 1, "q": digest, "s": segment_index, "k": key, "t": tiebreak}
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()


def decode_token(token: str, digest: str, segment_count: int) -> tuple[int, tuple]:
    """Return ``(segment index, (key, tiebreak))`` of a NextToken from an identical request."""
    try:
        payload = json.loads(base64.urlsafe_b64decode(token.encode()))
        segment_index = int(payload["s"])
        position = (payload["k"], payload["t"])
        valid = payload["v"] == 1 and payload["q"] == digest and 0 <= segment_index < segment_count
    except (ValueError, KeyError, TypeError):
        valid = False
    if not valid:
        raise validation_error(
            "sagemaker",
            "Search",
            f"Invalid NextToken {token[:40]!r}: it was not returned by a Search with the same "
            "Resource, SearchExpression, SortBy and SortOrder. Repeat the first request without "
            "NextToken.",
        )
    return segment_index, position
