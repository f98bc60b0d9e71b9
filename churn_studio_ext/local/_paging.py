"""Keyset paging for the List operations.

A page is ``ORDER BY <sort column>, id`` with ``LIMIT MaxResults + 1``, and the extra row shows
that another page exists. ``NextToken`` is opaque to callers. It is URL-safe base64 of JSON with
the last row's sort value and id plus a digest of the request's filters and sort. So a page
boundary never moves when rows are inserted, and a token reused with other filters is rejected
instead of silently returning the wrong rows.
"""

import base64
import binascii
import hashlib
import json
import sqlite3
from dataclasses import dataclass

from .client_base import validation

# The List operations' MaxResults default, per the SageMaker API model's documentation.
DEFAULT_MAX_RESULTS = 10


@dataclass
class PageRequest:
    """The paging and sorting members of one List request, already defaulted."""

    sort_column: str
    descending: bool
    max_results: int
    next_token: str | None
    request_digest: str


def page_request(params: dict, sort_columns: dict[str, str], filters: dict) -> PageRequest:
    """Read SortBy, SortOrder, MaxResults and NextToken from ``params``.

    ``sort_columns`` maps each SortBy value to its SQL column; the defaults are CreationTime and
    Descending, as for ListExperiments, ListTrials and ListTrialComponents. ``filters`` are the
    request's other members that select rows; a NextToken is only valid with the same ones.
    """
    sort_by = params.get("SortBy", "CreationTime")
    sort_order = params.get("SortOrder", "Descending")
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
