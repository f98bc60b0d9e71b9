"""CreateModel, DescribeModel and DeleteModel, plus the endpoint config operations.

A model and an endpoint config only record their request: nothing is checked against the
object store until an endpoint starts a model server, so a missing or unloadable archive shows
as the endpoint's FailureReason, as on SageMaker.
"""

from __future__ import annotations

import json
import logging

from . import _hosting_records as records
from ._tags import delete_all_tags, put_tags
from ._timestamps import now, to_datetime
from .arns import arn
from .client_base import operation, validation

log = logging.getLogger(__name__)


class ModelOperations:
    """The model and endpoint config operations of ``LocalSageMakerClient``."""

    @operation("CreateModel")
    def create_model(self, params: dict) -> dict:
        name = params["ModelName"]
        if "PrimaryContainer" not in params and "Containers" not in params:
            raise validation(
                f"Model '{name}' has neither PrimaryContainer nor Containers. Set "
                "PrimaryContainer with the Image and ModelDataUrl of the model."
            )
        model_arn = arn("model", name)
        stored = {key: value for key, value in params.items() if key != "Tags"}
        with self.store.write() as conn:
            records.require_absent(conn, "model", name)
            conn.execute(
                "INSERT INTO model (name, name_key, arn, request, created_time) "
                "VALUES (?, ?, ?, ?, ?)",
                (name, name.lower(), model_arn, json.dumps(stored), now()),
            )
            put_tags(conn, model_arn, params.get("Tags", []))
        log.info("Created model %s", name)
        return {"ModelArn": model_arn}

    @operation("DescribeModel")
    def describe_model(self, params: dict) -> dict:
        with self.store.read() as conn:
            row = records.require(conn, "model", params["ModelName"])
        request = records.request_of(row)
        response = {"ModelName": row["name"]}
        for key in ("PrimaryContainer", "Containers", "InferenceExecutionConfig",
                    "ExecutionRoleArn", "VpcConfig"):
            if key in request:
                response[key] = request[key]
        response["CreationTime"] = to_datetime(row["created_time"])
        response["ModelArn"] = row["arn"]
        response["EnableNetworkIsolation"] = request.get("EnableNetworkIsolation", False)
        return response

    @operation("DeleteModel")
    def delete_model(self, params: dict) -> dict:
        # SageMaker deletes a model even while an endpoint config names it, and the running
        # endpoint keeps serving.
        with self.store.write() as conn:
            row = records.require(conn, "model", params["ModelName"])
            conn.execute("DELETE FROM model WHERE id = ?", (row["id"],))
            delete_all_tags(conn, row["arn"])
        log.info("Deleted model %s", row["name"])
        return {}

    @operation("CreateEndpointConfig")
    def create_endpoint_config(self, params: dict) -> dict:
        name = params["EndpointConfigName"]
        variant_names = [variant["VariantName"] for variant in params["ProductionVariants"]]
        duplicates = sorted({v for v in variant_names if variant_names.count(v) > 1})
        if duplicates:
            raise validation(
                f"Endpoint config '{name}' repeats the variant names {duplicates}. Give each "
                "production variant its own VariantName."
            )
        config_arn = arn("endpoint-config", name)
        stored = {key: value for key, value in params.items() if key != "Tags"}
        with self.store.write() as conn:
            records.require_absent(conn, "endpoint_config", name)
            for variant in params["ProductionVariants"]:
                if "ModelName" in variant:
                    records.require(conn, "model", variant["ModelName"])
            conn.execute(
                "INSERT INTO endpoint_config (name, name_key, arn, request, created_time) "
                "VALUES (?, ?, ?, ?, ?)",
                (name, name.lower(), config_arn, json.dumps(stored), now()),
            )
            put_tags(conn, config_arn, params.get("Tags", []))
        log.info("Created endpoint config %s", name)
        return {"EndpointConfigArn": config_arn}

    @operation("DescribeEndpointConfig")
    def describe_endpoint_config(self, params: dict) -> dict:
        with self.store.read() as conn:
            row = records.require(conn, "endpoint_config", params["EndpointConfigName"])
        request = records.request_of(row)
        response = {"EndpointConfigName": row["name"], "EndpointConfigArn": row["arn"]}
        for key, value in request.items():
            if key != "EndpointConfigName":
                response[key] = value
        response["CreationTime"] = to_datetime(row["created_time"])
        return response

    @operation("DeleteEndpointConfig")
    def delete_endpoint_config(self, params: dict) -> dict:
        name = params["EndpointConfigName"]
        with self.store.write() as conn:
            row = records.require(conn, "endpoint_config", name)
            users = conn.execute(
                "SELECT name FROM endpoint WHERE config_name = ? OR pending_config_name = ? "
                "ORDER BY name",
                (row["name"], row["name"]),
            ).fetchall()
            if users:
                # NOTE: SageMaker's error code and wording for this case are unverified.
                raise validation(
                    f"Endpoint config '{row['name']}' is in use by endpoint(s) "
                    f"{', '.join(user['name'] for user in users)}. Delete those endpoints or "
                    "update them to another config first."
                )
            conn.execute("DELETE FROM endpoint_config WHERE id = ?", (row["id"],))
            delete_all_tags(conn, row["arn"])
        log.info("Deleted endpoint config %s", row["name"])
        return {}
