"""Helpers of the endpoint tests: requests, bounded waits, shape checks, process cleanup."""

import http.client
import os
import signal
import socket
import time

import numpy as np
import pytest
from botocore.validate import ParamValidator

from churn_studio_ext import local
from churn_studio_ext.local.errors import service_model
from churn_studio_ext.serving.process_identity import server_is_running

BUCKET = "sagemaker-studio-local-000000000000"
TRAIN_URI = f"s3://{BUCKET}/xgboost-churn/train"
VALIDATION_URI = f"s3://{BUCKET}/xgboost-churn/validation"
OUTPUT_URI = f"s3://{BUCKET}/xgboost-churn/output"
CAPTURE_URI = f"s3://{BUCKET}/xgboost-churn/datacapture"
XGBOOST_IMAGE = "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1"
ROLE_ARN = "arn:aws:iam::000000000000:role/service-role/LocalTrainingRole"
JOB_NAME = "endpoint-tests-xgboost"

WAIT_TIMEOUT_SECONDS = 30.0


def training_request() -> dict:
    """Build the request of a short algorithm-mode XGBoost job on the tour's channels."""
    return {
        "TrainingJobName": JOB_NAME,
        "RoleArn": ROLE_ARN,
        "AlgorithmSpecification": {"TrainingImage": XGBOOST_IMAGE, "TrainingInputMode": "File"},
        "HyperParameters": {
            "max_depth": "5",
            "eta": "0.2",
            "gamma": "4",
            "min_child_weight": "6",
            "subsample": "0.8",
            "objective": "binary:logistic",
            "num_round": "20",
        },
        "InputDataConfig": [
            {
                "ChannelName": name,
                "ContentType": "csv",
                "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": uri}},
            }
            for name, uri in (("train", TRAIN_URI), ("validation", VALIDATION_URI))
        ],
        "OutputDataConfig": {"S3OutputPath": OUTPUT_URI},
        "ResourceConfig": {"InstanceType": "ml.m4.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 5},
        "StoppingCondition": {"MaxRuntimeInSeconds": 600},
    }


def capture_config(percentage: int = 100, modes=("Input", "Output"), csv_types=("text/csv",),
                   destination: str = CAPTURE_URI) -> dict:
    return {
        "EnableCapture": True,
        "InitialSamplingPercentage": percentage,
        "DestinationS3Uri": destination,
        "CaptureOptions": [{"CaptureMode": mode} for mode in modes],
        "CaptureContentTypeHeader": {
            "CsvContentTypes": list(csv_types),
            "JsonContentTypes": ["application/json"],
        },
    }


def create_config(sm, name: str, model_name: str, capture: dict | None = None) -> None:
    request = {
        "EndpointConfigName": name,
        "ProductionVariants": [{
            "VariantName": "AllTraffic",
            "ModelName": model_name,
            "InitialInstanceCount": 1,
            "InstanceType": "ml.m4.xlarge",
            "InitialVariantWeight": 1.0,
        }],
    }
    if capture is not None:
        request["DataCaptureConfig"] = capture
    sm.create_endpoint_config(**request)


def wait_for_status(sm, name: str, done=("InService", "Failed"),
                    timeout: float = WAIT_TIMEOUT_SECONDS) -> dict:
    """Poll DescribeEndpoint until its status is in ``done``, and fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        description = sm.describe_endpoint(EndpointName=name)
        if description["EndpointStatus"] in done:
            return description
        if time.monotonic() > deadline:
            pytest.fail(f"Endpoint {name} is still {description['EndpointStatus']} "
                        f"after {timeout} s")
        time.sleep(0.02)


def wait_for_training(sm, name: str, timeout: float = 60.0) -> dict:
    """Poll DescribeTrainingJob until the job ends, and fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        description = sm.describe_training_job(TrainingJobName=name)
        if description["TrainingJobStatus"] in ("Completed", "Failed", "Stopped"):
            return description
        if time.monotonic() > deadline:
            pytest.fail(f"Training job {name} did not end within {timeout} s")
        time.sleep(0.1)


def direct_predictions(booster, rows: list[str]) -> np.ndarray:
    """Predict ``rows`` (CSV lines) with the booster itself, as the endpoint should."""
    matrix = np.array([[float(value) for value in row.split(",")] for row in rows],
                      dtype=np.float32)
    return booster.inplace_predict(matrix)


def wait_until(condition, awaited: str, timeout: float = WAIT_TIMEOUT_SECONDS,
               poll_seconds: float = 0.02):
    """Poll ``condition()`` until it returns a true value, and fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out after {timeout} s waiting for {awaited}")
        time.sleep(poll_seconds)


def endpoint_row(home, name: str):
    store = local.get_store(home)
    with store.read() as conn:
        return conn.execute(
            "SELECT * FROM endpoint WHERE name_key = ?", (name.lower(),)
        ).fetchone()


def output_shape_problems(service: str, operation_name: str, response: dict) -> str:
    """Return botocore's report of how ``response`` departs from the operation's output shape."""
    body = {key: value for key, value in response.items() if key != "ResponseMetadata"}
    shape = service_model(service).operation_model(operation_name).output_shape
    report = ParamValidator().validate(body, shape)
    return report.generate_report() if report.has_errors() else ""


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def post_raw(port: int, body: bytes, headers: dict) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("POST", "/invocations", body=body, headers=headers)
        reply = connection.getresponse()
        return reply.status, reply.read()
    finally:
        connection.close()


def stop_all_servers(home) -> None:
    """Delete every endpoint of ``home`` and kill any model server that still runs."""
    store = local.get_store(home)
    with store.read() as conn:
        rows = conn.execute("SELECT * FROM endpoint").fetchall()
    sm = local.client("sagemaker", home=home)
    for row in rows:
        try:
            sm.delete_endpoint(EndpointName=row["name"])
        except sm.exceptions.ClientError:
            pass
    for row in rows:
        for pid, token in ((row["server_pid"], row["server_token"]),
                           (row["pending_server_pid"], row["pending_server_token"])):
            if server_is_running(pid, token):
                os.kill(pid, signal.SIGKILL)
