"""SageMaker SDK v2 ``Run``, ``load_run`` and ``list_runs`` on a Session from ``sdk.session()``."""

import pytest
from sagemaker.experiments import SortByType, SortOrderType, list_runs, load_run
from sagemaker.experiments.run import Run

from churn_studio_ext import sdk

LOSS_VALUES = [0.9, 0.5, 0.7, 0.3, 0.4]
RUN_TAG = {"Key": "sagemaker:trial-component-source", "Value": "run"}


def _describe_run(sagemaker_client, experiment_name, run_name):
    # The SDK names a run's trial component "<experiment>-<run>", both lower-cased.
    name = f"{experiment_name}-{run_name}".lower()
    return sagemaker_client.describe_trial_component(TrialComponentName=name)


def _record_run(sdk_session, run_name="Run-One"):
    with Run(
        experiment_name="Churn-Study",
        run_name=run_name,
        sagemaker_session=sdk_session,
        tags=[{"Key": "team", "Value": "retention"}],
    ) as run:
        run.log_parameters({"eta": 0.2, "max_depth": 5, "objective": "binary:logistic"})
        run.log_parameter("eta", 0.3)
        for step, value in enumerate(LOSS_VALUES):
            run.log_metric(name="validation:loss", value=value, step=step)
        run.log_artifact(
            name="train-data",
            value="s3://bucket/train.csv",
            media_type="text/csv",
            is_output=False,
        )
    return run


def test_session_sends_no_request(sdk_session, sagemaker_client):
    boto_session = sdk_session.boto_session

    with pytest.raises(sdk.LocalBackendError) as raised:
        boto_session.client("s3").list_buckets()

    assert "was not sent" in str(raised.value)
    assert sdk_session.sagemaker_client.list_experiments()["ExperimentSummaries"] == []


def test_run_creates_experiment_tree(sdk_session, sagemaker_client):
    _record_run(sdk_session)

    experiment = sagemaker_client.describe_experiment(ExperimentName="churn-study")
    trial = sagemaker_client.describe_trial(TrialName="Default-Run-Group-churn-study")
    in_trial = sagemaker_client.list_trial_components(
        TrialName="Default-Run-Group-churn-study"
    )

    assert experiment["ExperimentName"] == "churn-study"
    assert trial["ExperimentName"] == "churn-study"
    assert [
        summary["TrialComponentName"] for summary in in_trial["TrialComponentSummaries"]
    ] == ["churn-study-run-one"]


def test_run_records_parameters_and_status(sdk_session, sagemaker_client):
    _record_run(sdk_session)

    described = _describe_run(sagemaker_client, "Churn-Study", "Run-One")

    assert described["Parameters"] == {
        "eta": {"NumberValue": 0.3},
        "max_depth": {"NumberValue": 5.0},
        "objective": {"StringValue": "binary:logistic"},
    }
    assert described["InputArtifacts"] == {
        "train-data": {"Value": "s3://bucket/train.csv", "MediaType": "text/csv"}
    }
    assert described["Status"]["PrimaryStatus"] == "Completed"
    assert described["EndTime"] >= described["StartTime"]


def test_run_records_metric_summary(sdk_session, sagemaker_client):
    _record_run(sdk_session)

    metrics = _describe_run(sagemaker_client, "Churn-Study", "Run-One")["Metrics"]

    assert [summary["MetricName"] for summary in metrics] == ["validation:loss"]
    assert metrics[0]["Count"] == 5
    assert metrics[0]["Min"] == 0.3
    assert metrics[0]["Max"] == 0.9
    assert metrics[0]["Last"] == 0.4
    assert metrics[0]["Avg"] == pytest.approx(sum(LOSS_VALUES) / 5)


def test_run_metric_series_by_step(sdk_session, sagemaker_client, metrics_client):
    _record_run(sdk_session)
    arn = _describe_run(sagemaker_client, "Churn-Study", "Run-One")["TrialComponentArn"]

    response = metrics_client.batch_get_metrics(
        MetricQueries=[
            {
                "MetricName": "validation:loss",
                "ResourceArn": arn,
                "MetricStat": "Last",
                "Period": "IterationNumber",
                "XAxisType": "IterationNumber",
            }
        ]
    )

    result = response["MetricQueryResults"][0]
    assert result["Status"] == "Complete"
    assert result["XAxisValues"] == [0, 1, 2, 3, 4]
    assert result["MetricValues"] == LOSS_VALUES


def test_run_tags_component(sdk_session, sagemaker_client):
    _record_run(sdk_session)

    results = sagemaker_client.search(
        Resource="ExperimentTrialComponent",
        SearchExpression={
            "Filters": [
                {
                    "Name": "TrialComponentName",
                    "Operator": "Equals",
                    "Value": "churn-study-run-one",
                }
            ]
        },
    )["Results"]

    tags = results[0]["TrialComponent"]["Tags"]
    assert RUN_TAG in tags
    assert {"Key": "team", "Value": "retention"} in tags
    assert results[0]["TrialComponent"]["Parents"] == [
        {"TrialName": "Default-Run-Group-churn-study", "ExperimentName": "churn-study"}
    ]


def test_run_failure_records_message(sdk_session, sagemaker_client):
    with (
        pytest.raises(ValueError),
        Run(
            experiment_name="churn-study",
            run_name="broken",
            sagemaker_session=sdk_session,
        ),
    ):
        raise ValueError("label column missing")

    status = _describe_run(sagemaker_client, "churn-study", "broken")["Status"]

    assert status["PrimaryStatus"] == "Failed"
    assert "label column missing" in status["Message"]


def test_load_run_merges_parameters(sdk_session, sagemaker_client):
    _record_run(sdk_session)

    with load_run(
        experiment_name="Churn-Study", run_name="Run-One", sagemaker_session=sdk_session
    ) as run:
        run.log_parameter("subsample", 0.8)
        run.log_metric(name="validation:loss", value=0.1, step=5)

    described = _describe_run(sagemaker_client, "Churn-Study", "Run-One")
    assert described["Parameters"]["subsample"] == {"NumberValue": 0.8}
    assert described["Parameters"]["eta"] == {"NumberValue": 0.3}
    assert described["Metrics"][0]["Count"] == 6
    assert described["Metrics"][0]["Min"] == 0.1
    assert described["Metrics"][0]["Last"] == 0.1
    assert described["Status"]["PrimaryStatus"] == "Completed"


def test_list_runs_finds_runs(sdk_session):
    for run_name in ["run-one", "run-two"]:
        _record_run(sdk_session, run_name=run_name)

    runs = list_runs(experiment_name="churn-study", sagemaker_session=sdk_session)

    assert sorted(run.run_name for run in runs) == ["run-one", "run-two"]
    assert {run.experiment_name for run in runs} == {"churn-study"}


def test_list_runs_skips_plain_components(sdk_session, sagemaker_client):
    _record_run(sdk_session)
    sagemaker_client.create_trial_component(TrialComponentName="not-a-run")
    sagemaker_client.associate_trial_component(
        TrialComponentName="not-a-run", TrialName="Default-Run-Group-churn-study"
    )

    runs = list_runs(experiment_name="churn-study", sagemaker_session=sdk_session)

    assert [run.run_name for run in runs] == ["run-one"]


def test_run_sends_metrics_in_batches(sdk_session, sagemaker_client):
    # The SDK sends at most 10 points per BatchPutMetrics call, so 25 points take three calls.
    with Run(
        experiment_name="churn-study",
        run_name="long-run",
        sagemaker_session=sdk_session,
    ) as run:
        for step in range(25):
            run.log_metric(name="train:error", value=float(step), step=step)

    summary = _describe_run(sagemaker_client, "churn-study", "long-run")["Metrics"][0]

    assert summary["Count"] == 25
    assert summary["Min"] == 0.0
    assert summary["Max"] == 24.0
    assert summary["Last"] == 24.0
    assert summary["Avg"] == pytest.approx(12.0)


def test_list_runs_sorted_by_name(sdk_session):
    for run_name in ["run-b", "run-c", "run-a"]:
        with Run(
            experiment_name="churn-study",
            run_name=run_name,
            sagemaker_session=sdk_session,
        ):
            pass

    runs = list_runs(
        experiment_name="churn-study",
        sagemaker_session=sdk_session,
        sort_by=SortByType.NAME,
        sort_order=SortOrderType.ASCENDING,
    )

    assert [run.run_name for run in runs] == ["run-a", "run-b", "run-c"]


def test_run_log_file_not_uploaded(sdk_session, tmp_path):
    # The local backend has no object store client yet, so uploads fail before any request.
    data_file = tmp_path / "train.csv"
    data_file.write_text("1,0.5\n")

    with (
        Run(
            experiment_name="churn-study",
            run_name="upload",
            sagemaker_session=sdk_session,
        ) as run,
        pytest.raises(sdk.LocalBackendError),
    ):
        run.log_file(str(data_file), name="train-data", is_output=False)
