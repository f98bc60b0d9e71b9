"""validate_request: botocore's client-side checks first, then SageMaker's server-side rules."""

import pytest
from botocore.exceptions import ClientError, ParamValidationError

from churn_studio_ext.local.validation import (
    compile_java_pattern,
    constraint_problem,
    format_problems,
    member_path,
    validate_request,
)

COMPONENT_ARN = "arn:aws:sagemaker:local:000000000000:experiment-trial-component/tc"


def server_message(operation_name: str, params: dict, service_name: str = "sagemaker") -> str:
    with pytest.raises(ClientError) as excinfo:
        validate_request(service_name, operation_name, params)
    assert excinfo.value.response["Error"]["Code"] == "ValidationException"
    assert excinfo.value.operation_name == operation_name
    return excinfo.value.response["Error"]["Message"]


def test_valid_request_passes():
    validate_request(
        "sagemaker",
        "CreateTrialComponent",
        {
            "TrialComponentName": "ok-1",
            "Parameters": {"eta": {"NumberValue": 0.1}},
            "Tags": [{"Key": "sagemaker:trial-component-source", "Value": "run"}],
        },
    )


def test_unknown_member_is_client_side():
    with pytest.raises(ParamValidationError, match='Unknown parameter in input: "Bogus"'):
        validate_request("sagemaker", "DescribeExperiment", {"ExperimentName": "e", "Bogus": 1})


def test_nested_unknown_member_is_client_side():
    with pytest.raises(ParamValidationError, match="Unknown parameter in Status"):
        validate_request(
            "sagemaker",
            "CreateTrialComponent",
            {"TrialComponentName": "t", "Status": {"State": "x"}},
        )


def test_timestamp_type_is_client_side():
    with pytest.raises(ParamValidationError, match="Invalid type for parameter CreatedAfter"):
        validate_request("sagemaker", "ListExperiments", {"CreatedAfter": "yesterday-ish"})


def test_pattern_message_wording():
    message = server_message("DescribeTrial", {"TrialName": "has space"})

    assert message == (
        "1 validation error detected: Value 'has space' at 'trialName' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: "
        "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,119}"
    )


def test_errors_counted_and_joined():
    message = server_message(
        "CreateExperiment", {"ExperimentName": "bad_name", "DisplayName": "also bad"}
    )

    assert message.startswith("2 validation errors detected: ")
    assert "Value 'bad_name' at 'experimentName'" in message
    assert "; Value 'also bad' at 'displayName'" in message


def test_arn_accepted_where_model_allows():
    validate_request(
        "sagemaker",
        "DescribeTrialComponent",
        {"TrialComponentName": COMPONENT_ARN},
    )


def test_arn_rejected_where_model_wants_name():
    message = server_message(
        "DescribeTrial", {"TrialName": "arn:aws:sagemaker:local:000000000000:experiment-trial/t"}
    )

    assert "at 'trialName'" in message


def test_list_member_path_is_one_based():
    message = server_message(
        "AddTags",
        {
            "ResourceArn": "arn:aws:sagemaker:local:000000000000:experiment/e",
            "Tags": [{"Key": "fine", "Value": "v"}, {"Key": "k", "Value": "v" * 257}],
        },
    )

    assert "at 'tags.2.member.value'" in message
    assert "Member must have length less than or equal to 256" in message


def test_metrics_service_uses_its_own_model():
    message = server_message(
        "BatchPutMetrics",
        {
            "TrialComponentName": "Upper-Case",
            "MetricData": [{"MetricName": "loss", "Timestamp": 1_700_000_000, "Value": 1.0}],
        },
        service_name="sagemaker-metrics",
    )

    assert "at 'trialComponentName'" in message
    assert "^[a-z0-9](-*[a-z0-9]){0,119}" in message


def test_member_path_camel_case():
    assert member_path("", "TrialComponentName") == "trialComponentName"
    assert member_path("status", "PrimaryStatus") == "status.primaryStatus"


def test_constraint_problem_renders_collections():
    problem = constraint_problem(
        ["a", "b"], "tagKeys", "Member must have length less than or equal to 1"
    )

    assert problem == (
        "Value '[a, b]' at 'tagKeys' failed to satisfy constraint: "
        "Member must have length less than or equal to 1"
    )


def test_format_single_problem():
    assert format_problems(["one"]) == "1 validation error detected: one"


@pytest.mark.parametrize(
    ("java_pattern", "value", "matches"),
    [
        # Tag values: Unicode letters, separators and digits, as SageMaker's Java pattern allows.
        (r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$", "Grüße 東京 ٣", True),
        # \p{Z} matches Unicode separators (Zs, Zl, Zp), and a tab is a control character (Cc).
        (r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$", "a\tb", False),
        (r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$", "a#b", False),
        # A class outside brackets gets brackets of its own.
        (r"\p{N}+", "٣4", True),
        (r"\p{N}+", "x", False),
        (r"\p{ASCII}*", "plain", True),
        (r"\p{ASCII}*", "é", False),
        (r"\p{Print}*", "visible text", True),
        (r"\p{Print}*", "bell\x07", False),
        # Java's \z is the end of input.
        (r"[a-z]+\z", "abc", True),
    ],
)
def test_java_character_classes(java_pattern, value, matches):
    assert bool(compile_java_pattern(java_pattern).fullmatch(value)) is matches


def test_tag_with_tab_is_rejected():
    message = server_message(
        "CreateExperiment", {"ExperimentName": "tabbed", "Tags": [{"Key": "team", "Value": "a\tb"}]}
    )
    assert "at 'tags.1.member.value' failed to satisfy constraint" in message
