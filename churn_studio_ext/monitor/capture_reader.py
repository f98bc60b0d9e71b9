"""Turn the data capture files of a monitoring window into CSV rows.

Each capture record becomes one row: the output's fields first, then the input's, which is how
the analyzer lines them up with the baseline columns (by position). Hour folders
(`yyyy/mm/dd/hh`) outside the window are skipped without being opened, and every record is
filtered by its `eventMetadata.inferenceTime` because files may hold records of other hours.

Most records are compact lines with CSV payloads, as capture writers write them. For those, one
regular expression finds the fields, which is several times faster than `json.loads`. Any line
whose strings contain an escape or whose layout differs is parsed as JSON instead.
"""

from __future__ import annotations

import base64
import csv
import binascii
import json
import logging
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from .datasets import csv_line, json_field_text
from .errors import NO_DATA_REASON, AnalyzerError

log = logging.getLogger(__name__)

_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_COMPACT_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
# The layout of a compact record with CSV input and output, as our capture writer and SageMaker
# write it. A string value that contains a quote or an escape does not match, so such lines take
# the json.loads path, which handles every layout.
# Each match is exactly one line, because no group matches a line end.
_STRING = r'"[^"\\\n]*"'
_COMPACT_RECORD = re.compile(
    r'^\{"captureData":\{'
    r'"endpointInput":\{"observedContentType":' + _STRING + r',"mode":"INPUT",'
    r'"data":"([^"\\\n]*)","encoding":"CSV"\},'
    r'"endpointOutput":\{"observedContentType":' + _STRING + r',"mode":"OUTPUT",'
    r'"data":"([^"\\\n]*)","encoding":"CSV"\}\},'
    r'"eventMetadata":\{"eventId":' + _STRING
    + r'(?:,"inferenceId":' + _STRING + r')?(?:,"customAttributes":' + _STRING + r')?'
    r',"inferenceTime":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"\},"eventVersion":"0"\}[ \t\r]*$',
    re.MULTILINE,
)
# Files are read in blocks of about this many characters, so memory use grows with the longest
# line (see below), not with the file size.
_BLOCK_CHARACTERS = 1 << 22
# A capture line contains one request and its response, at most 6 MiB each (the InvokeEndpoint
# limit) and a third more in base64. A longer line is not a capture record, so it is skipped
# rather than kept in memory whole, because binary garbage without line ends could fill memory.
_MAX_LINE_CHARACTERS = 1 << 26


def parse_time(text: str, variable: str) -> datetime:
    """Parse an ISO 8601 time, taking a time without offset as UTC."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as error:
        raise AnalyzerError(
            f"{variable} {text!r} is not an ISO 8601 time. Use a value like 2026-12-04T10:00:00Z."
        ) from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


@dataclass
class CaptureWindow:
    """The half-open window [start, end) of inference times, where either end may be open."""

    start: datetime | None
    end: datetime | None

    def __post_init__(self):
        # Compact UTC stamps of equal length compare correctly as strings, which saves a
        # datetime parse per record.
        self._start_text = self.start.strftime(_TIME_FORMAT) if self.start else None
        self._end_text = self.end.strftime(_TIME_FORMAT) if self.end else None

    def contains_compact(self, stamp: str) -> bool:
        """Tell whether a stamp in the compact form yyyy-mm-ddThh:mm:ssZ is in the window."""
        return (self._start_text is None or stamp >= self._start_text) and (
            self._end_text is None or stamp < self._end_text
        )

    def contains(self, stamp: str) -> bool:
        if len(stamp) == 20 and _COMPACT_TIME.fullmatch(stamp):
            if self._start_text is not None and stamp < self._start_text:
                return False
            return self._end_text is None or stamp < self._end_text
        try:
            moment = parse_time(stamp, "inferenceTime")
        except AnalyzerError:
            return False
        after_start = self.start is None or moment >= self.start
        return after_start and (self.end is None or moment < self.end)

    def overlaps(self, period_start: datetime, period_end: datetime) -> bool:
        return (self.start is None or period_end > self.start) and (
            self.end is None or period_start < self.end
        )


class CaptureReader:
    """Iterate the CSV rows of the capture records in a window, and count the records."""

    def __init__(self, source: Path, window: CaptureWindow,
                 preprocessor: Callable[[dict], object] | None = None):
        if not source.exists():
            # Nothing was ever captured under this prefix, which is an empty window.
            raise AnalyzerError(NO_DATA_REASON)
        if not source.is_dir():
            raise AnalyzerError(
                f"dataset_source {source} is not a folder. Point it at the data capture folder."
            )
        self.source = source
        self.window = window
        self.preprocessor = preprocessor
        self.record_count = 0
        self.unreadable_count = 0

    def files(self) -> Iterator[Path]:
        """Yield the capture files in path order, pruning date folders outside the window."""
        for folder, subfolders, names in os.walk(self.source):
            folder_path = Path(folder)
            subfolders[:] = sorted(
                name for name in subfolders
                if not name.startswith(".") and self._folder_in_window(folder_path / name)
            )
            for name in sorted(names):
                if not name.startswith("."):
                    yield folder_path / name

    def _folder_in_window(self, folder: Path) -> bool:
        period = _date_folder_period(folder.relative_to(self.source).parts)
        return period is None or self.window.overlaps(*period)

    def row_batches(self) -> Iterator[list[str]]:
        """Yield the rows of the window's records, one list per block of a capture file."""
        for path in self.files():
            # "utf-8-sig" drops a byte order mark, which would hide the file's first record.
            with open(path, encoding="utf-8-sig", errors="replace") as handle:
                for block in _line_blocks(handle, lambda: self._count_unreadable(path)):
                    yield self._block_rows(block, path)

    def _block_rows(self, block: str, path: Path) -> list[str]:
        if self.preprocessor is None:
            records = _COMPACT_RECORD.findall(block)
            line_count = block.count("\n") + (not block.endswith("\n"))
            # When every line is a compact record, no line needs a closer look.
            if len(records) == line_count:
                rows = [
                    output_data + "," + input_data
                    for input_data, output_data, stamp in records
                    if self.window.contains_compact(stamp)
                ]
                self.record_count += len(rows)
                return rows
        rows = []
        # split("\n") rather than splitlines(), which would also cut at separators such as
        # U+2028 that JSON strings may contain unescaped.
        for line in block.split("\n"):
            if line.strip():
                rows += self._line_rows(line, path)
        return rows

    def _line_rows(self, line: str, path: Path) -> list[str]:
        if self.preprocessor is None:
            fast = _fast_record(line)
            if fast is not None:
                stamp, input_data, output_data = fast
                if not self.window.contains(stamp):
                    return []
                self.record_count += 1
                return [output_data + "," + input_data]
        try:
            record = json.loads(line)
            metadata = record.get("eventMetadata") or {}
            stamp = metadata.get("inferenceTime")
        except (json.JSONDecodeError, AttributeError):
            self._count_unreadable(path)
            return []
        if not isinstance(stamp, str) or not self.window.contains(stamp):
            return []
        if self.preprocessor is not None:
            self.record_count += 1
            return self._preprocessed_rows(record)
        try:
            rows = record_rows(record)
        except MalformedRecordError:
            # One record of the wrong shape is skipped like a line that is not JSON, rather
            # than failing the window's other records.
            self._count_unreadable(path)
            return []
        self.record_count += 1
        return rows

    def _preprocessed_rows(self, record: dict) -> list[str]:
        result = self.preprocessor(record)
        if not result:
            return []
        items = result if isinstance(result, list) else [result]
        rows = []
        for item in items:
            if isinstance(item, dict):
                # Keys are sorted, which is why documented preprocessors pad them with zfill.
                rows.append(csv_line([json_field_text(item[key]) for key in sorted(item)]))
            else:
                raise AnalyzerError(
                    f"The record preprocessor returned {type(item).__name__}, but "
                    "preprocess_handler must return a dict of column values or [] to drop a record."
                )
        return rows

    def _count_unreadable(self, path: Path) -> None:
        self.unreadable_count += 1
        if self.unreadable_count & (self.unreadable_count - 1) == 0:
            log.warning("Skipped %d capture lines that are not valid capture records so far "
                        "(last in %s)",
                        self.unreadable_count, path)


def _date_folder_period(parts: tuple[str, ...]) -> tuple[datetime, datetime] | None:
    """Return the period a yyyy[/mm[/dd[/hh]]] folder covers, or None for other folders.

    The date folders start below <endpoint>/<variant>, so an endpoint or variant whose name is
    four digits is never taken for a year.
    """
    for year_index, part in enumerate(parts):
        if year_index >= 2 and len(part) == 4 and part.isdigit():
            tail = parts[year_index + 1 :]
            if len(tail) <= 3 and all(len(item) == 2 and item.isdigit() for item in tail):
                break
    else:
        return None
    numbers = [int(part) for part in parts[year_index:]]
    try:
        if len(numbers) == 1:
            return (datetime(numbers[0], 1, 1, tzinfo=timezone.utc),
                    datetime(numbers[0] + 1, 1, 1, tzinfo=timezone.utc))
        if len(numbers) == 2:
            year, month = numbers
            following = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=timezone.utc)
            return datetime(year, month, 1, tzinfo=timezone.utc), following
        start = datetime(*numbers, tzinfo=timezone.utc)
    except ValueError:
        return None
    return start, start + (timedelta(days=1) if len(numbers) == 3 else timedelta(hours=1))


def _line_blocks(handle, on_skipped_line: Callable[[], None]) -> Iterator[str]:
    """Yield a text file's content in blocks of whole lines.

    A line longer than _MAX_LINE_CHARACTERS is dropped up to its line end, and
    ``on_skipped_line`` is called once for it.
    """
    # The pieces of a line that spans blocks are joined once, when its end arrives.
    pieces: list[str] = []
    pending = 0
    skipping = False
    while True:
        data = handle.read(_BLOCK_CHARACTERS)
        if not data:
            if pieces and not skipping:
                yield "".join(pieces)
            return
        if skipping:
            line_end = data.find("\n")
            if line_end < 0:
                continue
            data = data[line_end + 1 :]
            skipping = False
        cut = data.rfind("\n") + 1
        if cut == 0:
            pieces.append(data)
            pending += len(data)
            if pending > _MAX_LINE_CHARACTERS:
                pieces, pending, skipping = [], 0, True
                on_skipped_line()
            continue
        pieces.append(data[:cut])
        yield "".join(pieces)
        pieces = [data[cut:]]
        pending = len(pieces[0])


def _fast_record(line: str) -> tuple[str, str, str] | None:
    """Return (inferenceTime, input data, output data) of a compact CSV record, or None."""
    match = _COMPACT_RECORD.match(line)
    if match is None:
        return None
    input_data, output_data, stamp = match.groups()
    return stamp, input_data.rstrip("\r\n"), output_data.rstrip("\r\n")


class MalformedRecordError(ValueError):
    """A capture record that is valid JSON but not shaped like a capture record."""


def record_rows(record: dict) -> list[str]:
    """Return the CSV rows of one parsed capture record: output fields first, then input.

    Raises MalformedRecordError when captureData, a payload or its data has the wrong type.
    """
    capture = record.get("captureData") or {}
    if not isinstance(capture, dict):
        raise MalformedRecordError(f"captureData is a {type(capture).__name__}, not an object")
    output_rows = payload_rows(capture.get("endpointOutput"))
    input_rows = payload_rows(capture.get("endpointInput"))
    if not output_rows:
        return [csv_line(row) for row in input_rows]
    if not input_rows:
        return [csv_line(row) for row in output_rows]
    # NOTE: several lines in one request are assumed to be several rows, paired with the
    # response's lines. When the line counts differ, all lines of each side form one row.
    if len(output_rows) != len(input_rows):
        output_rows = [[field for row in output_rows for field in row]]
        input_rows = [[field for row in input_rows for field in row]]
    return [csv_line(output + inputs) for output, inputs in zip(output_rows, input_rows)]


def payload_rows(payload: dict | None) -> list[list[str | None]]:
    """Split one captured payload into rows of field texts."""
    if not payload:
        return []
    if not isinstance(payload, dict):
        raise MalformedRecordError(f"a payload is a {type(payload).__name__}, not an object")
    data = payload.get("data")
    if data is None:
        return []
    if not isinstance(data, str):
        raise MalformedRecordError(f"a payload's data is a {type(data).__name__}, not a string")
    encoding = str(payload.get("encoding", "CSV")).upper()
    if encoding == "BASE64":
        try:
            data = base64.b64decode(data).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return []
        encoding = "JSON" if "json" in str(payload.get("observedContentType", "")) else "CSV"
    if encoding == "JSON":
        try:
            value = json.loads(data, parse_float=str, parse_int=str)
        except json.JSONDecodeError:
            return []
        return [_flatten_json(value)]
    return [row for row in csv.reader(data.splitlines()) if row]


def _flatten_json(value) -> list[str | None]:
    """Flatten a JSON payload to its scalar values in document order."""
    if isinstance(value, dict):
        return [field for item in value.values() for field in _flatten_json(item)]
    if isinstance(value, list):
        return [field for item in value for field in _flatten_json(item)]
    return [json_field_text(value)]
