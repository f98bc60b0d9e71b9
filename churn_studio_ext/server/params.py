"""Parse and check query-string values. Each failure names the parameter and its valid values."""

import json

from .errors import BadRequest
from .search_request import DEFAULT_LIMIT, DEFAULT_ORDER, DEFAULT_SORT, MAX_LIMIT, SORT_ORDERS

DEFAULT_BUCKETS = 1000
MAX_BUCKETS = 10_000

TRUE_VALUES = ("true", "1", "yes")
FALSE_VALUES = ("false", "0", "no", "")


def parse_int(name: str, text: str | None, default: int, low: int, high: int) -> int:
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        raise BadRequest(f"Invalid {name} {text!r}: expected an integer from {low} to {high}.") from None
    if not low <= value <= high:
        raise BadRequest(f"Invalid {name} {value}: expected an integer from {low} to {high}.")
    return value


def parse_bool(name: str, text: str | None) -> bool:
    if text is None:
        return False
    lowered = text.strip().lower()
    if lowered in TRUE_VALUES:
        return True
    if lowered in FALSE_VALUES:
        return False
    raise BadRequest(f"Invalid {name} {text!r}: use true or false.")


def parse_choice(name: str, text: str | None, default: str, choices) -> str:
    if text is None:
        return default
    if text not in choices:
        raise BadRequest(f"Invalid {name} {text!r}: use one of {', '.join(choices)}.")
    return text


def parse_filter(text: str | None) -> list:
    """Decode the ``filter`` parameter, a JSON array of Search filters whose items ``search_request`` checks."""
    if text is None or text.strip() == "":
        return []
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadRequest(
            f"Invalid filter: not valid JSON ({error.msg} at character {error.pos}). Send a JSON "
            'array such as [{"Name": "Parameters.eta", "Operator": "GreaterThan", "Value": "0.1"}].'
        ) from None
    if not isinstance(value, list):
        raise BadRequest(
            f"Invalid filter: expected a JSON array of filters, got a JSON {type(value).__name__}."
        )
    return value


def parse_limit(text: str | None) -> int:
    return parse_int("limit", text, DEFAULT_LIMIT, 1, MAX_LIMIT)


def parse_order(text: str | None) -> str:
    return parse_choice("order", text, DEFAULT_ORDER, tuple(SORT_ORDERS))


def parse_sort(text: str | None) -> str:
    if text is None or text == "":
        return DEFAULT_SORT
    return text


def parse_buckets(text: str | None) -> int:
    return parse_int("buckets", text, DEFAULT_BUCKETS, 1, MAX_BUCKETS)
