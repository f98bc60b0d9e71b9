"""Request validation of InvokeEndpoint.

botocore's ``ParamValidator`` runs first, as in boto3. The service-side string rules then use
the runtime model's Java patterns, translated by ``validation.compile_java_pattern``.
Failures raise the runtime's ``ValidationError`` code, worded like the other local validation
messages.
"""

from __future__ import annotations

from botocore.exceptions import ParamValidationError
from botocore.validate import ParamValidator

from .client_base import ServiceError
from .errors import service_model
from .validation import compile_java_pattern, constraint_problem, format_problems, member_path

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
        if pattern and not compile_java_pattern(pattern).fullmatch(value):
            problems.append(constraint_problem(
                value, path, f"Member must satisfy regular expression pattern: {pattern}"))
    if problems:
        raise ServiceError("ValidationError", format_problems(problems))
