"""Request validation of InvokeEndpoint.

botocore's ``ParamValidator`` runs first, as in boto3. The service-side string rules then use
the runtime model's Java patterns, which hold classes that Python's ``re`` lacks (``\\p{ASCII}``,
``\\p{Print}``, ``\\z``); they are translated here. Failures raise the runtime's
``ValidationError`` code, worded like the other local validation messages.
"""

from __future__ import annotations

import functools
import re

from botocore.exceptions import ParamValidationError
from botocore.validate import ParamValidator

from .client_base import ServiceError
from .errors import service_model
from .validation import constraint_problem, format_problems, member_path

# Java's POSIX-style classes: US-ASCII is 0x00-0x7F, and Print is the visible ASCII characters
# plus space.
_JAVA_CLASSES = {r"\p{ASCII}": r"\x00-\x7f", r"\p{Print}": r"\x20-\x7e"}


def validate_invoke_request(params: dict) -> None:
    """Validate an InvokeEndpoint request; raise ParamValidationError or ValidationError."""
    input_shape = service_model("sagemaker-runtime").operation_model("InvokeEndpoint").input_shape
    report = ParamValidator().validate(params, input_shape)
    if report.has_errors():
        raise ParamValidationError(report=report.generate_report())

    problems = []
    for member_name, value in params.items():
        shape = input_shape.members[member_name]
        if shape.type_name != "string":
            continue
        path = member_path("", member_name)
        maximum = shape.metadata.get("max")
        if maximum is not None and len(value) > maximum:
            problems.append(constraint_problem(
                value, path, f"Member must have length less than or equal to {maximum}"))
        pattern = shape.metadata.get("pattern")
        if pattern and not _compile(pattern).fullmatch(value):
            problems.append(constraint_problem(
                value, path, f"Member must satisfy regular expression pattern: {pattern}"))
    if problems:
        raise ServiceError("ValidationError", format_problems(problems))


@functools.lru_cache(maxsize=None)
def _compile(java_pattern: str) -> re.Pattern:
    python_pattern = java_pattern.replace(r"\z", r"\Z")
    for java_class, python_class in _JAVA_CLASSES.items():
        # Inside a bracket expression the class is a range; alone it needs brackets.
        python_pattern = python_pattern.replace(f"[{java_class}]", f"[{python_class}]")
        python_pattern = python_pattern.replace(java_class, f"[{python_class}]")
    return re.compile(python_pattern, re.DOTALL)
