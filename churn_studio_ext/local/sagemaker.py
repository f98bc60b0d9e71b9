"""The local ``sagemaker`` client: experiments, trials, trial components, associations, tags,
training jobs, models, endpoint configs, endpoints, processing jobs and monitoring schedules.

``LocalSageMakerClient`` has the method names, keyword arguments, response shapes and error
codes of ``boto3.client("sagemaker")`` for the operations it implements, so the SageMaker Python
SDK, sagemaker-experiments and the studio service can take it in place of a boto3 client.
Each group of operations lives in its own mixin module.
"""

from ._associations import AssociationOperations
from ._experiments import ExperimentOperations
from ._tags import TagOperations
from ._trial_components import TrialComponentOperations
from ._trials import TrialOperations
from .arns import LOCAL_REGION
from .client_base import LocalClientBase
from .endpoints import EndpointOperations
from .models import ModelOperations
from .monitoring_schedules import MonitoringScheduleOperations
from .processing_jobs import ProcessingJobOperations
from .training_jobs import TrainingJobOperations


class LocalSageMakerClient(
    ExperimentOperations,
    TrialOperations,
    TrialComponentOperations,
    AssociationOperations,
    TagOperations,
    TrainingJobOperations,
    ModelOperations,
    EndpointOperations,
    ProcessingJobOperations,
    MonitoringScheduleOperations,
    LocalClientBase,
):
    """A ``sagemaker`` client backed by a local ``Store`` instead of the SageMaker API."""

    service_name = "sagemaker"

    def __init__(self, store, region_name: str | None = None):
        super().__init__(store, region_name or LOCAL_REGION)

    def search(self, **kwargs) -> dict:
        """Run ``Search``, implemented in ``search.py`` (which validates the request itself)."""
        from .search import search

        return search(self, **kwargs)

    # Listed like an @operation method, so meta, can_paginate and get_paginator include Search.
    search.operation_name = "Search"
