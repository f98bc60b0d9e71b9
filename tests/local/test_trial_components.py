"""Trial component operations and associations on the local client, and sagemaker-experiments
(smexperiments) driving them unchanged."""

import datetime
import importlib.util
import math

import pytest
from botocore.exceptions import ClientError

UTC = datetime.timezone.utc
START = datetime.datetime(2024, 3, 1, 12, 0, 0, 250000, tzinfo=UTC)
END = datetime.datetime(2024, 3, 1, 12, 30, 0, tzinfo=UTC)


def test_create_and_describe_round_trip(sm, assert_output_shape):
    created = sm.create_trial_component(
        TrialComponentName="Train-1",
        DisplayName="Training",
        Status={"PrimaryStatus": "Completed", "Message": "done"},
        StartTime=START,
        EndTime=END,
        Parameters={"eta": {"NumberValue": 0.2}, "objective": {"StringValue": "binary:logistic"}},
        InputArtifacts={"train": {"Value": "s3://bucket/train.csv", "MediaType": "text/csv"}},
        OutputArtifacts={"SageMaker.ModelArtifact": {"Value": "s3://bucket/model.tar.gz"}},
        MetadataProperties={"GeneratedBy": "tests"},
    )
    assert_output_shape("CreateTrialComponent", created)
    arn = "arn:aws:sagemaker:local:000000000000:experiment-trial-component/train-1"
    assert created["TrialComponentArn"] == arn

    described = sm.describe_trial_component(TrialComponentName="Train-1")

    assert_output_shape("DescribeTrialComponent", described)
    assert described["TrialComponentName"] == "Train-1"
    assert described["TrialComponentArn"] == arn
    assert described["DisplayName"] == "Training"
    assert described["Status"] == {"PrimaryStatus": "Completed", "Message": "done"}
    assert described["StartTime"] == START
    assert described["EndTime"] == END
    assert described["Parameters"] == {
        "eta": {"NumberValue": 0.2},
        "objective": {"StringValue": "binary:logistic"},
    }
    assert described["InputArtifacts"] == {
        "train": {"Value": "s3://bucket/train.csv", "MediaType": "text/csv"}
    }
    assert described["OutputArtifacts"] == {
        "SageMaker.ModelArtifact": {"Value": "s3://bucket/model.tar.gz"}
    }
    assert described["MetadataProperties"] == {"GeneratedBy": "tests"}
    assert described["Metrics"] == []
    assert "Source" not in described


def test_minimal_create(sm):
    sm.create_trial_component(TrialComponentName="bare")

    described = sm.describe_trial_component(TrialComponentName="bare")

    assert described["DisplayName"] == "bare"
    assert described["Parameters"] == {}
    assert "Status" not in described
    assert "StartTime" not in described


def test_times_accept_epoch_and_naive_datetime(sm):
    sm.create_trial_component(
        TrialComponentName="times",
        StartTime=START.timestamp(),
        EndTime=END.replace(tzinfo=None),
    )

    described = sm.describe_trial_component(TrialComponentName="times")

    assert described["StartTime"] == START
    assert described["EndTime"] == END


def test_describe_by_arn(sm):
    arn = sm.create_trial_component(TrialComponentName="Arn-Lookup")["TrialComponentArn"]

    described = sm.describe_trial_component(TrialComponentName=arn)

    assert described["TrialComponentName"] == "Arn-Lookup"


def test_describe_by_arn_of_other_type(sm, error_of):
    sm.create_trial_component(TrialComponentName="same")
    trial_arn = "arn:aws:sagemaker:local:000000000000:experiment-trial/same"

    with pytest.raises(sm.exceptions.ResourceNotFound) as excinfo:
        sm.describe_trial_component(TrialComponentName=trial_arn)

    assert error_of(excinfo) == (
        "ResourceNotFound",
        f"Trial component '{trial_arn}' does not exist.",
    )


def test_describe_missing(sm, error_of):
    with pytest.raises(sm.exceptions.ResourceNotFound) as excinfo:
        sm.describe_trial_component(TrialComponentName="absent")

    assert error_of(excinfo) == ("ResourceNotFound", "Trial component 'absent' does not exist.")


def test_duplicate_name_rejected_any_case(sm, error_of):
    sm.create_trial_component(TrialComponentName="exp-run")

    with pytest.raises(ClientError) as excinfo:
        sm.create_trial_component(TrialComponentName="EXP-RUN")

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "already exists" in message


@pytest.mark.parametrize(
    "value, found",
    [({}, "neither"), ({"StringValue": "a", "NumberValue": 1.0}, "StringValue and NumberValue")],
)
def test_parameter_needs_exactly_one_value(sm, error_of, value, found):
    with pytest.raises(ClientError) as excinfo:
        sm.create_trial_component(TrialComponentName="p", Parameters={"x": value})

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert (
        f"Parameter 'x' must set exactly one of StringValue or NumberValue, but it sets {found}"
        in message
    )


@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf])
def test_parameter_number_must_be_finite(sm, error_of, number):
    with pytest.raises(ClientError) as excinfo:
        sm.create_trial_component(TrialComponentName="p", Parameters={"x": {"NumberValue": number}})

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "at 'parameters.x.member.numberValue'" in message
    assert "finite" in message


def test_parameter_string_limit(sm, error_of):
    sm.create_trial_component(
        TrialComponentName="ok", Parameters={"x": {"StringValue": "s" * 2500}}
    )

    with pytest.raises(ClientError) as excinfo:
        sm.create_trial_component(
            TrialComponentName="too-long", Parameters={"x": {"StringValue": "s" * 2501}}
        )

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "Member must have length less than or equal to 2500" in message


def test_parameter_key_limit(sm, error_of):
    with pytest.raises(ClientError) as excinfo:
        sm.create_trial_component(
            TrialComponentName="long-key", Parameters={"k" * 321: {"NumberValue": 1}}
        )

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert (
        "Map keys must satisfy constraint: [Member must have length less than or equal to 320]"
        in message
    )


def test_three_hundred_one_parameters_rejected(sm, error_of):
    parameters = {f"p{index}": {"NumberValue": index} for index in range(301)}

    with pytest.raises(ClientError) as excinfo:
        sm.create_trial_component(TrialComponentName="many", Parameters=parameters)

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "at 'parameters'" in message
    assert "less than or equal to 300" in message


def test_merged_parameters_over_limit_rejected(sm, error_of):
    sm.create_trial_component(
        TrialComponentName="merge-limit",
        Parameters={f"a{index}": {"NumberValue": index} for index in range(200)},
    )

    with pytest.raises(ClientError) as excinfo:
        sm.update_trial_component(
            TrialComponentName="merge-limit",
            Parameters={f"b{index}": {"NumberValue": index} for index in range(101)},
        )

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "would have 301 parameters, more than the limit of 300" in message
    assert len(sm.describe_trial_component(TrialComponentName="merge-limit")["Parameters"]) == 200


def test_merged_artifacts_over_limit_rejected(sm, error_of):
    sm.create_trial_component(
        TrialComponentName="artifact-limit",
        OutputArtifacts={f"o{index}": {"Value": f"s3://b/{index}"} for index in range(60)},
    )

    with pytest.raises(ClientError) as excinfo:
        sm.update_trial_component(
            TrialComponentName="artifact-limit", OutputArtifacts={"extra": {"Value": "s3://b/x"}}
        )

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "would have 61 OutputArtifacts, more than the limit of 60" in message


def test_media_type_pattern(sm, error_of):
    with pytest.raises(ClientError) as excinfo:
        sm.create_trial_component(
            TrialComponentName="media",
            InputArtifacts={"train": {"Value": "s3://b/t", "MediaType": "csv"}},
        )

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "Value 'csv' at 'inputArtifacts.train.member.mediaType'" in message


def test_status_enum(sm, error_of):
    with pytest.raises(ClientError) as excinfo:
        sm.create_trial_component(TrialComponentName="s", Status={"PrimaryStatus": "Running"})

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert (
        "Member must satisfy enum value set: [InProgress, Completed, Failed, Stopping, Stopped]"
        in message
    )


def test_update_merges_by_key(sm, assert_output_shape):
    arn = sm.create_trial_component(
        TrialComponentName="merge",
        Parameters={"a": {"NumberValue": 1}, "b": {"StringValue": "keep"}},
        InputArtifacts={"train": {"Value": "s3://b/old"}},
    )["TrialComponentArn"]

    updated = sm.update_trial_component(
        TrialComponentName="merge",
        Parameters={"a": {"StringValue": "now-a-string"}, "c": {"NumberValue": 3}},
        InputArtifacts={"train": {"Value": "s3://b/new", "MediaType": "text/csv"}},
        OutputArtifacts={"model": {"Value": "s3://b/model"}},
    )

    assert_output_shape("UpdateTrialComponent", updated)
    assert updated["TrialComponentArn"] == arn
    described = sm.describe_trial_component(TrialComponentName="merge")
    assert described["Parameters"] == {
        "a": {"StringValue": "now-a-string"},
        "b": {"StringValue": "keep"},
        "c": {"NumberValue": 3.0},
    }
    assert described["InputArtifacts"] == {
        "train": {"Value": "s3://b/new", "MediaType": "text/csv"}
    }
    assert described["OutputArtifacts"] == {"model": {"Value": "s3://b/model"}}


def test_update_removes_listed_keys(sm):
    sm.create_trial_component(
        TrialComponentName="remove",
        Parameters={"a": {"NumberValue": 1}, "b": {"NumberValue": 2}},
        InputArtifacts={"i1": {"Value": "s3://b/1"}, "i2": {"Value": "s3://b/2"}},
        OutputArtifacts={"o1": {"Value": "s3://b/3"}},
    )

    sm.update_trial_component(
        TrialComponentName="remove",
        ParametersToRemove=["a", "never-set"],
        InputArtifactsToRemove=["i2"],
        OutputArtifactsToRemove=["o1"],
    )

    described = sm.describe_trial_component(TrialComponentName="remove")
    assert described["Parameters"] == {"b": {"NumberValue": 2.0}}
    assert described["InputArtifacts"] == {"i1": {"Value": "s3://b/1"}}
    assert described["OutputArtifacts"] == {}


def test_update_sent_value_beats_removal(sm):
    sm.create_trial_component(TrialComponentName="both", Parameters={"a": {"NumberValue": 1}})

    sm.update_trial_component(
        TrialComponentName="both", Parameters={"a": {"NumberValue": 2}}, ParametersToRemove=["a"]
    )

    assert sm.describe_trial_component(TrialComponentName="both")["Parameters"] == {
        "a": {"NumberValue": 2.0}
    }


def test_update_status_times_and_display_name(sm):
    sm.create_trial_component(
        TrialComponentName="run",
        Status={"PrimaryStatus": "InProgress", "Message": "Within a run context"},
    )
    before = sm.describe_trial_component(TrialComponentName="run")

    sm.update_trial_component(
        TrialComponentName="run",
        DisplayName="Run-Shown",
        Status={"PrimaryStatus": "Completed"},
        StartTime=START,
        EndTime=END,
    )

    after = sm.describe_trial_component(TrialComponentName="run")
    assert after["DisplayName"] == "Run-Shown"
    assert after["Status"] == {"PrimaryStatus": "Completed"}
    assert after["StartTime"] == START
    assert after["EndTime"] == END
    assert after["CreationTime"] == before["CreationTime"]
    assert after["LastModifiedTime"] >= before["LastModifiedTime"]


def test_update_keeps_unsent_fields(sm):
    sm.create_trial_component(
        TrialComponentName="keep",
        DisplayName="Shown",
        Status={"PrimaryStatus": "InProgress"},
        StartTime=START,
    )

    sm.update_trial_component(TrialComponentName="keep", EndTime=END)

    described = sm.describe_trial_component(TrialComponentName="keep")
    assert described["DisplayName"] == "Shown"
    assert described["Status"] == {"PrimaryStatus": "InProgress"}
    assert described["StartTime"] == START


def test_update_missing(sm):
    with pytest.raises(sm.exceptions.ResourceNotFound):
        sm.update_trial_component(TrialComponentName="absent", DisplayName="x")


def insert_metric_summary(sm, component_name: str, metric_name: str, values: list[float]) -> None:
    # The metrics client writes these rows in production; this helper replaces it.
    mean = sum(values) / len(values)
    m2 = sum((value - mean) ** 2 for value in values)
    with sm.store.write() as conn:
        component_id = conn.execute(
            "SELECT id FROM trial_component WHERE name = ?", (component_name,)
        ).fetchone()[0]
        cursor = conn.execute(
            "INSERT INTO metric_summary (trial_component_id, name, source_arn, count, min, max, "
            "mean, m2, avg, std_dev, last, last_step, last_timestamp, updated_time) "
            "VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                component_id,
                metric_name,
                len(values),
                min(values),
                max(values),
                mean,
                m2,
                mean,
                math.sqrt(m2 / (len(values) - 1)),
                values[-1],
                len(values) - 1,
                END.timestamp(),
                END.timestamp(),
            ),
        )
        conn.executemany(
            "INSERT INTO metric_point (metric_id, seq, step, timestamp, value) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (cursor.lastrowid, seq, seq, END.timestamp(), value)
                for seq, value in enumerate(values)
            ],
        )


def test_describe_returns_metric_summaries(sm, assert_output_shape):
    sm.create_trial_component(TrialComponentName="metrics")
    insert_metric_summary(sm, "metrics", "validation:error", [0.3, 0.2, 0.1])
    insert_metric_summary(sm, "metrics", "train:error", [0.4, 0.5])

    described = sm.describe_trial_component(TrialComponentName="metrics")

    assert_output_shape("DescribeTrialComponent", described)
    assert [metric["MetricName"] for metric in described["Metrics"]] == [
        "train:error",
        "validation:error",
    ]
    validation = described["Metrics"][1]
    assert validation["Count"] == 3
    assert validation["Min"] == 0.1
    assert validation["Max"] == 0.3
    assert validation["Last"] == 0.1
    assert validation["Avg"] == pytest.approx(0.2)
    assert validation["StdDev"] == pytest.approx(0.1)
    assert validation["TimeStamp"] == END
    assert "SourceArn" not in validation


def test_delete_removes_values_and_metrics(sm, assert_output_shape):
    arn = sm.create_trial_component(
        TrialComponentName="doomed",
        Parameters={"a": {"NumberValue": 1}},
        OutputArtifacts={"o": {"Value": "s3://b/o"}},
        Tags=[{"Key": "k", "Value": "v"}],
    )["TrialComponentArn"]
    insert_metric_summary(sm, "doomed", "loss", [1.0, 0.5])

    deleted = sm.delete_trial_component(TrialComponentName="doomed")

    assert_output_shape("DeleteTrialComponent", deleted)
    assert deleted["TrialComponentArn"] == arn
    with sm.store.read() as conn:
        counts = [
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("parameter", "artifact", "metric_summary", "metric_point", "tag")
        ]
    assert counts == [0, 0, 0, 0, 0]
    sm.create_trial_component(TrialComponentName="doomed")
    assert sm.describe_trial_component(TrialComponentName="doomed")["Parameters"] == {}


def test_delete_while_associated_rejected(sm, error_of):
    sm.create_experiment(ExperimentName="e")
    sm.create_trial(TrialName="t2", ExperimentName="e")
    sm.create_trial(TrialName="t1", ExperimentName="e")
    sm.create_trial_component(TrialComponentName="tc")
    sm.associate_trial_component(TrialComponentName="tc", TrialName="t1")
    sm.associate_trial_component(TrialComponentName="tc", TrialName="t2")

    with pytest.raises(ClientError) as excinfo:
        sm.delete_trial_component(TrialComponentName="tc")

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "still associated with trial(s) t1, t2" in message
    assert "DisassociateTrialComponent" in message


def test_delete_missing(sm):
    with pytest.raises(sm.exceptions.ResourceNotFound):
        sm.delete_trial_component(TrialComponentName="absent")


@pytest.fixture
def tree(sm):
    """Two experiments with trials and components, one component shared, one unassigned."""
    sm.create_experiment(ExperimentName="exp-a")
    sm.create_experiment(ExperimentName="exp-b")
    sm.create_trial(TrialName="a1", ExperimentName="exp-a")
    sm.create_trial(TrialName="a2", ExperimentName="exp-a")
    sm.create_trial(TrialName="b1", ExperimentName="exp-b")
    for name in ["c-a1", "c-a2", "c-shared", "c-b1", "c-loose"]:
        sm.create_trial_component(TrialComponentName=name)
    for component, trial in [
        ("c-a1", "a1"),
        ("c-a2", "a2"),
        ("c-shared", "a1"),
        ("c-shared", "a2"),
        ("c-shared", "b1"),
        ("c-b1", "b1"),
    ]:
        sm.associate_trial_component(TrialComponentName=component, TrialName=trial)
    return sm


def component_names(response) -> list[str]:
    return [summary["TrialComponentName"] for summary in response["TrialComponentSummaries"]]


def test_list_by_experiment_counts_shared_once(tree, assert_output_shape):
    response = tree.list_trial_components(
        ExperimentName="exp-a", SortBy="Name", SortOrder="Ascending"
    )

    assert_output_shape("ListTrialComponents", response)
    assert component_names(response) == ["c-a1", "c-a2", "c-shared"]


def test_list_by_trial(tree):
    response = tree.list_trial_components(TrialName="b1", SortBy="Name", SortOrder="Ascending")

    assert component_names(response) == ["c-b1", "c-shared"]


def test_list_all_newest_first(tree):
    response = tree.list_trial_components()

    assert component_names(response) == ["c-loose", "c-b1", "c-shared", "c-a2", "c-a1"]


def test_list_by_source_arn(sm):
    from churn_studio_ext.local._trial_components import insert_trial_component

    job_arn = "arn:aws:sagemaker:local:000000000000:training-job/xgb-1"
    with sm.store.write() as conn:
        insert_trial_component(
            conn, "xgb-1-aws-training-job", source_arn=job_arn, source_type="SageMakerTrainingJob"
        )
    sm.create_trial_component(TrialComponentName="manual")

    response = sm.list_trial_components(SourceArn=job_arn)

    assert component_names(response) == ["xgb-1-aws-training-job"]
    summary = response["TrialComponentSummaries"][0]
    assert summary["TrialComponentSource"] == {
        "SourceArn": job_arn,
        "SourceType": "SageMakerTrainingJob",
    }
    described = sm.describe_trial_component(TrialComponentName="xgb-1-aws-training-job")
    assert described["Source"] == {"SourceArn": job_arn, "SourceType": "SageMakerTrainingJob"}
    assert described["Sources"] == [described["Source"]]


def test_list_two_scopes_rejected(tree, error_of):
    with pytest.raises(ClientError) as excinfo:
        tree.list_trial_components(ExperimentName="exp-a", TrialName="a1")

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "at most one of ExperimentName, TrialName and SourceArn" in message


def test_list_missing_trial(sm, error_of):
    with pytest.raises(sm.exceptions.ResourceNotFound) as excinfo:
        sm.list_trial_components(TrialName="absent")

    assert error_of(excinfo) == ("ResourceNotFound", "Trial 'absent' does not exist.")


def test_list_pages(sm):
    names = [f"tc-{index:02d}" for index in range(23)]
    for name in names:
        sm.create_trial_component(TrialComponentName=name)

    pages = list(
        sm.get_paginator("list_trial_components").paginate(PaginationConfig={"PageSize": 10})
    )

    assert [len(page["TrialComponentSummaries"]) for page in pages] == [10, 10, 3]
    assert [name for page in pages for name in component_names(page)] == names[::-1]


def test_list_summary_members(sm):
    sm.create_trial_component(
        TrialComponentName="summary",
        Status={"PrimaryStatus": "Failed", "Message": "boom"},
        StartTime=START,
    )

    summary = sm.list_trial_components()["TrialComponentSummaries"][0]

    assert set(summary) == {
        "TrialComponentName",
        "TrialComponentArn",
        "DisplayName",
        "Status",
        "StartTime",
        "CreationTime",
        "CreatedBy",
        "LastModifiedTime",
        "LastModifiedBy",
    }
    assert summary["Status"] == {"PrimaryStatus": "Failed", "Message": "boom"}


def test_associate_and_disassociate(sm, assert_output_shape):
    sm.create_experiment(ExperimentName="e")
    trial_arn = sm.create_trial(TrialName="t", ExperimentName="e")["TrialArn"]
    component_arn = sm.create_trial_component(TrialComponentName="tc")["TrialComponentArn"]

    associated = sm.associate_trial_component(TrialComponentName="tc", TrialName="t")
    again = sm.associate_trial_component(TrialComponentName="TC", TrialName="T")

    assert_output_shape("AssociateTrialComponent", associated)
    assert associated["TrialComponentArn"] == component_arn
    assert associated["TrialArn"] == trial_arn
    assert again["TrialArn"] == trial_arn
    assert component_names(sm.list_trial_components(TrialName="t")) == ["tc"]

    disassociated = sm.disassociate_trial_component(TrialComponentName="tc", TrialName="t")

    assert_output_shape("DisassociateTrialComponent", disassociated)
    assert disassociated == {**associated, "ResponseMetadata": disassociated["ResponseMetadata"]}
    assert component_names(sm.list_trial_components(TrialName="t")) == []


def test_disassociate_unassociated_pair(sm, error_of):
    sm.create_experiment(ExperimentName="e")
    sm.create_trial(TrialName="t", ExperimentName="e")
    sm.create_trial_component(TrialComponentName="tc")

    with pytest.raises(sm.exceptions.ResourceNotFound) as excinfo:
        sm.disassociate_trial_component(TrialComponentName="tc", TrialName="t")

    assert error_of(excinfo) == (
        "ResourceNotFound",
        "Trial component 'tc' is not associated with trial 't'. ListTrials with "
        "TrialComponentName lists its trials.",
    )


@pytest.mark.parametrize("missing", ["trial", "component"])
def test_associate_missing_resource(sm, error_of, missing):
    sm.create_experiment(ExperimentName="e")
    if missing != "trial":
        sm.create_trial(TrialName="t", ExperimentName="e")
    if missing != "component":
        sm.create_trial_component(TrialComponentName="tc")

    with pytest.raises(sm.exceptions.ResourceNotFound) as excinfo:
        sm.associate_trial_component(TrialComponentName="tc", TrialName="t")

    expected = (
        "Trial 't' does not exist."
        if missing == "trial"
        else "Trial component 'tc' does not exist."
    )
    assert error_of(excinfo) == ("ResourceNotFound", expected)


def test_smexperiments_drives_local_client(sm):
    from smexperiments.experiment import Experiment
    from smexperiments.trial import Trial
    from smexperiments.trial_component import TrialComponent

    experiment = Experiment.create(
        experiment_name="smx-churn", description="via smexperiments", sagemaker_boto_client=sm
    )
    trial = experiment.create_trial(trial_name="smx-trial")
    component = TrialComponent.create(trial_component_name="smx-tc", sagemaker_boto_client=sm)
    component.parameters = {"eta": 0.2, "objective": "binary:logistic"}
    component.save()
    trial.add_trial_component(component)

    loaded = TrialComponent.load(trial_component_name="smx-tc", sagemaker_boto_client=sm)
    listed = [summary.trial_component_name for summary in trial.list_trial_components()]
    experiments = [summary.experiment_name for summary in Experiment.list(sagemaker_boto_client=sm)]
    trials = [summary.trial_name for summary in experiment.list_trials()]

    assert loaded.parameters == {"eta": 0.2, "objective": "binary:logistic"}
    assert listed == ["smx-tc"]
    assert experiments == ["smx-churn"]
    assert trials == ["smx-trial"]
    assert Experiment.load("smx-churn", sagemaker_boto_client=sm).description == "via smexperiments"
    assert [
        t.trial_name for t in Trial.list(trial_component_name="smx-tc", sagemaker_boto_client=sm)
    ] == ["smx-trial"]


@pytest.mark.skipif(
    importlib.util.find_spec("churn_studio_ext.local.search") is None
    or importlib.util.find_spec("churn_studio_ext.local.metrics") is None,
    reason="Run needs the local Search and metrics clients",
)
def test_sdk_v2_run_drives_local_clients(tmp_path):
    import boto3
    import sagemaker
    from sagemaker.experiments import Run, list_runs

    from churn_studio_ext import local

    home = tmp_path / "home"
    sm = local.client("sagemaker", home=home)
    # Credentials are placeholders: the session needs them to exist, and no call leaves the process.
    boto_session = boto3.Session(
        region_name="us-east-1", aws_access_key_id="local", aws_secret_access_key="local"
    )
    session = sagemaker.Session(
        boto_session=boto_session,
        sagemaker_client=sm,
        sagemaker_metrics_client=local.client("sagemaker-metrics", home=home),
        default_bucket="local-bucket",
    )

    with Run(experiment_name="Churn-Exp", run_name="run-1", sagemaker_session=session) as run:
        run.log_parameters({"eta": 0.2, "objective": "binary:logistic"})
        for step in range(3):
            run.log_metric("validation:error", 0.5 - step * 0.1, step=step)
    with Run(experiment_name="Churn-Exp", run_name="run-1", sagemaker_session=session) as run:
        run.log_parameter("max_depth", 5)

    described = sm.describe_trial_component(TrialComponentName="churn-exp-run-1")
    assert described["Parameters"] == {
        "eta": {"NumberValue": 0.2},
        "max_depth": {"NumberValue": 5.0},
        "objective": {"StringValue": "binary:logistic"},
    }
    assert described["Status"]["PrimaryStatus"] == "Completed"
    assert [(metric["MetricName"], metric["Count"]) for metric in described["Metrics"]] == [
        ("validation:error", 3)
    ]
    assert [
        run.run_name for run in list_runs(experiment_name="churn-exp", sagemaker_session=session)
    ] == ["run-1"]
    trials = sm.list_trials(ExperimentName="churn-exp")["TrialSummaries"]
    assert [trial["TrialName"] for trial in trials] == ["Default-Run-Group-churn-exp"]
