"""Request serializers and response deserializers for ``Predictor``, named as in SDK v2.

A serializer turns the ``data`` given to ``Predictor.predict`` into the InvokeEndpoint body and
names its ``CONTENT_TYPE``. A deserializer turns the response body back into Python values and
names the content types it accepts in ``ACCEPT``. The classes match ``sagemaker.serializers`` and
``sagemaker.deserializers`` of SDK v2 in their arguments and results for the inputs the tour
uses: CSV text rows, lists and NumPy arrays.
"""

from __future__ import annotations

import csv
import io
import json


class _Serializer:
    """Base of the serializers, which store the content type that SDK v2 names CONTENT_TYPE."""

    def __init__(self, content_type):
        self.content_type = content_type

    @property
    def CONTENT_TYPE(self):  # noqa: N802 - SDK v2's attribute name
        return self.content_type


class IdentitySerializer(_Serializer):
    """Serializer that sends ``data`` (bytes or text) unchanged, under the caller's content type."""

    def __init__(self, content_type="application/octet-stream"):
        super().__init__(content_type)

    def serialize(self, data):
        return data


class CSVSerializer(_Serializer):
    """Serializer of ``data`` as CSV text: one line per row, values joined by commas.

    A string is sent as it is, so a row read from a CSV file keeps its exact digits. A flat
    list, tuple or 1-D array becomes one line. A list of rows or a 2-D array becomes one line
    per row. A file-like object is read whole.
    """

    def __init__(self, content_type="text/csv"):
        super().__init__(content_type)

    def serialize(self, data):
        if hasattr(data, "read"):
            return data.read()
        if isinstance(data, (str, bytes)):
            return data
        if hasattr(data, "tolist"):
            data = data.tolist()
        if isinstance(data, dict):
            raise ValueError(
                f"Cannot send {type(data).__name__} {data!r} as CSV: pass a row (a list of "
                "values), a list of rows, or a CSV string."
            )
        rows = list(data)
        if not rows:
            raise ValueError("Cannot send an empty list as CSV: pass at least one value.")
        if all(_is_sequence(row) for row in rows):
            return "\n".join(_csv_line(row) for row in rows)
        return _csv_line(rows)


class JSONSerializer(_Serializer):
    """Serializer of ``data`` as JSON text, with NumPy arrays as nested lists."""

    def __init__(self, content_type="application/json"):
        super().__init__(content_type)

    def serialize(self, data):
        if hasattr(data, "read"):
            return data.read()
        if isinstance(data, str):
            return data
        if hasattr(data, "tolist"):
            data = data.tolist()
        return json.dumps(data)


class BytesDeserializer:
    """Deserializer that returns the response body as bytes and accepts any content type."""

    def __init__(self, accept="*/*"):
        self.accept = accept

    @property
    def ACCEPT(self):  # noqa: N802 - SDK v2's attribute name
        return (self.accept,) if isinstance(self.accept, str) else tuple(self.accept)

    def deserialize(self, stream, content_type=None):
        try:
            return stream.read()
        finally:
            stream.close()


class StringDeserializer(BytesDeserializer):
    """Deserializer that returns the response body decoded as text."""

    def __init__(self, encoding="UTF-8", accept="application/json"):
        super().__init__(accept)
        self.encoding = encoding

    def deserialize(self, stream, content_type=None):
        return super().deserialize(stream, content_type).decode(self.encoding)


class CSVDeserializer(BytesDeserializer):
    """Deserializer that returns the response body as a list of rows, each a list of strings."""

    def __init__(self, encoding="utf-8", accept="text/csv"):
        super().__init__(accept)
        self.encoding = encoding

    def deserialize(self, stream, content_type=None):
        text = super().deserialize(stream, content_type).decode(self.encoding)
        return list(csv.reader(io.StringIO(text)))


class JSONDeserializer(BytesDeserializer):
    """Deserializer that returns the response body parsed as JSON."""

    def __init__(self, accept="application/json"):
        super().__init__(accept)

    def deserialize(self, stream, content_type=None):
        return json.loads(super().deserialize(stream, content_type).decode("utf-8"))


def _is_sequence(value) -> bool:
    return hasattr(value, "__len__") and not isinstance(value, (str, bytes))


def _csv_line(row) -> str:
    if hasattr(row, "tolist"):
        row = row.tolist()
    return ",".join(str(value) for value in row)
