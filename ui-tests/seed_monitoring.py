"""Give the seeded studio a monitored endpoint whose traffic has drifted, for monitoring.spec.ts.

Usage: python seed_monitoring.py HOME, after seed_tour.py has run on HOME. start_lab.py calls
``seed_monitoring(home)`` last. Through the local boto3-shaped clients it:

1. deploys the tour's best model (lowest validation:error) with full data capture;
2. sends the tour's 120 test rows with `Day Mins` tripled, so the window drifts from the baseline;
3. runs a baseline processing job on training-dataset-with-header.csv, as the tour notebook does;
4. creates an hourly data-quality schedule on that baseline.

The names go to monitoring.json beside tour.json. The endpoint's model server keeps running for
the lab. monitoring.spec.ts deletes the schedule and the endpoint at the end, which stops it.
When a run ends without that spec, the server outlives the lab, so the next seed stops the
server that monitoring.json names before it deploys again.
"""

import json
import os
import signal
import sys
import time
from pathlib import Path

from churn_studio_ext import local, tour_data
from churn_studio_ext.local.objects import ObjectStore
from churn_studio_ext.sdk.model_monitor import model_monitor_image_uri
from churn_studio_ext.serving.process_identity import server_is_running

UI_TESTS_DIR = Path(__file__).resolve().parent
UI_HOME = Path(os.environ.get("CHURN_STUDIO_UI_TESTS_HOME") or UI_TESTS_DIR / ".home")
TOUR_JSON = UI_HOME / "tour.json"
MONITORING_JSON = UI_HOME / "monitoring.json"

ENDPOINT_NAME = "ui-monitoring-endpoint"
MODEL_NAME = "ui-monitoring-model"
ENDPOINT_CONFIG_NAME = "ui-monitoring-config"
BASELINE_JOB_NAME = "ui-monitoring-baseline"
SCHEDULE_NAME = "ui-monitoring-schedule"
HOURLY = "cron(0 * ? * * *)"

# The traffic multiplies this input column, the third of test-dataset-input-cols.csv, by
# DRIFT_FACTOR, keeping one decimal so the values stay Fractional like the baseline's. The window's
# mean moves from about 180 to about 540 minutes. One seeded run measured a Kolmogorov-Smirnov
# distance of 0.75, well above the Robust threshold of about 0.27 for 2333 baseline rows against
# 120 window rows.
DRIFT_COLUMN = "Day Mins"
DRIFT_COLUMN_INDEX = 2
DRIFT_FACTOR = 3.0
TRAFFIC_ROWS = 120

WAIT_SECONDS = 120.0
POLL_SECONDS = 0.2


def wait_for(describe, status_key: str, done: tuple[str, ...], resource_label: str) -> dict:
    """Poll ``describe()`` until its ``status_key`` is in ``done``, or raise after WAIT_SECONDS."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        description = describe()
        if description[status_key] in done:
            return description
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"Timed out after {WAIT_SECONDS} s: {resource_label} is still "
                f"{description[status_key]}. "
                "Its log is under the studio home, in endpoints/ or processing-jobs/."
            )
        time.sleep(POLL_SECONDS)


def best_training_job(sm) -> dict:
    """Describe the training job of the tour's best trial component, named in tour.json."""
    facts = json.loads(TOUR_JSON.read_text(encoding="utf-8"))
    component_name = facts["best"]["trialComponentName"]
    component = sm.describe_trial_component(TrialComponentName=component_name)
    source_arn = component["Source"]["SourceArn"]
    job_name = source_arn.rpartition("/")[2]
    job = sm.describe_training_job(TrainingJobName=job_name)
    job["TrialComponentName"] = component_name
    return job


def deploy_with_capture(sm, job: dict, capture_uri: str) -> None:
    """Create the model, a config that captures every request and response, and the endpoint."""
    sm.create_model(
        ModelName=MODEL_NAME,
        PrimaryContainer={
            "Image": job["AlgorithmSpecification"]["TrainingImage"],
            "ModelDataUrl": job["ModelArtifacts"]["S3ModelArtifacts"],
        },
        ExecutionRoleArn=job["RoleArn"],
    )
    sm.create_endpoint_config(
        EndpointConfigName=ENDPOINT_CONFIG_NAME,
        ProductionVariants=[{
            "VariantName": "AllTraffic",
            "ModelName": MODEL_NAME,
            "InitialInstanceCount": 1,
            "InstanceType": "ml.m4.xlarge",
            "InitialVariantWeight": 1.0,
        }],
        DataCaptureConfig={
            "EnableCapture": True,
            "InitialSamplingPercentage": 100,
            "DestinationS3Uri": capture_uri,
            "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}],
            "CaptureContentTypeHeader": {
                "CsvContentTypes": ["text/csv"],
                "JsonContentTypes": ["application/json"],
            },
        },
    )
    sm.create_endpoint(EndpointName=ENDPOINT_NAME, EndpointConfigName=ENDPOINT_CONFIG_NAME)
    description = wait_for(
        lambda: sm.describe_endpoint(EndpointName=ENDPOINT_NAME),
        "EndpointStatus",
        ("InService", "Failed"),
        f"Endpoint {ENDPOINT_NAME}",
    )
    if description["EndpointStatus"] != "InService":
        raise RuntimeError(
            f"Endpoint {ENDPOINT_NAME} failed: {description.get('FailureReason')}"
        )


def drifted_rows() -> list[str]:
    """Return the tour's first test rows with DRIFT_COLUMN multiplied by DRIFT_FACTOR."""
    lines = tour_data.shipped_tour_file("test-dataset-input-cols.csv").read_text().splitlines()
    rows = []
    for line in lines[:TRAFFIC_ROWS]:
        values = line.split(",")
        values[DRIFT_COLUMN_INDEX] = f"{float(values[DRIFT_COLUMN_INDEX]) * DRIFT_FACTOR:.1f}"
        rows.append(",".join(values))
    return rows


def send_traffic(home: Path) -> None:
    runtime = local.client("sagemaker-runtime", home=str(home))
    try:
        for row in drifted_rows():
            runtime.invoke_endpoint(EndpointName=ENDPOINT_NAME, ContentType="text/csv", Body=row)
    finally:
        runtime.close()


def run_baseline(sm, home: Path, bucket: str, role: str) -> dict:
    """Run the tour's baseline job and return the URIs of its statistics and constraints."""
    dataset_uri = f"s3://{bucket}/xgboost-churn/baselining/data/training-dataset-with-header.csv"
    results_uri = f"s3://{bucket}/xgboost-churn/baselining/results"
    ObjectStore(home).put_file(
        tour_data.shipped_tour_file("training-dataset-with-header.csv"), dataset_uri
    )
    sm.create_processing_job(
        ProcessingJobName=BASELINE_JOB_NAME,
        ProcessingInputs=[{
            "InputName": "baseline_dataset_input",
            "AppManaged": False,
            "S3Input": {
                "S3Uri": dataset_uri,
                "LocalPath": "/opt/ml/processing/input/baseline_dataset_input",
                "S3DataType": "S3Prefix",
                "S3InputMode": "File",
                "S3DataDistributionType": "FullyReplicated",
            },
        }],
        ProcessingOutputConfig={"Outputs": [{
            "OutputName": "monitoring_output",
            "AppManaged": False,
            "S3Output": {
                "S3Uri": results_uri,
                "LocalPath": "/opt/ml/processing/output",
                "S3UploadMode": "EndOfJob",
            },
        }]},
        ProcessingResources={"ClusterConfig": {
            "InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 20
        }},
        AppSpecification={"ImageUri": model_monitor_image_uri("us-east-1")},
        RoleArn=role,
        Environment={
            "dataset_format": json.dumps({"csv": {"header": True, "output_columns_position": "START"}}),
            "dataset_source": "/opt/ml/processing/input/baseline_dataset_input",
            "output_path": "/opt/ml/processing/output",
            "publish_cloudwatch_metrics": "Disabled",
        },
        StoppingCondition={"MaxRuntimeInSeconds": 3600},
    )
    description = wait_for(
        lambda: sm.describe_processing_job(ProcessingJobName=BASELINE_JOB_NAME),
        "ProcessingJobStatus",
        ("Completed", "Failed", "Stopped"),
        f"Baseline job {BASELINE_JOB_NAME}",
    )
    if description["ProcessingJobStatus"] != "Completed":
        raise RuntimeError(
            f"Baseline job {BASELINE_JOB_NAME} ended {description['ProcessingJobStatus']}: "
            f"{description.get('FailureReason') or description.get('ExitMessage')}"
        )
    return {
        "datasetUri": dataset_uri,
        "statisticsUri": f"{results_uri}/statistics.json",
        "constraintsUri": f"{results_uri}/constraints.json",
    }


def create_schedule(sm, bucket: str, baseline: dict, role: str) -> None:
    sm.create_monitoring_schedule(
        MonitoringScheduleName=SCHEDULE_NAME,
        MonitoringScheduleConfig={
            "ScheduleConfig": {"ScheduleExpression": HOURLY},
            "MonitoringJobDefinition": {
                "BaselineConfig": {
                    "BaseliningJobName": BASELINE_JOB_NAME,
                    "ConstraintsResource": {"S3Uri": baseline["constraintsUri"]},
                    "StatisticsResource": {"S3Uri": baseline["statisticsUri"]},
                },
                "MonitoringInputs": [{
                    "EndpointInput": {
                        "EndpointName": ENDPOINT_NAME,
                        "LocalPath": "/opt/ml/processing/input/endpoint",
                        "S3InputMode": "File",
                        "S3DataDistributionType": "FullyReplicated",
                    }
                }],
                "MonitoringOutputConfig": {"MonitoringOutputs": [{
                    "S3Output": {
                        "S3Uri": f"s3://{bucket}/xgboost-churn/reports",
                        "LocalPath": "/opt/ml/processing/output",
                        "S3UploadMode": "Continuous",
                    }
                }]},
                "MonitoringResources": {"ClusterConfig": {
                    "InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 20
                }},
                "MonitoringAppSpecification": {"ImageUri": model_monitor_image_uri("us-east-1")},
                "StoppingCondition": {"MaxRuntimeInSeconds": 1800},
                "Environment": {"publish_cloudwatch_metrics": "Enabled"},
                "RoleArn": role,
            },
            "MonitoringType": "DataQuality",
        },
    )


def model_server(home: Path) -> dict:
    """Return the pid and token of the seeded endpoint's model server from the studio store."""
    store = local.get_store(home)
    with store.read() as conn:
        row = conn.execute(
            "SELECT server_pid, server_token FROM endpoint WHERE name_key = ?",
            (ENDPOINT_NAME.lower(),),
        ).fetchone()
    if row is None:
        return {"pid": None, "token": None}
    return {"pid": row["server_pid"], "token": row["server_token"]}


def stop_previous_server() -> None:
    """Stop the model server that an earlier seed recorded, if that process still runs.

    seed_studio.py removes the old studio folder without deleting its endpoints, so the pid and
    token in monitoring.json are the only record left. The token check keeps a reused pid safe.
    """
    if not MONITORING_JSON.exists():
        return
    server = json.loads(MONITORING_JSON.read_text(encoding="utf-8")).get("modelServer") or {}
    if server_is_running(server.get("pid"), server.get("token")):
        os.kill(server["pid"], signal.SIGTERM)


def seed_monitoring(home: str | Path) -> dict:
    """Deploy, send drifted traffic, baseline and schedule on ``home``, then write monitoring.json.

    A failure after the endpoint exists deletes it again, so no model server outlives the seed.
    """
    home = Path(home)
    stop_previous_server()
    sm = local.client("sagemaker", home=str(home))
    job = best_training_job(sm)
    bucket = job["ModelArtifacts"]["S3ModelArtifacts"].split("/")[2]
    capture_uri = f"s3://{bucket}/xgboost-churn/datacapture"

    deploy_with_capture(sm, job, capture_uri)
    try:
        send_traffic(home)
        # The tour's training role serves the processing jobs too, as in the tour notebook.
        baseline = run_baseline(sm, home, bucket, job["RoleArn"])
        create_schedule(sm, bucket, baseline, job["RoleArn"])
    except BaseException:
        sm.delete_endpoint(EndpointName=ENDPOINT_NAME)
        raise

    facts = {
        "endpointName": ENDPOINT_NAME,
        "scheduleName": SCHEDULE_NAME,
        "baselineJobName": BASELINE_JOB_NAME,
        "baselineDatasetUri": baseline["datasetUri"],
        "baselineStatisticsUri": baseline["statisticsUri"],
        "trainingTrialComponentName": job["TrialComponentName"],
        "driftedFeature": DRIFT_COLUMN,
        "trafficRows": TRAFFIC_ROWS,
        "modelServer": model_server(home),
    }
    MONITORING_JSON.parent.mkdir(parents=True, exist_ok=True)
    MONITORING_JSON.write_text(json.dumps(facts, indent=2) + "\n", encoding="utf-8")
    return facts


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python seed_monitoring.py HOME")
    print(json.dumps(seed_monitoring(sys.argv[1]), indent=2))
