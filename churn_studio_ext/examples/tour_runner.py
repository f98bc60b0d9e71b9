"""Run the tour notebook headless: inject parameters, execute every cell, report the failing one.

Parameters follow the papermill convention: the notebook's cell tagged ``parameters`` contains the
defaults, and a cell tagged ``injected-parameters`` inserted right after it overrides them.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"
# A traceback longer than this is cut in the failure message. The full one stays in the notebook.
MAX_TRACEBACK_CHARS = 3000


class NotebookRunError(RuntimeError):
    """A notebook cell failed, timed out, or the kernel died. ``cell_index`` is 0-based."""

    def __init__(self, message, cell_index=None, notebook=None):
        super().__init__(message)
        self.cell_index = cell_index
        self.notebook = notebook


@dataclass(frozen=True)
class CellFailure:
    cell_index: int
    source: str
    error_name: str
    error_value: str
    traceback: str


def inject_parameters(notebook, parameters: dict) -> None:
    """Insert a cell assigning ``parameters`` after the cell tagged ``parameters``.

    Values must be JSON-compatible Python literals (numbers, strings, None, booleans). Raises
    ``ValueError`` when the notebook has no such cell.
    """
    index = next(
        (i for i, cell in enumerate(notebook.cells) if PARAMETERS_TAG in cell.metadata.get("tags", [])),
        None,
    )
    if index is None:
        raise ValueError(
            "The notebook has no cell tagged 'parameters', so its parameters cannot be set. "
            "Tag the cell that assigns the defaults."
        )
    lines = ["# Parameters set by churn-studio tour."]
    lines += [f"{name} = {_python_literal(value)}" for name, value in parameters.items()]
    cell = nbformat.v4.new_code_cell("\n".join(lines), metadata={"tags": [INJECTED_TAG]})
    notebook.cells.insert(index + 1, cell)


def run_notebook(notebook, timeout: float, working_dir=None, environment=None):
    """Execute every cell of ``notebook`` in a new Python kernel and return it with outputs.

    ``timeout`` is the limit in seconds for each cell. The kernel runs in ``working_dir``, by
    default a temporary folder removed afterwards. ``environment`` entries are set for the kernel
    process. Raises ``NotebookRunError`` naming the failing cell and its error.
    """
    if working_dir is None:
        with tempfile.TemporaryDirectory(prefix="churn-studio-tour-") as temporary:
            return _run_in(notebook, timeout, Path(temporary), environment or {})
    return _run_in(notebook, timeout, Path(working_dir), environment or {})


def _run_in(notebook, timeout: float, working_dir: Path, environment: dict):
    # IPC sockets in the working folder keep the kernel's channels off the network. nbclient
    # needs the async manager: with the blocking one its cell timeout never fires.
    kernel_manager = AsyncKernelManager(
        kernel_name="python3", transport="ipc", ip=str(working_dir / "kernel")
    )
    client = NotebookClient(
        notebook,
        km=kernel_manager,
        timeout=timeout,
        resources={"metadata": {"path": str(working_dir)}},
    )
    saved = {name: os.environ.get(name) for name in environment}
    os.environ.update(environment)
    try:
        # The kernel inherits this process's environment when it starts. It is shut down at
        # the end even though this function, not nbclient, created its manager.
        client.execute(cleanup_kc=True)
    except CellTimeoutError as error:
        index = _running_cell_index(notebook)
        raise NotebookRunError(
            f"Cell {_cell_label(notebook, index)} did not finish within {timeout} s. Raise "
            f"--timeout or lower --num-round. ({error})",
            index,
            notebook,
        ) from None
    except DeadKernelError as error:
        raise NotebookRunError(
            f"The notebook kernel died while running the tour ({error}). Check memory and the "
            "kernel log above.",
            None,
            notebook,
        ) from None
    except CellExecutionError:
        failure = first_failure(notebook)
        if failure is None:
            raise
        traceback = failure.traceback[-MAX_TRACEBACK_CHARS:]
        raise NotebookRunError(
            f"Cell {_cell_label(notebook, failure.cell_index)} failed with "
            f"{failure.error_name}: {failure.error_value}\n{traceback}",
            failure.cell_index,
            notebook,
        ) from None
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return notebook


def first_failure(notebook) -> CellFailure | None:
    """Return the first code cell with an error output, or ``None``."""
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return CellFailure(
                    cell_index=index,
                    source=cell.source,
                    error_name=output.get("ename", "Error"),
                    error_value=output.get("evalue", ""),
                    traceback=_strip_ansi("\n".join(output.get("traceback", []))),
                )
    return None


def _running_cell_index(notebook) -> int | None:
    # nbclient records timing in the `execution` metadata of each cell it starts (record_timing
    # is on by default), so the cell that timed out is the last one with that metadata.
    last = None
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code" and cell.metadata.get("execution"):
            last = index
    return last


def _cell_label(notebook, index) -> str:
    if index is None:
        return "(unknown)"
    cell = notebook.cells[index]
    first_line = next((line for line in cell.source.splitlines() if line.strip()), "")
    code_number = sum(1 for c in notebook.cells[: index + 1] if c.cell_type == "code")
    return f"{index + 1} (code cell {code_number}, starting {first_line.strip()!r})"


def _python_literal(value) -> str:
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, (int, float, str)):
        # json.dumps of a str is a valid Python string literal with the same value.
        return json.dumps(value)
    raise ValueError(f"Invalid notebook parameter value {value!r}: use a number, string, bool or None.")


def _strip_ansi(text: str) -> str:
    # IPython colours tracebacks with ANSI escape sequences, which a terminal log should not show.
    return re.sub(r"\x1b\[[0-9;]*m", "", text)
