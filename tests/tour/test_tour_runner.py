"""The tour notebook's parameters and the headless runner's error reports."""

from __future__ import annotations

import ast

import nbformat
import pytest

from churn_studio_ext import local
from churn_studio_ext.examples import framework_script_path, tour_notebook_path
from churn_studio_ext.examples.tour_runner import (
    INJECTED_TAG,
    NotebookRunError,
    inject_parameters,
    run_notebook,
)

from .conftest import run_cli


def shipped_notebook():
    return nbformat.read(tour_notebook_path(), as_version=4)


def assignments(source: str) -> dict:
    return {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign)
    }


def test_shipped_notebook_is_clean_and_valid():
    notebook = shipped_notebook()
    nbformat.validate(notebook)
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.outputs == [] for cell in code_cells)
    assert all(cell.execution_count is None for cell in code_cells)
    assert framework_script_path().is_file()


def test_parameter_defaults_are_the_tours():
    notebook = shipped_notebook()
    (cell,) = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert assignments(cell.source) == {
        "num_round": 600,
        "studio_home": None,
        "run_timestamp": None,
        "request_interval": 0.5,
        "delete_endpoint": True,
        "delete_experiment": False,
    }


def test_injected_cell_follows_parameters():
    notebook = shipped_notebook()
    index = next(i for i, c in enumerate(notebook.cells) if "parameters" in c.metadata.get("tags", []))
    inject_parameters(notebook, {"num_round": 3, "studio_home": "/tmp/a \"b\"", "run_timestamp": None})
    injected = notebook.cells[index + 1]
    assert injected.metadata["tags"] == [INJECTED_TAG]
    assert assignments(injected.source) == {"num_round": 3, "studio_home": '/tmp/a "b"', "run_timestamp": None}


def test_inject_without_parameters_cell_raises():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    with pytest.raises(ValueError, match="no cell tagged 'parameters'"):
        inject_parameters(notebook, {"x": 2})


def test_failing_cell_is_reported():
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# Title"),
            nbformat.v4.new_code_cell("value = 1"),
            nbformat.v4.new_code_cell("# train\nraise ValueError(f'bad value {value}')"),
            nbformat.v4.new_code_cell("never = True"),
        ]
    )
    with pytest.raises(NotebookRunError) as raised:
        run_notebook(notebook, timeout=60)
    error = raised.value
    assert error.cell_index == 2
    message = str(error)
    assert message.startswith("Cell 3 (code cell 2, starting '# train') failed with ValueError: bad value 1")
    assert "\x1b[" not in message
    assert notebook.cells[3].outputs == []


def test_cell_timeout_is_reported():
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import time\ntime.sleep(30)")]
    )
    with pytest.raises(NotebookRunError, match=r"Cell 1 .* did not finish within 1 s") as raised:
        run_notebook(notebook, timeout=1)
    assert raised.value.cell_index == 0


def test_cli_reports_failing_cell(tmp_path, monkeypatch):
    failing = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("num_round = 600", metadata={"tags": ["parameters"]}),
            nbformat.v4.new_code_cell("assert num_round == 4, num_round\nraise RuntimeError('no data')"),
        ]
    )
    notebook_path = tmp_path / "failing.ipynb"
    nbformat.write(failing, notebook_path)
    monkeypatch.setattr("churn_studio_ext.examples.tour_notebook_path", lambda: notebook_path)
    output = tmp_path / "executed.ipynb"

    run = run_cli("tour", "--home", str(tmp_path / "home"), "--num-round", "4", "--output", str(output))

    assert run.exit_code == 1
    assert "The tour failed. Cell 3 (code cell 3, starting 'assert num_round == 4, num_round')" in run.stderr
    assert "failed with RuntimeError: no data" in run.stderr
    executed = nbformat.read(output, as_version=4)
    assert executed.cells[1].metadata["tags"] == [INJECTED_TAG]
    assert executed.cells[2].outputs[0]["ename"] == "RuntimeError"


def test_cli_removes_endpoint_of_failed_run(tmp_path, monkeypatch):
    # A run that deploys and then fails must not leave its endpoint (a server process) behind.
    deploying = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "num_round = 600\nrun_timestamp = None", metadata={"tags": ["parameters"]}
            ),
            nbformat.v4.new_code_cell(
                "from churn_studio_ext import local\n"
                "sm = local.client('sagemaker')\n"
                "name = f'demo-xgboost-customer-churn-{run_timestamp}'\n"
                "sm.create_model(ModelName=name, ExecutionRoleArn='arn:aws:iam::000000000000:role/r',\n"
                "    PrimaryContainer={'Image': 'sagemaker-xgboost:0.90-2',\n"
                "                      'ModelDataUrl': 's3://missing/model.tar.gz'})\n"
                "sm.create_endpoint_config(EndpointConfigName=name, ProductionVariants=[{\n"
                "    'VariantName': 'AllTraffic', 'ModelName': name, 'InitialInstanceCount': 1,\n"
                "    'InstanceType': 'ml.m4.xlarge'}])\n"
                "sm.create_endpoint(EndpointName=name, EndpointConfigName=name)\n"
                "raise RuntimeError('failed after deploying')"
            ),
        ]
    )
    notebook_path = tmp_path / "deploying.ipynb"
    nbformat.write(deploying, notebook_path)
    monkeypatch.setattr("churn_studio_ext.examples.tour_notebook_path", lambda: notebook_path)
    home = tmp_path / "home"

    run = run_cli("tour", "--home", str(home), "--num-round", "4")

    assert run.exit_code == 1
    assert "failed with RuntimeError: failed after deploying" in run.stderr
    (line,) = [line for line in run.stderr.splitlines() if line.startswith("Deleted endpoint")]
    endpoint_name = line.split()[2]
    assert endpoint_name.startswith("demo-xgboost-customer-churn-")
    client = local.client("sagemaker", home=home)
    assert client.list_endpoints()["Endpoints"] == []
    assert client.describe_endpoint_config(EndpointConfigName=endpoint_name)["EndpointConfigName"] == (
        endpoint_name)


def test_notebook_clean_up_deletes_experiment(tmp_path):
    # The tour's full clean-up: schedules, endpoint, then components, trials and experiment.
    home = tmp_path / "home"
    notebook = shipped_notebook()
    inject_parameters(notebook, {
        "num_round": 3, "studio_home": str(home), "run_timestamp": "2026-12-05-00-00-00",
        "request_interval": 0, "delete_experiment": True,
    })

    run_notebook(notebook, timeout=300,
                 environment={"CHURN_STUDIO_HOME": str(home), "CHURN_STUDIO_BACKEND": "local"})

    client = local.client("sagemaker", home=home)
    assert client.list_experiments()["ExperimentSummaries"] == []
    assert client.list_trials()["TrialSummaries"] == []
    assert client.list_trial_components()["TrialComponentSummaries"] == []
    assert client.list_endpoints()["Endpoints"] == []
    assert client.list_monitoring_schedules()["MonitoringScheduleSummaries"] == []
    (execution,) = client.list_monitoring_executions()["MonitoringExecutionSummaries"]
    assert execution["MonitoringExecutionStatus"] == "CompletedWithViolations"
    outputs = "".join(output.get("text", "") for output in notebook.cells[-2].outputs)
    assert outputs == "Deleted experiment customer-churn-prediction-xgboost-2026-12-05-00-00-00\n"
