"""Malformed baseline data sets, capture records and hand-edited baseline files.

Each case once crashed the analyzer with a bare Python error or silently changed the result.
"""

import base64
import json

import pytest
from monitor_helpers import (
    B1_CSV,
    CSV_WITH_HEADER,
    ENDPOINT,
    W1_RECORDS,
    capture_line,
    edited_constraints,
    features_by_name,
    monitoring_environment,
    read_json,
    run_baseline_csv,
    write_capture,
)

from churn_studio_ext.monitor import capture_reader
from churn_studio_ext.monitor.analyzer import run_analyzer


def _run_csv_bytes(tmp_path, content: bytes, header: bool = True):
    source = tmp_path / "baseline-input"
    source.mkdir()
    (source / "data.csv").write_bytes(content)
    output = tmp_path / "baseline-output"
    result = run_analyzer({
        "dataset_format": json.dumps({"csv": {"header": header}}),
        "dataset_source": str(source),
        "output_path": str(output),
    })
    return result, output


def test_baseline_header_ignores_utf8_bom(tmp_path):
    result, output = _run_csv_bytes(tmp_path, "\ufeffChurn,Plan\n0,no\n1,yes\n".encode())

    assert result.status == "Completed", result.failure_reason
    names = [feature["name"] for feature in read_json(output / "statistics.json")["features"]]
    assert names == ["Churn", "Plan"]


def test_baseline_without_header_ignores_utf8_bom(tmp_path):
    result, output = _run_csv_bytes(tmp_path, "\ufeff0,no\n1,yes\n".encode(), header=False)

    assert result.status == "Completed", result.failure_reason
    first = read_json(output / "statistics.json")["features"][0]
    assert first["inferred_type"] == "Integral"


def test_non_utf8_baseline_error_names_file(tmp_path):
    result, _ = _run_csv_bytes(tmp_path, b"Plan,Churn\ncaf\xe9,1\n")

    assert result.status == "Failed"
    assert "data.csv" in result.failure_reason
    assert "UTF-8" in result.failure_reason
    assert not result.failure_reason.startswith("The analyzer failed")


def test_json_baseline_not_utf8_names_file(tmp_path):
    source = tmp_path / "baseline-input"
    source.mkdir()
    (source / "data.jsonl").write_bytes(b'{"Plan": "caf\xe9"}\n')
    result = run_analyzer({
        "dataset_format": json.dumps({"json": {"lines": True}}),
        "dataset_source": str(source),
        "output_path": str(tmp_path / "out"),
    })

    assert result.status == "Failed"
    assert "data.jsonl" in result.failure_reason
    assert "UTF-8" in result.failure_reason


@pytest.fixture
def baseline(tmp_path):
    return run_baseline_csv(tmp_path, B1_CSV)


def _monitor(tmp_path, baseline, extra_lines=(), constraints=None, prefix=""):
    capture = tmp_path / "capture"
    path = write_capture(capture, W1_RECORDS, minute_step=5)
    text = path.read_text()
    path.write_text(prefix + text + "".join(line + "\n" for line in extra_lines))
    output = tmp_path / "monitor-output"
    environment = monitoring_environment(capture, output, baseline, constraints)
    return run_analyzer(environment), output


MALFORMED_RECORDS = {
    "capture-data-string": {"captureData": "oops"},
    "payload-list": {"captureData": {"endpointInput": ["105,185.0,no"]}},
    "data-number": {"captureData": {"endpointInput": {"data": 5, "encoding": "CSV"}}},
    "metadata-list": {"captureData": {}, "eventMetadata": ["2026-12-04T10:30:00Z"]},
}


@pytest.mark.parametrize("case", sorted(MALFORMED_RECORDS))
def test_malformed_record_is_skipped(tmp_path, baseline, case):
    record = dict(MALFORMED_RECORDS[case])
    if not isinstance(record.get("eventMetadata"), list):
        record["eventMetadata"] = {"eventId": "x", "inferenceTime": "2026-12-04T10:30:00Z"}
    result, output = _monitor(tmp_path, baseline, [json.dumps(record)])

    assert result.status == "CompletedWithViolations", result.failure_reason
    assert read_json(output / "statistics.json")["dataset"]["item_count"] == 5


def test_capture_bom_keeps_first_record(tmp_path, baseline):
    result, output = _monitor(tmp_path, baseline, prefix="\ufeff")

    assert result.status == "CompletedWithViolations", result.failure_reason
    assert read_json(output / "statistics.json")["dataset"]["item_count"] == 5


def test_base64_record_is_decoded(tmp_path, baseline):
    line = capture_line(base64.b64encode(b"105,185.0,no").decode(), "0.12",
                        "2026-12-04T10:40:00Z", encoding="BASE64")
    result, output = _monitor(tmp_path, baseline, [line])

    assert result.status == "CompletedWithViolations", result.failure_reason
    statistics = features_by_name(read_json(output / "statistics.json"))
    assert statistics["Plan"]["string_statistics"]["common"]["num_present"] == 6


def _edit_config(key, value):
    def edit(document):
        document["monitoring_config"][key] = value
    return edit


def _edit_distribution(key, value):
    def edit(document):
        document["monitoring_config"]["distribution_constraints"][key] = value
    return edit


def _edit_feature(index, key, value):
    def edit(document):
        document["features"][index][key] = value
    return edit


def _replace_feature(index, value):
    def edit(document):
        document["features"][index] = value
    return edit


def _drop_feature_key(index, key):
    def edit(document):
        del document["features"][index][key]
    return edit


def _set_domains(value):
    def edit(document):
        document["features"][3]["string_constraints"]["domains"] = value
    return edit


HAND_EDITS = {
    "threshold-text": (_edit_config("datatype_check_threshold", "abc"), "datatype_check_threshold"),
    "threshold-null": (_edit_config("domain_content_threshold", None), "domain_content_threshold"),
    "config-list": (lambda document: document.__setitem__("monitoring_config", [1]),
                    "monitoring_config"),
    "distribution-text": (_edit_config("distribution_constraints", "x"),
                          "distribution_constraints"),
    "comparison-threshold-text": (_edit_distribution("comparison_threshold", "high"),
                                  "comparison_threshold"),
    "completeness-text": (_edit_feature(0, "completeness", "high"), "completeness"),
    "feature-text": (_replace_feature(0, "Churn"), "features"),
    "feature-without-name": (_drop_feature_key(0, "name"), "name"),
    "overrides-list": (_edit_feature(0, "monitoring_config_overrides", [1]),
                       "monitoring_config_overrides"),
    "domains-text": (_set_domains("no"), "domains"),
    "type-lower-case": (_edit_feature(0, "inferred_type", "integral"), "inferred_type"),
    "evaluate-false-text": (_edit_config("evaluate_constraints", "False"),
                            "evaluate_constraints"),
    "comparison-typo": (_edit_distribution("comparison_method", "Simpel"), "comparison_method"),
    "perform-comparison-no": (_edit_distribution("perform_comparison", "no"),
                              "perform_comparison"),
}


@pytest.mark.parametrize("case", sorted(HAND_EDITS))
def test_hand_edited_constraints_named(tmp_path, baseline, case):
    edit, key = HAND_EDITS[case]
    constraints = edited_constraints(baseline, tmp_path / "edited.json", edit)
    result, _ = _monitor(tmp_path, baseline, constraints=constraints)

    assert result.status == "Failed"
    assert key in result.failure_reason
    assert "edited.json" in result.failure_reason
    assert not result.failure_reason.startswith("The analyzer failed")


def test_numeric_text_threshold_accepted(tmp_path, baseline):
    constraints = edited_constraints(
        baseline, tmp_path / "edited.json", _edit_config("datatype_check_threshold", "0.5")
    )
    result, _ = _monitor(tmp_path, baseline, constraints=constraints)

    assert result.status == "CompletedWithViolations", result.failure_reason
    types = {(v["feature_name"], v["constraint_check_type"]) for v in result.violations}
    # Account Length matches 80 % of the time, above 0.5, so only Churn fails its type check.
    assert ("Churn", "data_type_check") in types
    assert ("Account Length", "data_type_check") not in types


def _edit_statistics(baseline, target, edit):
    document = read_json(baseline / "statistics.json")
    edit(document)
    target.write_text(json.dumps(document))
    return target


def _sketch(document):
    return document["features"][1]["numerical_statistics"]["distribution"]["kll"]["sketch"]


def _categorical_buckets(document):
    return document["features"][3]["string_statistics"]["distribution"]["categorical"]["buckets"]


STATISTICS_EDITS = {
    "sketch-flat": lambda d: _sketch(d).__setitem__("data", [1.0, 2.0]),
    "sketch-text": lambda d: _sketch(d).__setitem__("data", [["a"]]),
    "bucket-without-value": lambda d: _categorical_buckets(d).__setitem__(0, {"count": 1.0}),
    "bucket-count-text": lambda d: _categorical_buckets(d)[0].__setitem__("count", "x"),
}


@pytest.mark.parametrize("case", sorted(STATISTICS_EDITS))
def test_hand_edited_statistics_named(tmp_path, baseline, case):
    statistics = _edit_statistics(baseline, tmp_path / "old-statistics.json",
                                  STATISTICS_EDITS[case])
    capture = tmp_path / "capture"
    write_capture(capture, W1_RECORDS, minute_step=5)
    environment = monitoring_environment(capture, tmp_path / "out", baseline)
    environment["baseline_statistics"] = str(statistics)
    result = run_analyzer(environment)

    assert result.status == "Failed"
    assert "old-statistics.json" in result.failure_reason
    assert not result.failure_reason.startswith("The analyzer failed")


def test_invalid_json_document_names_file(tmp_path):
    source = tmp_path / "baseline-input"
    source.mkdir()
    (source / "records.json").write_text('[{"Churn": 1}, ')
    result = run_analyzer({
        "dataset_format": json.dumps({"json": {"lines": False}}),
        "dataset_source": str(source),
        "output_path": str(tmp_path / "out"),
    })

    assert result.status == "Failed"
    assert "records.json" in result.failure_reason
    assert "lines" in result.failure_reason


def test_overlong_capture_line_skipped(tmp_path, baseline, monkeypatch):
    monkeypatch.setattr(capture_reader, "_BLOCK_CHARACTERS", 64)
    monkeypatch.setattr(capture_reader, "_MAX_LINE_CHARACTERS", 1000)
    blocks = []
    original = capture_reader._line_blocks

    def recording_blocks(handle, on_skipped_line):
        for block in original(handle, on_skipped_line):
            blocks.append(block)
            yield block

    monkeypatch.setattr(capture_reader, "_line_blocks", recording_blocks)
    # Binary garbage without a line end, then the window's records.
    result, output = _monitor(tmp_path, baseline, prefix="\x00" * 5000 + "\n")

    assert result.status == "CompletedWithViolations", result.failure_reason
    assert read_json(output / "statistics.json")["dataset"]["item_count"] == 5
    assert max(len(block) for block in blocks) <= 1000 + 64


def test_column_turning_string_late(tmp_path):
    rows = [f"{index % 2 + 1},{index}" for index in range(20_000)]
    rows += [f"{'ab'[index % 2]},{index}" for index in range(10)]
    output = run_baseline_csv(tmp_path, "Plan,Id\n" + "\n".join(rows) + "\n")

    plan = features_by_name(read_json(output / "statistics.json"))["Plan"]
    strings = plan["string_statistics"]
    counts = {bucket["value"]: bucket["count"] for bucket in
              strings["distribution"]["categorical"]["buckets"]}
    assert plan["inferred_type"] == "String"
    assert strings["distinct_count"] == 4
    assert counts == {"1": 10_000, "2": 10_000, "a": 5, "b": 5}
    constraints = features_by_name(read_json(output / "constraints.json"))
    assert constraints["Plan"]["string_constraints"]["domains"] == ["1", "2", "a", "b"]
