"""``StudioService``: the experiments views' queries, written against the boto3 client contract.

The same code serves the local backend and AWS: it only calls methods that boto3's ``sagemaker``
and ``sagemaker-metrics`` clients have, with their arguments and response shapes. Every method
blocks on the client (SQLite or HTTPS), so the handlers run them in a thread pool.
"""

import logging

from . import rows
from .training_job_rows import training_job_json, training_job_name
from .downsample import downsample_min_max
from .errors import BackendError, BadRequest, NotFound, translated_boto_errors
from .list_pages import follow_pages
from .search_request import SEARCH_RESOURCE, TrialComponentQuery, build_search_request

log = logging.getLogger(__name__)

X_AXIS_TYPES = {"step": "IterationNumber", "time": "Timestamp"}


class StudioService:
    """Experiments, trials, trial components and metric series from one SageMaker backend."""

    def __init__(self, sagemaker_client, metrics_client, backend, version, home=None, region=None):
        self.sagemaker = sagemaker_client
        self.metrics = metrics_client
        self.backend = backend
        self.version = version
        self.home = home
        self.region = region

    def _calling(self, operation: str):
        """Translate boto3 errors raised inside the block into ``StudioError``."""
        return translated_boto_errors(self.backend, operation)

    def status(self) -> dict:
        return {
            "backend": self.backend,
            "version": self.version,
            "home": self.home,
            "region": self.region,
        }

    # Experiments and trials

    def list_experiments(self, query: str | None = None) -> dict:
        """List every experiment whose name or display name contains ``query``, ignoring case."""
        with self._calling("ListExperiments"):
            summaries = follow_pages(self.sagemaker.list_experiments, "ExperimentSummaries")

        needle = (query or "").strip().lower()
        experiments = []
        for summary in summaries:
            name = summary["ExperimentName"]
            display_name = summary.get("DisplayName") or ""
            if needle and needle not in name.lower() and needle not in display_name.lower():
                continue
            # NOTE: ListExperiments returns no trial count, so this makes one ListTrials call per
            # experiment, which is slow on AWS with hundreds of experiments.
            trial_count = len(self._trial_summaries(name))
            experiments.append(rows.experiment_json(summary, trial_count))

        return {"experiments": experiments}

    def get_experiment(self, name: str) -> dict:
        with self._calling("DescribeExperiment"):
            description = self.sagemaker.describe_experiment(ExperimentName=name)
        trial_count = len(self._trial_summaries(name))
        return rows.experiment_json(description, trial_count, description.get("Description"))

    def list_trials(self, experiment: str) -> dict:
        """List the trials of ``experiment`` with their trial-component counts."""
        with self._calling("DescribeExperiment"):
            # ListTrials may return an empty list for a missing experiment, so the experiment is
            # described first and a missing one returns 404 on every backend.
            self.sagemaker.describe_experiment(ExperimentName=experiment)

        trials = []
        for summary in self._trial_summaries(experiment):
            with self._calling("ListTrialComponents"):
                components = follow_pages(
                    self.sagemaker.list_trial_components,
                    "TrialComponentSummaries",
                    TrialName=summary["TrialName"],
                )
            trials.append(rows.trial_json(summary, experiment, len(components)))
        return {"trials": trials}

    def _trial_summaries(self, experiment: str) -> list:
        with self._calling("ListTrials"):
            return follow_pages(self.sagemaker.list_trials, "TrialSummaries", ExperimentName=experiment)

    # Trial components

    def list_trial_components(self, query: TrialComponentQuery) -> dict:
        """Return one page of flattened trial components, sorted and filtered by Search."""
        request = build_search_request(query)
        try:
            with self._calling("Search"):
                response = self.sagemaker.search(**request)
        except BadRequest as error:
            if query.cursor and "NextToken" in error.message:
                raise BadRequest(
                    f"Invalid cursor: the backend rejected it ({error.message}). A cursor is only "
                    "valid with the filters and sort of the page that returned it; reload the "
                    "first page without cursor."
                ) from error
            raise

        items = [
            rows.component_row(record["TrialComponent"])
            for record in response.get("Results", [])
            if "TrialComponent" in record
        ]
        hits = response.get("TotalHits") or {}
        parameter_names = sorted({name for item in items for name in item["parameters"]})
        metric_names = sorted({name for item in items for name in item["metrics"]})

        return {
            "items": items,
            "total": hits.get("Value"),
            "totalRelation": hits.get("Relation"),
            "nextCursor": response.get("NextToken") or None,
            "parameterNames": parameter_names,
            "metricNames": metric_names,
        }

    def _search_component(self, name: str) -> dict:
        """Return the Search record of one trial component, or raise ``NotFound``.

        Search is used because DescribeTrialComponent returns no parents and no tags.
        """
        request = {
            "Resource": SEARCH_RESOURCE,
            "SearchExpression": {
                "Filters": [{"Name": "TrialComponentName", "Operator": "Equals", "Value": name}]
            },
            "MaxResults": 1,
        }
        with self._calling("Search"):
            results = self.sagemaker.search(**request).get("Results", [])
        if not results:
            raise NotFound(
                f"Trial component {name!r} not found on the {self.backend} backend. "
                "Check the name in the trial-component list."
            )
        return results[0]["TrialComponent"]

    def get_trial_component(self, name: str) -> dict:
        """Return the full trial component, with its training job when its source is one."""
        detail = rows.component_detail(self._search_component(name))
        detail["trainingJob"] = self._training_job(name, training_job_name(detail["sourceArn"]))
        return detail

    def _training_job(self, component: str, job_name: str | None) -> dict | None:
        """Describe the source training job, or return None when there is none or it is gone."""
        if job_name is None:
            return None
        try:
            with self._calling("DescribeTrainingJob"):
                description = self.sagemaker.describe_training_job(TrainingJobName=job_name)
        except (BadRequest, NotFound) as error:
            # SageMaker reports a deleted job as ValidationException ("Requested resource not
            # found"), which arrives here as BadRequest; the component outlives its job.
            log.info("Training job %s of trial component %s not described: %s",
                     job_name, component, error.message)
            return None
        return training_job_json(description)

    def metric_series(self, name: str, metric: str, buckets: int, x_axis: str = "step") -> dict:
        """Read a metric's per-step values with BatchGetMetrics and downsample them to ``buckets``."""
        if x_axis not in X_AXIS_TYPES:
            raise BadRequest(f"Invalid xAxis {x_axis!r}: use one of {', '.join(X_AXIS_TYPES)}.")

        with self._calling("DescribeTrialComponent"):
            component = self.sagemaker.describe_trial_component(TrialComponentName=name)
        known_metrics = sorted(
            summary["MetricName"] for summary in component.get("Metrics") or [] if summary.get("MetricName")
        )
        if metric not in known_metrics:
            raise NotFound(
                f"Metric {metric!r} not found on trial component {name!r}. "
                f"Its metrics are {known_metrics or 'none'}."
            )

        query = {
            "MetricName": metric,
            "ResourceArn": component["TrialComponentArn"],
            # With Period IterationNumber, each step's values are combined by MetricStat, so Avg
            # returns the logged value when a step has one value. NOTE: points logged without a
            # step are left out, also on the time axis.
            "MetricStat": "Avg",
            "Period": "IterationNumber",
            "XAxisType": X_AXIS_TYPES[x_axis],
        }
        with self._calling("BatchGetMetrics"):
            response = self.metrics.batch_get_metrics(MetricQueries=[query])
        result = response["MetricQueryResults"][0]

        status = result.get("Status")
        if status == "ValidationError":
            raise BadRequest(f"BatchGetMetrics rejected metric {metric!r}: {result.get('Message')}")
        if status not in ("Complete", "Truncated"):
            raise BackendError(
                f"BatchGetMetrics failed on the {self.backend} backend for metric {metric!r} of "
                f"trial component {name!r} with status {status}: {result.get('Message')}. Retry later."
            )
        if status == "Truncated":
            log.warning("BatchGetMetrics truncated metric %s of trial component %s: %s",
                        metric, name, result.get("Message"))

        series = downsample_min_max(result["XAxisValues"], result["MetricValues"], buckets)
        return {
            "trialComponentName": component.get("TrialComponentName", name),
            "metricName": metric,
            "xAxis": x_axis,
            "totalPoints": series.total_points,
            "downsampled": series.downsampled,
            "truncated": status == "Truncated",
            "x": series.x,
            "min": series.min,
            "max": series.max,
        }
