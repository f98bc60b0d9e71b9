"""SearchExpression validation and its compilation to an SQL condition on the searched row ``r``.

An element property (parameter, metric, tag, artifact, parent) compiles to one of two equivalent
forms. ``exists`` is a correlated ``EXISTS`` subquery, cheap when checked on a few rows while an
index is walked in sort order. ``in`` is ``r.<key> IN (SELECT ...)``, which SQLite can evaluate
first and use to look the matching rows up, cheap when few rows match.

NOTE: NotEquals and NotExists match rows that lack the property, so ``NotEquals`` is exactly
``NOT Equals``. SageMaker's behaviour for absent properties is unverified.
"""

import math
import re
from datetime import datetime, timezone

from .errors import validation_error
from .search_properties import (
    NUMBER,
    PARAMETER,
    TEXT,
    TIME,
    Property,
    Resource,
    resolve,
    resolve_nested,
)

EXISTS_FORM = "exists"
IN_FORM = "in"

OPERATORS = (
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
_ORDERED = {
    "GreaterThan": ">",
    "GreaterThanOrEqualTo": ">=",
    "LessThan": "<",
    "LessThanOrEqualTo": "<=",
}
_TEXT_ONLY = ("Contains", "In")

MAX_PER_LIST = 20
MAX_TOTAL = 50
CONTAINS_LIMIT_MESSAGE = "'CONTAINS' operator usage limit of 1 exceeded."

# An integer or decimal, as SageMaker requires for numeric filter values.
_DECIMAL = re.compile(r"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$")


def _invalid(message: str):
    return validation_error("sagemaker", "Search", message)


def validate_expression(resource: Resource, expression: dict) -> None:
    """Check list sizes, the 50-element total and the Contains limit of a whole request."""
    total = _count_elements(expression, "SearchExpression")
    if total > MAX_TOTAL:
        raise _invalid(
            f"Invalid SearchExpression: it has {total} filters, nested filters and "
            f"subexpressions in all, and the maximum is {MAX_TOTAL}. Split the search or simplify it."
        )
    if _count_limited_contains(resource, expression) > 1:
        raise _invalid(CONTAINS_LIMIT_MESSAGE)


def compile_expression(resource: Resource, expression: dict, form: str) -> tuple[str, list]:
    """Return ``(sql, params)``: a condition on ``r`` that holds for rows matching ``expression``."""
    parts: list[str] = []
    params: list = []
    for item in expression.get("Filters") or []:
        sql, item_params = _compile_filter(resource, item, form)
        parts.append(sql)
        params.extend(item_params)
    for item in expression.get("NestedFilters") or []:
        sql, item_params = _compile_nested(resource, item, form)
        parts.append(sql)
        params.extend(item_params)
    for item in expression.get("SubExpressions") or []:
        sql, item_params = compile_expression(resource, item, form)
        parts.append(sql)
        params.extend(item_params)

    joiner = " OR " if expression.get("Operator", "And") == "Or" else " AND "
    return "(" + joiner.join(parts) + ")", params


def _count_elements(expression: dict, where: str) -> int:
    operator = expression.get("Operator", "And")
    if operator not in ("And", "Or"):
        raise _invalid(f"Invalid Operator {operator!r} in {where}. Use And or Or.")

    lists = {
        key: expression.get(key) or [] for key in ("Filters", "NestedFilters", "SubExpressions")
    }
    if not any(lists.values()):
        raise _invalid(
            f"Invalid {where}: it needs at least one of Filters, NestedFilters or SubExpressions."
        )
    for key, items in lists.items():
        if len(items) > MAX_PER_LIST:
            raise _invalid(
                f"Invalid {where}.{key}: {len(items)} entries, and the maximum is {MAX_PER_LIST}."
            )

    total = len(lists["Filters"]) + len(lists["NestedFilters"]) + len(lists["SubExpressions"])
    for nested in lists["NestedFilters"]:
        filters = nested.get("Filters") or []
        if not filters or len(filters) > MAX_PER_LIST:
            raise _invalid(
                f"Invalid NestedFilters {nested.get('NestedPropertyName')!r}: it has "
                f"{len(filters)} filters. Use 1 to {MAX_PER_LIST}."
            )
        total += len(filters)
    for number, sub in enumerate(lists["SubExpressions"]):
        total += _count_elements(sub, f"{where}.SubExpressions[{number}]")
    return total


def _count_limited_contains(resource: Resource, expression: dict) -> int:
    count = 0
    filters = list(expression.get("Filters") or [])
    for nested in expression.get("NestedFilters") or []:
        filters.extend(nested.get("Filters") or [])
    for item in filters:
        if item.get("Operator") != "Contains":
            continue
        name = item.get("Name", "")
        prefix = name.partition(".")[0].lower()
        unlimited_names = ("displayname", resource.name_property.lower())
        unlimited_prefixes = ("tags", "inputartifacts", "outputartifacts")
        if name.lower() not in unlimited_names and prefix not in unlimited_prefixes:
            count += 1
    for sub in expression.get("SubExpressions") or []:
        count += _count_limited_contains(resource, sub)
    return count


def _operator_of(item: dict) -> str:
    operator = item.get("Operator")
    if operator is None:
        if item.get("Value") is None:
            raise _invalid(
                f"Invalid filter on {item.get('Name')!r}: it has neither Operator nor Value. "
                "Give a Value (Equals is implied) or an Operator."
            )
        return "Equals"
    if operator not in OPERATORS:
        raise _invalid(
            f"Invalid Operator {operator!r} in the filter on {item.get('Name')!r}. Use one of "
            + ", ".join(OPERATORS)
            + "."
        )
    if operator not in ("Exists", "NotExists") and item.get("Value") is None:
        raise _invalid(
            f"The filter on {item.get('Name')!r} with Operator {operator} needs a Value."
        )
    return operator


def _compile_filter(resource: Resource, item: dict, form: str) -> tuple[str, list]:
    prop = resolve(resource, item["Name"])
    operator = _operator_of(item)
    if prop.element is None:
        return _condition(prop, operator, item.get("Value"))

    # A rule over elements: NotEquals and NotExists are negations of Equals and Exists.
    negate = operator in ("NotEquals", "NotExists")
    positive = {"NotEquals": "Equals", "NotExists": "Exists"}.get(operator, operator)
    alternatives = _alternatives(prop, positive, item.get("Value"))
    sql, params = _wrap(prop, alternatives, form)
    return (f"NOT {sql}" if negate else sql), params


def _compile_nested(resource: Resource, item: dict, form: str) -> tuple[str, list]:
    nested_name = item["NestedPropertyName"]
    conditions: list[str] = []
    params: list = []
    prop = None
    for nested_filter in item["Filters"]:
        prop = resolve_nested(resource, nested_name, nested_filter["Name"])
        operator = _operator_of(nested_filter)
        condition, condition_params = _condition(prop, operator, nested_filter.get("Value"))
        conditions.append(condition)
        params.extend(condition_params)
    return _wrap(prop, [(" AND ".join(conditions), params)], form)


def _wrap(prop: Property, alternatives: list[tuple[str, list]], form: str) -> tuple[str, list]:
    """Return a test that some element of ``prop`` meets one of the ``alternatives``."""
    element = prop.element
    if form == IN_FORM:
        # One SELECT per alternative keeps each one able to use its own index.
        selects = []
        params: list = []
        for condition, condition_params in alternatives:
            selects.append(
                f"SELECT {element.link_column} FROM {element.table} "
                f"WHERE {element.where} AND {condition}"
            )
            params.extend([*element.params, *condition_params])
        return f"{element.main_key} IN ({' UNION ALL '.join(selects)})", params

    condition = " OR ".join(f"({sql})" for sql, _ in alternatives)
    params = [*element.params]
    for _, condition_params in alternatives:
        params.extend(condition_params)
    table = element.correlated_table or element.table
    sql = (
        f"EXISTS (SELECT 1 FROM {table} WHERE {element.link} AND {element.where} AND ({condition}))"
    )
    return sql, params


def count_query(resource: Resource, expression: dict) -> tuple[str, list] | None:
    """Return a fast count of a lone filter on a one-per-row element, or None.

    A parameter, metric, tag or artifact has at most one element row per searched row, so the
    matching rows can be counted on the element's ``(name, value)`` index without visiting the
    searched table. An element with ``equals_count`` (the parent experiment) is counted by that
    query for Equals and NotEquals. Other expressions are counted on the searched table.
    """
    filters = expression.get("Filters") or []
    if len(filters) != 1 or expression.get("NestedFilters") or expression.get("SubExpressions"):
        return None
    prop = resolve(resource, filters[0]["Name"])
    element = prop.element
    if element is None:
        return None

    operator = _operator_of(filters[0])
    negate = operator in ("NotEquals", "NotExists")
    positive = {"NotEquals": "Equals", "NotExists": "Exists"}.get(operator, operator)
    if not element.one_per_row:
        if element.equals_count is None or positive != "Equals":
            return None
        condition, params = _condition(prop, positive, filters[0].get("Value"))
        sql = f"({element.equals_count.format(condition=condition)})"
        if negate:
            sql = f"(SELECT count(*) FROM {resource.table}) - {sql}"
        return f"SELECT {sql}", params

    counts = []
    params: list = []
    for condition, condition_params in _alternatives(prop, positive, filters[0].get("Value")):
        counts.append(
            f"(SELECT count(*) FROM {element.table} WHERE {element.where} AND {condition})"
        )
        params.extend([*element.params, *condition_params])
    # The alternatives never match the same element, so their counts add up.
    sql = " + ".join(counts)
    if negate:
        sql = f"(SELECT count(*) FROM {resource.table}) - ({sql})"
    return f"SELECT {sql}", params


def _alternatives(prop: Property, operator: str, value: str | None) -> list[tuple[str, list]]:
    if prop.kind == PARAMETER:
        return _parameter_alternatives(prop, operator, value)
    return [_condition(prop, operator, value)]


def _condition(prop: Property, operator: str, value: str | None) -> tuple[str, list]:
    """Return a condition on one value of ``prop``, where NULL means the property is absent."""
    column = prop.column
    if operator == "Exists":
        return f"{column} IS NOT NULL", []
    if operator == "NotExists":
        return f"{column} IS NULL", []

    if prop.kind != TEXT and operator in _TEXT_ONLY:
        raise _invalid(
            f"Operator {operator} is only supported on text properties, and {prop.name} is a "
            f"{prop.kind} property. Use Equals, NotEquals, GreaterThan, GreaterThanOrEqualTo, "
            "LessThan or LessThanOrEqualTo."
        )
    if prop.kind == TEXT and operator in _ORDERED:
        raise _invalid(
            f"Operator {operator} is not supported on the text property {prop.name}. "
            "Use Equals, NotEquals, Contains, In, Exists or NotExists."
        )

    if operator == "In":
        values = _in_values(value)
        return f"{column} IN ({', '.join('?' * len(values))})", values
    if operator == "Contains":
        return f"instr({column}, ?) > 0", [value]

    typed = _typed_value(prop, value)
    if operator == "Equals":
        return f"{column} = ?", [typed]
    if operator == "NotEquals":
        return f"({column} IS NULL OR {column} <> ?)", [typed]
    return f"{column} {_ORDERED[operator]} ?", [typed]


def _parameter_alternatives(
    prop: Property, operator: str, value: str | None
) -> list[tuple[str, list]]:
    """Return disjoint conditions on one parameter row, which matches if any one holds.

    A number parameter compares numerically when Value is a number, and a string parameter
    compares as text. Only the positive operators reach here.
    """
    number_column = f"{prop.column}.number_value"
    string_column = f"{prop.column}.string_value"
    if operator == "Exists":
        return [("1", [])]
    if operator == "Contains":
        return [(f"instr({string_column}, ?) > 0", [value])]
    if operator == "In":
        values = _in_values(value)
        alternatives = [(f"{string_column} IN ({', '.join('?' * len(values))})", values)]
        numbers = [_decimal(item) for item in values if _DECIMAL.match(item)]
        if numbers:
            alternatives.append((f"{number_column} IN ({', '.join('?' * len(numbers))})", numbers))
        return alternatives

    is_number = bool(_DECIMAL.match(value))
    if operator == "Equals":
        alternatives = [(f"{string_column} = ?", [value])]
        if is_number:
            alternatives.insert(0, (f"{number_column} = ?", [_decimal(value)]))
        return alternatives

    # Ordering a text against a number means nothing, so a numeric Value skips string parameters.
    if is_number:
        return [(f"{number_column} {_ORDERED[operator]} ?", [_decimal(value)])]
    return [(f"{string_column} {_ORDERED[operator]} ?", [value])]


def _in_values(value: str) -> list[str]:
    return [part.strip() for part in value.split(",")]


def _typed_value(prop: Property, value: str):
    if prop.kind == NUMBER:
        if not _DECIMAL.match(value):
            raise _invalid(
                f"Invalid Value {value!r} for the numeric property {prop.name}: "
                "use an integer or decimal number such as 0.25."
            )
        return _decimal(value)
    if prop.kind == TIME:
        return parse_time(value, prop.name)
    return value


def _decimal(value: str) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise _invalid(f"Invalid number {value!r}: it must be finite.")
    return number


def parse_time(value: str, property_name: str) -> float:
    """Return Unix seconds for an ISO 8601 time (UTC when no zone is given) or a number of seconds."""
    if _DECIMAL.match(value):
        return float(value)
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise _invalid(
            f"Invalid Value {value!r} for the time property {property_name}: use ISO 8601 "
            "YYYY-mm-ddTHH:MM:SS, optionally with a zone such as +00:00."
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.timestamp()
