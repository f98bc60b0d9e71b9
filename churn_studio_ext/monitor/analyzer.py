"""Run a baseline job or a monitoring execution the way the Model Monitor analyzer does.

`run_analyzer(environment)` takes the analyzer container's environment variables, with every
path already on this machine:

- A baseline job (`dataset_format` csv or json, no baseline files, no window) writes
  statistics.json and the suggested constraints.json into `output_path`.
- A monitoring execution has `baseline_constraints`, `baseline_statistics`, `start_time` or
  `end_time` set, and usually `dataset_format` sagemakerCaptureJson. It reads the capture
  records of [start_time, end_time) and writes statistics.json, constraints.json and
  constraint_violations.json into `output_path`.

`run_analyzer` catches every `Exception` and returns a Failed result. For bad input (an
`AnalyzerError`) its failure_reason names the problem and the fix, and for any other error the
exception type and message. `python -m churn_studio_ext.monitor.analyzer` does the same with
os.environ.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from .capture_reader import CaptureReader, CaptureWindow, parse_time
from .chunks import ParsedChunk, parse_csv_rows
from .column_stats import ColumnAccumulator, statistics_document
from .checks import find_violations
from .constraints import BaselineFileError, suggest_constraints
from .datasets import CHUNK_ROWS, CsvDataset, JsonDataset, list_data_files
from .errors import NO_DATA_REASON, AnalyzerError
from .json_output import load_report, write_report

log = logging.getLogger(__name__)

STATISTICS_FILE = "statistics.json"
CONSTRAINTS_FILE = "constraints.json"
VIOLATIONS_FILE = "constraint_violations.json"
MESSAGE_FILE_VARIABLE = "CHURN_STUDIO_MESSAGE_FILE"

COMPLETED = "Completed"
COMPLETED_WITH_VIOLATIONS = "CompletedWithViolations"
FAILED = "Failed"


@dataclass
class AnalyzerResult:
    """The outcome of one analyzer run, as the processing job and the execution report it."""

    status: str  # "Completed", "CompletedWithViolations" or "Failed"
    exit_message: str
    failure_reason: str | None = None
    violations: list[dict] = field(default_factory=list)


def run_analyzer(environment: Mapping[str, str]) -> AnalyzerResult:
    """Run the job that the environment describes and return its result, Failed on any error."""
    try:
        job = JobSettings.from_environment(environment)
        log.info("Analyzer started: %s job over %s", job.kind, job.dataset_source)
        result = _run_monitoring(job) if job.kind == "monitoring" else _run_baseline(job)
    except AnalyzerError as error:
        result = _failed(str(error))
    except Exception as error:  # noqa: BLE001 - callers get a Failed result in place of a raise
        log.exception("Analyzer failed unexpectedly")
        result = _failed(f"The analyzer failed: {type(error).__name__}: {error}")
    if result.status == FAILED:
        log.warning("Analyzer failed: %s", result.failure_reason)
    else:
        log.info("Analyzer finished: %s", result.exit_message)
    return result


def _failed(reason: str) -> AnalyzerResult:
    return AnalyzerResult(FAILED, reason, reason, [])


def _completed(violations: list[dict]) -> AnalyzerResult:
    if not violations:
        return AnalyzerResult(
            COMPLETED, "Completed: Job completed successfully with no violations."
        )
    return AnalyzerResult(
        COMPLETED_WITH_VIOLATIONS,
        f"CompletedWithViolations: Job completed successfully with {len(violations)} violations.",
        None,
        violations,
    )


@dataclass
class JobSettings:
    """The analyzer's environment, validated."""

    kind: str  # "baseline" or "monitoring"
    dataset_format: dict
    dataset_source: Path
    output_path: Path
    window: CaptureWindow
    baseline_constraints: Path | None
    baseline_statistics: Path | None
    record_preprocessor_script: Path | None
    post_analytics_processor_script: Path | None

    @classmethod
    def from_environment(cls, environment: Mapping[str, str]) -> "JobSettings":
        missing = [name for name in ("dataset_format", "dataset_source", "output_path")
                   if not environment.get(name)]
        if missing:
            raise AnalyzerError(
                f"Missing analyzer environment variables: {', '.join(missing)}. Set them as the "
                "baseline job or monitoring schedule does."
            )
        try:
            dataset_format = json.loads(environment["dataset_format"])
        except json.JSONDecodeError as error:
            raise AnalyzerError(
                f"dataset_format is not valid JSON ({error}): {environment['dataset_format']!r}. "
                'Expected for example {"csv": {"header": true}}.'
            ) from error
        if not isinstance(dataset_format, dict) or not (
            {"csv", "json", "sagemakerCaptureJson"} & set(dataset_format)
        ):
            raise AnalyzerError(
                f"dataset_format {environment['dataset_format']!r} names no known format. Use "
                "csv, json or sagemakerCaptureJson."
            )

        def optional_path(name: str) -> Path | None:
            value = environment.get(name)
            return Path(value) if value else None

        start = environment.get("start_time")
        end = environment.get("end_time")
        window = CaptureWindow(
            parse_time(start, "start_time") if start else None,
            parse_time(end, "end_time") if end else None,
        )
        monitoring = any(
            environment.get(name)
            for name in ("baseline_constraints", "baseline_statistics", "start_time", "end_time")
        )
        return cls(
            kind="monitoring" if monitoring else "baseline",
            dataset_format=dataset_format,
            dataset_source=Path(environment["dataset_source"]),
            output_path=Path(environment["output_path"]),
            window=window,
            baseline_constraints=optional_path("baseline_constraints"),
            baseline_statistics=optional_path("baseline_statistics"),
            record_preprocessor_script=optional_path("record_preprocessor_script"),
            post_analytics_processor_script=optional_path("post_analytics_processor_script"),
        )


class _Columns:
    """The accumulators of a data set's columns, growing when a wider row appears."""

    def __init__(self, text_columns: set[int] | None = None):
        self.accumulators: list[ColumnAccumulator] = []
        self.item_count = 0
        self._text_columns = text_columns or set()

    def add(self, chunk: ParsedChunk) -> None:
        for index in range(len(self.accumulators), chunk.column_count):
            self.accumulators.append(ColumnAccumulator(collect_texts=index in self._text_columns))
        for index in range(chunk.column_count):
            self.accumulators[index].add(chunk, index)
        self.item_count += chunk.row_count


def _chunked_rows(row_batches: Iterable[list[str]]) -> Iterator[ParsedChunk]:
    pending: list[str] = []
    for rows in row_batches:
        pending += rows
        while len(pending) >= CHUNK_ROWS:
            yield parse_csv_rows(pending[:CHUNK_ROWS])
            del pending[:CHUNK_ROWS]
    if pending:
        yield parse_csv_rows(pending)


def _open_dataset(job: JobSettings, preprocessor=None):
    """Return (chunks, names, capture reader or None) for the job's data set."""
    if "sagemakerCaptureJson" in job.dataset_format:
        reader = CaptureReader(job.dataset_source, job.window, preprocessor)
        return _chunked_rows(reader.row_batches()), [], reader
    files = list_data_files(job.dataset_source)
    if "csv" in job.dataset_format:
        options = job.dataset_format.get("csv") or {}
        dataset = CsvDataset(files, header=bool(options.get("header", True)))
    else:
        options = job.dataset_format.get("json") or {}
        dataset = JsonDataset(files, lines=bool(options.get("lines", True)))
    return dataset.chunks(), dataset.names, None


def _column_names(known: list[str], width: int) -> list[str]:
    return list(known[:width]) + [f"_c{index}" for index in range(len(known), width)]


def _read_columns(job: JobSettings, text_columns: set[int], preprocessor=None):
    """Read the data set into column accumulators and return (columns, names, capture reader).

    A column whose first String value comes after numeric-looking values of earlier chunks has
    lost those values' texts. The data set is then read once more with that column's texts kept
    from the start, so only data sets with such a column are read twice.
    """
    chunks, names, reader = _open_dataset(job, preprocessor)
    columns = _Columns(text_columns)
    for chunk in chunks:
        columns.add(chunk)
    missed = {
        index for index, accumulator in enumerate(columns.accumulators)
        if accumulator.missed_texts
    }
    if not missed:
        return columns, names, reader
    log.info("Reading the data set again to count the texts of columns %s", sorted(missed))
    chunks, names, reader = _open_dataset(job, preprocessor)
    columns = _Columns(text_columns | missed)
    for chunk in chunks:
        columns.add(chunk)
    return columns, names, reader


def _run_baseline(job: JobSettings) -> AnalyzerResult:
    columns, names, _ = _read_columns(job, set())
    if columns.item_count == 0:
        raise AnalyzerError(NO_DATA_REASON)

    statistics = statistics_document(
        _column_names(names, len(columns.accumulators)), columns.accumulators, columns.item_count
    )
    write_report(job.output_path / STATISTICS_FILE, statistics)
    write_report(job.output_path / CONSTRAINTS_FILE, suggest_constraints(statistics))
    _run_post_analytics(job)
    return _completed([])


def _load_baseline_file(path: Path | None, variable: str) -> dict | None:
    if path is None:
        return None
    try:
        document = load_report(path)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise AnalyzerError(
            f"Could not read {variable} {path}: {error}. Point {variable} at the baseline job's "
            "output file."
        ) from error
    if not isinstance(document, dict) or not isinstance(document.get("features"), list):
        raise AnalyzerError(
            f"{variable} {path} has no features list. Expected a file written by a baseline job."
        )
    for index, feature in enumerate(document["features"]):
        if not isinstance(feature, dict) or not isinstance(feature.get("name"), str):
            raise AnalyzerError(
                f"Invalid {variable} {path}: features[{index}] is {json.dumps(feature)[:200]}, "
                "but each entry of features must be an object with a string name. Fix the entry "
                "or run a baseline job again."
            )
    return document


def _run_monitoring(job: JobSettings) -> AnalyzerResult:
    constraints = _load_baseline_file(job.baseline_constraints, "baseline_constraints")
    baseline_statistics = _load_baseline_file(job.baseline_statistics, "baseline_statistics")
    baseline_features = (constraints or baseline_statistics or {}).get("features", [])
    baseline_names = [
        feature.get("name", f"_c{index}") for index, feature in enumerate(baseline_features)
    ]
    text_columns = {
        index for index, feature in enumerate(baseline_features)
        if feature.get("inferred_type") == "String" or "string_statistics" in feature
    }

    preprocessor = _load_preprocessor(job.record_preprocessor_script)
    columns, names, reader = _read_columns(job, text_columns, preprocessor)
    if columns.item_count == 0:
        # The analyzer writes no report files for an empty window.
        raise AnalyzerError(NO_DATA_REASON)
    if reader is not None:
        log.info("Read %d capture records (%d rows) in the window",
                 reader.record_count, columns.item_count)

    width = len(columns.accumulators)
    statistics = statistics_document(
        _column_names(baseline_names or names, width), columns.accumulators, columns.item_count
    )
    try:
        violations = find_violations(
            constraints, baseline_statistics, columns.accumulators, columns.item_count
        )
    except BaselineFileError as error:
        path = (job.baseline_statistics if error.variable == "baseline_statistics"
                else job.baseline_constraints)
        raise AnalyzerError(
            f"Invalid {error.variable} {path}: {error}. Fix the value or run a baseline job "
            "again to write new files."
        ) from error
    write_report(job.output_path / STATISTICS_FILE, statistics)
    write_report(job.output_path / CONSTRAINTS_FILE, suggest_constraints(statistics))
    write_report(job.output_path / VIOLATIONS_FILE, {"violations": violations})
    _run_post_analytics(job)
    return _completed(violations)


def _load_script(path: Path, variable: str):
    if not path.is_file():
        raise AnalyzerError(
            f"{variable} {path} does not exist. Upload the script or unset {variable}."
        )
    spec = importlib.util.spec_from_file_location(f"_churn_studio_{variable}", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # noqa: BLE001 - a user script may raise anything
        raise AnalyzerError(
            f"{variable} {path} failed to load: {type(error).__name__}: {error}"
        ) from error
    return module


def _load_preprocessor(path: Path | None) -> Callable[[dict], object] | None:
    """Load `preprocess_handler(inference_record)` from the record preprocessor script."""
    if path is None:
        return None
    module = _load_script(path, "record_preprocessor_script")
    handler = getattr(module, "preprocess_handler", None)
    if not callable(handler):
        raise AnalyzerError(
            f"record_preprocessor_script {path} defines no preprocess_handler(inference_record)."
        )

    def preprocess(record: dict):
        try:
            return handler(_inference_record(record))
        except Exception as error:  # noqa: BLE001 - a user script may raise anything
            raise AnalyzerError(
                f"preprocess_handler in {path} raised {type(error).__name__}: {error}"
            ) from error

    return preprocess


def _inference_record(record: dict) -> SimpleNamespace:
    """Wrap a capture record in the attribute shape that preprocess_handler receives."""
    capture = record.get("captureData") or {}

    def payload(key: str):
        value = capture.get(key)
        return None if value is None else SimpleNamespace(
            observedContentType=value.get("observedContentType"),
            mode=value.get("mode"),
            data=value.get("data"),
            encoding=value.get("encoding"),
        )

    metadata = record.get("eventMetadata") or {}
    return SimpleNamespace(
        endpoint_input=payload("endpointInput"),
        endpoint_output=payload("endpointOutput"),
        event_metadata=SimpleNamespace(
            eventId=metadata.get("eventId"),
            inferenceTime=metadata.get("inferenceTime"),
            inferenceId=metadata.get("inferenceId"),
            customAttributes=metadata.get("customAttributes"),
        ),
        event_version=record.get("eventVersion"),
    )


def _run_post_analytics(job: JobSettings) -> None:
    """Call `postprocess_handler()` of the post-analytics script after the reports are written."""
    if job.post_analytics_processor_script is None:
        return
    module = _load_script(job.post_analytics_processor_script, "post_analytics_processor_script")
    handler = getattr(module, "postprocess_handler", None)
    if not callable(handler):
        raise AnalyzerError(
            f"post_analytics_processor_script {job.post_analytics_processor_script} defines no "
            "postprocess_handler()."
        )
    try:
        handler()
    except Exception as error:  # noqa: BLE001 - a user script may raise anything
        raise AnalyzerError(
            f"postprocess_handler raised {type(error).__name__}: {error}"
        ) from error


def main() -> int:
    """Run with os.environ, print the exit message and return the process exit code."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    result = run_analyzer(os.environ)
    message_file = os.environ.get(MESSAGE_FILE_VARIABLE)
    if message_file:
        path = Path(message_file)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(result.exit_message, encoding="utf-8")
    print(result.exit_message, flush=True)
    return 1 if result.status == FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
