"""Read a baseline data set (CSV with or without header, or JSON lines) in chunks of rows."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

from .chunks import ParsedChunk, parse_csv_rows, parse_field_rows
from .errors import AnalyzerError

CHUNK_ROWS = 10_000
# "utf-8-sig" also reads plain UTF-8 and drops the byte order mark that spreadsheet programs
# put at the start of exported files, which would otherwise end up in the first column's name.
TEXT_ENCODING = "utf-8-sig"


def not_utf8_error(path: Path, error: UnicodeDecodeError) -> AnalyzerError:
    """Return the error for a data file that is not UTF-8 text."""
    return AnalyzerError(
        f"{path} is not UTF-8 text ({error}). Save the data set as UTF-8 and run the job again."
    )


def list_data_files(source: Path) -> list[Path]:
    """Return the files of a data set folder (recursively, sorted), or the file itself."""
    if source.is_file():
        return [source]
    if not source.is_dir():
        raise AnalyzerError(
            f"dataset_source {source} does not exist. Point it at the data set folder."
        )
    return sorted(
        path
        for path in source.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(source).parts)
    )


class CsvDataset:
    """A CSV data set. Without a header, columns are named `_c0`, `_c1`, ... as Spark names them."""

    def __init__(self, files: list[Path], header: bool):
        self.files = files
        self.header = header
        self.names: list[str] = []
        if header:
            for path in files:
                try:
                    with open(path, encoding=TEXT_ENCODING, newline="") as handle:
                        first = handle.readline().rstrip("\r\n")
                except UnicodeDecodeError as error:
                    raise not_utf8_error(path, error) from error
                if first:
                    self.names = next(csv.reader([first]))
                    break

    def chunks(self) -> Iterator[ParsedChunk]:
        rows: list[str] = []
        for path in self.files:
            try:
                with open(path, encoding=TEXT_ENCODING, newline="") as handle:
                    if self.header:
                        handle.readline()
                    for line in handle:
                        line = line.rstrip("\r\n")
                        # Spark's CSV reader skips blank lines.
                        if line:
                            rows.append(line)
                        if len(rows) >= CHUNK_ROWS:
                            yield self._parse(rows)
                            rows = []
            except UnicodeDecodeError as error:
                raise not_utf8_error(path, error) from error
        if rows:
            yield self._parse(rows)

    def _parse(self, rows: list[str]) -> ParsedChunk:
        chunk = parse_csv_rows(rows)
        for index in range(len(self.names), chunk.column_count):
            self.names.append(f"_c{index}")
        return chunk


class JsonDataset:
    """A JSON data set: one object per line, or one array of objects per file.

    Columns are the top-level keys in order of first appearance. Numbers keep their text, so
    `3` stays Integral and `3.0` Fractional; nested values become their JSON text.
    """

    def __init__(self, files: list[Path], lines: bool):
        self.files = files
        self.lines = lines
        self.names: list[str] = []
        self._positions: dict[str, int] = {}

    def chunks(self) -> Iterator[ParsedChunk]:
        rows: list[list[str | None]] = []
        for record in self._records():
            rows.append(self._row(record))
            if len(rows) >= CHUNK_ROWS:
                yield parse_field_rows(rows)
                rows = []
        if rows:
            yield parse_field_rows(rows)

    def _records(self) -> Iterator[dict]:
        for path in self.files:
            try:
                yield from self._file_records(path)
            except UnicodeDecodeError as error:
                raise not_utf8_error(path, error) from error

    def _file_records(self, path: Path) -> Iterator[dict]:
        with open(path, encoding=TEXT_ENCODING) as handle:
            if not self.lines:
                try:
                    content = json.load(handle, parse_float=str, parse_int=str)
                except json.JSONDecodeError as error:
                    raise AnalyzerError(
                        f"{path} is not valid JSON ({error}), and dataset_format expects one "
                        'JSON document per file. Fix the file, or set {"json": {"lines": true}} '
                        "for one object per line."
                    ) from error
                yield from (content if isinstance(content, list) else [content])
                return
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    yield json.loads(line, parse_float=str, parse_int=str)
                except json.JSONDecodeError as error:
                    raise AnalyzerError(
                        f"Line {number} of {path} is not valid JSON ({error}). The data set "
                        "format is JSON lines, one object per line."
                    ) from error

    def _row(self, record) -> list[str | None]:
        if not isinstance(record, dict):
            record = {"_c0": record}
        row: list[str | None] = [None] * len(self.names)
        for key, value in record.items():
            position = self._positions.get(key)
            if position is None:
                position = self._positions[key] = len(self.names)
                self.names.append(key)
                row.append(None)
            row[position] = json_field_text(value)
        return row


def json_field_text(value) -> str | None:
    """Return the text a JSON value contributes as a field (None for null)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value, separators=(",", ":"))


def csv_line(fields: list[str | None]) -> str:
    """Join fields into one CSV line, quoting only where a field needs it."""
    if all(field is None or not any(mark in field for mark in ',"\r\n') for field in fields):
        return ",".join(field or "" for field in fields)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="")
    writer.writerow(["" if field is None else field for field in fields])
    return buffer.getvalue()
