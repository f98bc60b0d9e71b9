"""A DataFrame of trial components in the column convention of SageMaker's ExperimentAnalytics.

Columns, in order:

1. ``TrialComponentName``, ``DisplayName``, then ``SourceArn`` when any component has a source;
2. one column per parameter, sorted by name, holding ``NumberValue`` or ``StringValue``;
3. per metric: ``<name> - Min``, ``- Max``, ``- Avg``, ``- StdDev``, ``- Last``, ``- Count``;
4. per input artifact, then per output artifact, sorted by name: ``<name> - MediaType``,
   ``<name> - Value``;
5. ``Trials`` and ``Experiments``: lists of the component's parent names.

Source: ``sagemaker.analytics.ExperimentAnalytics`` in the SageMaker Python SDK v2 (2.257).
A cell is NaN where a component lacks that parameter, metric or artifact.

NOTE: the SDK orders columns by first appearance across rows, so when components carry different
parameter sets its later parameters land after ``Experiments``. This class orders every column
by the convention above instead; for components with the same keys both orders agree.
"""

import pandas as pd

# Search stops after this many trial components, as the SDK's ExperimentAnalytics does.
MAX_TRIAL_COMPONENTS = 10_000

METRIC_STATISTICS = ("Min", "Max", "Avg", "StdDev", "Last", "Count")
SEARCH_RESOURCE = "ExperimentTrialComponent"


class ExperimentAnalytics:
    """Trial components found by Search, as a pandas DataFrame.

    Pass ``experiment_name``, ``search_expression`` or both. With both, the components must also
    belong to the experiment. ``metric_names``, ``parameter_names``, ``input_artifact_names`` and
    ``output_artifact_names`` restrict the columns to those names. The client is
    ``sagemaker_client``, else ``sagemaker_session.sagemaker_client``, else the ``sagemaker``
    client of the configured backend (``churn_studio_ext.sdk.clients()``).
    """

    def __init__(
        self,
        experiment_name=None,
        search_expression=None,
        sort_by=None,
        sort_order=None,
        metric_names=None,
        parameter_names=None,
        sagemaker_client=None,
        sagemaker_session=None,
        input_artifact_names=None,
        output_artifact_names=None,
    ):
        if not experiment_name and not search_expression:
            raise ValueError(
                "ExperimentAnalytics needs experiment_name or search_expression to select trial "
                "components; both were empty."
            )

        self.experiment_name = experiment_name
        self.search_expression = search_expression
        self.sort_by = sort_by
        self.sort_order = sort_order
        self.metric_names = metric_names
        self.parameter_names = parameter_names
        self.input_artifact_names = input_artifact_names
        self.output_artifact_names = output_artifact_names
        self._client = _choose_client(sagemaker_client, sagemaker_session)
        self._dataframe = None

    @property
    def name(self):
        return self.experiment_name

    def __repr__(self):
        return f"<churn_studio_ext.sdk.ExperimentAnalytics for {self.experiment_name}>"

    def clear_cache(self) -> None:
        """Drop the cached DataFrame, so the next ``dataframe()`` searches again."""
        self._dataframe = None

    def dataframe(self, force_refresh=False) -> pd.DataFrame:
        """Return the DataFrame, searching on the first call or when ``force_refresh`` is set."""
        if force_refresh:
            self.clear_cache()
        if self._dataframe is None:
            self._dataframe = self._build_dataframe(self.trial_components())
        return self._dataframe

    def export_csv(self, filename) -> None:
        """Write the DataFrame to ``filename`` as CSV, index included, as the SDK does."""
        self.dataframe().to_csv(filename)

    def search_request(self) -> dict:
        """Return the first Search request without changing the caller's ``search_expression``."""
        expression = dict(self.search_expression or {})
        if self.experiment_name:
            expression["Filters"] = list(expression.get("Filters", [])) + [
                {
                    "Name": "Parents.ExperimentName",
                    "Operator": "Equals",
                    "Value": self.experiment_name,
                }
            ]

        request = {"Resource": SEARCH_RESOURCE, "SearchExpression": expression}
        if self.sort_by:
            request["SortBy"] = self.sort_by
        if self.sort_order:
            request["SortOrder"] = self.sort_order
        return request

    def trial_components(self) -> list[dict]:
        """Return the matching trial components, following NextToken up to 10,000 of them."""
        request = self.search_request()
        components: list[dict] = []

        while len(components) < MAX_TRIAL_COMPONENTS:
            response = self._client.search(**request)
            page = [record["TrialComponent"] for record in response.get("Results", [])]
            components.extend(page)
            # An empty page with a token would loop forever, so it ends the search too.
            if not page or not response.get("NextToken"):
                break
            request["NextToken"] = response["NextToken"]

        return components[:MAX_TRIAL_COMPONENTS]

    def _build_dataframe(self, components: list[dict]) -> pd.DataFrame:
        rows = [self._row(component) for component in components]
        return pd.DataFrame(rows, columns=self._columns(components))

    def _row(self, component: dict) -> dict:
        row = {
            "TrialComponentName": component.get("TrialComponentName", ""),
            "DisplayName": component.get("DisplayName", ""),
        }
        source = component.get("Source")
        if source:
            row["SourceArn"] = source["SourceArn"]

        for name, value in component.get("Parameters", {}).items():
            if _selected(name, self.parameter_names):
                row[name] = value.get("NumberValue", value.get("StringValue"))

        for summary in component.get("Metrics", []):
            metric_name = summary.get("MetricName")
            if metric_name is None or not _selected(metric_name, self.metric_names):
                continue
            for statistic in METRIC_STATISTICS:
                if summary.get(statistic) is not None:
                    row[f"{metric_name} - {statistic}"] = summary[statistic]

        row.update(
            _artifact_cells(
                component.get("InputArtifacts", {}), self.input_artifact_names
            )
        )
        row.update(
            _artifact_cells(
                component.get("OutputArtifacts", {}), self.output_artifact_names
            )
        )

        parents = component.get("Parents", [])
        row["Trials"] = [parent["TrialName"] for parent in parents]
        row["Experiments"] = [parent["ExperimentName"] for parent in parents]
        return row

    def _columns(self, components: list[dict]) -> list[str]:
        if not components:
            return []

        columns = ["TrialComponentName", "DisplayName"]
        if any(component.get("Source") for component in components):
            columns.append("SourceArn")

        parameter_names = {
            name
            for component in components
            for name in component.get("Parameters", {})
            if _selected(name, self.parameter_names)
        }
        columns.extend(sorted(parameter_names))

        # Metric columns follow the order in which metrics first appear in the Search results.
        # A statistic that no component reports gets no column.
        statistic_columns: dict[str, None] = {}
        for component in components:
            for summary in component.get("Metrics", []):
                metric_name = summary.get("MetricName")
                if metric_name is None or not _selected(metric_name, self.metric_names):
                    continue
                for statistic in METRIC_STATISTICS:
                    if summary.get(statistic) is not None:
                        statistic_columns[f"{metric_name} - {statistic}"] = None
        columns.extend(statistic_columns)

        for member, selection in (
            ("InputArtifacts", self.input_artifact_names),
            ("OutputArtifacts", self.output_artifact_names),
        ):
            artifact_names = {
                name
                for component in components
                for name in component.get(member, {})
                if _selected(name, selection)
            }
            for name in sorted(artifact_names):
                columns.extend([f"{name} - MediaType", f"{name} - Value"])

        columns.extend(["Trials", "Experiments"])
        return columns


def _selected(name: str, selection) -> bool:
    return not selection or name in selection


def _artifact_cells(artifacts: dict, selection) -> dict:
    cells = {}
    for name, artifact in sorted(artifacts.items()):
        if _selected(name, selection):
            cells[f"{name} - MediaType"] = artifact.get("MediaType")
            cells[f"{name} - Value"] = artifact.get("Value")
    return cells


def _choose_client(sagemaker_client, sagemaker_session):
    if sagemaker_client is not None:
        return sagemaker_client
    if sagemaker_session is not None:
        return sagemaker_session.sagemaker_client

    from . import clients

    return clients().sagemaker
