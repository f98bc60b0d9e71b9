"""Baseline jobs: examples B1 and B2, the file layout, and the tour's training set against numpy."""

import json

import numpy as np
import pandas as pd
import pytest
from monitor_helpers import B1_CSV, features_by_name, read_json, run_baseline_csv

from churn_studio_ext.monitor.analyzer import run_analyzer
from churn_studio_ext.monitor.kll import KllSketch
from churn_studio_ext.tour_data import shipped_tour_file


@pytest.fixture
def b1(tmp_path):
    return run_baseline_csv(tmp_path, B1_CSV)


def test_b1_dataset_and_types(b1):
    statistics = read_json(b1 / "statistics.json")
    features = features_by_name(statistics)

    assert statistics["version"] == 0.0
    assert statistics["dataset"] == {"item_count": 10.0}
    assert [feature["name"] for feature in statistics["features"]] == [
        "Churn", "Account Length", "Day Mins", "Plan"
    ]
    assert features["Churn"]["inferred_type"] == "Integral"
    assert features["Account Length"]["inferred_type"] == "Integral"
    assert features["Day Mins"]["inferred_type"] == "Fractional"
    assert features["Plan"]["inferred_type"] == "String"


@pytest.mark.parametrize(
    ("name", "present", "missing", "mean", "total", "std_dev", "minimum", "maximum"),
    [
        ("Churn", 10, 0, 0.2, 2, 0.4, 0, 1),
        ("Account Length", 9, 1, 983 / 9, 983, 16.348821077291287, 88, 140),
        ("Day Mins", 10, 0, 194.28, 1942.8, 34.4372705074023, 150.2, 260.1),
    ],
)
def test_b1_moments(b1, name, present, missing, mean, total, std_dev, minimum, maximum):
    numbers = features_by_name(read_json(b1 / "statistics.json"))[name]["numerical_statistics"]

    assert numbers["common"] == {"num_present": present, "num_missing": missing}
    assert numbers["mean"] == pytest.approx(mean, rel=1e-12)
    assert numbers["sum"] == pytest.approx(total, rel=1e-12)
    assert numbers["std_dev"] == pytest.approx(std_dev, rel=1e-12)
    assert numbers["min"] == minimum
    assert numbers["max"] == maximum


@pytest.mark.parametrize(
    ("name", "width", "counts"),
    [
        ("Churn", 0.1, [8, 0, 0, 0, 0, 0, 0, 0, 0, 2]),
        ("Account Length", 5.2, [1, 1, 3, 0, 1, 0, 1, 0, 1, 1]),
        ("Day Mins", 10.99, [2, 1, 2, 1, 1, 1, 0, 0, 0, 2]),
    ],
)
def test_b1_buckets(b1, name, width, counts):
    kll = features_by_name(read_json(b1 / "statistics.json"))[name]["numerical_statistics"][
        "distribution"]["kll"]

    assert [bucket["count"] for bucket in kll["buckets"]] == counts
    assert kll["buckets"][0]["upper_bound"] - kll["buckets"][0]["lower_bound"] == pytest.approx(width)


def test_b1_sketches_keep_input_order(b1):
    features = features_by_name(read_json(b1 / "statistics.json"))

    def sketch(name):
        return features[name]["numerical_statistics"]["distribution"]["kll"]["sketch"]

    assert sketch("Churn")["data"] == [[0, 0, 1, 0, 0, 1, 0, 0, 0, 0]]
    assert sketch("Account Length")["data"] == [[100, 120, 95, 130, 101, 88, 110, 99, 140]]
    assert sketch("Day Mins")["data"] == [
        [180.5, 200.0, 250.3, 150.2, 175.0, 260.1, 190.4, 205.5, 170.0, 160.8]
    ]
    assert sketch("Churn")["parameters"] == {"c": 0.64, "k": 2048.0}


def test_b1_string_feature(b1):
    strings = features_by_name(read_json(b1 / "statistics.json"))["Plan"]["string_statistics"]

    assert strings["common"] == {"num_present": 10, "num_missing": 0}
    assert strings["distinct_count"] == 2
    buckets = strings["distribution"]["categorical"]["buckets"]
    assert {bucket["value"]: bucket["count"] for bucket in buckets} == {"no": 8, "yes": 2}


def test_b2_suggested_constraints(b1):
    constraints = read_json(b1 / "constraints.json")
    features = features_by_name(constraints)

    assert constraints["version"] == 0.0
    assert features["Churn"] == {"name": "Churn", "inferred_type": "Integral", "completeness": 1.0,
                                 "num_constraints": {"is_non_negative": True}}
    assert features["Account Length"]["completeness"] == 0.9
    assert features["Account Length"]["num_constraints"] == {"is_non_negative": True}
    assert features["Day Mins"]["inferred_type"] == "Fractional"
    assert features["Day Mins"]["num_constraints"] == {"is_non_negative": True}
    assert features["Plan"] == {"name": "Plan", "inferred_type": "String", "completeness": 1.0,
                                "string_constraints": {"domains": ["no", "yes"]}}


def test_b2_monitoring_config(b1):
    config = read_json(b1 / "constraints.json")["monitoring_config"]

    assert config == {
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


def test_negative_minimum_is_not_non_negative(tmp_path):
    output = run_baseline_csv(tmp_path, "a\n-1\n2\n")

    feature = read_json(output / "constraints.json")["features"][0]
    assert feature["num_constraints"] == {"is_non_negative": False}


def test_many_singletons_get_no_domain(tmp_path):
    output = run_baseline_csv(tmp_path, "city\n" + "\n".join(f"town{i}" for i in range(20)) + "\n")

    feature = read_json(output / "constraints.json")["features"][0]
    assert feature["inferred_type"] == "String"
    assert "string_constraints" not in feature


def test_files_use_jackson_layout(b1):
    text = (b1 / "statistics.json").read_text()

    assert text.startswith('{\n  "version" : 0.0,\n  "dataset" : {\n    "item_count" : 10.0\n  },')
    assert '"features" : [ {' in text
    assert '"num_present" : 10.0' in text
    assert '"k" : 2048.0' in text


def test_headerless_csv_gets_spark_column_names(tmp_path):
    body = B1_CSV.split("\n", 1)[1]
    output = run_baseline_csv(tmp_path, body, header=False)

    statistics = read_json(output / "statistics.json")
    assert [feature["name"] for feature in statistics["features"]] == ["_c0", "_c1", "_c2", "_c3"]
    assert statistics["dataset"]["item_count"] == 10


def test_json_lines_dataset(tmp_path):
    source = tmp_path / "json-input"
    source.mkdir()
    lines = [{"label": 1, "score": 0.5, "plan": "no"}, {"label": 0, "score": 2.0, "plan": "yes"},
             {"label": 1, "plan": None, "score": 1.25}]
    (source / "part-0.jsonl").write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    result = run_analyzer({"dataset_format": '{"json": {"lines": true}}', "dataset_source": str(source),
                           "output_path": str(tmp_path / "out")})

    assert result.status == "Completed"
    features = features_by_name(read_json(tmp_path / "out" / "statistics.json"))
    assert features["label"]["inferred_type"] == "Integral"
    assert features["score"]["inferred_type"] == "Fractional"
    assert features["score"]["numerical_statistics"]["sum"] == 3.75
    assert features["plan"]["string_statistics"]["common"] == {"num_present": 2, "num_missing": 1}


def test_empty_dataset_fails_with_no_data(tmp_path):
    source = tmp_path / "empty"
    source.mkdir()
    (source / "data.csv").write_text("a,b\n")
    result = run_analyzer({"dataset_format": '{"csv": {"header": true}}', "dataset_source": str(source),
                           "output_path": str(tmp_path / "out")})

    assert result.status == "Failed"
    assert result.failure_reason == "Job inputs had no data"
    assert not (tmp_path / "out" / "statistics.json").exists()


@pytest.fixture(scope="module")
def tour_baseline(tmp_path_factory):
    output = tmp_path_factory.mktemp("tour-baseline")
    result = run_analyzer(
        {
            "dataset_format": '{"csv": {"header": true, "output_columns_position": "START"}}',
            "dataset_source": str(shipped_tour_file("training-dataset-with-header.csv")),
            "output_path": str(output),
            "publish_cloudwatch_metrics": "Disabled",
        }
    )
    assert result.status == "Completed"
    return read_json(output / "statistics.json"), read_json(output / "constraints.json")


@pytest.fixture(scope="module")
def tour_frame():
    return pd.read_csv(shipped_tour_file("training-dataset-with-header.csv"))


def test_tour_baseline_shape(tour_baseline, tour_frame):
    statistics, constraints = tour_baseline

    assert statistics["dataset"]["item_count"] == len(tour_frame) == 2333
    assert [feature["name"] for feature in statistics["features"]] == list(tour_frame.columns)
    types = {feature["name"]: feature["inferred_type"] for feature in statistics["features"]}
    fractional = sorted(name for name, kind in types.items() if kind == "Fractional")
    assert fractional == ["Day Mins", "Eve Mins", "Intl Mins", "Night Mins"]
    assert sum(kind == "Integral" for kind in types.values()) == 66
    assert all(feature["completeness"] == 1.0 for feature in constraints["features"])


def test_tour_baseline_moments_match_numpy(tour_baseline, tour_frame):
    statistics, _ = tour_baseline
    for feature in statistics["features"]:
        values = tour_frame[feature["name"]].to_numpy(dtype=float)
        numbers = feature["numerical_statistics"]
        assert numbers["common"]["num_present"] == len(values)
        assert numbers["common"]["num_missing"] == 0
        assert numbers["mean"] == pytest.approx(np.mean(values), rel=1e-12, abs=1e-12)
        assert numbers["sum"] == pytest.approx(np.sum(values), rel=1e-12, abs=1e-12)
        assert numbers["std_dev"] == pytest.approx(np.std(values), rel=1e-9, abs=1e-12)
        assert numbers["min"] == values.min()
        assert numbers["max"] == values.max()


def exact_bucket_counts(values: np.ndarray, minimum: float, maximum: float) -> list[int]:
    bounds = [minimum + (maximum - minimum) * i / 10 for i in range(11)]
    counts = [int(np.sum((values >= bounds[i]) & (values < bounds[i + 1]))) for i in range(9)]
    counts.append(int(np.sum((values >= bounds[9]) & (values <= bounds[10]))))
    return counts


def test_tour_baseline_buckets_match_numpy(tour_baseline, tour_frame):
    statistics, _ = tour_baseline
    for feature in statistics["features"]:
        values = tour_frame[feature["name"]].to_numpy(dtype=float)
        kll = feature["numerical_statistics"]["distribution"]["kll"]
        counts = [bucket["count"] for bucket in kll["buckets"]]
        exact = exact_bucket_counts(values, values.min(), values.max())

        assert sum(counts) == len(values)
        # 2,333 values exceed level 0's 2,050, so level 0 was compacted once: every rank is off
        # by at most one, and a bucket count (a difference of two ranks) by at most two.
        assert max(abs(a - b) for a, b in zip(counts, exact)) <= 2, feature["name"]


def test_tour_baseline_sketch_recounts_buckets(tour_baseline):
    statistics, _ = tour_baseline
    for feature in statistics["features"]:
        numbers = feature["numerical_statistics"]
        kll = numbers["distribution"]["kll"]
        levels = kll["sketch"]["data"]
        items = np.concatenate([np.asarray(level, dtype=float) for level in levels])
        weights = np.concatenate([np.full(len(level), 2**h) for h, level in enumerate(levels)])
        assert weights.sum() == 2333
        minimum, maximum = numbers["min"], numbers["max"]
        expected = []
        for i, bucket in enumerate(kll["buckets"]):
            lower, upper = bucket["lower_bound"], bucket["upper_bound"]
            inside = (items >= lower) & ((items <= upper) if i == 9 else (items < upper))
            expected.append(float(weights[inside].sum()))
        assert [bucket["count"] for bucket in kll["buckets"]] == expected
        assert kll["buckets"][0]["lower_bound"] == minimum
        assert kll["buckets"][9]["upper_bound"] == maximum
        assert len(KllSketch.from_data(levels).levels) == 2


def test_wide_csv_without_header(tmp_path):
    generator = np.random.default_rng(2)
    matrix = generator.integers(0, 256, size=(300, 785))
    body = "\n".join(",".join(str(value) for value in row) for row in matrix) + "\n"
    output = run_baseline_csv(tmp_path, body, header=False)

    statistics = read_json(output / "statistics.json")
    assert len(statistics["features"]) == 785
    assert statistics["features"][784]["name"] == "_c784"
    last = statistics["features"][784]["numerical_statistics"]
    assert last["sum"] == matrix[:, 784].sum()
    assert last["max"] == matrix[:, 784].max()


def test_baseline_over_captured_records(tmp_path):
    from monitor_helpers import W1_RECORDS, write_capture

    capture = tmp_path / "capture"
    write_capture(capture, W1_RECORDS)
    result = run_analyzer({
        "dataset_format": '{"sagemakerCaptureJson": {"captureIndexNames": ["endpointInput", "endpointOutput"]}}',
        "dataset_source": str(capture),
        "output_path": str(tmp_path / "out"),
    })

    assert result.status == "Completed"
    statistics = read_json(tmp_path / "out" / "statistics.json")
    assert statistics["dataset"]["item_count"] == 5
    assert [feature["inferred_type"] for feature in statistics["features"]] == [
        "Fractional", "Fractional", "Fractional", "String"
    ]
    assert (tmp_path / "out" / "constraints.json").exists()
