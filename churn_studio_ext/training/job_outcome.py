"""The result of a job's training step, and the failure that carries a FailureReason.

Kept apart from ``worker.py`` because that module also runs as ``__main__``, where classes
defined in it would differ from the ones the mode runners import.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The gzip level of model.tar.gz and output.tar.gz. tarfile's default, 9, took 67 ms for the
# tour's 763 KB model, level 6 took 9 ms for an archive 6 % larger (BENCHMARKS.md, training).
ARCHIVE_COMPRESSLEVEL = 6


class TrainingFailure(Exception):
    """A job failure whose message is the FailureReason."""


@dataclass
class RunOutcome:
    """The products of a training step: the model archive, an output archive, a stop reason."""

    model_archive: Path | None
    output_archive: Path | None = None
    # "Stopped" or "MaxRuntimeExceeded" when training ended early, None when it ran to the end.
    stop_reason: str | None = None
