"""The parser accepts the DebugRuleConfigurations that SageMaker SDK v2 really sends.

The SDK builds a full CreateTrainingJob request through `Estimator.fit`; a capturing client
records it, checks it against botocore's service model, and never sends it. Telemetry is
switched off in the SDK config, and every connection or name lookup to a host other than
127.0.0.1 fails the test.
"""

from __future__ import annotations

import os
import socket

import pytest

os.environ.setdefault("SAGEMAKER_SUPPRESS_V2_WARNING", "1")

boto3 = pytest.importorskip("boto3")
pytest.importorskip("sagemaker")

from botocore.validate import ParamValidator  # noqa: E402
from sagemaker.debugger import Rule, rule_configs  # noqa: E402
from sagemaker.estimator import Estimator  # noqa: E402
from sagemaker.session import Session  # noqa: E402

from churn_studio_ext.debugger import RuleConfigurationError, RuleEvaluator, SeriesSource  # noqa: E402
from churn_studio_ext.debugger.config import parse_rule_configuration  # noqa: E402

TELEMETRY_OFF = {"SchemaVersion": "1.0", "SageMaker": {"PythonSDK": {"Modules": {"TelemetryOptOut": True}}}}


class NetworkBlocked(AssertionError):
    """Something tried to reach a host other than 127.0.0.1."""


@pytest.fixture(scope="module", autouse=True)
def loopback_only():
    original_getaddrinfo = socket.getaddrinfo
    original_connect = socket.socket.connect
    # Attempts are recorded as well as raised, because library code may swallow the error.
    blocked = []

    def getaddrinfo(host, *args, **kwargs):
        if host not in ("127.0.0.1", "localhost"):
            blocked.append(f"name lookup of {host}")
            raise NetworkBlocked(blocked[-1])
        return original_getaddrinfo(host, *args, **kwargs)

    def connect(self, address):
        if isinstance(address, tuple) and address[0] != "127.0.0.1":
            blocked.append(f"connection to {address}")
            raise NetworkBlocked(blocked[-1])
        return original_connect(self, address)

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
        monkeypatch.setattr(socket.socket, "connect", connect)
        for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
            monkeypatch.setenv(key, "testing")
        monkeypatch.delenv("AWS_PROFILE", raising=False)
        yield
    assert blocked == []


class CapturingClient:
    """Stands in for the SageMaker client: validates and stores CreateTrainingJob requests."""

    def __init__(self, boto_session):
        model_client = boto_session.client("sagemaker", endpoint_url="http://127.0.0.1:9")
        self._input_shape = model_client.meta.service_model.operation_model("CreateTrainingJob").input_shape
        self.requests = []

    def create_training_job(self, **request):
        report = ParamValidator().validate(request, self._input_shape)
        assert not report.has_errors(), report.generate_report()
        self.requests.append(request)
        return {
            "TrainingJobArn": f"arn:aws:sagemaker:us-east-1:111122223333:training-job/{request['TrainingJobName']}"
        }


def sdk_rule_configurations(rules: list[Rule]) -> list[dict]:
    """Return the DebugRuleConfigurations of the CreateTrainingJob request `Estimator.fit` builds."""
    boto_session = boto3.Session(region_name="us-east-1")
    client = CapturingClient(boto_session)
    session = Session(
        boto_session=boto_session,
        sagemaker_client=client,
        default_bucket="bucket",
        sagemaker_config=TELEMETRY_OFF,
    )
    estimator = Estimator(
        image_uri="111122223333.dkr.ecr.us-east-1.amazonaws.com/xgboost:1",
        role="arn:aws:iam::111122223333:role/SageMakerRole",
        instance_count=1,
        instance_type="ml.m5.xlarge",
        output_path="s3://bucket/output",
        sagemaker_session=session,
        rules=rules,
    )
    estimator.fit({"train": "s3://bucket/train"}, wait=False, logs=False, job_name="churn-rules")
    (request,) = client.requests
    return request["DebugRuleConfigurations"]


SDK_RULES = {
    "LossNotDecreasing": rule_configs.loss_not_decreasing,
    "Overtraining": rule_configs.overtraining,
    "Overfit": rule_configs.overfit,
    "ClassImbalance": rule_configs.class_imbalance,
    "TreeDepth": rule_configs.tree_depth,
    "FeatureImportanceOverweight": rule_configs.feature_importance_overweight,
    "Confusion": rule_configs.confusion,
}


@pytest.fixture(scope="module")
def default_entries():
    """DebugRuleConfigurations for every XGBoost rule with SDK defaults, from one `fit`."""
    return sdk_rule_configurations([Rule.sagemaker(factory()) for factory in SDK_RULES.values()])


@pytest.fixture(scope="module")
def custom_entries():
    """DebugRuleConfigurations with user parameters and names, from one `fit`."""
    rules = [
        Rule.sagemaker(
            rule_configs.loss_not_decreasing(),
            rule_parameters={
                "tensor_regex": "validation-auc,train-error",
                "num_steps": "5",
                "use_losses_collection": "False",
            },
        ),
        Rule.sagemaker(
            rule_configs.overtraining(), name="StrictOvertraining", rule_parameters={"delta": "0.1"}
        ),
        Rule.sagemaker(
            rule_configs.overfit(),
            rule_parameters={"patience": "2", "ratio_threshold": "0.2", "start_step": "3"},
        ),
        Rule.sagemaker(rule_configs.overfit(), name="my-overfit"),
    ]
    return sdk_rule_configurations(rules)


def test_sdk_default_rules_parse(default_entries):
    entries = default_entries
    assert [entry["RuleConfigurationName"] for entry in entries] == list(SDK_RULES)
    for entry, rule in zip(entries, SDK_RULES):
        assert (
            entry["RuleEvaluatorImage"]
            == "503895931360.dkr.ecr.us-east-1.amazonaws.com/sagemaker-debugger-rules:latest"
        )
        assert entry["RuleParameters"] == {"rule_to_invoke": rule}
        configuration = parse_rule_configuration(entry)
        assert configuration.rule_to_invoke == rule
        assert configuration.create_rule().name == rule


def test_sdk_rule_dict_matches_request():
    # The estimator puts `to_debugger_rule_config_dict()` in the request. Until the estimator
    # resolves the image, the entry contains a placeholder.
    rule = Rule.sagemaker(rule_configs.overfit())
    assert rule.to_debugger_rule_config_dict() == {
        "RuleConfigurationName": "Overfit",
        "RuleEvaluatorImage": "DEFAULT_RULE_EVALUATOR_IMAGE",
        "RuleParameters": {"rule_to_invoke": "Overfit"},
    }
    assert parse_rule_configuration(rule.to_debugger_rule_config_dict()).values["patience"] == 1


def test_sdk_custom_parameters_parse(custom_entries):
    loss, overtraining, overfit = (parse_rule_configuration(entry) for entry in custom_entries[:3])
    assert [p.pattern for p in loss.values["tensor_regex"]] == ["validation-auc", "train-error"]
    assert loss.values["num_steps"] == 5
    assert loss.values["use_losses_collection"] is False
    assert overtraining.rule_configuration_name == "StrictOvertraining"
    assert overtraining.rule_to_invoke == "Overtraining"
    assert overtraining.values["delta"] == 0.1
    assert (overfit.values["patience"], overfit.values["ratio_threshold"], overfit.window.start) == (
        2,
        0.2,
        3,
    )


def test_sdk_renamed_rule_reports_class_name(custom_entries):
    evaluator = RuleEvaluator([custom_entries[3]])
    source = SeriesSource({"train-error": [(0, 0.1)], "validation-error": [(0, 0.5)]})
    (status,) = evaluator.finish(source)
    assert status["RuleConfigurationName"] == "my-overfit"
    assert status["StatusDetails"] == (
        "RuleEvaluationConditionMet: Evaluation of the rule Overfit at step 0 resulted in the condition being met\n"
    )


def test_sdk_passes_non_strings_that_botocore_rejects():
    # The SDK does not convert debugger rule parameters to strings; botocore's validation then
    # rejects the request, so SageMaker only ever receives strings.
    rule = Rule.sagemaker(rule_configs.loss_not_decreasing(), rule_parameters={"num_steps": 5})
    entry = rule.to_debugger_rule_config_dict()
    assert entry["RuleParameters"]["num_steps"] == 5
    with pytest.raises(AssertionError, match="Invalid type for parameter"):
        sdk_rule_configurations([rule])
    with pytest.raises(RuleConfigurationError, match="must be strings, got int"):
        parse_rule_configuration(entry)


def test_sdk_collection_config_for_loss_rule():
    rule = Rule.sagemaker(rule_configs.loss_not_decreasing())
    assert [(c.name, c.parameters) for c in rule.collection_configs] == [("losses", {"save_interval": "500"})]
