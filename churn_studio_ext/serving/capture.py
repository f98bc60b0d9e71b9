"""Data capture: SageMaker's JSON-lines records of sampled requests and responses.

Files land in ``<destination>/<endpoint>/<variant>/yyyy/mm/dd/hh/<mm>-<ss>-<mmm>-<uuid4>.jsonl``,
where the hour folder is the UTC hour of the inference and the name carries the minute, second
and millisecond of the file's first record. One record per line, written compactly::

    {"captureData":{"endpointInput":{"observedContentType":"text/csv","mode":"INPUT",
    "data":"1,2","encoding":"CSV"},"endpointOutput":{...,"mode":"OUTPUT",...}},
    "eventMetadata":{"eventId":"<uuid4>","inferenceId":"...","inferenceTime":
    "2022-04-18T00:21:48Z"},"eventVersion":"0"}

``encoding`` is ``CSV`` or ``JSON`` when the media type is in the config's CSV or JSON content
type lists (the data is then the payload text as sent), else ``BASE64`` with the payload in
base64. ``inferenceId`` and ``customAttributes`` appear only when the caller sent them.

Inference threads only enqueue; one background thread writes. The queue is bounded, so a slow
disk drops records (counted and logged) instead of slowing or failing inferences. Each batch
rewrites the current file under a temporary name and renames it, so a reader never sees a
partial line. ``close()`` writes what is queued.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import queue
import random
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from .payload import media_type

log = logging.getLogger(__name__)

# The maximum number of records waiting for the writer. Records beyond it are dropped.
QUEUE_CAPACITY = 10_000
# A file is closed and a new one started above this size or when the UTC hour changes.
MAX_FILE_BYTES = 256 * 1024
# The writer waits this long after a record for more before it writes, to batch bursts.
BATCH_SECONDS = 0.05
# Files are written under this prefix and then renamed, and the object store skips such names.
PARTIAL_PREFIX = ".partial-"


@dataclass(frozen=True)
class CaptureSettings:
    """An endpoint's DataCaptureConfig, resolved for one variant."""

    folder: Path  # <destination as a local path>/<endpoint>/<variant>
    sampling_percentage: int
    capture_input: bool
    capture_output: bool
    csv_types: frozenset[str]
    json_types: frozenset[str]

    @classmethod
    def from_config(cls, config: dict, destination: Path, endpoint: str, variant: str):
        modes = {option["CaptureMode"] for option in config.get("CaptureOptions", [])}
        headers = config.get("CaptureContentTypeHeader", {})
        return cls(
            folder=destination / endpoint / variant,
            sampling_percentage=config.get("InitialSamplingPercentage", 0),
            capture_input=bool(modes & {"Input", "InputAndOutput"}),
            capture_output=bool(modes & {"Output", "InputAndOutput"}),
            csv_types=frozenset(media_type(t) for t in headers.get("CsvContentTypes", [])),
            json_types=frozenset(media_type(t) for t in headers.get("JsonContentTypes", [])),
        )


class CaptureWriter:
    """The sampling and background writing of one endpoint variant's capture records."""

    def __init__(self, settings: CaptureSettings):
        self.settings = settings
        self.dropped = 0
        self.written = 0
        self._queue: queue.Queue = queue.Queue(maxsize=QUEUE_CAPACITY)
        self._file: _CaptureFile | None = None
        self._thread = threading.Thread(target=self._run, name="capture-writer", daemon=True)
        self._thread.start()

    def sampled(self) -> bool:
        """Draw whether the next request is captured, by the sampling percentage."""
        percentage = self.settings.sampling_percentage
        return percentage >= 100 or random.random() * 100 < percentage

    def capture(
        self,
        request_body: bytes,
        request_type: str,
        response_body: bytes,
        response_type: str,
        inference_id: str | None,
        custom_attributes: str | None,
    ) -> None:
        """Queue one record without blocking, or drop it and count it when the queue is full."""
        event = (
            time.time(),
            request_body,
            request_type,
            response_body,
            response_type,
            inference_id,
            custom_attributes,
        )
        try:
            self._queue.put_nowait(event)
        except queue.Full:
            self.dropped += 1
            # Powers of two keep the log short under sustained overload.
            if self.dropped & (self.dropped - 1) == 0:
                log.warning(
                    "Capture queue full (%d records), dropped %d records so far in %s",
                    QUEUE_CAPACITY,
                    self.dropped,
                    self.settings.folder,
                )

    def close(self, timeout: float = 10.0) -> None:
        """Write every queued record and stop the writer thread."""
        self._queue.put(None)
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.error(
                "Capture writer did not finish within %.1f s, so records may be lost", timeout
            )

    def record_line(self, event: tuple) -> bytes:
        """Build the JSON line of one queued event."""
        (moment, request_body, request_type, response_body, response_type,
         inference_id, custom_attributes) = event
        capture_data = {}
        if self.settings.capture_input:
            capture_data["endpointInput"] = self._payload(request_body, request_type, "INPUT")
        if self.settings.capture_output:
            capture_data["endpointOutput"] = self._payload(response_body, response_type, "OUTPUT")

        metadata = {"eventId": str(uuid.uuid4())}
        if inference_id is not None:
            metadata["inferenceId"] = inference_id
        # NOTE: where SageMaker puts customAttributes among the metadata keys is unverified.
        if custom_attributes is not None:
            metadata["customAttributes"] = custom_attributes
        metadata["inferenceTime"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(moment))

        record = {"captureData": capture_data, "eventMetadata": metadata, "eventVersion": "0"}
        return json.dumps(record, separators=(",", ":")).encode() + b"\n"

    def _payload(self, body: bytes, content_type: str, mode: str) -> dict:
        kind = media_type(content_type)
        encoding = None
        if kind in self.settings.csv_types:
            encoding = "CSV"
        elif kind in self.settings.json_types:
            encoding = "JSON"

        data = None
        if encoding is not None:
            try:
                data = body.decode("utf-8")
            except UnicodeDecodeError:
                encoding = None
        if encoding is None:
            encoding = "BASE64"
            data = base64.b64encode(body).decode("ascii")
        return {"observedContentType": content_type, "mode": mode, "data": data,
                "encoding": encoding}

    def _run(self) -> None:
        stopping = False
        while not stopping:
            event = self._queue.get()
            if event is None:
                break
            time.sleep(BATCH_SECONDS)
            batch = [event]
            while True:
                try:
                    event = self._queue.get_nowait()
                except queue.Empty:
                    break
                if event is None:
                    stopping = True
                    break
                batch.append(event)
            try:
                self._write(batch)
            except (OSError, ValueError) as error:
                log.error("Could not write %d capture records to %s: %s",
                          len(batch), self.settings.folder, error)

    def _write(self, batch: list[tuple]) -> None:
        for event in batch:
            hour = time.gmtime(event[0])[:4]
            if self._file is None or self._file.hour != hour or self._file.full():
                # The lines this batch added to the finished file are not published yet.
                if self._file is not None and self._file.unpublished:
                    self._file.publish()
                self._file = _CaptureFile.start(self.settings.folder, event[0])
            self._file.append(self.record_line(event))
        if self._file is not None:
            self._file.publish()
        self.written += len(batch)


class _CaptureFile:
    """One capture file: its lines so far, rewritten and renamed into place on publish."""

    def __init__(self, path: Path, hour: tuple):
        self.path = path
        self.hour = hour
        self.content = bytearray()
        self.unpublished = False

    @classmethod
    def start(cls, folder: Path, moment: float) -> "_CaptureFile":
        utc = time.gmtime(moment)
        millisecond = int(moment * 1000) % 1000
        path = (
            folder
            / f"{utc.tm_year:04d}/{utc.tm_mon:02d}/{utc.tm_mday:02d}/{utc.tm_hour:02d}"
            / f"{utc.tm_min:02d}-{utc.tm_sec:02d}-{millisecond:03d}-{uuid.uuid4()}.jsonl"
        )
        return cls(path, utc[:4])

    def full(self) -> bool:
        return len(self.content) >= MAX_FILE_BYTES

    def append(self, line: bytes) -> None:
        self.content += line
        self.unpublished = True

    def publish(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=PARTIAL_PREFIX)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(self.content)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.unpublished = False
