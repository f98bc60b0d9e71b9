"""Checks on the installed package: the labextension and the server extension are both enabled,
and they carry the same version, which the frontend compares at start."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from jupyter_core.paths import jupyter_path

import churn_studio_ext

LABEXTENSION_NAME = "churn-studio-ext"

# `jupyter ... list` colours "enabled" and "OK" even when NO_COLOR is set.
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def installed_labextension_dir() -> Path:
    """Find the labextension in the data folders JupyterLab searches, in its order."""
    for data_dir in jupyter_path("labextensions"):
        candidate = Path(data_dir) / LABEXTENSION_NAME
        if (candidate / "package.json").is_file():
            return candidate
    searched = ", ".join(jupyter_path("labextensions"))
    raise AssertionError(
        f"The labextension {LABEXTENSION_NAME} is not installed in any of: {searched}. "
        "Run `make lab`, or `pip install -e .` and `jupyter-builder develop --overwrite .`."
    )


def run_jupyter(*args: str) -> str:
    """Run a `jupyter` subcommand of this interpreter's environment and return its output."""
    environment = {**os.environ, "JUPYTER_PLATFORM_DIRS": "1"}
    completed = subprocess.run(
        [sys.executable, "-m", "jupyter", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    # Both commands print their report on stderr.
    return ANSI_ESCAPE.sub("", completed.stdout + completed.stderr)


def test_labextension_version_matches_package():
    package_json = json.loads((installed_labextension_dir() / "package.json").read_text())

    assert package_json["name"] == LABEXTENSION_NAME
    assert package_json["version"] == churn_studio_ext.__version__


def test_labextension_ships_settings_schema():
    schema_file = installed_labextension_dir() / "schemas" / LABEXTENSION_NAME / "plugin.json"
    schema = json.loads(schema_file.read_text())

    assert schema["properties"]["refreshInterval"]["default"] == 30


def test_server_extension_listed_enabled():
    output = run_jupyter("server", "extension", "list")

    lines = [line.strip() for line in output.splitlines()]
    assert "churn_studio_ext enabled" in lines, output
    assert f"churn_studio_ext {churn_studio_ext.__version__} OK" in lines, output


def test_labextension_listed_enabled():
    output = run_jupyter("labextension", "list")

    expected = f"{LABEXTENSION_NAME} v{churn_studio_ext.__version__} enabled OK"
    lines = [" ".join(line.split()) for line in output.splitlines()]
    assert any(line.startswith(expected) for line in lines), output
