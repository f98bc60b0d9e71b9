"""Monitoring executions: examples W1-W3, window filtering, every check type and failures."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from monitor_helpers import (
    B1_CSV,
    W1_RECORDS,
    capture_line,
    edited_constraints,
    features_by_name,
    monitoring_environment,
    read_json,
    run_baseline_csv,
    write_capture,
)

from churn_studio_ext.monitor.analyzer import run_analyzer
from churn_studio_ext.serving.capture import CaptureSettings, CaptureWriter
from churn_studio_ext.tour_data import shipped_tour_file


@pytest.fixture
def b1(tmp_path):
    return run_baseline_csv(tmp_path, B1_CSV)


@pytest.fixture
def w1_capture(tmp_path):
    capture = tmp_path / "capture"
    write_capture(capture, W1_RECORDS)
    return capture


def set_method(method):
    def edit(document):
        document["monitoring_config"]["distribution_constraints"]["comparison_method"] = method
    return edit


def checks_of(violations) -> list[tuple[str, str]]:
    return [(violation["feature_name"], violation["constraint_check_type"]) for violation in violations]


def test_w1_robust_violations(tmp_path, b1, w1_capture):
    result = run_analyzer(monitoring_environment(w1_capture, tmp_path / "report", b1))

    assert result.status == "CompletedWithViolations"
    assert result.exit_message == "CompletedWithViolations: Job completed successfully with 4 violations."
    assert result.failure_reason is None
    assert sorted(checks_of(result.violations)) == [
        ("Account Length", "data_type_check"),
        ("Churn", "data_type_check"),
        ("Day Mins", "completeness_check"),
        ("Plan", "categorical_values_check"),
    ]
    descriptions = {violation["feature_name"]: violation["description"] for violation in result.violations
                    if violation["constraint_check_type"] == "data_type_check"}
    assert descriptions["Churn"] == (
        "Data type match requirement is not met. Expected data type: Integral, Expected match: "
        "100.0%. Observed: Only 0.0% of data is Integral."
    )
    assert descriptions["Account Length"].endswith("Observed: Only 80.0% of data is Integral.")


def test_w1_report_files(tmp_path, b1, w1_capture):
    report = tmp_path / "report"
    result = run_analyzer(monitoring_environment(w1_capture, report, b1))

    assert sorted(path.name for path in report.iterdir()) == [
        "constraint_violations.json", "constraints.json", "statistics.json"
    ]
    assert read_json(report / "constraint_violations.json") == {"violations": result.violations}
    assert read_json(report / "constraints.json")["features"][0]["inferred_type"] == "Fractional"


def test_w1_current_statistics(tmp_path, b1, w1_capture):
    report = tmp_path / "report"
    run_analyzer(monitoring_environment(w1_capture, report, b1))
    statistics = read_json(report / "statistics.json")
    features = features_by_name(statistics)

    assert statistics["dataset"]["item_count"] == 5
    assert [feature["name"] for feature in statistics["features"]] == [
        "Churn", "Account Length", "Day Mins", "Plan"
    ]
    expected = {
        "Churn": (5, 0, 0.396, 1.98, 0.2989046670763105, 0.05, 0.81),
        "Account Length": (5, 0, 107.5, 537.5, 12.312595177297109, 92.5, 125),
        "Day Mins": (4, 1, 229.525, 918.1, 28.170674024595147, 185.0, 262.4),
    }
    for name, (present, missing, mean, total, std_dev, minimum, maximum) in expected.items():
        numbers = features[name]["numerical_statistics"]
        assert features[name]["inferred_type"] == "Fractional"
        assert numbers["common"] == {"num_present": present, "num_missing": missing}
        assert numbers["mean"] == pytest.approx(mean, rel=1e-12)
        assert numbers["sum"] == pytest.approx(total, rel=1e-12)
        assert numbers["std_dev"] == pytest.approx(std_dev, rel=1e-12)
        assert numbers["min"] == minimum
        assert numbers["max"] == maximum
    plan = features["Plan"]["string_statistics"]
    buckets = {bucket["value"]: bucket["count"] for bucket in plan["distribution"]["categorical"]["buckets"]}
    assert buckets == {"no": 2, "yes": 2, "maybe": 1}


def test_w1_simple_adds_drift_violations(tmp_path, b1, w1_capture):
    constraints = edited_constraints(b1, tmp_path / "simple.json", set_method("Simple"))
    result = run_analyzer(monitoring_environment(w1_capture, tmp_path / "report", b1, constraints))

    assert result.exit_message == "CompletedWithViolations: Job completed successfully with 8 violations."
    drift = {violation["feature_name"]: violation["description"] for violation in result.violations
             if violation["constraint_check_type"] == "baseline_drift_check"}
    assert drift == {
        "Churn": "Numerical distance: 0.8 exceeds numerical threshold: 0.1",
        "Account Length": "Numerical distance: 0.2222222222222222 exceeds numerical threshold: 0.1",
        "Day Mins": "Numerical distance: 0.55 exceeds numerical threshold: 0.1",
        "Plan": "Categorical distance: 0.4 exceeds categorical threshold: 0.1",
    }


def test_w2_empty_window_fails_without_reports(tmp_path, b1):
    capture = tmp_path / "capture"
    # Records exist, but only in the hour after the window.
    write_capture(capture, W1_RECORDS, hour="2026/12/04/11", hour_prefix="2026-12-04T11")
    report = tmp_path / "report"
    result = run_analyzer(monitoring_environment(capture, report, b1))

    assert result.status == "Failed"
    assert result.failure_reason == "Job inputs had no data"
    assert result.violations == []
    assert not report.exists()


def test_w2_capture_folder_never_created(tmp_path, b1):
    result = run_analyzer(monitoring_environment(tmp_path / "no-capture-yet", tmp_path / "report", b1))

    assert result.status == "Failed"
    assert result.failure_reason == "Job inputs had no data"


def test_w2_capture_folder_without_files(tmp_path, b1):
    capture = tmp_path / "capture"
    capture.mkdir()
    result = run_analyzer(monitoring_environment(capture, tmp_path / "report", b1))

    assert result.status == "Failed"
    assert result.failure_reason == "Job inputs had no data"


@pytest.fixture(scope="module")
def tour_baseline(tmp_path_factory):
    output = tmp_path_factory.mktemp("tour-baseline")
    result = run_analyzer({
        "dataset_format": '{"csv": {"header": true, "output_columns_position": "START"}}',
        "dataset_source": str(shipped_tour_file("training-dataset-with-header.csv")),
        "output_path": str(output),
    })
    assert result.status == "Completed"
    return output


def tour_test_inputs() -> list[str]:
    return [line.split(",", 1)[1] for line in shipped_tour_file("test-dataset.csv").read_text().splitlines()]


def test_w3_corrupted_row_type_violations(tmp_path, tour_baseline):
    corrupted = shipped_tour_file("test_sample.csv").read_text().splitlines()[0]
    assert corrupted.startswith("186,0.1,137.8,")
    inputs = [corrupted] + tour_test_inputs()[:59]
    capture = tmp_path / "capture"
    write_capture(capture, [(row, f"0.{index + 10:02d}") for index, row in enumerate(inputs)])
    result = run_analyzer(monitoring_environment(capture, tmp_path / "report", tour_baseline))

    assert result.status == "CompletedWithViolations"
    type_violations = [v for v in result.violations if v["constraint_check_type"] == "data_type_check"]
    names = [violation["feature_name"] for violation in type_violations]
    assert len(type_violations) == 60
    assert names[:2] == ["Churn", "VMail Message"]
    assert all(name.startswith(("State_", "Area Code_", "Int'l Plan_", "VMail Plan_")) for name in names[2:])
    assert type_violations[1]["description"].endswith(
        f"Observed: Only {59 / 60 * 100!r}% of data is Integral.")


def test_w3_clean_rows_keep_input_types(tmp_path, tour_baseline):
    capture = tmp_path / "capture"
    write_capture(capture, [(row, "0.25") for row in tour_test_inputs()[:60]])
    result = run_analyzer(monitoring_environment(capture, tmp_path / "report", tour_baseline))

    assert [v["feature_name"] for v in result.violations if v["constraint_check_type"] == "data_type_check"] == ["Churn"]


def test_missing_column(tmp_path, b1):
    capture = tmp_path / "capture"
    write_capture(capture, [("101,180.0", "0"), ("99,190.5", "1")])
    result = run_analyzer(monitoring_environment(capture, tmp_path / "report", b1))

    assert ("Plan", "missing_column_check") in checks_of(result.violations)
    assert len([v for v in result.violations if v["constraint_check_type"] == "missing_column_check"]) == 1
    assert result.status == "CompletedWithViolations"


def test_extra_column(tmp_path, b1):
    capture = tmp_path / "capture"
    write_capture(capture, [("101,180.0,no,7", "0"), ("99,190.5,yes,8", "1")])
    result = run_analyzer(monitoring_environment(capture, tmp_path / "report", b1))

    assert checks_of(result.violations) == [("_c4", "extra_column_check")]
    statistics = read_json(tmp_path / "report" / "statistics.json")
    assert [feature["name"] for feature in statistics["features"]][-1] == "_c4"


def clean_rows(count: int, day_mins) -> list[tuple[str, str]]:
    """Rows that pass every B1 check except, where the values drift, the drift check."""
    plans = ["no"] * 8 + ["yes"] * 2
    lengths = [100, 120, 95, 130, 101, 88, 110, 99, 140, 105]
    return [(f"{lengths[i % 10]},{day_mins(i)},{plans[i % 10]}", str(int(plans[i % 10] == "yes")))
            for i in range(count)]


def test_clean_window_completes(tmp_path, b1):
    baseline_day_mins = [180.5, 200.0, 250.3, 150.2, 175.0, 260.1, 190.4, 205.5, 170.0, 160.8]
    capture = tmp_path / "capture"
    write_capture(capture, clean_rows(40, lambda i: baseline_day_mins[i % 10]), minute_step=1)
    result = run_analyzer(monitoring_environment(capture, tmp_path / "report", b1))

    assert result.violations == []
    assert result.status == "Completed"
    assert result.exit_message == "Completed: Job completed successfully with no violations."


def test_drifted_numeric_feature(tmp_path, b1):
    capture = tmp_path / "capture"
    # Day Mins shifted far above the baseline's 150-260 range.
    write_capture(capture, clean_rows(60, lambda i: f"{400 + i}.5"))
    result = run_analyzer(monitoring_environment(capture, tmp_path / "report", b1))

    assert checks_of(result.violations) == [("Day Mins", "baseline_drift_check")]
    # Simple distance 1.0 minus the correction 1.8 * sqrt(70 / 600) = 0.6148 for n = 10, m = 60.
    assert result.violations[0]["description"].startswith("Numerical distance: 0.385")


def test_unseen_category(tmp_path, b1):
    baseline_day_mins = [180.5, 200.0, 250.3, 150.2, 175.0, 260.1, 190.4, 205.5, 170.0, 160.8]
    rows = clean_rows(30, lambda i: baseline_day_mins[i % 10])
    rows[4] = ("101,175.0,premium", "0")
    capture = tmp_path / "capture"
    write_capture(capture, rows)
    result = run_analyzer(monitoring_environment(capture, tmp_path / "report", b1))

    assert checks_of(result.violations) == [("Plan", "categorical_values_check")]
    assert result.violations[0]["description"] == (
        f"Value: {29 / 30!r} does not meet the constraint requirement! ")


def test_domain_threshold_from_file_is_honoured(tmp_path, b1, w1_capture):
    def edit(document):
        document["monitoring_config"]["domain_content_threshold"] = 0.5
        document["monitoring_config"]["datatype_check_threshold"] = 0.0
    constraints = edited_constraints(b1, tmp_path / "relaxed.json", edit)
    result = run_analyzer(monitoring_environment(w1_capture, tmp_path / "report", b1, constraints))

    assert checks_of(result.violations) == [("Day Mins", "completeness_check")]


def test_evaluate_constraints_disabled_globally(tmp_path, b1, w1_capture):
    def edit(document):
        document["monitoring_config"]["evaluate_constraints"] = "Disabled"
    constraints = edited_constraints(b1, tmp_path / "off.json", edit)
    report = tmp_path / "report"
    result = run_analyzer(monitoring_environment(w1_capture, report, b1, constraints))

    assert result.status == "Completed"
    assert result.violations == []
    assert read_json(report / "constraint_violations.json") == {"violations": []}
    assert read_json(report / "statistics.json")["dataset"]["item_count"] == 5


@pytest.mark.parametrize(
    ("feature_index", "holder", "key"),
    [
        (0, None, "monitoringConfigOverrides"),
        (0, "num_constraints", "monitoring_config_overrides"),
        (3, "string_constraints", "monitoring_config_overrides"),
    ],
)
def test_evaluate_constraints_disabled_per_feature(tmp_path, b1, w1_capture, feature_index, holder, key):
    def edit(document):
        feature = document["features"][feature_index]
        target = feature if holder is None else feature[holder]
        target[key] = {"evaluate_constraints": "Disabled"}
    constraints = edited_constraints(b1, tmp_path / "feature-off.json", edit)
    result = run_analyzer(monitoring_environment(w1_capture, tmp_path / "report", b1, constraints))

    disabled = ["Churn", "Account Length", "Day Mins", "Plan"][feature_index]
    names = [violation["feature_name"] for violation in result.violations]
    assert disabled not in names
    assert len(result.violations) == 3


def test_unreadable_baseline_fails_with_reason(tmp_path, b1, w1_capture):
    broken = tmp_path / "broken-statistics.json"
    broken.write_text("{not json")
    environment = monitoring_environment(w1_capture, tmp_path / "report", b1)
    environment["baseline_statistics"] = str(broken)
    result = run_analyzer(environment)

    assert result.status == "Failed"
    assert result.failure_reason.startswith(f"Could not read baseline_statistics {broken}:")
    assert result.exit_message == result.failure_reason
    assert not (tmp_path / "report").exists()


def test_missing_baseline_file_fails(tmp_path, b1, w1_capture):
    environment = monitoring_environment(w1_capture, tmp_path / "report", b1)
    environment["baseline_constraints"] = str(tmp_path / "nowhere.json")
    result = run_analyzer(environment)

    assert result.status == "Failed"
    assert "nowhere.json" in result.failure_reason


def test_bad_environment_fails(tmp_path):
    result = run_analyzer({"dataset_format": "{csv", "dataset_source": str(tmp_path),
                           "output_path": str(tmp_path / "out")})
    assert result.status == "Failed"
    assert "dataset_format is not valid JSON" in result.failure_reason

    result = run_analyzer({"dataset_source": str(tmp_path)})
    assert result.failure_reason.startswith("Missing analyzer environment variables: dataset_format, output_path")


def test_no_baseline_files_reports_statistics_only(tmp_path, w1_capture):
    report = tmp_path / "report"
    result = run_analyzer(monitoring_environment(w1_capture, report, None))

    assert result.status == "Completed"
    statistics = read_json(report / "statistics.json")
    assert [feature["name"] for feature in statistics["features"]] == ["_c0", "_c1", "_c2", "_c3"]


def test_statistics_without_constraints_check_drift_only(tmp_path, b1, w1_capture):
    environment = monitoring_environment(w1_capture, tmp_path / "report", b1)
    del environment["baseline_constraints"]
    result = run_analyzer(environment)

    # The documented default method is Robust, under which W1 shows no drift.
    assert result.status == "Completed"
    assert result.violations == []


def test_statistics_without_constraints_find_drift(tmp_path, b1):
    capture = tmp_path / "capture"
    write_capture(capture, clean_rows(60, lambda i: f"{400 + i}.5"))
    environment = monitoring_environment(capture, tmp_path / "report", b1)
    del environment["baseline_constraints"]
    result = run_analyzer(environment)

    assert checks_of(result.violations) == [("Day Mins", "baseline_drift_check")]


def test_inference_time_filters_within_file(tmp_path, b1):
    capture = tmp_path / "capture"
    path = capture / "monitor-endpoint" / "AllTraffic" / "2026" / "12" / "04" / "10" / "mixed.jsonl"
    path.parent.mkdir(parents=True)
    lines = [
        capture_line("105,185.0,no", "0", "2026-12-04T09:59:59Z"),
        capture_line("105,185.0,no", "0", "2026-12-04T10:00:00Z"),
        capture_line("97,262.4,yes", "1", "2026-12-04T10:59:59Z"),
        capture_line("97,262.4,yes", "1", "2026-12-04T11:00:00Z"),
        capture_line("97,262.4,yes", "1", "2026-12-04T10:30:00.250Z"),
    ]
    path.write_text("\n".join(lines) + "\n")
    report = tmp_path / "report"
    run_analyzer(monitoring_environment(capture, report, b1))

    assert read_json(report / "statistics.json")["dataset"]["item_count"] == 3


def test_hour_folders_outside_window_are_skipped(tmp_path, b1, w1_capture):
    # A record filed under 09:00 but stamped inside the window shows whether the folder was read.
    write_capture(w1_capture, [("100,180.0,no", "0")], hour="2026/12/04/09",
                  hour_prefix="2026-12-04T10")
    write_capture(w1_capture, [("100,180.0,no", "0")], hour="2026/12/05/10",
                  hour_prefix="2026-12-04T10")
    report = tmp_path / "report"
    result = run_analyzer(monitoring_environment(w1_capture, report, b1))

    assert result.status == "CompletedWithViolations"
    assert read_json(report / "statistics.json")["dataset"]["item_count"] == 5


def test_endpoint_named_like_a_year(tmp_path, b1):
    capture = tmp_path / "capture"
    path = capture / "2025" / "AllTraffic" / "2026" / "12" / "04" / "10" / "00-00-000-a.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text(capture_line("105,185.0,no", "0", "2026-12-04T10:01:00Z") + "\n")
    report = tmp_path / "report"
    run_analyzer(monitoring_environment(capture, report, b1))

    assert read_json(report / "statistics.json")["dataset"]["item_count"] == 1


def test_day_folder_of_window_is_read(tmp_path, b1, w1_capture):
    write_capture(w1_capture, [("100,180.0,no", "0")], hour="2026/12/04/10",
                  hour_prefix="2026-12-04T10", name="59-00-000-second.jsonl")
    report = tmp_path / "report"
    run_analyzer(monitoring_environment(w1_capture, report, b1))

    assert read_json(report / "statistics.json")["dataset"]["item_count"] == 6


def test_small_read_blocks_give_same_rows(tmp_path, b1, w1_capture, monkeypatch):
    from churn_studio_ext.monitor import capture_reader

    # Blocks smaller than one record line force lines to be joined across reads.
    monkeypatch.setattr(capture_reader, "_BLOCK_CHARACTERS", 100)
    report = tmp_path / "report"
    result = run_analyzer(monitoring_environment(w1_capture, report, b1))

    assert read_json(report / "statistics.json")["dataset"]["item_count"] == 5
    assert len(result.violations) == 4


def test_blank_line_in_capture_file(tmp_path, b1):
    capture = tmp_path / "capture"
    path = write_capture(capture, W1_RECORDS)
    path.write_text(path.read_text().replace("\n", "\n\n", 1))
    report = tmp_path / "report"
    result = run_analyzer(monitoring_environment(capture, report, b1))

    assert read_json(report / "statistics.json")["dataset"]["item_count"] == 5
    assert len(result.violations) == 4


def test_escaped_and_multi_line_payloads(tmp_path, b1):
    capture = tmp_path / "capture"
    path = capture / "monitor-endpoint" / "AllTraffic" / "2026" / "12" / "04" / "10" / "escaped.jsonl"
    path.parent.mkdir(parents=True)
    lines = [
        # The documentation's example keeps the request's newline.
        capture_line("105,185.0,no\n", "0.1\n", "2026-12-04T10:01:00Z"),
        # Two rows in one request, two probabilities in the response.
        capture_line("97,262.4,yes\n118,200.5,no", "0.8\n0.2", "2026-12-04T10:02:00Z"),
    ]
    path.write_text("\n".join(lines) + "\n")
    report = tmp_path / "report"
    run_analyzer(monitoring_environment(capture, report, b1))
    features = features_by_name(read_json(report / "statistics.json"))

    assert features["Churn"]["numerical_statistics"]["sum"] == pytest.approx(1.1)
    assert features["Account Length"]["numerical_statistics"]["sum"] == 320
    assert features["Plan"]["inferred_type"] == "String"


def test_base64_payload_is_decoded(tmp_path, b1):
    import base64

    capture = tmp_path / "capture"
    path = capture / "monitor-endpoint" / "AllTraffic" / "2026" / "12" / "04" / "10" / "b64.jsonl"
    path.parent.mkdir(parents=True)
    encoded = base64.b64encode(b"105,185.0,no").decode()
    path.write_text(capture_line(encoded, "0", "2026-12-04T10:01:00Z", encoding="BASE64") + "\n")
    report = tmp_path / "report"
    run_analyzer(monitoring_environment(capture, report, b1))

    features = features_by_name(read_json(report / "statistics.json"))
    assert features["Account Length"]["numerical_statistics"]["sum"] == 105


def test_reads_endpoint_capture_writer_files(tmp_path, b1):
    capture = tmp_path / "capture"
    settings = CaptureSettings(folder=capture / "monitor-endpoint" / "AllTraffic", sampling_percentage=100,
                               capture_input=True, capture_output=True,
                               csv_types=frozenset({"text/csv"}), json_types=frozenset({"application/json"}))
    writer = CaptureWriter(settings)
    for input_data, output_data in W1_RECORDS:
        writer.capture(input_data.encode(), "text/csv", output_data.encode(), "text/csv; charset=utf-8",
                       "request-1", None)
    writer.close()
    assert writer.written == 5
    now = time.time()
    environment = monitoring_environment(capture, tmp_path / "report", b1)
    environment["start_time"] = time.strftime("%Y-%m-%dT%H:00:00Z", time.gmtime(now - 3600))
    environment["end_time"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now + 3600))
    result = run_analyzer(environment)

    assert result.exit_message == "CompletedWithViolations: Job completed successfully with 4 violations."


def test_record_preprocessor_script(tmp_path, b1, w1_capture):
    script = tmp_path / "preprocessor.py"
    script.write_text(
        "def preprocess_handler(inference_record):\n"
        "    if inference_record.endpoint_input.data.endswith('maybe'):\n"
        "        return []\n"
        "    data = inference_record.endpoint_output.data + ',' + inference_record.endpoint_input.data\n"
        "    return {str(i).zfill(20): value for i, value in enumerate(data.split(','))}\n"
    )
    environment = monitoring_environment(w1_capture, tmp_path / "report", b1)
    environment["record_preprocessor_script"] = str(script)
    result = run_analyzer(environment)

    statistics = read_json(tmp_path / "report" / "statistics.json")
    assert statistics["dataset"]["item_count"] == 4
    # The dropped record was the one outside the Plan domain.
    assert ("Plan", "categorical_values_check") not in checks_of(result.violations)


def test_failing_preprocessor_fails_the_job(tmp_path, b1, w1_capture):
    script = tmp_path / "preprocessor.py"
    script.write_text("def preprocess_handler(inference_record):\n    raise KeyError('column')\n")
    environment = monitoring_environment(w1_capture, tmp_path / "report", b1)
    environment["record_preprocessor_script"] = str(script)
    result = run_analyzer(environment)

    assert result.status == "Failed"
    assert "preprocess_handler" in result.failure_reason
    assert "KeyError" in result.failure_reason


def run_module(environment: dict, tmp_path: Path) -> subprocess.CompletedProcess:
    child = {key: value for key, value in os.environ.items()}
    child.update(environment)
    child["CHURN_STUDIO_MESSAGE_FILE"] = str(tmp_path / "message")
    return subprocess.run([sys.executable, "-m", "churn_studio_ext.monitor.analyzer"], env=child,
                          capture_output=True, text=True, timeout=120)


def test_module_entry_point_reports_violations(tmp_path, b1, w1_capture):
    completed = run_module(monitoring_environment(w1_capture, tmp_path / "report", b1), tmp_path)

    assert completed.returncode == 0, completed.stderr
    message = "CompletedWithViolations: Job completed successfully with 4 violations."
    assert completed.stdout.strip().splitlines()[-1] == message
    assert (tmp_path / "message").read_text() == message


def test_entry_point_fails_on_empty_window(tmp_path, b1):
    capture = tmp_path / "capture"
    capture.mkdir()
    completed = run_module(monitoring_environment(capture, tmp_path / "report", b1), tmp_path)

    assert completed.returncode == 1
    assert completed.stdout.strip() == "Job inputs had no data"
    assert (tmp_path / "message").read_text() == "Job inputs had no data"


def test_window_over_several_chunks_matches_numpy(tmp_path, tour_baseline):
    import numpy as np

    inputs = tour_test_inputs()
    count = 25_000  # more than two chunks of 10,000 rows
    records = [(inputs[index % len(inputs)], f"0.{index % 997:03d}") for index in range(count)]
    capture = tmp_path / "capture"
    write_capture(capture, records[:12_000], name="00-00-000-first.jsonl")
    write_capture(capture, records[12_000:], name="30-00-000-second.jsonl")
    report = tmp_path / "report"
    run_analyzer(monitoring_environment(capture, report, tour_baseline))
    statistics = read_json(report / "statistics.json")
    matrix = np.array([[float(field) for field in (output + "," + row).split(",")] for row, output in records])

    assert statistics["dataset"]["item_count"] == count
    for column, feature in enumerate(statistics["features"]):
        numbers = feature["numerical_statistics"]
        values = matrix[:, column]
        assert numbers["common"]["num_present"] == count
        assert numbers["sum"] == pytest.approx(values.sum(), rel=1e-9, abs=1e-9)
        assert numbers["mean"] == pytest.approx(values.mean(), rel=1e-9, abs=1e-9)
        assert numbers["std_dev"] == pytest.approx(values.std(), rel=1e-9, abs=1e-9)
        assert numbers["min"] == values.min()
        assert numbers["max"] == values.max()
        levels = numbers["distribution"]["kll"]["sketch"]["data"]
        assert sum(len(level) << height for height, level in enumerate(levels)) == count


def test_json_payload_is_flattened(tmp_path, b1):
    capture = tmp_path / "capture"
    path = capture / "monitor-endpoint" / "AllTraffic" / "2026" / "12" / "04" / "10" / "json.jsonl"
    path.parent.mkdir(parents=True)
    record = json.loads(capture_line('{"instances": [[105, 185.0, "no"]]}', "0", "2026-12-04T10:01:00Z",
                                     encoding="JSON"))
    record["captureData"]["endpointInput"]["observedContentType"] = "application/json"
    path.write_text(json.dumps(record) + "\n")
    report = tmp_path / "report"
    run_analyzer(monitoring_environment(capture, report, b1))
    features = features_by_name(read_json(report / "statistics.json"))

    assert features["Account Length"]["inferred_type"] == "Integral"
    assert features["Day Mins"]["numerical_statistics"]["sum"] == 185.0
    assert features["Plan"]["string_statistics"]["distinct_count"] == 1
