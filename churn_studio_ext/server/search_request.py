"""Build the SageMaker ``Search`` request behind the trial-component list.

Filters, sort keys and operators are SageMaker's own, so the same request goes to the local
backend and to AWS. The checks here catch malformed filters and sort keys before a round trip to
AWS, with a message that names the invalid value. The backend still checks property names.
"""

from dataclasses import dataclass, field
from datetime import datetime, timezone

from .errors import BadRequest

SEARCH_RESOURCE = "ExperimentTrialComponent"

# Limits of SearchExpression.Filters (botocore sagemaker 2017-07-24 service model).
MAX_FILTERS = 20
MAX_FILTER_VALUE_LENGTH = 1024
MAX_PROPERTY_NAME_LENGTH = 255

FILTER_OPERATORS = (
    "Equals",
    "NotEquals",
    "GreaterThan",
    "GreaterThanOrEqualTo",
    "LessThan",
    "LessThanOrEqualTo",
    "Contains",
    "Exists",
    "NotExists",
    "In",
)
OPERATORS_WITHOUT_VALUE = ("Exists", "NotExists")

# Trial component times that Search filters on. Search documents a time Value as ISO 8601
# YYYY-mm-ddTHH:MM:SS, so other ISO 8601 forms are rewritten to that form in UTC.
TIME_PROPERTIES = ("CreationTime", "LastModifiedTime", "StartTime", "EndTime")
TIME_OPERATORS = (
    "Equals",
    "NotEquals",
    "GreaterThan",
    "GreaterThanOrEqualTo",
    "LessThan",
    "LessThanOrEqualTo",
)
SEARCH_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S"
TAG_PREFIX = "Tags."

SORT_PROPERTIES = {
    "Name": "TrialComponentName",
    "TrialComponentName": "TrialComponentName",
    "DisplayName": "DisplayName",
    "CreationTime": "CreationTime",
    "LastModifiedTime": "LastModifiedTime",
    "StartTime": "StartTime",
    "EndTime": "EndTime",
    "Status.PrimaryStatus": "Status.PrimaryStatus",
}
METRIC_STATISTICS = ("Min", "Max", "Avg", "StdDev", "Last", "Count")
SORT_ORDERS = {"asc": "Ascending", "desc": "Descending"}

DEFAULT_SORT = "CreationTime"
DEFAULT_ORDER = "desc"
DEFAULT_LIMIT = 50
MAX_LIMIT = 100


@dataclass
class TrialComponentQuery:
    """The trial-component list's query parameters, already parsed from the request."""

    experiment: str | None = None
    trial: str | None = None
    unassigned: bool = False
    filters: list = field(default_factory=list)
    sort: str = DEFAULT_SORT
    order: str = DEFAULT_ORDER
    limit: int = DEFAULT_LIMIT
    cursor: str | None = None


def sort_property(sort: str) -> str:
    """Translate a REST sort key into a Search ``SortBy`` property, or raise ``BadRequest``."""
    if sort in SORT_PROPERTIES:
        return SORT_PROPERTIES[sort]

    if sort.startswith("Parameters.") and len(sort) > len("Parameters."):
        return sort

    if sort.startswith("Metrics."):
        # Metric names may contain dots, so the statistic is whatever follows the last dot.
        metric, _, statistic = sort[len("Metrics.") :].rpartition(".")
        if metric and statistic in METRIC_STATISTICS:
            return sort
        raise BadRequest(
            f"Invalid sort {sort!r}: a metric sort key is Metrics.<metric>.<statistic> with "
            f"statistic one of {', '.join(METRIC_STATISTICS)}, e.g. Metrics.validation:error.Last."
        )

    raise BadRequest(
        f"Invalid sort {sort!r}: use one of {', '.join(SORT_PROPERTIES)}, "
        "Parameters.<name> or Metrics.<metric>.<statistic>."
    )


def validate_filters(filters) -> list:
    """Check a list of Search filters and return copies with string values.

    Numbers are accepted as values and sent as strings, because Search takes every ``Value`` as a
    string and compares numerically when the property is numeric.
    """
    if not isinstance(filters, list):
        raise BadRequest(
            f"Invalid filter: expected a JSON array of filters, got {type(filters).__name__}."
        )

    checked = []
    for index, item in enumerate(filters):
        where = f"filter[{index}]"
        if not isinstance(item, dict):
            raise BadRequest(f"Invalid {where}: expected an object with Name, Operator and Value.")

        unknown = set(item) - {"Name", "Operator", "Value"}
        if unknown:
            raise BadRequest(
                f"Invalid {where}: unknown keys {sorted(unknown)}; a filter has Name, Operator and Value."
            )

        name = item.get("Name")
        if not isinstance(name, str) or not 1 <= len(name) <= MAX_PROPERTY_NAME_LENGTH:
            raise BadRequest(
                f"Invalid {where}.Name {name!r}: expected a property name of 1 to "
                f"{MAX_PROPERTY_NAME_LENGTH} characters, e.g. Parameters.eta."
            )

        operator = item.get("Operator", "Equals")
        if operator not in FILTER_OPERATORS:
            raise BadRequest(
                f"Invalid {where}.Operator {operator!r}: use one of {', '.join(FILTER_OPERATORS)}."
            )

        if name.startswith(TAG_PREFIX) and len(name) == len(TAG_PREFIX):
            raise BadRequest(
                f"Invalid {where}.Name {name!r}: a tag filter names the tag key, e.g. Tags.team."
            )

        checked_filter = {"Name": name, "Operator": operator}
        value = item.get("Value")
        if operator in OPERATORS_WITHOUT_VALUE:
            if value is not None:
                raise BadRequest(f"Invalid {where}: operator {operator} takes no Value.")
        else:
            checked_filter["Value"] = _filter_value(where, operator, value)
        if name in TIME_PROPERTIES and operator not in OPERATORS_WITHOUT_VALUE:
            checked_filter["Value"] = _time_value(where, name, operator, checked_filter["Value"])
        checked.append(checked_filter)

    return checked


def _filter_value(where: str, operator: str, value) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise BadRequest(
            f"Invalid {where}.Value {value!r}: operator {operator} needs a string or number Value."
        )

    text = value if isinstance(value, str) else repr(value)
    if not 1 <= len(text) <= MAX_FILTER_VALUE_LENGTH:
        raise BadRequest(
            f"Invalid {where}.Value: expected 1 to {MAX_FILTER_VALUE_LENGTH} characters, "
            f"got {len(text)}."
        )
    return text


def _time_value(where: str, name: str, operator: str, text: str) -> str:
    """Check a time filter's operator and Value, and return the Value as UTC YYYY-mm-ddTHH:MM:SS.

    A Value without a zone is taken as UTC, as the list's date filters send it.
    """
    if operator not in TIME_OPERATORS:
        raise BadRequest(
            f"Invalid {where}.Operator {operator!r} for the time property {name}: use one of "
            f"{', '.join(TIME_OPERATORS)}, Exists or NotExists."
        )
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise BadRequest(
            f"Invalid {where}.Value {text!r} for the time property {name}: use ISO 8601 "
            "YYYY-mm-ddTHH:MM:SS in UTC, e.g. 2026-12-04T20:00:00."
        ) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    # NOTE: Search's documented time format has whole seconds, so fractions are dropped.
    return moment.strftime(SEARCH_TIME_FORMAT)


def build_search_request(query: TrialComponentQuery) -> dict:
    """Build the keyword arguments of ``client.search`` for one page of the list."""
    if query.unassigned and (query.experiment or query.trial):
        raise BadRequest(
            "Invalid combination: unassigned=true lists components that belong to no trial, so "
            "it cannot be combined with experiment or trial. Remove one of them."
        )

    filters = []
    if query.experiment:
        filters.append({"Name": "Parents.ExperimentName", "Operator": "Equals", "Value": query.experiment})
    if query.trial:
        filters.append({"Name": "Parents.TrialName", "Operator": "Equals", "Value": query.trial})
    if query.unassigned:
        # NOTE: AWS documents Exists/NotExists for every property, but NotExists on
        # Parents.TrialName has not been tried against AWS.
        filters.append({"Name": "Parents.TrialName", "Operator": "NotExists"})
    filters.extend(validate_filters(query.filters))

    if len(filters) > MAX_FILTERS:
        raise BadRequest(
            f"Too many filters: {len(filters)} including the experiment, trial and unassigned "
            f"conditions, and Search accepts at most {MAX_FILTERS}. Remove some filters."
        )

    request = {
        "Resource": SEARCH_RESOURCE,
        "SortBy": sort_property(query.sort),
        "SortOrder": SORT_ORDERS[query.order],
        "MaxResults": query.limit,
    }
    if filters:
        request["SearchExpression"] = {"Filters": filters, "Operator": "And"}
    if query.cursor:
        request["NextToken"] = query.cursor
    return request
