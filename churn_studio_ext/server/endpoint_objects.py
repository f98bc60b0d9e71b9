"""Read sample rows for the test form: a channel's first line, or the latest captured request.

The local backend reads its object store under the studio home. The aws backend reads S3 with
the server's ``s3`` client.
"""

import json
import logging

from botocore.exceptions import BotoCoreError, ClientError

log = logging.getLogger(__name__)

# Bytes read from the start of a data file to find its first line. The tour's rows have about
# 300 characters.
FIRST_LINE_BYTES = 64 * 1024


def object_reader(backend: str, home, s3_client):
    if backend == "local":
        return LocalObjects(home)
    return S3Objects(s3_client)


def first_nonempty_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def captured_input(record_line: str) -> dict | None:
    """Return the request of one data capture JSON line when it was captured as CSV or JSON text."""
    try:
        record = json.loads(record_line)
    except json.JSONDecodeError:
        return None
    request = (record.get("captureData") or {}).get("endpointInput") or {}
    if request.get("encoding") not in ("CSV", "JSON") or "data" not in request:
        return None
    return {"data": request["data"], "contentType": request.get("observedContentType")}


class LocalObjects:
    """Objects of the local backend's store."""

    def __init__(self, home):
        from churn_studio_ext.local.objects import ObjectStore

        self.store = ObjectStore(home)

    def first_line(self, uri: str) -> str | None:
        for stored in self.store.list_prefix(uri):
            if stored.path.name.startswith("."):
                continue
            with open(stored.path, encoding="utf-8", errors="replace") as file:
                line = first_nonempty_line(file.read(FIRST_LINE_BYTES))
            if line is not None:
                return line
        return None

    def latest_captured_input(self, prefix: str) -> dict | None:
        files = [stored for stored in self.store.list_prefix(prefix) if stored.path.suffix == ".jsonl"]
        # Capture keys start with the UTC date and hour, then the minute and second, so the
        # greatest key of a variant is its newest file.
        for stored in sorted(files, key=lambda item: item.relative_path, reverse=True):
            lines = stored.path.read_text(encoding="utf-8", errors="replace").splitlines()
            for line in reversed(lines):
                request = captured_input(line)
                if request is not None:
                    return {**request, "uri": prefix + stored.relative_path}
        return None


class S3Objects:
    """Objects in S3."""

    def __init__(self, client):
        self.client = client

    def _keys(self, uri: str) -> tuple[str, list[str]]:
        bucket, _, prefix = uri[len("s3://"):].partition("/")
        keys = []
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            keys.extend(item["Key"] for item in page.get("Contents", []))
        return bucket, sorted(keys)

    def first_line(self, uri: str) -> str | None:
        # NOTE: no test runs this S3 path, because the moto tests deploy without a training job.
        try:
            bucket, keys = self._keys(uri)
            for key in keys:
                body = self.client.get_object(Bucket=bucket, Key=key, Range=f"bytes=0-{FIRST_LINE_BYTES - 1}")["Body"]
                line = first_nonempty_line(body.read().decode("utf-8", "replace"))
                if line is not None:
                    return line
        except (BotoCoreError, ClientError) as error:
            log.warning("Reading the first line under %s failed: %s", uri, error)
        return None

    def latest_captured_input(self, prefix: str) -> dict | None:
        try:
            bucket, keys = self._keys(prefix)
            for key in reversed([key for key in keys if key.endswith(".jsonl")]):
                text = self.client.get_object(Bucket=bucket, Key=key)["Body"].read().decode("utf-8", "replace")
                for line in reversed(text.splitlines()):
                    request = captured_input(line)
                    if request is not None:
                        return {**request, "uri": f"s3://{bucket}/{key}"}
        except (BotoCoreError, ClientError) as error:
            log.warning("Reading the data capture under %s failed: %s", prefix, error)
        return None
