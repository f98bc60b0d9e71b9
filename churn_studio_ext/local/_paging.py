"""Keyset paging for the List operations.

A page is ``ORDER BY <sort column>, id`` with ``LIMIT MaxResults + 1``, and the extra row shows
that another page exists. ``NextToken`` is opaque to callers. It is URL-safe base64 of JSON with
the last row's sort value and id plus a digest of the request's filters and sort. So a page
boundary never moves when rows are inserted, and a token reused with other filters is rejected
instead of silently returning the wrong rows.

``filter_conditions`` turns a List request's filter members into SQL conditions, and
``list_response`` reads one page and builds the response. The List operations of jobs, endpoints
and monitoring use both.
"""

import base64
import binascii
import hashlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from ._timestamps import to_epoch
from .client_base import validation

# The List operations' MaxResults default, per the SageMaker API model's documentation.
DEFAULT_MAX_RESULTS = 10


def _unchanged(value):
    return value


class Filter(NamedTuple):
    """One filter member of a List request and the SQL condition it adds when present.

    ``argument`` turns the member's value into the condition's one ``?`` argument. None means
    the condition has no placeholder, as for a filter that no local row can match.
    """

    member: str
    condition: str
    argument: Callable | None = _unchanged


# The time filters of the List operations on tables with created_time and last_modified_time.
TIME_FILTERS = (
    Filter("CreationTimeAfter", "created_time > ?", to_epoch),
    Filter("CreationTimeBefore", "created_time < ?", to_epoch),
    Filter("LastModifiedTimeAfter", "last_modified_time > ?", to_epoch),
    Filter("LastModifiedTimeBefore", "last_modified_time < ?", to_epoch),
)
# NameContains ignores case, as on SageMaker, so it searches name_key, the lower-cased name.
NAME_CONTAINS = Filter("NameContains", "instr(name_key, ?) > 0", str.lower)
STATUS_EQUALS = Filter("StatusEquals", "status = ?")

# The SortBy columns of ListTrainingJobs, ListProcessingJobs, ListEndpoints and
# ListMonitoringSchedules, and the filters of the first three. Their tables have name_key,
# status, created_time and last_modified_time.
NAME_STATUS_SORT_COLUMNS = {"Name": "name_key", "CreationTime": "created_time", "Status": "status"}
NAME_STATUS_FILTERS = (*TIME_FILTERS, NAME_CONTAINS, STATUS_EQUALS)


def filter_conditions(params: dict, filters) -> tuple[list[str], list]:
    """Build the WHERE conditions and arguments of the ``filters`` members present in ``params``.

    The conditions keep the order of ``filters``, because a NextToken's digest covers them.
    """
    where, args = [], []
    for member, condition, argument in filters:
        if member not in params:
            continue
        where.append(condition)
        if argument is not None:
            args.append(argument(params[member]))
    return where, args


@dataclass
class PageRequest:
    """The paging and sorting members of one List request, already defaulted."""

    sort_column: str
    descending: bool
    max_results: int
    next_token: str | None
    request_digest: str


def page_request(
    params: dict,
    sort_columns: dict[str, str],
    filters: dict,
    default_sort_order: str = "Descending",
) -> PageRequest:
    """Read SortBy, SortOrder, MaxResults and NextToken from ``params``.

    ``sort_columns`` maps each SortBy value to its SQL column. The defaults are CreationTime and
    ``default_sort_order``, which is Descending for ListExperiments, ListTrials and
    ListTrialComponents. ``filters`` are the request's other members that select rows, and a
    NextToken is only valid with the same ones.
    """
    sort_by = params.get("SortBy", "CreationTime")
    sort_order = params.get("SortOrder", default_sort_order)
    digest_source = json.dumps(
        {"filters": filters, "sort_by": sort_by, "sort_order": sort_order},
        sort_keys=True,
        default=str,
    )
    return PageRequest(
        sort_column=sort_columns[sort_by],
        descending=sort_order == "Descending",
        max_results=params.get("MaxResults", DEFAULT_MAX_RESULTS),
        next_token=params.get("NextToken"),
        request_digest=hashlib.sha256(digest_source.encode()).hexdigest()[:16],
    )


def fetch_page(
    conn: sqlite3.Connection,
    select_sql: str,
    where: list[str],
    args: list,
    page: PageRequest,
    id_column: str = "id",
) -> tuple[list[sqlite3.Row], str | None]:
    """Run ``select_sql`` with ``where`` conditions for one page; return the rows and NextToken.

    ``select_sql`` is ``SELECT ... FROM ...`` without WHERE or ORDER BY. The sort column and
    ``id_column`` must identify a row uniquely and be selectable from it.
    """
    conditions = list(where)
    arguments = list(args)

    if page.next_token:
        last_key, last_id = _decode(page.next_token, page.request_digest)
        comparison = "<" if page.descending else ">"
        conditions.append(f"({page.sort_column}, {id_column}) {comparison} (?, ?)")
        arguments.extend([last_key, last_id])

    direction = "DESC" if page.descending else "ASC"
    sql = select_sql
    if conditions:
        sql += " WHERE " + " AND ".join(f"({condition})" for condition in conditions)
    sql += f" ORDER BY {page.sort_column} {direction}, {id_column} {direction} LIMIT ?"
    arguments.append(page.max_results + 1)

    sql_with_keys = sql.replace(
        "SELECT ", f"SELECT {page.sort_column} AS page_sort_key, {id_column} AS page_id, ", 1
    )
    rows = conn.execute(sql_with_keys, arguments).fetchall()
    if len(rows) <= page.max_results:
        return rows, None

    rows = rows[: page.max_results]
    last = rows[-1]
    return rows, _encode(last["page_sort_key"], last["page_id"], page.request_digest)


def list_response(
    store,
    params: dict,
    select_sql: str,
    sort_columns: dict[str, str],
    where: list[str],
    args: list,
    member: str,
    summary: Callable[[sqlite3.Row], dict],
    default_sort_order: str = "Descending",
) -> dict:
    """Read one page of a List operation from ``store`` and build the response.

    The response has ``member`` with ``summary`` of each row, plus NextToken when rows remain.
    """
    page = page_request(params, sort_columns, {"where": where, "args": args}, default_sort_order)
    with store.read() as conn:
        rows, next_token = fetch_page(conn, select_sql, where, args, page)

    response = {member: [summary(row) for row in rows]}
    if next_token:
        response["NextToken"] = next_token
    return response


def _encode(sort_key, row_id: int, request_digest: str) -> str:
    payload = json.dumps({"k": sort_key, "i": row_id, "r": request_digest})
    return base64.urlsafe_b64encode(payload.encode()).decode()


def _decode(token: str, request_digest: str) -> tuple:
    try:
        payload = json.loads(base64.urlsafe_b64decode(token.encode()))
        sort_key, row_id, token_digest = payload["k"], payload["i"], payload["r"]
    except (binascii.Error, ValueError, KeyError, TypeError):
        raise validation(
            f"Invalid NextToken '{token}'. Pass the NextToken of the previous response unchanged, "
            "or omit it to start from the first page."
        ) from None

    if token_digest != request_digest:
        raise validation(
            "The NextToken was issued for a request with other filters or sort order. Repeat the "
            "request with the same members as the one that returned the token, or omit NextToken."
        )
    return sort_key, row_id
