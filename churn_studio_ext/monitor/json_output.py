"""Write report files the way the analyzer's Jackson printer does.

The analyzer's files are pretty-printed with `"key" : value`, two-space indents, arrays opened
inline (`[ {`), and every number as a Java double (`24.0`, `1.0E-4`). Readers only need the key
names and nesting, but matching the layout keeps files diffable against real ones.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from decimal import Decimal
from pathlib import Path

import numpy as np


def java_double(value: float) -> str:
    """Format a number as Java's `Double.toString` does, for the usual ranges."""
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    magnitude = abs(value)
    if 1e-3 <= magnitude < 1e7:
        text = repr(value)
        return text if ("." in text or "e" in text) else text + ".0"
    # Java switches to scientific notation outside [1e-3, 1e7): 1.0E-4, 1.2345678E7. The digits
    # are Python's shortest round-trip digits, which Java's output matches for such values.
    sign, digits, exponent = Decimal(repr(value)).normalize().as_tuple()
    text = "".join(str(digit) for digit in digits)
    mantissa = text[0] + "." + (text[1:] or "0")
    return f"{'-' if sign else ''}{mantissa}E{len(text) - 1 + exponent}"


def _float_texts(values: list[float]) -> list[str]:
    """Format floats as java_double does. Python's repr already agrees inside [1e-3, 1e7)."""
    texts = list(map(repr, values))
    magnitudes = np.abs(np.asarray(values))
    outside = ~(((magnitudes >= 1e-3) & (magnitudes < 1e7)) | (magnitudes == 0))
    for index in np.flatnonzero(outside).tolist():
        texts[index] = java_double(values[index])
    return texts


def dumps(document) -> str:
    """Serialize a document of dicts, lists, strings, booleans and numbers."""
    parts: list[str] = []
    _write(document, 0, parts)
    return "".join(parts)


def _write(value, depth: int, parts: list[str]) -> None:
    if isinstance(value, dict):
        if not value:
            parts.append("{ }")
            return
        indent = "  " * (depth + 1)
        parts.append("{\n")
        for index, (key, item) in enumerate(value.items()):
            parts.append(f"{indent}{json.dumps(key, ensure_ascii=False)} : ")
            _write(item, depth + 1, parts)
            parts.append(",\n" if index < len(value) - 1 else "\n")
        parts.append("  " * depth + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            parts.append("[ ]")
            return
        if all(type(item) is float for item in value):
            # Sketch levels hold thousands of numbers, so they are formatted in one pass.
            parts.append("[ " + ", ".join(_float_texts(value)) + " ]")
            return
        parts.append("[ ")
        for index, item in enumerate(value):
            _write(item, depth, parts)
            if index < len(value) - 1:
                parts.append(", ")
        parts.append(" ]")
    elif isinstance(value, bool):
        parts.append("true" if value else "false")
    elif isinstance(value, str):
        parts.append(json.dumps(value, ensure_ascii=False))
    elif value is None:
        parts.append("null")
    else:
        parts.append(java_double(value))


def write_report(path: Path, document) -> None:
    """Write a report file atomically, so a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(dumps(document))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_report(path: Path):
    """Read a report file. Python's json accepts the bare NaN that Jackson writes."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)
