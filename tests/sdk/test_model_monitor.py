"""DefaultModelMonitor on the local backend: a real baseline and a one-time schedule run.

A 10-round model is deployed with capture and receives the tour's 120 test rows, whose first
line is the corrupted one. The baseline job runs the analyzer on the tour's training data, and a
``NOW`` schedule then analyses the captured traffic. The corrupted row's fractional values break
the Integral type of VMail Message and the 58 one-hot columns, and the model's probabilities
break that of Churn: 60 data_type_check violations.
"""

from __future__ import annotations

import pandas as pd
import pytest

from churn_studio_ext import sdk, tour_data
from churn_studio_ext.monitor import scheduler

from .test_deploy import (
    BUCKET,
    CAPTURE_URI,
    PREFIX,
    captured_records,
    stop_all_servers,
    tour_rows,
    train_small_job,
)

# test_deploy puts tests/endpoints on sys.path, so its helpers import by module name.
from endpoint_helpers import wait_until  # noqa: E402

BASELINE_DATA = f"s3://{BUCKET}/{PREFIX}/baselining/data"
BASELINE_RESULTS = f"s3://{BUCKET}/{PREFIX}/baselining/results"
REPORTS = f"s3://{BUCKET}/{PREFIX}/reports"
WAIT_SECONDS = 120


def wait_for(condition, description, timeout=WAIT_SECONDS):
    """Poll ``condition()`` every 0.1 s until it returns a true value and return it."""
    return wait_until(condition, description, timeout, poll_seconds=0.1)


@pytest.fixture(scope="module")
def monitored(tmp_path_factory):
    """A deployed model with the tour's traffic captured and a finished baseline."""
    home = tmp_path_factory.mktemp("monitor") / "home"
    session = sdk.StudioSession(backend="local", home=home)
    estimator = train_small_job(session)
    predictor = estimator.deploy(
        1, "ml.m4.xlarge", serializer=sdk.CSVSerializer(),
        data_capture_config=sdk.DataCaptureConfig(True, 100, CAPTURE_URI,
                                                  sagemaker_session=session),
    )
    rows = tour_rows()
    for row in rows:
        predictor.predict(row)
    wait_for(lambda: len(captured_records(home, predictor.endpoint_name)) == len(rows),
             "the capture records of 120 requests")

    session.upload_data(str(tour_data.shipped_tour_file("training-dataset-with-header.csv")),
                        bucket=BUCKET, key_prefix=f"{PREFIX}/baselining/data")
    monitor = sdk.DefaultModelMonitor(
        instance_count=1, instance_type="ml.m5.xlarge", volume_size_in_gb=20,
        max_runtime_in_seconds=3600, sagemaker_session=session,
    )
    job = monitor.suggest_baseline(
        baseline_dataset=f"{BASELINE_DATA}/training-dataset-with-header.csv",
        dataset_format=sdk.DatasetFormat.csv(header=True),
        output_s3_uri=BASELINE_RESULTS, wait=True, logs=False,
    )
    yield {"home": home, "session": session, "predictor": predictor, "monitor": monitor,
           "baseline_job": job}
    stop_all_servers(home)


def test_baseline_writes_statistics_and_constraints(monitored):
    monitor = monitored["monitor"]
    description = monitored["baseline_job"].describe()
    assert description["ProcessingJobStatus"] == "Completed", description.get("FailureReason")
    assert description["AppSpecification"]["ImageUri"].endswith("/sagemaker-model-monitor-analyzer")

    statistics = monitor.baseline_statistics()
    constraints = monitor.suggested_constraints()
    assert statistics.file_s3_uri == f"{BASELINE_RESULTS}/statistics.json"
    assert constraints.file_s3_uri == f"{BASELINE_RESULTS}/constraints.json"

    training = pd.read_csv(tour_data.shipped_tour_file("training-dataset-with-header.csv"))
    features = {feature["name"]: feature for feature in statistics.body_dict["features"]}
    assert list(features) == list(training.columns)
    assert statistics.body_dict["dataset"]["item_count"] == len(training) == 2333
    day_mins = features["Day Mins"]["numerical_statistics"]
    assert day_mins["mean"] == pytest.approx(training["Day Mins"].mean(), rel=1e-9)
    assert day_mins["min"] == training["Day Mins"].min()
    assert day_mins["max"] == training["Day Mins"].max()
    constraint_names = [feature["name"] for feature in constraints.body_dict["features"]]
    assert constraint_names == list(training.columns)
    assert {f["name"]: f["inferred_type"] for f in constraints.body_dict["features"]}["Churn"] == (
        "Integral")


def test_now_schedule_finds_corrupted_row(monitored):
    monitor, session = monitored["monitor"], monitored["session"]
    endpoint_name = monitored["predictor"].endpoint_name
    monitor.create_monitoring_schedule(
        monitor_schedule_name="churn-monitor-now",
        endpoint_input=endpoint_name,
        output_s3_uri=REPORTS,
        statistics=monitor.baseline_statistics(),
        constraints=monitor.suggested_constraints(),
        schedule_cron_expression=sdk.CronExpressionGenerator.now(),
        data_analysis_start_time="-PT1H",
        data_analysis_end_time="-PT0H",
    )
    schedule = monitor.describe_schedule()
    assert schedule["MonitoringScheduleName"] == "churn-monitor-now"
    assert schedule["MonitoringScheduleConfig"]["ScheduleConfig"]["ScheduleExpression"] == "NOW"
    assert schedule["EndpointName"] == endpoint_name

    # Without a Jupyter server no scheduler starts due executions, so the test starts them.
    started = scheduler.run_due(session.home)
    assert [execution.schedule_name for execution in started] == ["churn-monitor-now"]
    (execution,) = wait_for(monitor.list_executions, "the execution of the NOW schedule")
    description = execution.wait(logs=False, timeout=WAIT_SECONDS)
    assert description["ProcessingJobStatus"] == "Completed", description.get("FailureReason")

    summary = session.sagemaker_client.list_monitoring_executions(
        MonitoringScheduleName="churn-monitor-now")["MonitoringExecutionSummaries"]
    assert [s["MonitoringExecutionStatus"] for s in summary] == ["CompletedWithViolations"]

    violations = monitor.latest_monitoring_constraint_violations()
    assert violations.file_s3_uri.startswith(f"{REPORTS}/{endpoint_name}/churn-monitor-now/")
    checks = violations.body_dict["violations"]
    assert description["ExitMessage"] == (
        f"CompletedWithViolations: Job completed successfully with {len(checks)} violations.")
    # NOTE: whether SageMaker also checks drift on a feature that failed its type check is
    # unverified, so the drift of Churn (probabilities against 0/1 labels) is allowed, not required.
    drift = [c for c in checks if c["constraint_check_type"] == "baseline_drift_check"]
    assert [c["feature_name"] for c in drift] in ([], ["Churn"])
    checks = [c for c in checks if c["constraint_check_type"] == "data_type_check"]
    assert len(checks) == 60
    assert len(violations.body_dict["violations"]) == len(checks) + len(drift)
    training = pd.read_csv(tour_data.shipped_tour_file("training-dataset-with-header.csv"),
                           nrows=1)
    one_hot = [c for c in training.columns if c.startswith(("State_", "Area Code_",
                                                             "Int'l Plan_", "VMail Plan_"))]
    assert len(one_hot) == 58
    assert {check["feature_name"] for check in checks} == {"Churn", "VMail Message", *one_hot}

    statistics = monitor.latest_monitoring_statistics()
    assert statistics.body_dict["dataset"]["item_count"] == 120


def test_schedule_stop_start_and_delete(monitored):
    monitor = sdk.DefaultModelMonitor(sagemaker_session=monitored["session"])
    monitor.create_monitoring_schedule(
        monitor_schedule_name="churn-monitor-hourly",
        endpoint_input=monitored["predictor"].endpoint_name,
        output_s3_uri=REPORTS,
        statistics=f"{BASELINE_RESULTS}/statistics.json",
        constraints=f"{BASELINE_RESULTS}/constraints.json",
        schedule_cron_expression=sdk.CronExpressionGenerator.hourly(),
    )
    assert monitor.list_executions() == []

    monitor.stop_monitoring_schedule()
    assert monitor.describe_schedule()["MonitoringScheduleStatus"] == "Stopped"
    monitor.start_monitoring_schedule()
    assert monitor.describe_schedule()["MonitoringScheduleStatus"] == "Scheduled"

    client = monitored["session"].sagemaker_client
    monitor.delete_monitoring_schedule()
    with pytest.raises(client.exceptions.ResourceNotFound):
        client.describe_monitoring_schedule(MonitoringScheduleName="churn-monitor-hourly")
    with pytest.raises(ValueError, match="create_monitoring_schedule"):
        monitor.describe_schedule()


def test_now_schedule_without_window(monitored):
    monitor = sdk.DefaultModelMonitor(sagemaker_session=monitored["session"])
    with pytest.raises(ValueError, match="data_analysis_start_time and data_analysis_end_time"):
        monitor.create_monitoring_schedule(
            endpoint_input=monitored["predictor"].endpoint_name,
            statistics=f"{BASELINE_RESULTS}/statistics.json",
            constraints=f"{BASELINE_RESULTS}/constraints.json",
            schedule_cron_expression=sdk.CronExpressionGenerator.now(),
        )


def test_cron_expressions_and_dataset_formats():
    generator = sdk.CronExpressionGenerator
    assert generator.hourly() == "cron(0 * ? * * *)"
    assert generator.daily() == "cron(0 0 ? * * *)"
    assert generator.daily(hour=5) == "cron(0 5 ? * * *)"
    assert generator.daily_every_x_hours(hour_interval=6, starting_hour=2) == "cron(0 2/6 ? * * *)"
    assert generator.now() == "NOW"
    with pytest.raises(ValueError, match="from 0 to 23"):
        generator.daily(hour=24)
    assert sdk.DatasetFormat.csv(header=True) == {
        "csv": {"header": True, "output_columns_position": "START"}}
    assert sdk.DatasetFormat.json(lines=True) == {"json": {"lines": True}}
    assert sdk.DatasetFormat.sagemaker_capture_json() == {"sagemakerCaptureJson": {}}


def test_baseline_uploads_local_dataset(monitored):
    monitor = sdk.DefaultModelMonitor(sagemaker_session=monitored["session"])
    dataset = tour_data.shipped_tour_file("training-dataset-with-header.csv")

    job = monitor.suggest_baseline(
        baseline_dataset=str(dataset), dataset_format=sdk.DatasetFormat.csv(header=True),
        job_name="local-file-baseline", wait=True, logs=False,
    )

    description = job.describe()
    assert description["ProcessingJobStatus"] == "Completed", description.get("FailureReason")
    (dataset_input,) = description["ProcessingInputs"]
    uploaded = (f"s3://{BUCKET}/model-monitor/baselining/local-file-baseline/input/"
                "baseline_dataset_input")
    assert dataset_input["S3Input"]["S3Uri"] == uploaded
    stored = monitored["session"].object_path(
        BUCKET, "model-monitor/baselining/local-file-baseline/input/baseline_dataset_input/"
        "training-dataset-with-header.csv")
    assert stored.read_bytes() == dataset.read_bytes()
    assert monitor.baseline_statistics().body_dict["dataset"]["item_count"] == 2333
    assert monitor.suggested_constraints().file_s3_uri == (
        f"s3://{BUCKET}/model-monitor/baselining/local-file-baseline/results/constraints.json")
