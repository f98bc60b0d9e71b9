"""Check a monitoring window's column statistics against the baseline's constraints."""

from __future__ import annotations

import logging

from .column_stats import ColumnAccumulator
from .constraints import BaselineFileError, FeatureSettings, feature_settings, number_field
from .data_types import matching_count
from .distance import categorical_distance, numerical_distance, select_distance
from .json_output import java_double
from .kll import KllSketch

log = logging.getLogger(__name__)

# The inferred_type values of statistics.json and constraints.json.
_FEATURE_TYPES = ("Integral", "Fractional", "String", "Unknown")


def _violation(feature_name: str, check_type: str, description: str) -> dict:
    return {
        "feature_name": feature_name,
        "constraint_check_type": check_type,
        "description": description,
    }


def _requirement_not_met(value: float) -> str:
    # Deequ's generic failure text, trailing space included, as the analyzer's files show it.
    return f"Value: {java_double(value)} does not meet the constraint requirement! "


def find_violations(
    constraints: dict | None,
    baseline_statistics: dict | None,
    accumulators: list[ColumnAccumulator],
    item_count: int,
) -> list[dict]:
    """Return the constraint violations of the current window, in feature order.

    Features are matched to the current columns by position. Without a constraints file only
    the drift checks run, with the documented default settings. Without a statistics file the
    drift checks are skipped.
    """
    constraints = constraints or {}
    has_constraints = constraints.get("features") is not None
    if has_constraints:
        baseline_features = constraints["features"]
    else:
        baseline_features = (baseline_statistics or {}).get("features", [])
    global_settings = feature_settings(constraints, {})
    if not baseline_features or not global_settings.evaluate_constraints:
        return []

    statistics_by_name = {
        feature["name"]: feature for feature in (baseline_statistics or {}).get("features", [])
    }
    violations = []
    width = len(accumulators)
    for index, feature in enumerate(baseline_features[:width]):
        settings = feature_settings(constraints, feature)
        if not settings.evaluate_constraints:
            continue
        accumulator = accumulators[index]
        if has_constraints:
            violations += _feature_violations(feature, settings, accumulator, item_count)
        # NOTE: a feature that failed its type check still gets a drift check. SageMaker may skip
        # it: its executed tour notebook reported 60 violations where this code reports 61.
        baseline_feature = statistics_by_name.get(feature["name"])
        if baseline_feature is not None and settings.perform_comparison:
            try:
                violation = _drift_violation(
                    feature["name"], baseline_feature, settings, accumulator
                )
            except (AttributeError, KeyError, TypeError, ValueError) as error:
                raise BaselineFileError(
                    f"the statistics of feature {feature['name']!r} do not have the layout a "
                    f"baseline job writes ({type(error).__name__}: {error})",
                    "baseline_statistics",
                ) from error
            if violation is not None:
                violations.append(violation)
        if has_constraints:
            violations += _domain_violations(feature, settings, accumulator)

    for feature in baseline_features[width:]:
        violations.append(
            _violation(
                feature["name"],
                "missing_column_check",
                f"There are missing columns in the current dataset. Number of columns in the "
                f"current dataset: {width}, number of columns in the baseline constraints: "
                f"{len(baseline_features)}.",
            )
        )
    for index in range(len(baseline_features), width):
        violations.append(
            _violation(
                f"_c{index}",
                "extra_column_check",
                f"There are extra columns in the current dataset. Number of columns in the "
                f"current dataset: {width}, number of columns in the baseline constraints: "
                f"{len(baseline_features)}.",
            )
        )
    return violations


def _feature_violations(feature: dict, settings: FeatureSettings,
                        accumulator: ColumnAccumulator, item_count: int) -> list[dict]:
    violations = []
    name = feature["name"]
    present = accumulator.present_count
    expected_type = feature.get("inferred_type")
    if expected_type is not None and expected_type not in _FEATURE_TYPES:
        # A misspelt type would otherwise turn the type check off without a word.
        raise BaselineFileError(
            f"inferred_type of feature {name!r} is {expected_type!r}, but it must be one of "
            f"{', '.join(_FEATURE_TYPES)}"
        )
    if expected_type in ("Integral", "Fractional", "String") and present > 0:
        ratio = matching_count(accumulator.class_counts, expected_type) / present
        if ratio < settings.datatype_check_threshold:
            violations.append(
                _violation(
                    name,
                    "data_type_check",
                    f"Data type match requirement is not met. Expected data type: {expected_type}, "
                    f"Expected match: {java_double(settings.datatype_check_threshold * 100)}%. "
                    f"Observed: Only {java_double(ratio * 100)}% of data is {expected_type}.",
                )
            )

    required = feature.get("completeness")
    if required is not None and item_count > 0:
        completeness = present / item_count
        # NOTE: the direction (observed >= required passes) is assumed, because no analyzer
        # source shows it.
        if completeness < number_field(feature, "completeness", 1.0):
            violations.append(
                _violation(name, "completeness_check", _requirement_not_met(completeness))
            )
    return violations


def _domain_violations(feature: dict, settings: FeatureSettings,
                       accumulator: ColumnAccumulator) -> list[dict]:
    domain = (feature.get("string_constraints") or {}).get("domains")
    present = accumulator.present_count
    if domain is not None and not isinstance(domain, list):
        # A bare string would otherwise be taken as its set of characters.
        raise BaselineFileError(f"domains is {domain!r}, but it must be a list of values")
    if not domain or present == 0:
        return []
    allowed = set(domain)
    inside = sum(count for value, count in accumulator.text_counts.items() if value in allowed)
    share = inside / present
    if share < settings.domain_content_threshold:
        description = _requirement_not_met(share)
        return [_violation(feature["name"], "categorical_values_check", description)]
    return []


def _drift_violation(name: str, baseline_feature: dict, settings: FeatureSettings,
                     accumulator: ColumnAccumulator) -> dict | None:
    numbers = baseline_feature.get("numerical_statistics")
    strings = baseline_feature.get("string_statistics")
    if numbers is not None:
        sketch_data = numbers.get("distribution", {}).get("kll", {}).get("sketch", {}).get("data")
        if sketch_data is None or accumulator.sketch.total_weight == 0:
            return None
        baseline_table = KllSketch.from_data(sketch_data).rank_table()
        current_table = accumulator.sketch.rank_table()
        simple = numerical_distance(baseline_table, current_table)
        distance = select_distance(
            simple, baseline_table.total, current_table.total, settings.comparison_method
        )
        if distance > settings.comparison_threshold:
            return _violation(
                name,
                "baseline_drift_check",
                f"Numerical distance: {java_double(distance)} exceeds numerical threshold: "
                f"{java_double(settings.comparison_threshold)}",
            )
        return None

    if strings is None or not accumulator.text_counts:
        return None
    if settings.categorical_drift_method.lower() != "linfinity":
        # TODO: ChiSquared needs the rule that turns its p-value into a violation, which AWS has
        # not published; such features get no drift check.
        log.warning("Skipping the drift check of %s: categorical_drift_method %s is not supported",
                    name, settings.categorical_drift_method)
        return None
    buckets = strings.get("distribution", {}).get("categorical", {}).get("buckets", [])
    baseline_counts = {bucket["value"]: float(bucket["count"]) for bucket in buckets}
    current_counts = dict(accumulator.text_counts)
    simple = categorical_distance(baseline_counts, current_counts)
    distance = select_distance(
        simple,
        sum(baseline_counts.values()),
        sum(current_counts.values()),
        settings.comparison_method,
    )
    if distance > settings.categorical_comparison_threshold:
        return _violation(
            name,
            "baseline_drift_check",
            f"Categorical distance: {java_double(distance)} exceeds categorical threshold: "
            f"{java_double(settings.categorical_comparison_threshold)}",
        )
    return None
