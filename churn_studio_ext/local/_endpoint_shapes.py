"""DescribeEndpoint and ListEndpoints response shapes built from endpoint rows."""

from __future__ import annotations

import sqlite3

from . import _hosting_records as records
from ._timestamps import to_datetime

# Statuses in which the endpoint has a deployed variant to describe.
_DEPLOYED_STATUSES = ("InService", "Updating", "SystemUpdating", "Deleting")


def describe(conn: sqlite3.Connection, row: sqlite3.Row) -> dict:
    """Build the DescribeEndpoint response of an endpoint row."""
    response = {
        "EndpointName": row["name"],
        "EndpointArn": row["arn"],
        "EndpointConfigName": row["config_name"],
    }
    config_row = records.find(conn, "endpoint_config", row["config_name"])
    config = records.request_of(config_row) if config_row is not None else {}

    if row["status"] in _DEPLOYED_STATUSES and config:
        response["ProductionVariants"] = [
            _variant_summary(conn, variant, row) for variant in config["ProductionVariants"]
        ]

    capture = config.get("DataCaptureConfig")
    if capture:
        started = bool(row["capture_started"]) and row["status"] in _DEPLOYED_STATUSES
        response["DataCaptureConfig"] = {
            "EnableCapture": capture.get("EnableCapture", True),
            "CaptureStatus": "Started" if started else "Stopped",
            "CurrentSamplingPercentage": capture["InitialSamplingPercentage"],
            "DestinationS3Uri": capture["DestinationS3Uri"],
            # NOTE: botocore marks KmsKeyId required. What SageMaker returns without a key is
            # unverified, so an empty string stands for "none".
            "KmsKeyId": capture.get("KmsKeyId", ""),
        }

    response["EndpointStatus"] = row["status"]
    if row["failure_reason"]:
        response["FailureReason"] = row["failure_reason"]
    response["CreationTime"] = to_datetime(row["created_time"])
    response["LastModifiedTime"] = to_datetime(row["last_modified_time"])
    return response


def summary(row: sqlite3.Row) -> dict:
    """Build one ListEndpoints entry."""
    return {
        "EndpointName": row["name"],
        "EndpointArn": row["arn"],
        "CreationTime": to_datetime(row["created_time"]),
        "LastModifiedTime": to_datetime(row["last_modified_time"]),
        "EndpointStatus": row["status"],
    }


def _variant_summary(conn: sqlite3.Connection, variant: dict, row: sqlite3.Row) -> dict:
    summary = {"VariantName": variant["VariantName"]}
    model_row = records.find(conn, "model", variant.get("ModelName", ""))
    if model_row is not None:
        model = records.request_of(model_row)
        container = model.get("PrimaryContainer") or (model.get("Containers") or [{}])[0]
        if container.get("Image"):
            # A local server runs the image's contract, not a pulled image, so no digest exists
            # and the resolved image is the specified one.
            summary["DeployedImages"] = [{
                "SpecifiedImage": container["Image"],
                "ResolvedImage": container["Image"],
                "ResolutionTime": to_datetime(row["server_started_time"] or row["created_time"]),
            }]
    weight = float(variant.get("InitialVariantWeight", 1.0))
    count = variant.get("InitialInstanceCount", 1)
    summary["CurrentWeight"] = weight
    summary["DesiredWeight"] = weight
    # One local process serves the variant whatever the requested instance count.
    summary["CurrentInstanceCount"] = count
    summary["DesiredInstanceCount"] = count
    return summary
