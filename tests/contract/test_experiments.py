"""CreateExperiment, DescribeExperiment, UpdateExperiment, ListExperiments, DeleteExperiment."""

import datetime
import re

import pytest
from botocore.exceptions import ClientError

from .client_errors import assert_client_error

EXPERIMENT_ARN = re.compile(
    r"^arn:aws:sagemaker:[a-z0-9-]+:\d{12}:experiment/churn-study$"
)


def test_create_experiment_returns_arn(backend):
    response = backend.sagemaker.create_experiment(ExperimentName="churn-study")

    assert EXPERIMENT_ARN.match(response["ExperimentArn"]), response["ExperimentArn"]


def test_describe_experiment_echoes_request(backend):
    created = backend.sagemaker.create_experiment(
        ExperimentName="churn-study",
        DisplayName="Churn-study",
        Description="XGBoost on the churn data set",
        Tags=[{"Key": "team", "Value": "retention"}],
    )

    described = backend.sagemaker.describe_experiment(ExperimentName="churn-study")

    assert described["ExperimentName"] == "churn-study"
    assert described["ExperimentArn"] == created["ExperimentArn"]
    assert isinstance(described["CreationTime"], datetime.datetime)
    assert described["LastModifiedTime"] >= described["CreationTime"]
    backend.moto_deviates("DescribeExperiment drops DisplayName and Description")
    assert described["DisplayName"] == "Churn-study"
    assert described["Description"] == "XGBoost on the churn data set"


def test_describe_experiment_ignores_name_case(backend):
    backend.sagemaker.create_experiment(ExperimentName="Churn-Study")
    backend.moto_deviates("names are case-sensitive, so another case answers HTTP 500")

    described = backend.sagemaker.describe_experiment(ExperimentName="churn-study")

    assert described["ExperimentName"].lower() == "churn-study"


def test_update_experiment_changes_display_name(backend):
    created = backend.sagemaker.create_experiment(
        ExperimentName="churn-study", DisplayName="old"
    )
    backend.moto_deviates("UpdateExperiment answers HTTP 500")

    updated = backend.sagemaker.update_experiment(
        ExperimentName="churn-study", DisplayName="new", Description="second try"
    )
    described = backend.sagemaker.describe_experiment(ExperimentName="churn-study")

    assert updated["ExperimentArn"] == created["ExperimentArn"]
    assert described["DisplayName"] == "new"
    assert described["Description"] == "second try"
    assert described["LastModifiedTime"] >= described["CreationTime"]


def test_list_experiments_summarizes(backend):
    backend.sagemaker.create_experiment(
        ExperimentName="churn-study", DisplayName="Churn-study"
    )

    summaries = backend.sagemaker.list_experiments()["ExperimentSummaries"]

    assert [summary["ExperimentName"] for summary in summaries] == ["churn-study"]
    assert EXPERIMENT_ARN.match(summaries[0]["ExperimentArn"])
    assert isinstance(summaries[0]["CreationTime"], datetime.datetime)
    backend.moto_deviates("ListExperiments summaries lack DisplayName")
    assert summaries[0]["DisplayName"] == "Churn-study"


def test_list_experiments_time_window(backend):
    backend.sagemaker.create_experiment(ExperimentName="churn-study")
    created = backend.sagemaker.describe_experiment(ExperimentName="churn-study")[
        "CreationTime"
    ]
    day = datetime.timedelta(days=1)

    def names(**window):
        summaries = backend.sagemaker.list_experiments(**window)["ExperimentSummaries"]
        return [summary["ExperimentName"] for summary in summaries]

    assert names(CreatedAfter=created - day) == ["churn-study"]
    assert names(CreatedBefore=created + day) == ["churn-study"]
    backend.moto_deviates("ListExperiments ignores CreatedAfter and CreatedBefore")
    assert names(CreatedAfter=created + day) == []
    assert names(CreatedBefore=created - day) == []


def test_delete_experiment_removes_it(backend):
    created = backend.sagemaker.create_experiment(ExperimentName="churn-study")

    deleted = backend.sagemaker.delete_experiment(ExperimentName="churn-study")
    listed = backend.sagemaker.list_experiments()["ExperimentSummaries"]

    assert listed == []
    backend.moto_deviates(
        "DeleteExperiment returns an empty body without ExperimentArn"
    )
    assert deleted["ExperimentArn"] == created["ExperimentArn"]
    with pytest.raises(ClientError) as raised:
        backend.sagemaker.describe_experiment(ExperimentName="churn-study")
    assert_client_error(raised.value, "ResourceNotFound", "churn-study")
