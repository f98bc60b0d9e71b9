"""``LocalMetricsClient``: the ``sagemaker-metrics`` client of the local backend.

It offers boto3's ``batch_put_metrics`` and ``batch_get_metrics`` with the same arguments,
response shapes and error codes, plus ``put_metric_points``, a local-only bulk method without the
10-point cap for training jobs and benchmarks.
"""

import logging

from .client_base import LocalClientBase
from .errors import client_error, validation_error
from .metrics_ingest import append_points, group_points
from .metrics_query import QueryError, check_query, component_name_of, run_query
from .validation import validate_request

log = logging.getLogger(__name__)

SERVICE = "sagemaker-metrics"
MAX_POINTS_PER_CALL = 10
# A valid point put in place of MetricData while the rest of a BatchPutMetrics request is
# validated, because bad points are reported one by one in Errors.
_PLACEHOLDER_POINT = {"MetricName": "placeholder", "Timestamp": 0, "Value": 0.0}


class LocalMetricsClient(LocalClientBase):
    """Metric ingest and queries on a local ``Store``, shaped like boto3's client."""

    service_name = SERVICE

    def __init__(self, store, region_name: str = "local"):
        super().__init__(store, region_name)

    def batch_put_metrics(self, **kwargs) -> dict:
        """Store 1 to 10 points of one trial component and return ``{"Errors": [...]}``.

        An invalid point (NaN or infinite Value, negative Step, missing field) is reported as
        ``{"Code": "VALIDATION_ERROR", "MetricIndex": i}`` and not stored. The other points are.

        NOTE: a trial component that does not exist raises ResourceNotFound. What SageMaker
        returns in that case is unverified.
        """
        metric_data = kwargs.get("MetricData")
        if isinstance(metric_data, list) and metric_data:
            validate_request(
                SERVICE, "BatchPutMetrics", {**kwargs, "MetricData": [_PLACEHOLDER_POINT]}
            )
        else:
            validate_request(SERVICE, "BatchPutMetrics", kwargs)
        if len(metric_data) > MAX_POINTS_PER_CALL:
            raise validation_error(
                SERVICE,
                "BatchPutMetrics",
                f"Invalid MetricData: {len(metric_data)} points. Send at most "
                f"{MAX_POINTS_PER_CALL} per call.",
            )

        errors = self._put(kwargs["TrialComponentName"], metric_data, "BatchPutMetrics")
        return self.response({"Errors": errors})

    batch_put_metrics.operation_name = "BatchPutMetrics"

    def put_metric_points(self, trial_component_name: str, points: list[dict]) -> list[dict]:
        """Append any number of points (``MetricName``, ``Value``, ``Timestamp``, ``Step``).

        Local only. The name matches case-insensitively. ``Timestamp`` may be a datetime or Unix
        seconds. Returns the errors of rejected points, shaped as in ``batch_put_metrics``.
        """
        return self._put(trial_component_name, points, "PutMetricPoints")

    def batch_get_metrics(self, **kwargs) -> dict:
        """Return ``{"MetricQueryResults": [...]}``, one result per query, in order.

        A request that breaks the model (more than 100 queries, an unknown MetricStat, a
        malformed ResourceArn) raises ValidationException. A query whose trial component does
        not exist gets ``Status: ValidationError`` and a ``Message``, and the others still run.
        """
        validate_request(SERVICE, "BatchGetMetrics", kwargs)

        results = []
        with self.store.read() as conn:
            for query in kwargs["MetricQueries"]:
                try:
                    check_query(query)
                    name = component_name_of(query["ResourceArn"])
                    row = conn.execute(
                        "SELECT id FROM trial_component WHERE name_key = ?", (name.lower(),)
                    ).fetchone()
                    if row is None:
                        raise QueryError(
                            f"Trial component {name!r} of ResourceArn {query['ResourceArn']!r} "
                            "not found. Check the ARN, or create the trial component first."
                        )
                    results.append(run_query(conn, row["id"], query))
                except QueryError as error:
                    results.append(
                        {
                            "Status": "ValidationError",
                            "Message": str(error),
                            "XAxisValues": [],
                            "MetricValues": [],
                        }
                    )
        return self.response({"MetricQueryResults": results})

    batch_get_metrics.operation_name = "BatchGetMetrics"

    def _put(self, name: str, points: list, operation: str) -> list[dict]:
        groups, errors = group_points(points)
        if errors:
            log.debug("Rejected %d of %d metric points for %s", len(errors), len(points), name)

        with self.store.write() as conn:
            row = conn.execute(
                "SELECT id, source_arn FROM trial_component WHERE name_key = ?", (name.lower(),)
            ).fetchone()
            if row is None:
                raise client_error(
                    SERVICE,
                    operation,
                    "ResourceNotFound",
                    f"Trial component {name!r} not found. Create it (CreateTrialComponent) "
                    "before logging metrics to it.",
                )
            if groups:
                append_points(conn, row["id"], row["source_arn"], groups)
        return errors
