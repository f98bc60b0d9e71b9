"""Suggested constraints (constraints.json) and the monitoring settings read back from them."""

from __future__ import annotations

from dataclasses import dataclass

# Deequ suggests an IS-IN domain for a string column when at most this share of its distinct
# values occurs only once (CategoricalRangeRule in Deequ 2.0.2).
MAX_SINGLETON_SHARE = 0.1

# The thresholds that real suggested files hold. The documentation's defaults for the two
# type and domain thresholds are 0.1, but generated files contain 1.0.
SUGGESTED_MONITORING_CONFIG = {
    "evaluate_constraints": "Enabled",
    "emit_metrics": "Enabled",
    "datatype_check_threshold": 1.0,
    "domain_content_threshold": 1.0,
    "distribution_constraints": {
        "perform_comparison": "Enabled",
        "comparison_threshold": 0.1,
        "comparison_method": "Robust",
    },
}



def suggest_constraints(statistics: dict) -> dict:
    """Build constraints.json from a statistics.json document."""
    item_count = statistics["dataset"]["item_count"]
    features = []
    for feature in statistics["features"]:
        block = feature.get("numerical_statistics") or feature.get("string_statistics") or {}
        present = block.get("common", {}).get("num_present", 0)
        suggestion = {
            "name": feature["name"],
            "inferred_type": feature["inferred_type"],
            "completeness": present / item_count if item_count else 0.0,
        }
        if feature["inferred_type"] in ("Integral", "Fractional"):
            numbers = feature["numerical_statistics"]
            suggestion["num_constraints"] = {"is_non_negative": numbers["min"] >= 0}
        elif feature["inferred_type"] == "String":
            domain = _suggested_domain(feature["string_statistics"])
            if domain is not None:
                suggestion["string_constraints"] = {"domains": domain}
        features.append(suggestion)
    return {"version": 0.0, "features": features, "monitoring_config": SUGGESTED_MONITORING_CONFIG}


def _suggested_domain(string_statistics: dict) -> list[str] | None:
    buckets = string_statistics["distribution"]["categorical"]["buckets"]
    if not buckets:
        return None
    singletons = sum(1 for bucket in buckets if bucket["count"] == 1)
    if singletons / len(buckets) > MAX_SINGLETON_SHARE:
        return None
    return sorted(bucket["value"] for bucket in buckets)


@dataclass(frozen=True)
class FeatureSettings:
    """The monitoring settings that apply to one feature, after its overrides."""

    evaluate_constraints: bool
    datatype_check_threshold: float
    domain_content_threshold: float
    perform_comparison: bool
    comparison_threshold: float
    comparison_method: str
    categorical_comparison_threshold: float
    categorical_drift_method: str


_OVERRIDE_KEYS = ("monitoring_config_overrides", "monitoringConfigOverrides")


class BaselineFileError(ValueError):
    """A field of a baseline file with the wrong type. The message names the field and value.

    ``variable`` is the analyzer variable of the file: baseline_constraints or
    baseline_statistics.
    """

    def __init__(self, message: str, variable: str = "baseline_constraints"):
        super().__init__(message)
        self.variable = variable


def object_field(holder: dict, key: str) -> dict:
    """Return ``holder[key]`` when it is an object, {} when it is missing or null."""
    value = holder.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BaselineFileError(f"{key} is {value!r}, but it must be a JSON object")
    return value


def number_field(holder: dict, key: str, default: float) -> float:
    """Return ``holder[key]`` as a float, also when it is a number written as text such as "0.5"."""
    value = holder.get(key, default)
    try:
        return float(value)
    except (TypeError, ValueError):
        raise BaselineFileError(f"{key} is {value!r}, but it must be a number") from None


def feature_settings(constraints: dict, feature: dict) -> FeatureSettings:
    """Resolve a feature's settings from the file's monitoring_config and the feature's overrides.

    Overrides are read from the feature itself (the documented place) and from its
    num_constraints or string_constraints (where the SDK's `set_monitoring` writes them), under
    both the snake_case and the camelCase key.
    """
    config = dict(object_field(constraints, "monitoring_config"))
    distribution = dict(object_field(config, "distribution_constraints"))
    holders = (
        feature,
        object_field(feature, "num_constraints"),
        object_field(feature, "string_constraints"),
    )
    for holder in holders:
        for key in _OVERRIDE_KEYS:
            overrides = object_field(holder, key)
            distribution.update(object_field(overrides, "distribution_constraints"))
            config.update({k: v for k, v in overrides.items() if k != "distribution_constraints"})

    comparison_threshold = number_field(distribution, "comparison_threshold", 0.1)
    comparison_method = str(distribution.get("comparison_method", "Robust"))
    if comparison_method.lower() not in ("simple", "robust"):
        # Any other value would silently fall back to Robust.
        raise BaselineFileError(
            f"comparison_method is {comparison_method!r}, but it must be Simple or Robust"
        )
    return FeatureSettings(
        evaluate_constraints=_enabled(config, "evaluate_constraints"),
        datatype_check_threshold=number_field(config, "datatype_check_threshold", 0.1),
        domain_content_threshold=number_field(config, "domain_content_threshold", 0.1),
        perform_comparison=_enabled(distribution, "perform_comparison"),
        comparison_threshold=comparison_threshold,
        comparison_method=comparison_method,
        categorical_comparison_threshold=number_field(
            distribution, "categorical_comparison_threshold", comparison_threshold
        ),
        categorical_drift_method=str(distribution.get("categorical_drift_method", "LInfinity")),
    )


def _enabled(holder: dict, key: str) -> bool:
    """Read an Enabled/Disabled switch (any letter case, or a JSON boolean), Enabled by default."""
    value = holder.get(key, "Enabled")
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text not in ("enabled", "disabled"):
        raise BaselineFileError(f"{key} is {value!r}, but it must be Enabled or Disabled")
    return text == "enabled"
