"""``sdk.ExperimentAnalytics`` against the SDK v2's own ``ExperimentAnalytics`` on local data."""

import pandas as pd
import pytest
from sagemaker.analytics import ExperimentAnalytics as SdkExperimentAnalytics
from sagemaker.experiments.run import Run

from churn_studio_ext.sdk import ExperimentAnalytics
from churn_studio_ext.sdk.analytics import MAX_TRIAL_COMPONENTS

STATISTICS = ["Min", "Max", "Avg", "StdDev", "Last", "Count"]


def _record_runs(sdk_session, experiment_name="churn-study"):
    for index, eta in enumerate([0.1, 0.2, 0.3]):
        with Run(
            experiment_name=experiment_name,
            run_name=f"run-{index}",
            sagemaker_session=sdk_session,
        ) as run:
            run.log_parameters(
                {"eta": eta, "max_depth": 5, "objective": "binary:logistic"}
            )
            for step in range(4):
                run.log_metric(name="train:error", value=eta + step, step=step)
                run.log_metric(name="validation:error", value=eta * 2 + step, step=step)
            run.log_artifact(
                name="train",
                value="s3://bucket/train.csv",
                media_type="text/csv",
                is_output=False,
            )
            run.log_artifact(name="model", value=f"s3://bucket/model-{index}.tar.gz")


def test_columns_follow_convention(sdk_session):
    _record_runs(sdk_session)

    frame = ExperimentAnalytics(
        experiment_name="churn-study", sagemaker_session=sdk_session
    ).dataframe()

    assert list(frame.columns) == (
        ["TrialComponentName", "DisplayName", "eta", "max_depth", "objective"]
        + [f"train:error - {statistic}" for statistic in STATISTICS]
        + [f"validation:error - {statistic}" for statistic in STATISTICS]
        + ["train - MediaType", "train - Value", "model - MediaType", "model - Value"]
        + ["Trials", "Experiments"]
    )


def test_cells_hold_values(sdk_session):
    _record_runs(sdk_session)

    frame = ExperimentAnalytics(
        experiment_name="churn-study",
        sagemaker_session=sdk_session,
        sort_by="TrialComponentName",
        sort_order="Ascending",
    ).dataframe()

    assert list(frame["TrialComponentName"]) == [
        "churn-study-run-0",
        "churn-study-run-1",
        "churn-study-run-2",
    ]
    assert list(frame["eta"]) == [0.1, 0.2, 0.3]
    assert list(frame["train:error - Last"]) == pytest.approx([3.1, 3.2, 3.3])
    assert list(frame["train:error - Count"]) == [4, 4, 4]
    assert list(frame["validation:error - Min"]) == pytest.approx([0.2, 0.4, 0.6])
    assert list(frame["model - Value"]) == [
        f"s3://bucket/model-{i}.tar.gz" for i in range(3)
    ]
    assert list(frame["train - MediaType"]) == ["text/csv"] * 3
    assert frame["Trials"][0] == ["Default-Run-Group-churn-study"]
    assert frame["Experiments"][0] == ["churn-study"]


@pytest.mark.parametrize(
    "options",
    [
        pytest.param({}, id="all-columns"),
        pytest.param(
            {"metric_names": ["validation:error"], "parameter_names": ["eta"]},
            id="selected",
        ),
        pytest.param(
            {"input_artifact_names": ["train"], "output_artifact_names": []},
            id="artifacts",
        ),
        pytest.param(
            {"sort_by": "Parameters.eta", "sort_order": "Descending"}, id="sorted"
        ),
    ],
)
def test_matches_sdk_dataframe(sdk_session, options):
    _record_runs(sdk_session)
    _record_runs(sdk_session, experiment_name="other-study")

    ours = ExperimentAnalytics(
        experiment_name="churn-study", sagemaker_session=sdk_session, **options
    ).dataframe()
    theirs = SdkExperimentAnalytics(
        experiment_name="churn-study", sagemaker_session=sdk_session, **options
    ).dataframe()

    assert len(ours) == 3
    pd.testing.assert_frame_equal(ours, theirs)


def test_search_expression_matches_sdk(sdk_session):
    _record_runs(sdk_session)
    expression = {
        "Filters": [
            {"Name": "Parameters.eta", "Operator": "GreaterThan", "Value": "0.15"}
        ]
    }

    ours = ExperimentAnalytics(
        search_expression=expression, sagemaker_session=sdk_session
    )
    theirs = SdkExperimentAnalytics(
        search_expression=dict(expression), sagemaker_session=sdk_session
    )

    pd.testing.assert_frame_equal(ours.dataframe(), theirs.dataframe())
    assert sorted(ours.dataframe()["eta"]) == [0.2, 0.3]
    assert expression == {
        "Filters": [
            {"Name": "Parameters.eta", "Operator": "GreaterThan", "Value": "0.15"}
        ]
    }


def test_export_csv_matches_sdk(sdk_session, tmp_path):
    _record_runs(sdk_session)
    ours_path = tmp_path / "ours.csv"
    theirs_path = tmp_path / "theirs.csv"

    ExperimentAnalytics(
        experiment_name="churn-study",
        sagemaker_session=sdk_session,
        sort_by="TrialComponentName",
    ).export_csv(ours_path)
    SdkExperimentAnalytics(
        experiment_name="churn-study",
        sagemaker_session=sdk_session,
        sort_by="TrialComponentName",
    ).export_csv(theirs_path)

    assert ours_path.read_text() == theirs_path.read_text()
    assert (
        ours_path.read_text()
        .splitlines()[0]
        .startswith(",TrialComponentName,DisplayName,eta")
    )


def test_dataframe_cached_until_refresh(sdk_session, sagemaker_client):
    _record_runs(sdk_session)
    analytics = ExperimentAnalytics(
        experiment_name="churn-study", sagemaker_client=sagemaker_client
    )
    first = analytics.dataframe()

    with Run(
        experiment_name="churn-study",
        run_name="late-run",
        sagemaker_session=sdk_session,
    ):
        pass

    assert len(analytics.dataframe()) == 3
    assert analytics.dataframe() is first
    assert len(analytics.dataframe(force_refresh=True)) == 4
    analytics.clear_cache()
    assert len(analytics.dataframe()) == 4


def test_empty_experiment_gives_empty_frame(sagemaker_client):
    sagemaker_client.create_experiment(ExperimentName="empty-study")

    frame = ExperimentAnalytics(
        experiment_name="empty-study", sagemaker_client=sagemaker_client
    ).dataframe()

    assert frame.empty
    assert list(frame.columns) == []


def test_missing_selection_rejected(sagemaker_client):
    with pytest.raises(ValueError) as raised:
        ExperimentAnalytics(sagemaker_client=sagemaker_client)

    assert "experiment_name or search_expression" in str(raised.value)


def test_heterogeneous_parameters_sorted(sagemaker_client):
    sagemaker_client.create_experiment(ExperimentName="mixed-study")
    sagemaker_client.create_trial(TrialName="mixed-trial", ExperimentName="mixed-study")
    sagemaker_client.create_trial_component(
        TrialComponentName="first", Parameters={"zeta": {"NumberValue": 1}}
    )
    sagemaker_client.create_trial_component(
        TrialComponentName="second", Parameters={"alpha": {"StringValue": "a"}}
    )
    for name in ["first", "second"]:
        sagemaker_client.associate_trial_component(
            TrialComponentName=name, TrialName="mixed-trial"
        )

    frame = ExperimentAnalytics(
        experiment_name="mixed-study",
        sagemaker_client=sagemaker_client,
        sort_by="TrialComponentName",
        sort_order="Ascending",
    ).dataframe()

    assert list(frame.columns) == [
        "TrialComponentName",
        "DisplayName",
        "alpha",
        "zeta",
        "Trials",
        "Experiments",
    ]
    assert frame["alpha"].isna().tolist() == [True, False]
    assert frame["zeta"].tolist()[0] == 1.0


class EndlessSearchClient:
    """A sagemaker client stub whose Search always has one more page of 100 components."""

    def __init__(self):
        self.requests = []

    def search(self, **request):
        self.requests.append(request)
        start = len(self.requests) * 100
        records = [
            {"TrialComponent": {"TrialComponentName": f"component-{start + index}"}}
            for index in range(100)
        ]
        return {"Results": records, "NextToken": f"token-{len(self.requests)}"}


def test_stops_at_ten_thousand_components():
    client = EndlessSearchClient()

    frame = ExperimentAnalytics(
        experiment_name="big-study", sagemaker_client=client
    ).dataframe()

    assert len(frame) == MAX_TRIAL_COMPONENTS
    assert len(client.requests) == MAX_TRIAL_COMPONENTS // 100
    assert client.requests[1]["NextToken"] == "token-1"
    assert client.requests[0]["SearchExpression"]["Filters"] == [
        {"Name": "Parents.ExperimentName", "Operator": "Equals", "Value": "big-study"}
    ]
