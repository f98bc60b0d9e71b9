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
import sys
import unicodedata

from botocore.exceptions import ParamValidationError
from botocore.validate import ParamValidator

from .errors import service_model, validation_error

# Java's character classes, which Python's re lacks: the Unicode general categories become
# explicit code-point ranges (built once, on first use) and the POSIX classes their ASCII sets.
_UNICODE_CATEGORIES = ("L", "N", "Z", "M", "P", "S")
_POSIX_CLASSES = {"ASCII": "\\x00-\\x7f", "Print": "\\x20-\\x7e", "Alnum": "0-9A-Za-z"}
_JAVA_CLASS = re.compile(r"\\p\{(\w+)\}")


@functools.lru_cache(maxsize=1)
def _category_ranges() -> dict[str, str]:
    """Map each major Unicode category ("L", "N", ...) to its code points as class ranges."""
    ranges: dict[str, list[list[int]]] = {category: [] for category in _UNICODE_CATEGORIES}
    for code in range(sys.maxunicode + 1):
        spans = ranges.get(unicodedata.category(chr(code))[0])
        if spans is None:
            continue
        if spans and spans[-1][1] == code - 1:
            spans[-1][1] = code
        else:
            spans.append([code, code])
    return {
        category: "".join(
            f"\\U{low:08x}" if low == high else f"\\U{low:08x}-\\U{high:08x}" for low, high in spans
        )
        for category, spans in ranges.items()
    }


def _python_class(match: re.Match) -> str:
    name = match.group(1)
    if name in _POSIX_CLASSES:
        return _POSIX_CLASSES[name]
    if name in _UNICODE_CATEGORIES:
        return _category_ranges()[name]
    raise ValueError(
        f"Unsupported Java character class \\p{{{name}}} in a service-model pattern. "
        "Add its translation to _POSIX_CLASSES or _UNICODE_CATEGORIES."
    )


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
    if pattern and not compile_java_pattern(pattern).fullmatch(value):
        # SageMaker's messages print the pattern anchored with "^"; botocore's model omits it.
        anchored = pattern if pattern.startswith("^") else "^" + pattern
        problems.append(
            constraint_problem(
                value, path, f"Member must satisfy regular expression pattern: {anchored}"
            )
        )


@functools.lru_cache(maxsize=None)
def compile_java_pattern(java_pattern: str) -> re.Pattern:
    """Compile a pattern of botocore's service model (Java syntax) with Python's re."""
    # Python's re cannot nest a class inside brackets, so \p{L} in "[\p{L}_]" is spliced into
    # the enclosing brackets, and a \p{L} outside brackets gets brackets of its own.
    python_pattern = _splice_classes(java_pattern)
    # DOTALL: descriptions and messages with line breaks are accepted.
    # NOTE: Java's "." stops at line breaks, so SageMaker may reject a multi-line Description.
    return re.compile(python_pattern, re.DOTALL)


def _splice_classes(pattern: str) -> str:
    r"""Replace each \p{Name} with its ranges, inside the enclosing [...] or in a new one."""
    out = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            match = _JAVA_CLASS.match(pattern, index)
            if match:
                ranges = _python_class(match)
                out.append(ranges if in_class else f"[{ranges}]")
                index = match.end()
                continue
            escape = pattern[index : index + 2]
            # Java's \z (end of input) is Python's \Z.
            out.append("\\Z" if escape == "\\z" else escape)
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        index += 1
    return "".join(out)


def _render(value) -> str:
    # Java's toString of a list or map, as SageMaker prints the offending value.
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}={_render(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_render(item) for item in value) + "]"
    return str(value)
