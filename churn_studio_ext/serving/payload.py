"""Request parsing and response formatting of the model server.

Requests:
- ``text/csv``: one row per line, values separated by commas, no header, no label column. A
  trailing line break is optional and ``\\r\\n`` line ends are accepted. An empty value is a
  missing value (NaN), which XGBoost routes down each tree's default branch.
- ``application/json``: ``{"instances": [[...], ...]}``, ``{"instances": [{"features": [...]},
  ...]}`` (the built-in algorithms' JSON request), a list of rows ``[[...], ...]``, or one row
  as a flat list ``[...]``. ``null`` is a missing value.
- In both, an infinite value or one beyond the float32 range gets a 400, as XGBoost's DMatrix
  rejects it.

Responses:
- ``text/csv``: one prediction per line without a trailing line break. A model with several
  outputs per row (multi-class) writes them comma-separated on the row's line.
- ``application/json``: ``{"predictions": [{"score": p}, ...]}``, or ``{"scores": [...]}`` per
  row for several outputs.

Values are printed as Python's shortest repr of the float32 prediction widened to float64, such
as ``0.0254181120544672``.
"""

from __future__ import annotations

import json
import math

import numpy as np

CSV_TYPE = "text/csv"
JSON_TYPE = "application/json"
CSV_RESPONSE_TYPE = "text/csv; charset=utf-8"
JSON_RESPONSE_TYPE = "application/json"

# The maximum request body of InvokeEndpoint: 6 MiB.
MAX_BODY_BYTES = 6 * 1024 * 1024
# Features are float32, as in XGBoost's DMatrix.
FLOAT32_MAX = float(np.finfo(np.float32).max)


class PayloadError(Exception):
    """A request the model server rejects, with the HTTP status of the response and a message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def media_type(content_type: str | None) -> str:
    """Return the media type of a Content-Type or Accept value, lower case, without parameters."""
    if not content_type:
        return ""
    return content_type.split(";", 1)[0].strip().lower()


def parse_rows(body: bytes, content_type: str | None, feature_count: int) -> np.ndarray:
    """Parse a request body into a float32 matrix of shape (rows, ``feature_count``).

    Raises PayloadError 415 for an unsupported content type and 400 for a malformed row, naming
    the row (1-based) and the problem.
    """
    kind = media_type(content_type)
    if kind == CSV_TYPE:
        return _reject_infinite(_parse_csv(body, feature_count), "CSV")
    if kind == JSON_TYPE:
        return _reject_infinite(_parse_json(body, feature_count), "JSON")
    raise PayloadError(
        415,
        f"Unsupported Content-Type {content_type!r}. Send text/csv (one row per line) or "
        'application/json ({"instances": [[...], ...]}).',
    )


def response_type(accept: str | None, request_content_type: str | None) -> str:
    """Choose the response Content-Type from Accept, defaulting to the request's format.

    Raises PayloadError 406 when Accept names only types the server cannot produce.
    """
    request_kind = media_type(request_content_type)
    default = JSON_RESPONSE_TYPE if request_kind == JSON_TYPE else CSV_RESPONSE_TYPE
    if not accept:
        return default
    for candidate in accept.split(","):
        kind = media_type(candidate)
        if kind == CSV_TYPE:
            return CSV_RESPONSE_TYPE
        if kind == JSON_TYPE:
            return JSON_RESPONSE_TYPE
        if kind in ("*/*", "text/*", "application/*", ""):
            return default
    raise PayloadError(
        406,
        f"Unsupported Accept {accept!r}. The model server returns text/csv or application/json.",
    )


def format_predictions(predictions: np.ndarray, content_type: str) -> bytes:
    """Write predictions as the body of a response of ``content_type``."""
    values = predictions.astype(np.float64).tolist()
    if content_type == JSON_RESPONSE_TYPE:
        if predictions.ndim == 1:
            rows = [{"score": value} for value in values]
        else:
            rows = [{"scores": row} for row in values]
        return json.dumps({"predictions": rows}, separators=(",", ":")).encode()

    if predictions.ndim == 1:
        return "\n".join(map(repr, values)).encode()
    return "\n".join(",".join(map(repr, row)) for row in values).encode()


def _reject_infinite(matrix: np.ndarray, kind: str) -> np.ndarray:
    # XGBoost's DMatrix, which SageMaker's XGBoost container builds from a request, rejects
    # infinite values, but Booster.inplace_predict would route them down the trees unchecked.
    # A value beyond the float32 range ("1e39") becomes infinite when parsed.
    infinite = np.isinf(matrix)
    if not infinite.any():
        return matrix
    row, column = np.argwhere(infinite)[0]
    raise PayloadError(
        400,
        f"{kind} row {row + 1}, column {column + 1}: {matrix[row, column]} is infinite or "
        f"beyond the float32 range (about ±{FLOAT32_MAX:.1e}), and XGBoost rejects infinite "
        "features. Send a finite number, or an empty value (null in JSON) for a missing one.",
    )


def _parse_csv(body: bytes, feature_count: int) -> np.ndarray:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PayloadError(
            400, f"The CSV body is not valid UTF-8 (byte {error.start}). Send UTF-8 text."
        ) from None

    # Fast path: one row, the common single-prediction request.
    if "\n" not in text and "\r" not in text:
        if not text:
            raise PayloadError(400, "The CSV body is empty. Send at least one row of features.")
        return _csv_row(text, 1, feature_count).reshape(1, feature_count)

    lines = text.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise PayloadError(400, "The CSV body is empty. Send at least one row of features.")

    matrix = np.empty((len(lines), feature_count), dtype=np.float32)
    for index, line in enumerate(lines):
        matrix[index] = _csv_row(line, index + 1, feature_count)
    return matrix


def _csv_row(line: str, row_number: int, feature_count: int) -> np.ndarray:
    fields = line.split(",")
    if len(fields) != feature_count and not line.strip():
        raise PayloadError(
            400,
            f"CSV row {row_number} is empty. Remove blank lines between rows, and send a "
            "missing value as an empty field between commas.",
        )
    if len(fields) != feature_count:
        raise PayloadError(
            400,
            f"CSV row {row_number} has {len(fields)} values, but the model expects "
            f"{feature_count} features. Send the features only, without the label column.",
        )
    try:
        return np.array([float(field) if field.strip() else math.nan for field in fields],
                        dtype=np.float32)
    except ValueError:
        pass

    for column, field in enumerate(fields, start=1):
        if not field.strip():
            continue
        try:
            float(field)
        except ValueError:
            raise PayloadError(
                400,
                f"CSV row {row_number}, column {column}: {field[:40]!r} is not a number. "
                "Send numeric features only, without a header line.",
            ) from None
    raise AssertionError("unreachable: some field failed to parse")


def _parse_json(body: bytes, feature_count: int) -> np.ndarray:
    try:
        document = json.loads(body)
    except (UnicodeDecodeError, ValueError) as error:
        raise PayloadError(400, f"The JSON body is not valid JSON: {error}.") from None
    except RecursionError:
        raise PayloadError(
            400, "The JSON body is nested too deeply to parse. Send "
            '{"instances": [[...], ...]} with one flat list of numbers per row.',
        ) from None

    if isinstance(document, dict):
        if "instances" not in document:
            raise PayloadError(
                400,
                "The JSON object has no 'instances' member. Send "
                '{"instances": [[...], ...]} with one list of features per row.',
            )
        rows = document["instances"]
    else:
        rows = document

    if not isinstance(rows, list) or not rows:
        raise PayloadError(
            400, "The JSON instances must be a non-empty list of rows (lists of numbers)."
        )
    if not isinstance(rows[0], (list, dict)):
        rows = [rows]

    matrix = np.empty((len(rows), feature_count), dtype=np.float32)
    for index, row in enumerate(rows):
        matrix[index] = _json_row(row, index + 1, feature_count)
    return matrix


def _json_row(row, row_number: int, feature_count: int) -> list[float]:
    if isinstance(row, dict):
        if "features" not in row:
            raise PayloadError(
                400,
                f"JSON row {row_number} is an object without a 'features' member. Send a "
                'list of numbers or {"features": [...]}.',
            )
        row = row["features"]
    if not isinstance(row, list):
        raise PayloadError(
            400, f"JSON row {row_number} is {type(row).__name__}, not a list of numbers."
        )
    if len(row) != feature_count:
        raise PayloadError(
            400,
            f"JSON row {row_number} has {len(row)} values, but the model expects "
            f"{feature_count} features. Send the features only, without the label.",
        )

    values = []
    for column, value in enumerate(row, start=1):
        if value is None:
            values.append(math.nan)
        elif isinstance(value, float) or (
            # An integer beyond the float32 range cannot fill the matrix (OverflowError).
            isinstance(value, int) and not isinstance(value, bool)
            and -FLOAT32_MAX <= value <= FLOAT32_MAX
        ):
            values.append(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            raise PayloadError(
                400,
                f"JSON row {row_number}, column {column}: {str(value)[:40]} is beyond the "
                f"float32 range (about ±{FLOAT32_MAX:.1e}). Send a finite number in that range.",
            )
        else:
            raise PayloadError(
                400,
                f"JSON row {row_number}, column {column}: {json.dumps(value)[:40]} is not a "
                "number. Send numbers or null for a missing value.",
            )
    return values
