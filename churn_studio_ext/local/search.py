"""The local ``Search`` operation: SearchExpression, SortBy and NextToken run as SQL.

Filtering, sorting and paging are one query per sort segment (see ``search_sort``), and the
page's parameters, metrics, tags and parents are read with one query per table for just that
page's ids (see ``search_records``). The total count is one more query, and its result also picks
the plan. When many rows match, walking the sort index and testing the filter per row fills a page
quickly. When few match, finding them first and sorting them is cheaper.
"""

import logging
import math

from botocore.exceptions import ParamValidationError
from botocore.validate import ParamValidator

from .errors import service_model, validation_error
from .search_filters import (
    EXISTS_FORM,
    IN_FORM,
    compile_expression,
    count_query,
    validate_expression,
)
from .search_properties import RESOURCES, SUPPORTED_RESOURCES, resolve
from .search_records import RECORD_BUILDERS
from .search_sort import (
    FILTER_FIRST,
    WALK,
    build_segments,
    decode_token,
    encode_token,
    request_digest,
    segment_query,
)

log = logging.getLogger(__name__)

# SageMaker does not document Search's default page size. 10 is the default of every List
# operation of the same API, so Search uses it too.
DEFAULT_MAX_RESULTS = 10
MAX_MAX_RESULTS = 100
DEFAULT_SORT_BY = "LastModifiedTime"


def search(client, **kwargs) -> dict:
    """Run SageMaker ``Search`` against ``client.store`` and return boto3's response shape.

    Supports the resources ExperimentTrialComponent, Experiment and ExperimentTrial. Raises
    ``ParamValidationError`` where boto3 would reject the request before sending it, and a
    ``ValidationException`` ClientError where SageMaker would.
    """
    _validate_params(kwargs)
    resource_name = kwargs["Resource"]
    resource = RESOURCES.get(resource_name)
    if resource is None:
        raise validation_error(
            "sagemaker",
            "Search",
            f"Resource {resource_name} is not supported by the local backend. Supported "
            f"resources: {', '.join(SUPPORTED_RESOURCES)}. Use the AWS backend for the others.",
        )

    max_results = kwargs.get("MaxResults", DEFAULT_MAX_RESULTS)
    if not 1 <= max_results <= MAX_MAX_RESULTS:
        raise validation_error(
            "sagemaker",
            "Search",
            f"Invalid MaxResults {max_results}: use a value from 1 to {MAX_MAX_RESULTS}.",
        )

    expression = kwargs.get("SearchExpression")
    if expression is not None:
        validate_expression(resource, expression)
    sort_property = resolve(resource, kwargs.get("SortBy", DEFAULT_SORT_BY))
    ascending = kwargs.get("SortOrder", "Descending") == "Ascending"
    segments = build_segments(resource.table, sort_property, ascending)

    digest = request_digest(kwargs)
    start_segment, after = 0, None
    if kwargs.get("NextToken"):
        start_segment, after = decode_token(kwargs["NextToken"], digest, len(segments))

    with client.store.read() as conn:
        total, plan, filter_sql, filter_params = _plan(conn, resource, expression, max_results)

        rows = []
        if total > 0:
            for index in range(start_segment, len(segments)):
                position = after if index == start_segment else None
                sql, params = segment_query(
                    segments[index],
                    plan,
                    filter_sql,
                    filter_params,
                    ascending,
                    position,
                    max_results + 1 - len(rows),
                )
                rows.extend((index, row) for row in conn.execute(sql, params))
                if len(rows) > max_results:
                    break

        page = rows[:max_results]
        ids = [row["id"] for _, row in page]
        records = RECORD_BUILDERS[resource.name](conn, ids) if ids else []

    response = {"Results": records, "TotalHits": {"Value": total, "Relation": "EqualTo"}}
    if len(rows) > max_results:
        segment_index, last = page[-1]
        response["NextToken"] = encode_token(
            digest, segment_index, last["sort_key"], last["tiebreak"]
        )

    # The local client adds boto3's ResponseMetadata. A bare test client may lack the method.
    if hasattr(client, "response"):
        response = client.response(response)
    return response


def _plan(conn, resource, expression, max_results) -> tuple[int, str, str | None, list]:
    """Count the matching rows and choose the plan and filter form for the page queries.

    Walking the sort index reads about ``max_results * table_rows / matches`` rows per page,
    and filtering first reads and sorts ``matches`` rows. Walking is cheaper once
    ``matches > sqrt(max_results * table_rows)``: about 3,200 matches at 100,000 rows.
    """
    table = resource.table
    if expression is None:
        total = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return total, WALK, None, []

    in_sql, in_params = compile_expression(resource, expression, IN_FORM)
    count = count_query(resource, expression)
    if count is None:
        count = (f"SELECT count(*) FROM {table} r WHERE {in_sql}", in_params)
    total = conn.execute(*count).fetchone()[0]

    # max(id) bounds the row count from above at the cost of one index lookup.
    table_rows = conn.execute(f"SELECT max(id) FROM {table}").fetchone()[0] or 0
    if total > math.sqrt(max_results * table_rows):
        exists_sql, exists_params = compile_expression(resource, expression, EXISTS_FORM)
        return total, WALK, exists_sql, exists_params
    return total, FILTER_FIRST, in_sql, in_params


def _validate_params(kwargs: dict) -> None:
    """Reject what botocore's client-side validation rejects: unknown, missing or mistyped fields."""
    shape = service_model("sagemaker").operation_model("Search").input_shape
    report = ParamValidator().validate(kwargs, shape)
    if report.has_errors():
        raise ParamValidationError(report=report.generate_report())
