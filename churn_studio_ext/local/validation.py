"""Request validation for the local clients, in two layers like boto3 plus the service.

1. botocore's ``ParamValidator`` runs first, so unknown members, wrong types, missing required
   members and values below a ``min`` raise ``botocore.exceptions.ParamValidationError`` exactly
   as a boto3 client raises it before sending anything.
2. The rules that botocore leaves to the server (``max`` lengths and counts, patterns, enums,
   finite numbers) are checked against the same shape model and raise a ``ValidationException``
   ``ClientError`` worded like SageMaker's:
   ``1 validation error detected: Value 'a_b' at 'experimentName' failed to satisfy constraint:
   Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,119}``.
"""

import functools
import math
import re

from botocore.exceptions import ParamValidationError
from botocore.validate import ParamValidator

from .errors import service_model, validation_error

# Java's Unicode classes, which Python's re lacks. \w covers letters and digits, \s the separators.
# NOTE: the translation also accepts tabs, newlines and combining marks, which \p{L}, \p{N} and
# \p{Z} do not, so a tag such as "a\tb" passes here and fails on SageMaker.
_JAVA_CLASSES = {r"\p{L}": r"\w", r"\p{N}": r"\w", r"\p{Z}": r"\s"}


def validate_request(service_name: str, operation_name: str, params: dict) -> None:
    """Validate ``params`` of ``operation_name`` the way boto3 and then the service would.

    Raises ``ParamValidationError`` for what boto3 rejects on the client side and a
    ``ValidationException`` ``ClientError`` for the server-side constraints.
    """
    input_shape = service_model(service_name).operation_model(operation_name).input_shape
    if input_shape is None:
        if params:
            raise ParamValidationError(
                report=f"{operation_name} takes no parameters, but got {sorted(params)}."
            )
        return

    report = ParamValidator().validate(params, input_shape)
    if report.has_errors():
        raise ParamValidationError(report=report.generate_report())

    problems: list[str] = []
    _check(params, input_shape, "", problems)
    if problems:
        raise validation_error(service_name, operation_name, format_problems(problems))


def format_problems(problems: list[str]) -> str:
    """Join constraint failures into SageMaker's ``N validation error(s) detected: ...`` message."""
    plural = "error" if len(problems) == 1 else "errors"
    return f"{len(problems)} validation {plural} detected: " + "; ".join(problems)


def constraint_problem(value, path: str, constraint: str) -> str:
    """Word one failed constraint as SageMaker does; ``path`` is the lowerCamelCase member path."""
    return f"Value '{_render(value)}' at '{path}' failed to satisfy constraint: {constraint}"


def member_path(parent: str, member_name: str) -> str:
    """Extend a member path with ``member_name`` in the service's lowerCamelCase spelling."""
    camel = member_name[:1].lower() + member_name[1:]
    return f"{parent}.{camel}" if parent else camel


def _check(value, shape, path: str, problems: list[str]) -> None:
    type_name = shape.type_name

    if type_name == "structure":
        for member_name, member_shape in shape.members.items():
            if member_name in value:
                _check(value[member_name], member_shape, member_path(path, member_name), problems)

    elif type_name == "list":
        _check_count(value, shape, path, problems)
        for index, item in enumerate(value, start=1):
            _check(item, shape.member, f"{path}.{index}.member", problems)

    elif type_name == "map":
        _check_count(value, shape, path, problems)
        for key, item in value.items():
            key_problems: list[str] = []
            _check(key, shape.key, path, key_problems)
            for problem in key_problems:
                constraint = problem.split("failed to satisfy constraint: ", 1)[1]
                problems.append(
                    constraint_problem(
                        key, path, f"Map keys must satisfy constraint: [{constraint}]"
                    )
                )
            _check(item, shape.value, f"{path}.{key}.member", problems)

    elif type_name == "string":
        _check_string(value, shape, path, problems)

    elif type_name in ("integer", "long"):
        maximum = shape.metadata.get("max")
        if maximum is not None and value > maximum:
            problems.append(
                constraint_problem(
                    value, path, f"Member must have value less than or equal to {maximum}"
                )
            )

    elif type_name in ("double", "float"):
        if not math.isfinite(value):
            problems.append(constraint_problem(value, path, "Member must be a finite number"))


def _check_count(value, shape, path: str, problems: list[str]) -> None:
    maximum = shape.metadata.get("max")
    if maximum is not None and len(value) > maximum:
        problems.append(
            constraint_problem(
                value, path, f"Member must have length less than or equal to {maximum}"
            )
        )


def _check_string(value: str, shape, path: str, problems: list[str]) -> None:
    maximum = shape.metadata.get("max")
    if maximum is not None and len(value) > maximum:
        problems.append(
            constraint_problem(
                value, path, f"Member must have length less than or equal to {maximum}"
            )
        )

    enum = shape.enum
    if enum and value not in enum:
        problems.append(
            constraint_problem(
                value, path, f"Member must satisfy enum value set: [{', '.join(enum)}]"
            )
        )

    pattern = shape.metadata.get("pattern")
    if pattern and not _compile(pattern).fullmatch(value):
        # SageMaker's messages print the pattern anchored with "^"; botocore's model omits it.
        anchored = pattern if pattern.startswith("^") else "^" + pattern
        problems.append(
            constraint_problem(
                value, path, f"Member must satisfy regular expression pattern: {anchored}"
            )
        )


@functools.lru_cache(maxsize=None)
def _compile(java_pattern: str) -> re.Pattern:
    python_pattern = java_pattern
    for java_class, python_class in _JAVA_CLASSES.items():
        python_pattern = python_pattern.replace(java_class, python_class)
    # DOTALL: descriptions and messages with line breaks are accepted.
    # NOTE: Java's "." stops at line breaks, so SageMaker may reject a multi-line Description.
    return re.compile(python_pattern, re.DOTALL)


def _render(value) -> str:
    # Java's toString of a list or map, as SageMaker prints the offending value.
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}={_render(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_render(item) for item in value) + "]"
    return str(value)
