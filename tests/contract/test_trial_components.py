"""CreateTrialComponent, DescribeTrialComponent, UpdateTrialComponent, ListTrialComponents."""

import datetime
import re

import pytest

COMPONENT_ARN = re.compile(
    r"^arn:aws:sagemaker:[a-z0-9-]+:\d{12}:experiment-trial-component/component-one$"
)
START = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
END = START + datetime.timedelta(minutes=7)


@pytest.fixture
def component(backend):
    backend.sagemaker.create_trial_component(
        TrialComponentName="component-one",
        DisplayName="Training",
        Status={"PrimaryStatus": "InProgress", "Message": "Within a run context"},
        StartTime=START,
        Parameters={
            "max_depth": {"NumberValue": 5},
            "objective": {"StringValue": "binary:logistic"},
        },
        InputArtifacts={
            "train": {"Value": "s3://bucket/train.csv", "MediaType": "text/csv"}
        },
        OutputArtifacts={
            "SageMaker.ModelArtifact": {"Value": "s3://bucket/model.tar.gz"}
        },
    )
    return "component-one"


def test_create_component_returns_arn(backend):
    response = backend.sagemaker.create_trial_component(
        TrialComponentName="component-one"
    )

    assert COMPONENT_ARN.match(response["TrialComponentArn"]), response[
        "TrialComponentArn"
    ]


def test_describe_component_echoes_request(backend, component):
    described = backend.sagemaker.describe_trial_component(TrialComponentName=component)

    assert described["TrialComponentName"] == component
    assert COMPONENT_ARN.match(described["TrialComponentArn"])
    assert described["DisplayName"] == "Training"
    assert described["Status"] == {
        "PrimaryStatus": "InProgress",
        "Message": "Within a run context",
    }
    assert described["StartTime"] == START
    assert described["Parameters"] == {
        "max_depth": {"NumberValue": 5.0},
        "objective": {"StringValue": "binary:logistic"},
    }
    assert described["InputArtifacts"] == {
        "train": {"Value": "s3://bucket/train.csv", "MediaType": "text/csv"}
    }
    assert described["OutputArtifacts"] == {
        "SageMaker.ModelArtifact": {"Value": "s3://bucket/model.tar.gz"}
    }
    assert described["LastModifiedTime"] >= described["CreationTime"]


def test_describe_component_by_arn(backend, component):
    arn = backend.sagemaker.describe_trial_component(TrialComponentName=component)[
        "TrialComponentArn"
    ]
    backend.moto_deviates("DescribeTrialComponent does not accept an ARN")

    described = backend.sagemaker.describe_trial_component(TrialComponentName=arn)

    assert described["TrialComponentName"] == component


def test_update_component_status_and_end(backend, component):
    backend.sagemaker.update_trial_component(
        TrialComponentName=component,
        Status={"PrimaryStatus": "Completed"},
        EndTime=END,
    )

    described = backend.sagemaker.describe_trial_component(TrialComponentName=component)

    assert described["Status"]["PrimaryStatus"] == "Completed"
    assert described["EndTime"] == END
    assert described["StartTime"] == START


def test_update_component_merges_parameters(backend, component):
    backend.sagemaker.update_trial_component(
        TrialComponentName=component,
        Parameters={"eta": {"NumberValue": 0.2}, "max_depth": {"NumberValue": 6}},
    )

    parameters = backend.sagemaker.describe_trial_component(
        TrialComponentName=component
    )["Parameters"]

    assert parameters["eta"] == {"NumberValue": 0.2}
    assert parameters["max_depth"] == {"NumberValue": 6.0}
    backend.moto_deviates("UpdateTrialComponent replaces the whole Parameters map")
    assert parameters["objective"] == {"StringValue": "binary:logistic"}
    assert len(parameters) == 3


def test_update_component_removes_keys(backend, component):
    backend.sagemaker.update_trial_component(
        TrialComponentName=component,
        ParametersToRemove=["max_depth"],
        InputArtifactsToRemove=["train"],
        OutputArtifactsToRemove=["SageMaker.ModelArtifact"],
    )

    described = backend.sagemaker.describe_trial_component(TrialComponentName=component)

    assert described["Parameters"] == {"objective": {"StringValue": "binary:logistic"}}
    assert described.get("InputArtifacts", {}) == {}
    assert described.get("OutputArtifacts", {}) == {}


def test_update_component_parameter_type_change(backend, component):
    backend.sagemaker.update_trial_component(
        TrialComponentName=component,
        Parameters={"max_depth": {"StringValue": "auto"}},
    )

    parameters = backend.sagemaker.describe_trial_component(
        TrialComponentName=component
    )["Parameters"]

    assert parameters["max_depth"] == {"StringValue": "auto"}


def test_list_components_summarizes(backend, component):
    summaries = backend.sagemaker.list_trial_components()["TrialComponentSummaries"]

    assert [summary["TrialComponentName"] for summary in summaries] == [component]
    assert COMPONENT_ARN.match(summaries[0]["TrialComponentArn"])
    assert "Parameters" not in summaries[0]
    backend.moto_deviates("ListTrialComponents summaries lack DisplayName and Status")
    assert summaries[0]["DisplayName"] == "Training"
    assert summaries[0]["Status"]["PrimaryStatus"] == "InProgress"
    assert summaries[0]["StartTime"] == START


def test_delete_component_removes_it(backend, component):
    deleted = backend.sagemaker.delete_trial_component(TrialComponentName=component)

    assert backend.sagemaker.list_trial_components()["TrialComponentSummaries"] == []
    backend.moto_deviates(
        "DeleteTrialComponent returns an empty body without TrialComponentArn"
    )
    assert COMPONENT_ARN.match(deleted["TrialComponentArn"])
