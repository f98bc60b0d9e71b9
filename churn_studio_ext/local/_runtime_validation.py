"""Request validation of InvokeEndpoint.

botocore's ``ParamValidator`` runs first, as in boto3. The service-side string rules then use
the runtime model's Java patterns, translated by ``validation.compile_java_pattern``.
Failures raise a ``ClientError`` with the runtime's ``ValidationError`` code, as boto3 does for
the service's 400 response, worded like the other local validation messages.
"""

from __future__ import annotations

from botocore.exceptions import ParamValidationError
from botocore.validate import ParamValidator

from .errors import client_error, service_model
from .validation import compile_java_pattern, constraint_problem, format_problems, member_path

# Request members that travel as HTTP headers. http.client raises a bare ValueError for a line
# break or another control character in a header value, so such values are rejected up front.
HEADER_MEMBERS = ("ContentType", "Accept", "CustomAttributes", "InferenceId", "TargetVariant",
                  "TargetModel", "TargetContainerHostname", "InferenceComponentName", "SessionId")


def validate_invoke_request(params: dict) -> None:
    """Validate an InvokeEndpoint request, raising ParamValidationError or a ValidationError."""
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
        if member_name in HEADER_MEMBERS and _has_control_character(value):
            problems.append(constraint_problem(
                value, path, f"Member {member_name} is sent as an HTTP header, so it must not "
                "contain line breaks or other control characters. Remove them"))
    if problems:
        raise client_error("sagemaker-runtime", "InvokeEndpoint", "ValidationError",
                           format_problems(problems))


def _has_control_character(value: str) -> bool:
    # RFC 9110 allows a horizontal tab between the characters of a header value.
    return any((ord(character) < 0x20 and character != "\t") or ord(character) == 0x7F
               for character in value)
