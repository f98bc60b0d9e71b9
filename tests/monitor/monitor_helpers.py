"""Builders shared by the Model Monitor tests: capture records, environments, report files."""

from __future__ import annotations

import json
from pathlib import Path

from churn_studio_ext.monitor.analyzer import run_analyzer

CAPTURE_FORMAT = '{"sagemakerCaptureJson": {"captureIndexNames": ["endpointInput", "endpointOutput"]}}'
CSV_WITH_HEADER = '{"csv": {"header": true, "output_columns_position": "START"}}'
ENDPOINT = "monitor-endpoint"
WINDOW_START = "2026-12-04T10:00:00Z"
WINDOW_END = "2026-12-04T11:00:00Z"

B1_CSV = """Churn,Account Length,Day Mins,Plan
0,100,180.5,no
0,120,200.0,no
1,95,250.3,yes
0,130,150.2,no
0,101,175.0,no
1,88,260.1,yes
0,110,190.4,no
0,,205.5,no
0,99,170.0,no
0,140,160.8,no
"""

# Example W1: (endpointInput.data, endpointOutput.data) of five capture records.
W1_RECORDS = [
    ("105,185.0,no", "0.12"),
    ("97,262.4,yes", "0.81"),
    ("118,,no", "0.05"),
    ("92.5,240.0,yes", "0.67"),
    ("125,230.7,maybe", "0.33"),
]


def capture_line(input_data: str, output_data: str | None, inference_time: str,
                 encoding: str = "CSV") -> str:
    """Build one compact capture record line as the endpoint's capture writer writes it."""
    capture = {
        "endpointInput": {
            "observedContentType": "text/csv",
            "mode": "INPUT",
            "data": input_data,
            "encoding": encoding,
        }
    }
    if output_data is not None:
        capture["endpointOutput"] = {
            "observedContentType": "text/csv; charset=utf-8",
            "mode": "OUTPUT",
            "data": output_data,
            "encoding": "CSV",
        }
    record = {
        "captureData": capture,
        "eventMetadata": {"eventId": "5e1b0a52-3f5c-4a57-9d7e-0c1a2b3c4d5e", "inferenceTime": inference_time},
        "eventVersion": "0",
    }
    return json.dumps(record, separators=(",", ":"))


def write_capture(root: Path, records, hour: str = "2026/12/04/10", minute_step: int = 1,
                  hour_prefix: str = "2026-12-04T10", name: str = "00-00-000-capture.jsonl") -> Path:
    """Write records [(input, output)] into one capture file of the given hour folder.

    Inference times start at minute 0 of that hour and advance by `minute_step` minutes per
    record, wrapping within the hour.
    """
    path = root / ENDPOINT / "AllTraffic" / hour / name
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for index, (input_data, output_data) in enumerate(records):
        seconds = index * minute_step * 60 % 3600
        stamp = f"{hour_prefix}:{seconds // 60:02d}:{seconds % 60:02d}Z"
        lines.append(capture_line(input_data, output_data, stamp))
    path.write_text("\n".join(lines) + "\n")
    return path


def run_baseline_csv(tmp_path: Path, content: str, header: bool = True) -> Path:
    """Run a baseline job over one CSV file; return its output folder."""
    source = tmp_path / "baseline-input"
    source.mkdir(exist_ok=True)
    (source / "data.csv").write_text(content)
    output = tmp_path / "baseline-output"
    result = run_analyzer(
        {
            "dataset_format": json.dumps({"csv": {"header": header, "output_columns_position": "START"}}),
            "dataset_source": str(source),
            "output_path": str(output),
            "publish_cloudwatch_metrics": "Disabled",
        }
    )
    assert result.status == "Completed", result.failure_reason
    return output


def monitoring_environment(capture: Path, output: Path, baseline: Path | None,
                           constraints: Path | None = None) -> dict[str, str]:
    environment = {
        "dataset_format": CAPTURE_FORMAT,
        "dataset_source": str(capture),
        "output_path": str(output),
        "start_time": WINDOW_START,
        "end_time": WINDOW_END,
        "sagemaker_endpoint_name": ENDPOINT,
        "sagemaker_monitoring_schedule_name": "monitor-schedule",
        "publish_cloudwatch_metrics": "Disabled",
    }
    if baseline is not None:
        environment["baseline_statistics"] = str(baseline / "statistics.json")
        environment["baseline_constraints"] = str(constraints or baseline / "constraints.json")
    return environment


def edited_constraints(baseline: Path, target: Path, edit) -> Path:
    """Copy the baseline's constraints.json to `target` after applying `edit(document)`."""
    document = json.loads((baseline / "constraints.json").read_text())
    edit(document)
    target.write_text(json.dumps(document))
    return target


def read_json(path: Path):
    return json.loads(path.read_text())


def features_by_name(statistics: dict) -> dict[str, dict]:
    return {feature["name"]: feature for feature in statistics["features"]}
