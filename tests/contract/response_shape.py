"""Check a boto3-style response against botocore's output shape for the operation.

botocore validates requests, never responses, so this module walks the output shape itself. It
is stricter than botocore's request validator. Timestamps must be timezone-aware ``datetime``
objects, as boto3 returns them, and enumerations must contain a modeled value. Keys the model does
not define are errors, because a client that invents fields would drift from SageMaker unnoticed.
Patterns are not checked: several use Java regex classes such as ``\\p{L}`` that Python's ``re``
does not support.
"""

import datetime

import botocore.session

_botocore_session = botocore.session.get_session()

_SCALAR_TYPES = {
    "string": (str,),
    "integer": (int,),
    "long": (int,),
    "float": (float, int),
    "double": (float, int),
    "boolean": (bool,),
    "blob": (bytes, bytearray),
}


def output_errors(service_name: str, operation_name: str, response: dict) -> list[str]:
    """Return every way ``response`` breaks the output shape of ``operation_name``.

    ``operation_name`` is the API name, such as ``DescribeExperiment``. ``ResponseMetadata`` is
    ignored because boto3 adds it outside the model.
    """
    operation = _botocore_session.get_service_model(service_name).operation_model(
        operation_name
    )
    body = {key: value for key, value in response.items() if key != "ResponseMetadata"}
    errors: list[str] = []
    if operation.output_shape is None:
        if body:
            errors.append(
                f"{operation_name}: expected an empty response, got keys {sorted(body)}"
            )
        return errors
    _check(body, operation.output_shape, operation_name, errors)
    return errors


def _check(value, shape, path: str, errors: list[str]) -> None:
    type_name = shape.type_name

    if type_name == "structure":
        _check_structure(value, shape, path, errors)
    elif type_name == "list":
        _check_list(value, shape, path, errors)
    elif type_name == "map":
        _check_map(value, shape, path, errors)
    elif type_name == "timestamp":
        _check_timestamp(value, path, errors)
    else:
        _check_scalar(value, shape, path, errors)


def _check_structure(value, shape, path, errors):
    if not isinstance(value, dict):
        errors.append(
            f"{path}: expected a dict for {shape.name}, got {type(value).__name__}"
        )
        return

    for key in shape.required_members:
        if key not in value:
            errors.append(f"{path}: required member {key} is missing")

    for key, member_value in value.items():
        if key not in shape.members:
            errors.append(f"{path}: {key} is not a member of {shape.name}")
            continue
        _check(member_value, shape.members[key], f"{path}.{key}", errors)


def _check_list(value, shape, path, errors):
    if not isinstance(value, list):
        errors.append(f"{path}: expected a list, got {type(value).__name__}")
        return

    # An empty list passes a list minimum, because boto3 parses ``[]`` as sent and the SDKs
    # treat it like an absent member. moto returns ``{"Errors": []}`` from a successful
    # BatchPutMetrics, for example.
    if value:
        _check_length(len(value), shape, path, "items", errors)
    for index, item in enumerate(value):
        _check(item, shape.member, f"{path}[{index}]", errors)


def _check_map(value, shape, path, errors):
    if not isinstance(value, dict):
        errors.append(
            f"{path}: expected a dict for map {shape.name}, got {type(value).__name__}"
        )
        return

    _check_length(len(value), shape, path, "entries", errors)
    for key, item in value.items():
        _check(key, shape.key, f"{path} key {key!r}", errors)
        _check(item, shape.value, f"{path}[{key!r}]", errors)


def _check_timestamp(value, path, errors):
    if not isinstance(value, datetime.datetime):
        errors.append(
            f"{path}: expected a datetime, got {type(value).__name__} {value!r}"
        )
    elif value.tzinfo is None:
        errors.append(
            f"{path}: datetime {value!r} has no time zone; boto3 returns aware values"
        )


def _check_scalar(value, shape, path, errors):
    expected = _SCALAR_TYPES[shape.type_name]
    # bool is a subclass of int, so an integer member must reject True and False explicitly.
    if not isinstance(value, expected) or (
        isinstance(value, bool) and shape.type_name != "boolean"
    ):
        errors.append(
            f"{path}: expected {shape.type_name}, got {type(value).__name__} {value!r}"
        )
        return

    if shape.type_name == "string":
        if shape.enum and value not in shape.enum:
            errors.append(f"{path}: {value!r} is not one of {shape.enum}")
        _check_length(len(value), shape, path, "characters", errors)
    elif shape.type_name in ("integer", "long", "float", "double"):
        minimum = shape.metadata.get("min")
        maximum = shape.metadata.get("max")
        if minimum is not None and value < minimum:
            errors.append(f"{path}: {value} is below the minimum {minimum}")
        if maximum is not None and value > maximum:
            errors.append(f"{path}: {value} is above the maximum {maximum}")


def _check_length(length, shape, path, unit, errors):
    minimum = shape.metadata.get("min")
    maximum = shape.metadata.get("max")
    if minimum is not None and length < minimum:
        errors.append(f"{path}: {length} {unit}, below the minimum {minimum}")
    if maximum is not None and length > maximum:
        errors.append(f"{path}: {length} {unit}, above the maximum {maximum}")
