"""Search property names and the SQL each one reads, per searchable resource.

A property is either a column of the searched row (alias ``r``) or a value of a related element
row: a parameter, metric summary, tag, artifact or parent. Element properties are tested with
``EXISTS`` or ``r.<key> IN (SELECT ...)`` subqueries, so a component with no such element simply
does not match.

Prefixes and statistic names match case-insensitively, because public code writes
``metrics.validation:auc.max``. The user's part of a name (parameter name, metric name, tag key,
artifact name) matches exactly.
"""

from dataclasses import dataclass, field

from .errors import validation_error

# Property kinds decide which operators apply and how the Value is parsed.
TEXT = "text"
NUMBER = "number"
TIME = "time"
PARAMETER = "parameter"  # number or string, per component

METRIC_STATISTICS = {
    "min": "min",
    "max": "max",
    "avg": "avg",
    "stddev": "std_dev",
    "last": "last",
    "count": "count",
}


@dataclass(frozen=True)
class Element:
    """Rows related to the searched row: ``FROM <table> WHERE <link> AND <where>``."""

    table: str  # FROM clause, element alias ``el``
    link_column: str  # element column that points at the searched row
    main_key: str  # the searched row's column it points at
    where: str = "1"
    params: tuple = ()
    one_per_row: bool = False  # at most one element row per searched row (a keyed element)
    # FROM clause for correlated EXISTS tests when it differs from ``table``: a join that must
    # start from the searched row's link, which SQLite might otherwise reorder.
    correlated_table: str | None = None
    # The number of searched rows with an element that meets an Equals condition, as a scalar
    # SELECT with a ``{condition}`` placeholder. Set only where Equals can match at most one
    # element row per searched row, so the count is exact.
    equals_count: str | None = None

    @property
    def link(self) -> str:
        return f"{self.link_column} = {self.main_key}"


@dataclass(frozen=True)
class Property:
    name: str
    kind: str
    column: str  # SQL expression of the value (on ``r`` or on ``el``)
    element: Element | None = None
    # Set for metric statistics and parameters: what the sort planner needs to walk an index.
    metric_name: str | None = None
    metric_column: str | None = None
    parameter_name: str | None = None
    contains_unlimited: bool = False


@dataclass(frozen=True)
class Resource:
    """A searchable resource: its table, record member, own-name column and fixed properties."""

    name: str
    table: str
    record_member: str
    name_property: str
    columns: dict = field(default_factory=dict)  # lower-case property name -> (name, kind, SQL)


def _columns(entries):
    return {name.lower(): (name, kind, sql) for name, kind, sql in entries}


_COMMON = [
    ("DisplayName", TEXT, "r.display_name"),
    ("CreationTime", TIME, "r.created_time"),
    ("LastModifiedTime", TIME, "r.last_modified_time"),
    ("Source.SourceArn", TEXT, "r.source_arn"),
    ("Source.SourceType", TEXT, "r.source_type"),
    ("CreatedBy.UserProfileName", TEXT, "json_extract(r.created_by, '$.UserProfileName')"),
    ("CreatedBy.UserProfileArn", TEXT, "json_extract(r.created_by, '$.UserProfileArn')"),
    ("CreatedBy.DomainId", TEXT, "json_extract(r.created_by, '$.DomainId')"),
    (
        "LastModifiedBy.UserProfileName",
        TEXT,
        "json_extract(r.last_modified_by, '$.UserProfileName')",
    ),
]

RESOURCES = {
    "ExperimentTrialComponent": Resource(
        name="ExperimentTrialComponent",
        table="trial_component",
        record_member="TrialComponent",
        name_property="TrialComponentName",
        columns=_columns(
            _COMMON
            + [
                ("TrialComponentName", TEXT, "r.name"),
                ("TrialComponentArn", TEXT, "r.arn"),
                ("StartTime", TIME, "r.start_time"),
                ("EndTime", TIME, "r.end_time"),
                ("Status.PrimaryStatus", TEXT, "r.status"),
                ("Status.Message", TEXT, "r.status_message"),
                ("SourceDetail.SourceArn", TEXT, "r.source_arn"),
            ]
        ),
    ),
    "Experiment": Resource(
        name="Experiment",
        table="experiment",
        record_member="Experiment",
        name_property="ExperimentName",
        columns=_columns(
            _COMMON
            + [
                ("ExperimentName", TEXT, "r.name"),
                ("ExperimentArn", TEXT, "r.arn"),
                ("Description", TEXT, "r.description"),
            ]
        ),
    ),
    "ExperimentTrial": Resource(
        name="ExperimentTrial",
        table="trial",
        record_member="Trial",
        name_property="TrialName",
        columns=_columns(
            _COMMON
            + [
                ("TrialName", TEXT, "r.name"),
                ("TrialArn", TEXT, "r.arn"),
                (
                    "ExperimentName",
                    TEXT,
                    "(SELECT e.name FROM experiment e WHERE e.id = r.experiment_id)",
                ),
            ]
        ),
    ),
}

SUPPORTED_RESOURCES = tuple(RESOURCES)

# Tested per row, the join starts at the component's associations (CROSS JOIN keeps that order),
# because SQLite otherwise scans every experiment for each row. Used as an IN list, it starts at
# the experiment or trial name.
_PARENTS = Element(
    table=(
        "trial_component_association el JOIN trial pt ON pt.id = el.trial_id "
        "JOIN experiment pe ON pe.id = pt.experiment_id"
    ),
    link_column="el.trial_component_id",
    main_key="r.id",
    correlated_table=(
        "trial_component_association el CROSS JOIN trial pt ON pt.id = el.trial_id "
        "CROSS JOIN experiment pe ON pe.id = pt.experiment_id"
    ),
)
_PARENT_COLUMNS = {
    "trialname": ("TrialName", "pt.name"),
    "experimentname": ("ExperimentName", "pe.name"),
}

# Parents.ExperimentName outside a nested filter. experiment_component has one row per component
# and experiment, so an IN list starts at the experiment's index range, and Equals (at most one
# experiment, as names are unique) is counted by the experiment's component_count.
_PARENT_EXPERIMENTS = Element(
    table="experiment_component el JOIN experiment pe ON pe.id = el.experiment_id",
    link_column="el.trial_component_id",
    main_key="r.id",
    correlated_table=(
        "experiment_component el CROSS JOIN experiment pe ON pe.id = el.experiment_id"
    ),
    equals_count="SELECT coalesce(sum(pe.component_count), 0) FROM experiment pe WHERE {condition}",
)

_COMPONENT_SUMMARIES = Element(
    table="trial_component_association el JOIN trial_component ptc ON ptc.id = el.trial_component_id",
    link_column="el.trial_id",
    main_key="r.id",
    correlated_table=(
        "trial_component_association el CROSS JOIN trial_component ptc "
        "ON ptc.id = el.trial_component_id"
    ),
)
_COMPONENT_SUMMARY_COLUMNS = {
    "trialcomponentname": ("TrialComponentName", TEXT, "ptc.name"),
    "trialcomponentarn": ("TrialComponentArn", TEXT, "ptc.arn"),
    "creationtime": ("CreationTime", TIME, "ptc.created_time"),
    "trialcomponentsource.sourcearn": ("TrialComponentSource.SourceArn", TEXT, "ptc.source_arn"),
}

_ARTIFACT_FIELDS = {"value": ("Value", "el.value"), "mediatype": ("MediaType", "el.media_type")}

_METRIC_FIELDS = {
    "metricname": ("MetricName", TEXT, "el.name"),
    "sourcearn": ("SourceArn", TEXT, "el.source_arn"),
    "timestamp": ("TimeStamp", TIME, "el.last_timestamp"),
    **{stat: (stat, NUMBER, f"el.{column}") for stat, column in METRIC_STATISTICS.items()},
}


def resolve(resource: Resource, name: str) -> Property:
    """Return the property ``name`` of ``resource``, or raise ValidationException if unknown."""
    lowered = name.lower()
    if lowered in resource.columns:
        canonical, kind, sql = resource.columns[lowered]
        unlimited = canonical in ("DisplayName", resource.name_property)
        return Property(name, kind, sql, contains_unlimited=unlimited)

    prefix, _, rest = name.partition(".")
    prefix = prefix.lower()
    if prefix == "tags" and rest:
        return Property(name, TEXT, "el.value", _tag_element(rest), contains_unlimited=True)

    if resource.name == "ExperimentTrialComponent" and rest:
        found = _resolve_component_element(name, prefix, rest)
        if found is not None:
            return found

    if resource.name == "ExperimentTrial" and prefix == "trialcomponentsummaries":
        entry = _COMPONENT_SUMMARY_COLUMNS.get(rest.lower())
        if entry is not None:
            return Property(name, entry[1], entry[2], _COMPONENT_SUMMARIES)

    raise _unknown_property(resource, name)


def resolve_nested(resource: Resource, nested_name: str, name: str) -> Property:
    """Return a property of one element of the list property ``nested_name``.

    Every filter of one nested filter tests the same element, so the properties returned for one
    ``NestedPropertyName`` share one element table and no element-specific ``WHERE``.
    """
    nested = nested_name.lower()
    prefix, _, rest = name.partition(".")
    if prefix.lower() != nested or not rest:
        raise validation_error(
            "sagemaker",
            "Search",
            f"Invalid nested filter: the property name {name!r} does not start with the "
            f"NestedPropertyName {nested_name!r}. Write it as '{nested_name}.<field>'.",
        )
    field_name = rest.lower()

    if resource.name == "ExperimentTrialComponent" and nested == "parents":
        entry = _PARENT_COLUMNS.get(field_name)
        if entry is not None:
            return Property(name, TEXT, entry[1], _PARENTS)
    if resource.name == "ExperimentTrialComponent" and nested == "metrics":
        entry = _METRIC_FIELDS.get(field_name)
        if entry is not None:
            element = Element("metric_summary el", "el.trial_component_id", "r.id")
            return Property(name, entry[1], entry[2], element)
    if resource.name == "ExperimentTrial" and nested == "trialcomponentsummaries":
        entry = _COMPONENT_SUMMARY_COLUMNS.get(field_name)
        if entry is not None:
            return Property(name, entry[1], entry[2], _COMPONENT_SUMMARIES)
    if nested == "tags" and field_name in ("key", "value"):
        element = Element("tag el", "el.resource_arn", "r.arn")
        return Property(name, TEXT, f"el.{field_name}", element, contains_unlimited=True)

    raise validation_error(
        "sagemaker",
        "Search",
        f"Unknown property name: {name} in NestedFilters {nested_name} of {resource.name}. "
        "Supported nested properties: Parents.TrialName, Parents.ExperimentName, "
        "Metrics.<MetricName|Min|Max|Avg|StdDev|Last|Count|TimeStamp> (trial components), "
        "TrialComponentSummaries.<TrialComponentName|TrialComponentArn|CreationTime> (trials), "
        "Tags.<Key|Value>.",
    )


def _resolve_component_element(name: str, prefix: str, rest: str) -> Property | None:
    if prefix == "parameters":
        element = Element(
            "parameter el", "el.trial_component_id", "r.id", "el.name = ?", (rest,), True
        )
        return Property(name, PARAMETER, "el", element, parameter_name=rest)

    if prefix == "metrics":
        # Metric names contain ':' and may contain '.', so the statistic is the last segment.
        metric_name, dot, statistic = rest.rpartition(".")
        column = METRIC_STATISTICS.get(statistic.lower()) if dot else None
        if column is None or not metric_name:
            raise validation_error(
                "sagemaker",
                "Search",
                f"Unknown property name: {name}. A trial component metric property is "
                "Metrics.<metric name>.<statistic> with a statistic of Min, Max, Avg, StdDev, "
                "Last or Count, for example Metrics.validation:error.Last.",
            )
        element = Element(
            "metric_summary el",
            "el.trial_component_id",
            "r.id",
            "el.name = ?",
            (metric_name,),
            True,
        )
        return Property(
            name,
            NUMBER,
            f"el.{column}",
            element,
            metric_name=metric_name,
            metric_column=column,
        )

    if prefix in ("inputartifacts", "outputartifacts"):
        artifact_name, dot, field_name = rest.rpartition(".")
        entry = _ARTIFACT_FIELDS.get(field_name.lower()) if dot else None
        if entry is None or not artifact_name:
            return None
        direction = "input" if prefix == "inputartifacts" else "output"
        element = Element(
            "artifact el",
            "el.trial_component_id",
            "r.id",
            "el.direction = ? AND el.name = ?",
            (direction, artifact_name),
            True,
        )
        return Property(name, TEXT, entry[1], element, contains_unlimited=True)

    if prefix == "parents":
        entry = _PARENT_COLUMNS.get(rest.lower())
        if entry is not None:
            element = _PARENT_EXPERIMENTS if entry[0] == "ExperimentName" else _PARENTS
            return Property(name, TEXT, entry[1], element)
    return None


def _tag_element(key: str) -> Element:
    return Element("tag el", "el.resource_arn", "r.arn", "el.key = ?", (key,), True)


def _unknown_property(resource: Resource, name: str):
    fixed = ", ".join(entry[0] for entry in resource.columns.values())
    dynamic = "Tags.<key>"
    if resource.name == "ExperimentTrialComponent":
        dynamic += (
            ", Parents.ExperimentName, Parents.TrialName, Parameters.<name>, "
            "Metrics.<name>.<Min|Max|Avg|StdDev|Last|Count>, "
            "InputArtifacts.<name>.Value, OutputArtifacts.<name>.Value"
        )
    if resource.name == "ExperimentTrial":
        dynamic += ", TrialComponentSummaries.TrialComponentName"
    return validation_error(
        "sagemaker",
        "Search",
        f"Unknown property name: {name} for resource {resource.name}. "
        f"Use one of {fixed}, or {dynamic}.",
    )
