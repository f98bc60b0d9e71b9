"""``Estimator``: start SageMaker training jobs with the arguments of SDK v2's Estimator.

``fit`` builds a CreateTrainingJob request and sends it to the session's ``sagemaker`` client,
the local backend by default. For equal arguments the request equals what
``sagemaker.estimator.Estimator.fit`` of SageMaker Python SDK 2.257 sends, with one exception:
no ``ProfilerConfig`` is sent, because the local backend does not profile jobs.
The role and instance settings are recorded in the request and not used by the local backend.
"""

from __future__ import annotations

import re
import threading
import time

from .debugger import CollectionConfig, DebuggerHookConfig
from .inputs import input_data_config
from .studio_session import as_studio_session
from .training_job import TrainingJob

# CreateTrainingJob limits job names to 63 characters.
MAX_JOB_NAME_LENGTH = 63
DEFAULT_VOLUME_SIZE_GB = 30
DEFAULT_MAX_RUN_SECONDS = 24 * 60 * 60
# The local backend runs jobs without IAM, but CreateTrainingJob still needs a RoleArn.
LOCAL_ROLE_ARN = "arn:aws:iam::000000000000:role/LocalSageMakerRole"

_IMAGE_NAME = re.compile(r"^(?:.+/)?(?P<name>[^:/]+)(?::[^:]+)?$")
_last_timestamp_ms = 0
_timestamp_lock = threading.Lock()


class Estimator:
    """A training job template: image, resources, hyperparameters, channels and Debugger rules.

    The argument names are those of ``sagemaker.estimator.Estimator``. ``sagemaker_session`` is
    a ``StudioSession``, a SageMaker SDK v2 ``Session`` or ``None`` (the configured backend).
    ``role`` may be omitted on the local backend.
    """

    def __init__(
        self,
        image_uri,
        role=None,
        instance_count=None,
        instance_type=None,
        volume_size=DEFAULT_VOLUME_SIZE_GB,
        max_run=DEFAULT_MAX_RUN_SECONDS,
        input_mode="File",
        output_path=None,
        output_kms_key=None,
        base_job_name=None,
        sagemaker_session=None,
        hyperparameters=None,
        tags=None,
        metric_definitions=None,
        enable_sagemaker_metrics=None,
        rules=None,
        debugger_hook_config=None,
        environment=None,
    ):
        if instance_count is None or instance_type is None:
            raise ValueError(
                f"instance_count and instance_type are required (got {instance_count!r} and "
                f"{instance_type!r}). The tour uses instance_count=1, instance_type='ml.m4.xlarge'."
            )
        self.image_uri = image_uri
        self.sagemaker_session = as_studio_session(sagemaker_session)
        self.role = role or self._default_role()
        self.instance_count = instance_count
        self.instance_type = instance_type
        self.volume_size = volume_size
        self.max_run = max_run
        self.input_mode = input_mode
        self.output_path = output_path
        self.output_kms_key = output_kms_key
        self.base_job_name = base_job_name
        self.tags = tags
        self.metric_definitions = metric_definitions
        self.enable_sagemaker_metrics = enable_sagemaker_metrics
        self.rules = rules
        self.debugger_hook_config = debugger_hook_config
        self.environment = environment

        self._hyperparameters = {}
        if hyperparameters:
            self.set_hyperparameters(**hyperparameters)
        self._current_job_name = None
        self.latest_training_job = None

    # Hyperparameters ---------------------------------------------------------------------

    def set_hyperparameters(self, **kwargs) -> None:
        """Add or replace hyperparameters, which are sent as strings (``str(value)``)."""
        self._hyperparameters.update(kwargs)

    def hyperparameters(self) -> dict[str, str]:
        """Return the HyperParameters map the next training job will receive."""
        return {str(name): str(value) for name, value in self._hyperparameters.items()}

    def training_image_uri(self) -> str:
        return self.image_uri

    # Training ----------------------------------------------------------------------------

    def fit(self, inputs=None, wait=True, logs="All", job_name=None, experiment_config=None):
        """Start a training job on ``inputs`` and, with ``wait``, block until it ends.

        ``inputs`` is an ``s3://`` URI, a ``TrainingInput`` or a dict of channel name to either.
        ``job_name`` defaults to ``<base_job_name>-<UTC timestamp in ms>``. ``experiment_config``
        (``ExperimentName``, ``TrialName``, ``TrialComponentDisplayName``) links the job's
        trial component to a trial. Raises ``TrainingJobError`` when a waited job fails.
        """
        request = self.training_job_request(inputs, job_name, experiment_config)
        self.sagemaker_session.sagemaker_client.create_training_job(**request)
        self.latest_training_job = TrainingJob(self.sagemaker_session, request["TrainingJobName"])
        if wait:
            self.latest_training_job.wait(logs=logs)
        return None

    def training_job_request(self, inputs=None, job_name=None, experiment_config=None) -> dict:
        """Prepare the next job (name, output path, code upload) and return its request.

        ``fit`` sends exactly this dict as CreateTrainingJob's keyword arguments.
        """
        self._prepare_for_training(job_name)

        request = {
            "TrainingJobName": self._current_job_name,
            "AlgorithmSpecification": self._algorithm_specification(),
            "RoleArn": self.role,
            "OutputDataConfig": self._output_data_config(),
            "ResourceConfig": {
                "InstanceCount": self.instance_count,
                "InstanceType": self.instance_type,
                "VolumeSizeInGB": self.volume_size,
            },
            "StoppingCondition": {"MaxRuntimeInSeconds": self.max_run},
        }
        hyperparameters = self.hyperparameters()
        if hyperparameters:
            request["HyperParameters"] = hyperparameters
        channels = input_data_config(inputs)
        if channels:
            request["InputDataConfig"] = channels
        if experiment_config:
            request["ExperimentConfig"] = dict(experiment_config)
        if self.environment:
            request["Environment"] = dict(self.environment)
        if self.tags:
            request["Tags"] = list(self.tags)
        request.update(self._debugger_request())
        return request

    @property
    def model_data(self) -> str:
        """Return the S3 URI of the latest job's ``model.tar.gz``."""
        if self.latest_training_job is None:
            raise ValueError(
                "This estimator has no training job yet, so it has no model data. Call fit() first."
            )
        description = self.latest_training_job.describe()
        artifacts = description.get("ModelArtifacts", {}).get("S3ModelArtifacts")
        if artifacts:
            return artifacts
        # Until the job ends, SDK v2 returns where the model will be written.
        return f"{self.output_path.rstrip('/')}/{self.latest_training_job.name}/output/model.tar.gz"

    # Hosting -----------------------------------------------------------------------------

    def create_model(self, role=None, image_uri=None, env=None, name=None):
        """Return a ``Model`` of the latest job's artifact on the training image."""
        from .model import Model

        return Model(
            image_uri or self.training_image_uri(),
            model_data=self.model_data,
            role=role or self.role,
            env=env,
            name=name,
            sagemaker_session=self.sagemaker_session,
        )

    def deploy(
        self,
        initial_instance_count=None,
        instance_type=None,
        serializer=None,
        deserializer=None,
        endpoint_name=None,
        wait=True,
        model_name=None,
        kms_key=None,
        data_capture_config=None,
        tags=None,
        **kwargs,
    ):
        """Deploy the latest job's model to an endpoint and return its ``Predictor``.

        As in SDK v2, the model and the endpoint are both named
        ``<base_job_name>-<UTC timestamp>`` unless ``model_name`` or ``endpoint_name`` is
        given. A job still running is waited for first, since its model does not exist yet.

        NOTE: an ``XGBoost`` (framework-mode) estimator deploys like this one, on its training
        image without the entry-point environment that SDK v2's ``XGBoostModel`` adds. The local
        model server only needs the booster, so this was tested on the local backend only.
        """
        if self.latest_training_job is None:
            raise ValueError(
                "This estimator has no training job to deploy. Call fit() first, and deploy "
                "once the job has Completed."
            )
        if self.latest_training_job.describe()["TrainingJobStatus"] != "Completed":
            self.latest_training_job.wait(logs=False)
        default_name = name_from_base(self._base_job_name())
        model = self.create_model(name=model_name or default_name)
        return model.deploy(
            initial_instance_count=initial_instance_count,
            instance_type=instance_type,
            serializer=serializer,
            deserializer=deserializer,
            endpoint_name=endpoint_name or default_name,
            tags=tags,
            kms_key=kms_key,
            wait=wait,
            data_capture_config=data_capture_config,
            **kwargs,
        )

    # Steps shared with framework estimators ----------------------------------------------

    def _prepare_for_training(self, job_name=None) -> None:
        self._current_job_name = job_name or name_from_base(self._base_job_name())
        if self.output_path is None:
            self.output_path = f"s3://{self.sagemaker_session.default_bucket()}/"

    def _base_job_name(self) -> str:
        if self.base_job_name:
            return self.base_job_name
        match = _IMAGE_NAME.match(self.training_image_uri())
        return match.group("name") if match else "training-job"

    def _algorithm_specification(self) -> dict:
        specification = {
            "TrainingInputMode": self.input_mode,
            "TrainingImage": self.training_image_uri(),
        }
        if self.metric_definitions is not None:
            specification["MetricDefinitions"] = self.metric_definitions
        if self.enable_sagemaker_metrics is not None:
            specification["EnableSageMakerMetricsTimeSeries"] = self.enable_sagemaker_metrics
        return specification

    def _output_data_config(self) -> dict:
        config = {"S3OutputPath": self.output_path}
        if self.output_kms_key is not None:
            config["KmsKeyId"] = self.output_kms_key
        return config

    def _debugger_request(self) -> dict:
        # SDK v2 sends a hook config on every job unless debugger_hook_config=False. It adds
        # the collections that the rules request to that config.
        rules = list(self.rules or [])
        request = {}
        if rules:
            for rule in rules:
                rule.resolve_image(self.sagemaker_session.boto_region_name)
            request["DebugRuleConfigurations"] = [
                rule.to_debugger_rule_config_dict() for rule in rules
            ]

        if self.debugger_hook_config is False:
            return request
        hook = self.debugger_hook_config or DebuggerHookConfig()
        collections = _unique_collections(
            [collection for rule in rules for collection in rule.collection_configs]
            + list(hook.collection_configs or [])
        )
        hook_request = DebuggerHookConfig(
            s3_output_path=hook.s3_output_path or self.output_path,
            container_local_output_path=hook.container_local_output_path,
            hook_parameters=hook.hook_parameters,
            collection_configs=collections,
        )._to_request_dict()
        request["DebugHookConfig"] = hook_request
        return request

    def _default_role(self) -> str:
        if self.sagemaker_session.local:
            return LOCAL_ROLE_ARN
        raise ValueError(
            "role is required on the AWS backend: pass the ARN of an IAM role that SageMaker "
            "can assume, such as arn:aws:iam::<account>:role/<SageMaker execution role>."
        )


def name_from_base(base: str) -> str:
    """Return ``<base>-<YYYY-MM-DD-HH-MM-SS-mmm>`` (UTC), at most 63 characters.

    As in SDK v2 the base is cut to fit. Unlike SDK v2, two names made in the same
    millisecond by this process differ: the second gets the next millisecond, so jobs started
    in a loop never collide.
    """
    global _last_timestamp_ms
    with _timestamp_lock:
        now_ms = max(int(time.time() * 1000), _last_timestamp_ms + 1)
        _last_timestamp_ms = now_ms
    seconds, milliseconds = divmod(now_ms, 1000)
    timestamp = time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime(seconds)) + f"-{milliseconds:03d}"
    trimmed = base[: MAX_JOB_NAME_LENGTH - len(timestamp) - 1]
    return f"{trimmed}-{timestamp}"


def _unique_collections(collections: list[CollectionConfig]) -> list[CollectionConfig]:
    unique = {}
    for collection in collections:
        unique.setdefault(collection.name, collection)
    return list(unique.values())
