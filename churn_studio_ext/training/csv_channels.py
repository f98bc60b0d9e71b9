"""Read the CSV data channels of the built-in XGBoost algorithm.

The algorithm's CSV contract (SageMaker developer guide, "XGBoost algorithm", input formats): no
header line, the label in the first column, optionally instance weights in the second column
(`csv_weights=1`), and numeric cells only. A channel is one file or a folder; a folder's files
are read in sorted path order, subfolders included, as SageMaker copies an S3 prefix.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import ChannelDataError

BINARY_OBJECTIVES = ("binary:logistic", "binary:logitraw", "binary:hinge")
MULTI_CLASS_OBJECTIVES = ("multi:softmax", "multi:softprob")


@dataclass(frozen=True)
class ChannelData:
    """The rows of one channel as arrays; `sources[i]` is the file and 1-based line of row i."""

    channel: str
    labels: np.ndarray
    features: np.ndarray
    weights: np.ndarray | None
    sources: tuple[tuple[str, int], ...]

    @property
    def row_count(self) -> int:
        return len(self.labels)

    @property
    def feature_count(self) -> int:
        return self.features.shape[1]


def list_channel_files(channel: str, path: str | Path) -> list[Path]:
    """Return the data files of a channel: the file itself, or the files under the folder.

    Hidden files (names starting with `.`) are skipped, so a folder may hold `.DS_Store` or
    similar without failing the job.
    """
    location = Path(path)
    if location.is_file():
        return [location]
    if not location.is_dir():
        raise ChannelDataError(
            f"Channel {channel!r}: the data path {str(location)!r} does not exist. Check the "
            "channel's S3Uri or local path."
        )
    files = sorted(
        candidate
        for candidate in location.rglob("*")
        if candidate.is_file()
        and not any(part.startswith(".") for part in candidate.relative_to(location).parts)
    )
    if not files:
        raise ChannelDataError(
            f"Channel {channel!r}: the folder {str(location)!r} contains no data files. Upload "
            "at least one CSV file to it."
        )
    return files


def load_csv_channel(channel: str, path: str | Path, *, csv_weights: bool = False) -> ChannelData:
    """Read every CSV row of a channel into label, feature and weight arrays.

    Empty feature cells become NaN, which xgboost treats as missing. An empty or non-numeric
    label or weight, a non-numeric feature cell, or rows of different widths raise
    ChannelDataError naming the file, the 1-based row and column.
    """
    blocks: list[np.ndarray] = []
    sources: list[tuple[str, int]] = []
    width = None
    for file_path in list_channel_files(channel, path):
        block = _load_plain_file(file_path, csv_weights, width)
        if block is not None:
            blocks.append(block)
            sources.extend((file_path.name, line) for line in range(1, len(block) + 1))
            width = block.shape[1]
            continue

        # The row parser accepts what the fast path leaves out (quoted cells, empty feature
        # cells, blank lines) and words the error for the first invalid row.
        rows: list[list[float]] = []
        try:
            width = _read_file_rows(channel, file_path, csv_weights, width, rows, sources)
        except (UnicodeDecodeError, csv.Error) as error:
            raise ChannelDataError(
                f"Channel {channel!r}, file {file_path.name!r}: cannot read it as UTF-8 CSV text "
                f"({error}). Upload the data as CSV, or remove the file from the channel."
            ) from None
        if rows:
            blocks.append(np.asarray(rows, dtype=np.float64))

    if not blocks:
        raise ChannelDataError(
            f"Channel {channel!r}: the files under {str(path)!r} contain no rows. Add CSV rows "
            "with the label in the first column."
        )

    table = blocks[0] if len(blocks) == 1 else np.concatenate(blocks)
    first_feature = 2 if csv_weights else 1
    return ChannelData(
        channel=channel,
        labels=table[:, 0],
        features=table[:, first_feature:],
        weights=table[:, 1] if csv_weights else None,
        sources=tuple(sources),
    )


def _load_plain_file(file_path, csv_weights, width) -> np.ndarray | None:
    """Parse a file of plain numeric rows with ``numpy.loadtxt``, or return None.

    None means the row parser must read the file. That is the case when the file is not UTF-8
    or has quotes, underscores, NUL bytes, blank lines or empty cells. It is also the case when
    its rows differ in width from each other or from ``width``, or when a label or weight is not
    a finite number. A file this path accepts gives the same values as the row parser, with
    row i on line i. test_fast_path_matches_row_parser compares the two paths.
    """
    try:
        text = file_path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if not text or any(marker in text for marker in ('"', "_", "\x00")):
        return None
    # Split as the csv module does, on "\n", "\r\n" and a lone "\r", so row i is on line i.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()
    if not lines or not all(line.strip() for line in lines):
        return None
    try:
        table = np.loadtxt(
            lines, dtype=np.float64, delimiter=",", comments=None, ndmin=2, encoding=None
        )
    except ValueError:
        return None

    minimum = 3 if csv_weights else 2
    if table.shape[0] != len(lines) or table.shape[1] < minimum:
        return None
    if width is not None and table.shape[1] != width:
        return None
    required = table[:, :2] if csv_weights else table[:, :1]
    if not np.isfinite(required).all():
        return None
    return table


def _read_file_rows(channel, file_path, csv_weights, width, rows, sources) -> int | None:
    """Append the parsed rows of one file to `rows` and `sources`; return the row width."""
    with open(file_path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        previous_end = 0
        for row in reader:
            # A quoted cell may span lines, so a row starts after the previous row's end.
            line = previous_end + 1
            previous_end = reader.line_num
            if not row:
                continue
            width = _check_width(channel, file_path, line, row, width, csv_weights)
            rows.append(_parse_row(channel, file_path, line, row, csv_weights))
            sources.append((file_path.name, line))
    return width


def _check_width(channel, file_path, line, row, width, csv_weights) -> int:
    minimum = 3 if csv_weights else 2
    if len(row) < minimum:
        layout = "label, weight and at least one feature" if csv_weights else (
            "label and at least one feature"
        )
        raise ChannelDataError(
            f"Channel {channel!r}, file {file_path.name!r}, row {line}: found {len(row)} "
            f"column(s), but each row needs the {layout}."
        )
    if width is not None and len(row) != width:
        raise ChannelDataError(
            f"Channel {channel!r}, file {file_path.name!r}, row {line}: found {len(row)} "
            f"columns, but earlier rows have {width}. Every row needs the same columns."
        )
    return len(row)


def _parse_row(channel, file_path, line, row, csv_weights) -> list[float]:
    values = []
    for index, cell in enumerate(row):
        text = cell.strip()
        required = index == 0 or (csv_weights and index == 1)
        if not text and not required:
            values.append(math.nan)
            continue
        try:
            if "_" in text:
                raise ValueError(text)
            value = float(text)
        except ValueError:
            raise ChannelDataError(_bad_cell_message(channel, file_path, line, index, cell)) from None
        if required and not math.isfinite(value):
            raise ChannelDataError(_bad_cell_message(channel, file_path, line, index, cell))
        values.append(value)
    return values


def _bad_cell_message(channel, file_path, line, index, cell) -> str:
    role = "label" if index == 0 else "cell"
    message = (
        f"Channel {channel!r}, file {file_path.name!r}, row {line}, column {index + 1}: the "
        f"{role} {cell!r} is not a number. The built-in XGBoost algorithm reads CSV without a "
        "header, with numbers only and the label in column 1."
    )
    if line == 1:
        message += " If row 1 is a header line, remove it."
    return message


def check_labels(data: ChannelData, objective: str, num_class: int | None) -> None:
    """Reject labels the objective cannot use: binary labels must be 0 or 1, multi-class labels
    whole numbers in [0, num_class), reg:logistic labels in [0, 1]."""
    labels = data.labels
    if objective in BINARY_OBJECTIVES:
        bad = (labels != 0) & (labels != 1)
        expected = "0 or 1"
    elif objective in MULTI_CLASS_OBJECTIVES:
        bad = (labels < 0) | (labels >= num_class) | (labels != np.floor(labels))
        expected = f"a whole number from 0 to {num_class - 1} (num_class is {num_class})"
    elif objective == "reg:logistic":
        bad = (labels < 0) | (labels > 1)
        expected = "in [0, 1]"
    else:
        return

    positions = np.flatnonzero(bad)
    if positions.size == 0:
        return
    first = int(positions[0])
    file_name, line = data.sources[first]
    raise ChannelDataError(
        f"Channel {data.channel!r}, file {file_name!r}, row {line}: the label "
        f"{_format_label(labels[first])} is invalid for objective {objective!r}; expected "
        f"{expected}. {positions.size} row(s) of this channel have such labels."
    )


def _format_label(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))
