"""``EndpointService``: deploy a trial component's model, list, describe, invoke and delete endpoints.

Like ``StudioService`` it only calls boto3 ``sagemaker`` and ``sagemaker-runtime`` methods, so the
local backend and AWS share the code. Models and endpoint configs that a deploy creates carry the
tag ``churn-studio:trial-component`` with the source trial component, which is how a delete finds
the ones to remove and how the Endpoints sidebar shows where an endpoint came from. For an
endpoint without the tag (an SDK deploy), ``model_source`` infers the trial component from the
model's ``ModelDataUrl``.
"""

import logging
import re
import time
from dataclasses import dataclass
from datetime import datetime, timezone

from botocore.exceptions import BotoCoreError, ClientError

from .endpoint_objects import object_reader
from .errors import BadRequest, NotFound, StudioError, from_boto_error, translated_boto_errors
from .list_pages import follow_pages
from .model_source import TRIAL_COMPONENT_TAG, trial_component_of_model
from .rows import iso_time
from .training_job_rows import training_job_name

log = logging.getLogger(__name__)

MODEL_ARTIFACT = "SageMaker.ModelArtifact"
VARIANT_NAME = "AllTraffic"

# SageMaker's rule for endpoint, endpoint config and variant names: the EndpointName shape's
# pattern in botocore's SageMaker service model.
ENDPOINT_NAME_PATTERN = re.compile(r"[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")
MAX_NAME_LENGTH = 63
INSTANCE_TYPE_PATTERN = re.compile(r"ml\.[a-z0-9]+\.[a-z0-9]+")
# InvokeEndpoint's request body limit: 6 MiB.
MAX_INVOKE_BYTES = 6 * 1024 * 1024
# SageMaker's data capture defaults as the SDK sends them.
CAPTURE_MODES = ("Input", "Output")
CSV_CONTENT_TYPES = ["text/csv"]
JSON_CONTENT_TYPES = ["application/json"]


class Conflict(StudioError):
    def __init__(self, message: str):
        super().__init__(409, message)


class ModelFailed(StudioError):
    """An error response of the model container: SageMaker's ModelError, HTTP 424."""

    def __init__(self, message: str):
        super().__init__(424, message)


@dataclass(frozen=True)
class DeployRequest:
    """A checked ``POST endpoints`` body."""

    endpoint_name: str
    trial_component_name: str
    instance_type: str
    instance_count: int
    capture_enabled: bool
    sampling_percentage: int
    destination_uri: str | None


def endpoint_name_problem(name) -> str | None:
    """Return why ``name`` breaks SageMaker's endpoint name rule, or None when it is valid."""
    if not isinstance(name, str) or name == "":
        return "Missing endpointName: send a name of 1 to 63 letters, digits and hyphens."
    if len(name) > MAX_NAME_LENGTH:
        return (
            f"Invalid endpointName {name!r}: it has {len(name)} characters, more than "
            f"{MAX_NAME_LENGTH}. Shorten it."
        )
    if not ENDPOINT_NAME_PATTERN.fullmatch(name):
        return (
            f"Invalid endpointName {name!r}: use letters, digits and hyphens, starting and "
            "ending with a letter or digit (pattern ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62})."
        )
    return None


def parse_deploy_request(body) -> DeployRequest:
    """Check a ``POST endpoints`` body, raising ``BadRequest`` that names the bad field and the fix."""
    if not isinstance(body, dict):
        raise BadRequest("Invalid request body: send a JSON object with endpointName and trialComponentName.")

    problem = endpoint_name_problem(body.get("endpointName"))
    if problem:
        raise BadRequest(problem)

    component = body.get("trialComponentName")
    if not isinstance(component, str) or not component:
        raise BadRequest("Missing trialComponentName: send the trial component whose model to deploy.")

    instance_type = body.get("instanceType", "ml.m5.xlarge")
    if not isinstance(instance_type, str) or not INSTANCE_TYPE_PATTERN.fullmatch(instance_type):
        raise BadRequest(
            f"Invalid instanceType {instance_type!r}: use a SageMaker instance type such as ml.m5.xlarge."
        )

    instance_count = body.get("instanceCount", 1)
    if isinstance(instance_count, bool) or not isinstance(instance_count, int) or instance_count < 1:
        raise BadRequest(f"Invalid instanceCount {instance_count!r}: use an integer of 1 or more.")

    capture = body.get("dataCapture") or {}
    if not isinstance(capture, dict):
        raise BadRequest(
            f"Invalid dataCapture {capture!r}: send an object such as "
            '{"enabled": true, "samplingPercentage": 100}.'
        )
    enabled = capture.get("enabled", False)
    if not isinstance(enabled, bool):
        raise BadRequest(f"Invalid dataCapture.enabled {enabled!r}: use true or false.")
    percentage = capture.get("samplingPercentage", 100)
    if isinstance(percentage, bool) or not isinstance(percentage, int) or not 0 <= percentage <= 100:
        raise BadRequest(
            f"Invalid dataCapture.samplingPercentage {percentage!r}: use an integer from 0 to 100."
        )
    destination = capture.get("destinationUri") or None
    if destination is not None and (not isinstance(destination, str) or not destination.startswith("s3://")):
        raise BadRequest(
            f"Invalid dataCapture.destinationUri {destination!r}: use an s3://<bucket>/<prefix> URI, "
            "or leave it out to capture next to the training job's output."
        )

    return DeployRequest(
        endpoint_name=body["endpointName"],
        trial_component_name=component,
        instance_type=instance_type,
        instance_count=instance_count,
        capture_enabled=enabled,
        sampling_percentage=percentage,
        destination_uri=destination,
    )


def is_missing(error: StudioError) -> bool:
    """Return whether a hosting Describe failed because the resource does not exist.

    SageMaker reports a missing model, endpoint config or endpoint as a ValidationException
    whose message starts with "Could not find", which ``from_boto_error`` makes a 400.
    """
    return isinstance(error, NotFound) or (
        isinstance(error, BadRequest) and "Could not find" in error.message
    )


def capture_destination(output_path: str | None) -> str | None:
    """Return ``datacapture`` next to a training job's S3 output folder, as the tour lays it out."""
    if not output_path or not output_path.startswith("s3://"):
        return None
    bucket, _, key = output_path[len("s3://"):].partition("/")
    parent = key.rstrip("/").rpartition("/")[0]
    return f"s3://{bucket}/{parent}/datacapture" if parent else f"s3://{bucket}/datacapture"


class EndpointService:
    """Endpoints of one SageMaker backend, with the trial component each was deployed from."""

    def __init__(self, sagemaker_client, runtime_client, backend, home=None, s3_client=None):
        self.sagemaker = sagemaker_client
        self.runtime = runtime_client
        self.backend = backend
        self.objects = object_reader(backend, home, s3_client)

    def _calling(self, operation: str):
        return translated_boto_errors(self.backend, operation)

    # Reading

    def list_endpoints(self) -> dict:
        """List every endpoint, newest first, with its model and source trial component."""
        with self._calling("ListEndpoints"):
            summaries = follow_pages(
                self.sagemaker.list_endpoints,
                "Endpoints",
                SortBy="CreationTime",
                SortOrder="Descending",
            )

        # NOTE: each row costs a DescribeEndpoint, a DescribeEndpointConfig and a ListTags call,
        # which is slow on AWS with many endpoints. An endpoint without this studio's tag (an SDK
        # deploy) adds a DescribeModel, a ListTags, a DescribeTrainingJob and a
        # DescribeTrialComponent call.
        rows = []
        for summary in summaries:
            try:
                rows.append(self._endpoint_row(summary["EndpointName"]))
            except StudioError as error:
                if not is_missing(error):
                    raise
                log.info("Endpoint %s was deleted while listing: %s", summary["EndpointName"], error.message)
        return {"endpoints": rows}

    def _endpoint_row(self, name: str) -> dict:
        description = self._describe_endpoint(name)
        config = self._describe_config(description.get("EndpointConfigName"))
        return self._row_of(description, config)

    def _row_of(self, description: dict, config: dict | None) -> dict:
        variants = (config or {}).get("ProductionVariants") or []
        return {
            "name": description["EndpointName"],
            "arn": description["EndpointArn"],
            "status": description["EndpointStatus"],
            "creationTime": iso_time(description.get("CreationTime")),
            "lastModifiedTime": iso_time(description.get("LastModifiedTime")),
            "modelName": variants[0].get("ModelName") if variants else None,
            "trialComponentName": self._source_component(description, variants),
            "failureReason": description.get("FailureReason"),
        }

    def _source_component(self, description: dict, variants: list[dict]) -> str | None:
        """Return the trial component the endpoint's model was trained in, or None if unknown.

        A deploy from this studio tags the endpoint. An SDK deploy does not, so the component
        is then inferred from the first variant's model, as the monitoring views do.
        """
        tagged = self._tags(description["EndpointArn"]).get(TRIAL_COMPONENT_TAG)
        if tagged or not variants:
            return tagged
        return trial_component_of_model(self.sagemaker, self._describe_model(variants[0].get("ModelName")))

    def get_endpoint(self, name: str) -> dict:
        """Return an endpoint's row plus its config, variants, models and data capture."""
        description = self._describe_endpoint(name)
        config = self._describe_config(description.get("EndpointConfigName"))
        row = self._row_of(description, config)
        config = config or {}

        variants = []
        for variant in config.get("ProductionVariants") or []:
            model = self._describe_model(variant.get("ModelName"))
            container = (model or {}).get("PrimaryContainer") or ((model or {}).get("Containers") or [{}])[0]
            variants.append({
                "variantName": variant.get("VariantName"),
                "modelName": variant.get("ModelName"),
                "instanceType": variant.get("InstanceType"),
                "instanceCount": variant.get("InitialInstanceCount"),
                "image": container.get("Image"),
                "modelDataUrl": container.get("ModelDataUrl"),
            })

        capture = description.get("DataCaptureConfig")
        configured = config.get("DataCaptureConfig") or {}
        data_capture = None
        if capture or configured:
            capture = capture or {}
            data_capture = {
                "enabled": bool(capture.get("EnableCapture", configured.get("EnableCapture", True))),
                "captureStatus": capture.get("CaptureStatus"),
                "samplingPercentage": capture.get(
                    "CurrentSamplingPercentage", configured.get("InitialSamplingPercentage")
                ),
                "destinationUri": capture.get("DestinationS3Uri", configured.get("DestinationS3Uri")),
                "captureModes": [option.get("CaptureMode") for option in configured.get("CaptureOptions") or []],
            }

        return {
            **row,
            "endpointConfigName": description.get("EndpointConfigName"),
            "variants": variants,
            "dataCapture": data_capture,
        }

    def _describe_endpoint(self, name: str) -> dict:
        try:
            with self._calling("DescribeEndpoint"):
                return self.sagemaker.describe_endpoint(EndpointName=name)
        except StudioError as error:
            if is_missing(error):
                raise self._endpoint_not_found(name) from error
            raise

    def _endpoint_not_found(self, name: str) -> NotFound:
        return NotFound(
            f"Endpoint {name!r} not found on the {self.backend} backend. "
            "Refresh the Endpoints sidebar to see the current endpoints."
        )

    def _describe_config(self, name: str | None) -> dict | None:
        """Describe an endpoint config, or return None when it is gone.

        A config can be deleted on its own, while an endpoint still names it.
        """
        if not name:
            return None
        try:
            with self._calling("DescribeEndpointConfig"):
                return self.sagemaker.describe_endpoint_config(EndpointConfigName=name)
        except StudioError as error:
            if is_missing(error):
                return None
            raise

    def _describe_model(self, name: str | None) -> dict | None:
        if not name:
            return None
        try:
            with self._calling("DescribeModel"):
                return self.sagemaker.describe_model(ModelName=name)
        except StudioError as error:
            if is_missing(error):
                return None
            raise

    def _tags(self, resource_arn: str) -> dict:
        with self._calling("ListTags"):
            tags = self.sagemaker.list_tags(ResourceArn=resource_arn, MaxResults=50).get("Tags", [])
        return {tag["Key"]: tag.get("Value", "") for tag in tags}

    # Deploying

    def create_endpoint(self, request: DeployRequest) -> dict:
        """Create the model, endpoint config and endpoint of a trial component's model.

        Returns the endpoint's row while it is Creating. When a step fails, the model and
        endpoint config created before it are deleted again. A delete that also fails is logged
        and leaves its resource behind.
        """
        name = request.endpoint_name
        if self._endpoint_exists(name):
            raise Conflict(
                f"Endpoint name {name!r} is already in use on the {self.backend} backend. "
                "Choose another name, or delete that endpoint first."
            )

        source = self._deploy_source(request.trial_component_name)
        tags = [{"Key": TRIAL_COMPONENT_TAG, "Value": request.trial_component_name}]
        model_name = self._free_name(name, self._describe_model)
        config_name = self._free_name(name, self._describe_config)

        model_request = {
            "ModelName": model_name,
            "PrimaryContainer": {"Image": source["image"], "ModelDataUrl": source["modelUri"]},
            "Tags": tags,
        }
        if source["roleArn"]:
            model_request["ExecutionRoleArn"] = source["roleArn"]
        with self._calling("CreateModel"):
            self.sagemaker.create_model(**model_request)

        config_request = {
            "EndpointConfigName": config_name,
            "ProductionVariants": [{
                "VariantName": VARIANT_NAME,
                "ModelName": model_name,
                "InitialInstanceCount": request.instance_count,
                "InstanceType": request.instance_type,
                "InitialVariantWeight": 1.0,
            }],
            "Tags": tags,
        }
        if request.capture_enabled:
            destination = request.destination_uri or source["captureUri"]
            if destination is None:
                self._delete_quietly("DeleteModel", ModelName=model_name)
                raise BadRequest(
                    f"Missing dataCapture.destinationUri: the training job of "
                    f"{request.trial_component_name!r} has no S3 output path to capture next to. "
                    "Send an s3:// URI."
                )
            config_request["DataCaptureConfig"] = {
                "EnableCapture": True,
                "InitialSamplingPercentage": request.sampling_percentage,
                "DestinationS3Uri": destination,
                "CaptureOptions": [{"CaptureMode": mode} for mode in CAPTURE_MODES],
                "CaptureContentTypeHeader": {
                    "CsvContentTypes": CSV_CONTENT_TYPES,
                    "JsonContentTypes": JSON_CONTENT_TYPES,
                },
            }
        try:
            with self._calling("CreateEndpointConfig"):
                self.sagemaker.create_endpoint_config(**config_request)
        except StudioError:
            self._delete_quietly("DeleteModel", ModelName=model_name)
            raise

        try:
            with self._calling("CreateEndpoint"):
                self.sagemaker.create_endpoint(
                    EndpointName=name, EndpointConfigName=config_name, Tags=tags
                )
        except StudioError:
            self._delete_quietly("DeleteEndpointConfig", EndpointConfigName=config_name)
            self._delete_quietly("DeleteModel", ModelName=model_name)
            raise

        log.info("Deploying trial component %s as endpoint %s (model %s, config %s, %d x %s)",
                 request.trial_component_name, name, model_name, config_name,
                 request.instance_count, request.instance_type)
        return self._endpoint_row(name)

    def _endpoint_exists(self, name: str) -> bool:
        try:
            self._describe_endpoint(name)
        except NotFound:
            return False
        return True

    def _free_name(self, base: str, describe) -> str:
        """Return ``base`` when no resource has that name, else ``base`` plus a UTC time suffix."""
        if describe(base) is None:
            return base
        suffix = datetime.now(timezone.utc).strftime("-%Y%m%d%H%M%S%f")
        return base[: MAX_NAME_LENGTH - len(suffix)].rstrip("-") + suffix

    def _deploy_source(self, component_name: str) -> dict:
        """Find the model URI, image, role and capture folder of a trial component."""
        try:
            with self._calling("DescribeTrialComponent"):
                component = self.sagemaker.describe_trial_component(TrialComponentName=component_name)
        except StudioError as error:
            missing = "not found" in error.message.lower() or "Could not find" in error.message
            if isinstance(error, NotFound) or missing:
                raise NotFound(
                    f"Trial component {component_name!r} not found on the {self.backend} backend. "
                    "Check the name in the trial-component list."
                ) from error
            raise

        job = self._training_job(component)
        artifact = (component.get("OutputArtifacts") or {}).get(MODEL_ARTIFACT) or {}
        model_uri = artifact.get("Value") or ((job or {}).get("ModelArtifacts") or {}).get("S3ModelArtifacts")
        if not model_uri:
            raise BadRequest(
                f"Trial component {component_name!r} has no {MODEL_ARTIFACT} output artifact, so "
                "there is no model to deploy. Choose a completed training job's trial component."
            )

        image = ((job or {}).get("AlgorithmSpecification") or {}).get("TrainingImage")
        if not image:
            parameter = (component.get("Parameters") or {}).get("SageMaker.ImageUri") or {}
            image = parameter.get("StringValue")
        if not image:
            raise BadRequest(
                f"Trial component {component_name!r} names no training image (its training job "
                "is gone and it has no SageMaker.ImageUri parameter), so the serving image is "
                "unknown. Deploy from a trial component whose training job still exists."
            )

        output_path = ((job or {}).get("OutputDataConfig") or {}).get("S3OutputPath")
        return {
            "modelUri": model_uri,
            "image": image,
            "roleArn": (job or {}).get("RoleArn"),
            "captureUri": capture_destination(output_path),
        }

    def _training_job(self, component: dict) -> dict | None:
        job_name = training_job_name((component.get("Source") or {}).get("SourceArn"))
        if job_name is None:
            return None
        try:
            with self._calling("DescribeTrainingJob"):
                return self.sagemaker.describe_training_job(TrainingJobName=job_name)
        except StudioError as error:
            if isinstance(error, (BadRequest, NotFound)):
                log.info("Training job %s of trial component %s not described: %s",
                         job_name, component.get("TrialComponentName"), error.message)
                return None
            raise

    # Deleting

    def delete_endpoint(self, name: str) -> dict:
        """Delete an endpoint, and its config and models when a deploy from this studio made them."""
        description = self._describe_endpoint(name)
        config = self._describe_config(description.get("EndpointConfigName"))

        with self._calling("DeleteEndpoint"):
            self.sagemaker.delete_endpoint(EndpointName=description["EndpointName"])
        log.info("Deleted endpoint %s", description["EndpointName"])

        deleted_config = None
        deleted_models = []
        if config is not None and TRIAL_COMPONENT_TAG in self._tags(config["EndpointConfigArn"]):
            # NOTE: on AWS the endpoint may still be Deleting, and whether SageMaker then accepts
            # DeleteEndpointConfig is unverified. A rejection leaves the config and is logged.
            if self._delete_quietly("DeleteEndpointConfig", EndpointConfigName=config["EndpointConfigName"]):
                deleted_config = config["EndpointConfigName"]
            for variant in config.get("ProductionVariants") or []:
                model = self._describe_model(variant.get("ModelName"))
                if model is None or TRIAL_COMPONENT_TAG not in self._tags(model["ModelArn"]):
                    continue
                if self._delete_quietly("DeleteModel", ModelName=model["ModelName"]):
                    deleted_models.append(model["ModelName"])

        return {
            "endpointName": description["EndpointName"],
            "deletedEndpointConfig": deleted_config,
            "deletedModels": deleted_models,
        }

    def _delete_quietly(self, operation: str, **kwargs) -> bool:
        """Run a Delete call and log, not raise, its failure, because it only cleans up."""
        method = getattr(self.sagemaker, re.sub(r"(?<!^)(?=[A-Z])", "_", operation).lower())
        try:
            method(**kwargs)
        except (ClientError, BotoCoreError) as error:
            log.warning("%s %s failed on the %s backend: %s", operation, kwargs, self.backend, error)
            return False
        return True

    # Invoking

    def invoke(self, name: str, content_type: str, body: str) -> dict:
        """Send one request to an endpoint and return the response text, its type and the latency."""
        data = body.encode("utf-8")
        if len(data) > MAX_INVOKE_BYTES:
            raise BadRequest(
                f"Invalid body: {len(data)} bytes is more than InvokeEndpoint's "
                f"limit of {MAX_INVOKE_BYTES} bytes (6 MiB). Send fewer rows."
            )

        started = time.perf_counter()
        try:
            response = self.runtime.invoke_endpoint(
                EndpointName=name, ContentType=content_type, Body=data
            )
            payload = response["Body"].read()
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "")
            message = error.response.get("Error", {}).get("Message") or str(error)
            if code == "ModelError":
                raise ModelFailed(message) from error
            if code in ("ValidationError", "ValidationException") and not self._endpoint_exists(name):
                raise self._endpoint_not_found(name) from error
            raise from_boto_error(error, self.backend, "InvokeEndpoint") from error
        except BotoCoreError as error:
            raise from_boto_error(error, self.backend, "InvokeEndpoint") from error
        latency_ms = (time.perf_counter() - started) * 1000.0

        return {
            "body": payload.decode("utf-8", "replace"),
            "contentType": response.get("ContentType"),
            "latencyMs": round(latency_ms, 3),
        }

    # Sample rows

    def sample_row(self, name: str) -> dict:
        """Return a CSV row without the label to try the endpoint with.

        The row is the first line of the source training job's validation channel (the label
        is its first column, per the XGBoost CSV contract), else the input of the latest
        captured request.
        """
        description = self._describe_endpoint(name)
        config = self._describe_config(description.get("EndpointConfigName"))
        component_name = self._source_component(description, (config or {}).get("ProductionVariants") or [])

        validation_uri = self._validation_uri(component_name)
        if validation_uri:
            line = self.objects.first_line(validation_uri)
            if line is not None:
                features = line.split(",", 1)[1] if "," in line else ""
                return {"row": features, "contentType": "text/csv", "source": "validation",
                        "sourceUri": validation_uri}

        capture = description.get("DataCaptureConfig") or {}
        destination = capture.get("DestinationS3Uri")
        if destination:
            captured = self.objects.latest_captured_input(f"{destination.rstrip('/')}/{description['EndpointName']}/")
            if captured is not None:
                return {"row": captured["data"], "contentType": captured["contentType"] or "text/csv",
                        "source": "capture", "sourceUri": captured["uri"]}

        raise NotFound(
            f"No sample row for endpoint {name!r}: its source training job has no readable "
            "validation channel and no request was captured yet. Type a CSV row of features."
        )

    def _validation_uri(self, component_name: str | None) -> str | None:
        if not component_name:
            return None
        try:
            with self._calling("DescribeTrialComponent"):
                component = self.sagemaker.describe_trial_component(TrialComponentName=component_name)
        except StudioError as error:
            log.info("Trial component %s of a sample row not described: %s", component_name, error.message)
            return None
        job = self._training_job(component) or {}
        for channel in job.get("InputDataConfig") or []:
            if channel.get("ChannelName") == "validation":
                return ((channel.get("DataSource") or {}).get("S3DataSource") or {}).get("S3Uri")
        return None
