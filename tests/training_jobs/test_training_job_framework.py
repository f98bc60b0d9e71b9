"""Framework mode: an entry-point script run with the SM_* contract, its metrics and model."""

import io
import json
import tarfile
import textwrap

import pytest
from training_job_helpers import (
    ROLE_ARN,
    TRAIN_URI,
    channel,
    iteration_series,
    output_shape_problems,
    stop_workers,
    wait_for_job,
    wait_until,
)

from churn_studio_ext import local
from churn_studio_ext.debugger import RuleEvaluator, SeriesSource
from churn_studio_ext.local.objects import ObjectStore

CODE_URI = (
    "s3://sagemaker-studio-local-000000000000/xgboost-churn/code/sourcedir.tar.gz"
)
OUTPUT_URI = "s3://sagemaker-studio-local-000000000000/xgboost-churn/output"
FRAMEWORK_IMAGE = (
    "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:0.90-2-cpu-py3"
)
EPOCHS = 6

# Prints one line per epoch on each stream for MetricDefinitions, logs a third metric through
# the metrics API, and writes what it received to the output data folder.
TRAIN_SCRIPT = textwrap.dedent(
    """
    import argparse, json, os, sys
    from churn_studio_ext.training.job_metrics import log_metric

    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--lr", type=float)
    parser.add_argument("--mode", type=str)
    args = parser.parse_args()

    received = {
        "environment": {k: v for k, v in os.environ.items() if k.startswith("SM_")},
        "job_environment": os.environ.get("TOUR_STAGE"),
        "arguments": vars(args),
        "channel_files": sorted(os.listdir(os.environ["SM_CHANNEL_TRAIN"])),
    }
    with open(os.path.join(os.environ["SM_OUTPUT_DATA_DIR"], "received.json"), "w") as f:
        json.dump(received, f)

    for epoch in range(args.epochs):
        loss = 1.0 / (epoch + 1)
        print(f"epoch={epoch} train_loss={loss:.6f}")
        print(f"val_loss={loss * 1.5:.6f}", file=sys.stderr)
        log_metric("custom:score", epoch * 0.5, step=epoch)

    with open(os.path.join(os.environ["SM_MODEL_DIR"], "model.txt"), "w") as f:
        f.write("trained")
    """
)

METRIC_DEFINITIONS = [
    {"Name": "train:loss", "Regex": r"train_loss=([0-9\.]+)"},
    {"Name": "validation:loss", "Regex": r"val_loss=([0-9\.]+)"},
]


def expected_losses(scale: float) -> list[float]:
    return [round(scale / (epoch + 1), 6) for epoch in range(EPOCHS)]


def source_archive(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, text in files.items():
            data = text.encode()
            member = tarfile.TarInfo(name)
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
    return buffer.getvalue()


def framework_request(
    name: str, submit_directory: str, program: str = "train.py", **overrides
) -> dict:
    """Build a request as SDK v2's framework estimators send it (JSON-encoded values)."""
    request = {
        "TrainingJobName": name,
        "RoleArn": ROLE_ARN,
        "AlgorithmSpecification": {
            "TrainingImage": FRAMEWORK_IMAGE,
            "TrainingInputMode": "File",
            "MetricDefinitions": METRIC_DEFINITIONS,
        },
        "HyperParameters": {
            "epochs": json.dumps(EPOCHS),
            "lr": json.dumps(0.1),
            "mode": json.dumps("fast"),
            "sagemaker_program": json.dumps(program),
            "sagemaker_submit_directory": json.dumps(submit_directory),
        },
        "InputDataConfig": [channel("train", TRAIN_URI)],
        "OutputDataConfig": {"S3OutputPath": OUTPUT_URI},
        "ResourceConfig": {
            "InstanceType": "ml.m4.xlarge",
            "InstanceCount": 1,
            "VolumeSizeInGB": 5,
        },
    }
    request.update(overrides)
    return request


def series(home, job_arn: str, metric_name: str) -> list[float]:
    result = iteration_series(home, job_arn, metric_name)
    assert result["XAxisValues"] == list(range(len(result["MetricValues"])))
    return result["MetricValues"]


def read_member(path, name: str) -> bytes:
    with tarfile.open(path) as archive:
        return archive.extractfile(name).read()


@pytest.fixture(scope="module")
def script_job(tmp_path_factory):
    """Run the training script from an s3:// source archive with two Debugger rules.

    Returns the home, the request and the final DescribeTrainingJob response.
    """
    home = tmp_path_factory.mktemp("framework-job") / "home"
    sm = local.client("sagemaker", home=home)
    objects = ObjectStore(home)
    objects.put_bytes(b"0,1.0\n1,2.0\n", f"{TRAIN_URI}/train.csv")
    objects.put_bytes(source_archive({"train.py": TRAIN_SCRIPT}), CODE_URI)
    rules = [
        {
            "RuleConfigurationName": rule,
            "RuleEvaluatorImage": "rules",
            "RuleParameters": {"rule_to_invoke": rule},
        }
        for rule in ("LossNotDecreasing", "Overfit")
    ]
    request = framework_request(
        "framework-ok",
        CODE_URI,
        DebugRuleConfigurations=rules,
        Environment={"TOUR_STAGE": "framework-mode"},
    )
    sm.create_training_job(**request)
    description = wait_for_job(sm, "framework-ok")
    yield {
        "home": home,
        "objects": objects,
        "request": request,
        "description": description,
    }
    stop_workers(home)


def test_script_job_completes(script_job):
    description = script_job["description"]
    assert description["TrainingJobStatus"] == "Completed"
    assert output_shape_problems("DescribeTrainingJob", description) == ""


def test_metric_definitions_parse_both_streams(script_job):
    home, description = script_job["home"], script_job["description"]
    assert series(home, description["TrainingJobArn"], "train:loss") == expected_losses(
        1.0
    )
    assert series(
        home, description["TrainingJobArn"], "validation:loss"
    ) == expected_losses(1.5)


def test_metrics_api_recorded(script_job):
    home, description = script_job["home"], script_job["description"]
    assert series(home, description["TrainingJobArn"], "custom:score") == [
        epoch * 0.5 for epoch in range(EPOCHS)
    ]
    final = {
        item["MetricName"]: item["Value"] for item in description["FinalMetricDataList"]
    }
    assert final == {
        "custom:score": (EPOCHS - 1) * 0.5,
        "train:loss": expected_losses(1.0)[-1],
        "validation:loss": expected_losses(1.5)[-1],
    }


def test_model_folder_archived(script_job):
    description = script_job["description"]
    path = script_job["objects"].path_for(
        description["ModelArtifacts"]["S3ModelArtifacts"]
    )
    assert read_member(path, "model.txt") == b"trained"


def test_environment_contract(script_job):
    request = script_job["request"]
    output = script_job["objects"].path_for(
        f"{OUTPUT_URI}/framework-ok/output/output.tar.gz"
    )
    received = json.loads(read_member(output, "received.json"))
    environment = received["environment"]

    assert received["arguments"] == {"epochs": EPOCHS, "lr": 0.1, "mode": "fast"}
    assert received["channel_files"] == ["train.csv"]
    assert received["job_environment"] == "framework-mode"
    assert json.loads(environment["SM_CHANNELS"]) == ["train"]
    assert json.loads(environment["SM_HPS"]) == {
        "epochs": EPOCHS,
        "lr": 0.1,
        "mode": "fast",
    }
    assert environment["SM_HP_MODE"] == "fast"
    assert environment["SM_HP_EPOCHS"] == str(EPOCHS)
    assert environment["SM_NUM_GPUS"] == "0"
    assert environment["SM_CURRENT_HOST"] == "algo-1"
    assert json.loads(environment["SM_HOSTS"]) == ["algo-1"]
    assert environment["SM_CHANNEL_TRAIN"].endswith("/framework-ok/input/data/train")
    training_env = json.loads(environment["SM_TRAINING_ENV"])
    assert training_env["job_name"] == request["TrainingJobName"]
    assert training_env["model_dir"] == environment["SM_MODEL_DIR"]
    assert training_env["hyperparameters"] == json.loads(environment["SM_HPS"])


def test_rules_evaluate_script_metrics(script_job):
    request, description = script_job["request"], script_job["description"]
    source = SeriesSource()
    for epoch, (train, validation) in enumerate(
        zip(expected_losses(1.0), expected_losses(1.5))
    ):
        source.add_metrics(epoch, {"train:loss": train, "validation:loss": validation})
    expected = RuleEvaluator(request["DebugRuleConfigurations"]).finish(source)

    actual = description["DebugRuleEvaluationStatuses"]
    assert [item["RuleEvaluationStatus"] for item in actual] == [
        item["RuleEvaluationStatus"] for item in expected
    ]
    assert [item.get("StatusDetails") for item in actual] == [
        item.get("StatusDetails") for item in expected
    ]


def test_local_folder_submit_directory(sm, objects, tmp_path):
    objects.put_bytes(b"0,1.0\n", f"{TRAIN_URI}/train.csv")
    folder = tmp_path / "source"
    (folder / "nested").mkdir(parents=True)
    (folder / "nested" / "entry.py").write_text(TRAIN_SCRIPT)
    sm.create_training_job(
        **framework_request("framework-folder", str(folder), program="nested/entry.py")
    )
    assert wait_for_job(sm, "framework-folder")["TrainingJobStatus"] == "Completed"


def test_script_error_in_reason(sm, objects, tmp_path):
    objects.put_bytes(b"0,1.0\n", f"{TRAIN_URI}/train.csv")
    folder = tmp_path / "source"
    folder.mkdir()
    (folder / "train.py").write_text(
        "import sys\nprint('starting')\nraise ValueError('column 7 has no values')\n"
    )
    sm.create_training_job(**framework_request("framework-error", str(folder)))

    description = wait_for_job(sm, "framework-error")

    assert description["TrainingJobStatus"] == "Failed"
    reason = description["FailureReason"]
    assert reason.startswith("AlgorithmError: ExecuteUserScriptError:")
    assert "exited with code 1" in reason
    assert "ValueError: column 7 has no values" in reason
    assert len(reason) <= 1024


def test_missing_entry_point_fails(sm, objects, tmp_path):
    objects.put_bytes(b"0,1.0\n", f"{TRAIN_URI}/train.csv")
    folder = tmp_path / "source"
    folder.mkdir()
    (folder / "other.py").write_text("print('not the entry point')\n")
    sm.create_training_job(
        **framework_request("framework-missing", str(folder), program="train.py")
    )

    description = wait_for_job(sm, "framework-missing")

    assert description["TrainingJobStatus"] == "Failed"
    assert "'train.py'" in description["FailureReason"]
    assert "other.py" in description["FailureReason"]


def test_stop_forwards_sigterm(sm, objects, tmp_path):
    objects.put_bytes(b"0,1.0\n", f"{TRAIN_URI}/train.csv")
    folder = tmp_path / "source"
    folder.mkdir()
    (folder / "train.py").write_text(
        textwrap.dedent(
            """
            import os, signal, sys, time

            def save_and_exit(signum, frame):
                with open(os.path.join(os.environ["SM_MODEL_DIR"], "partial.txt"), "w") as f:
                    f.write("saved on SIGTERM")
                sys.exit(0)

            signal.signal(signal.SIGTERM, save_and_exit)
            print("ready", flush=True)
            while True:
                time.sleep(0.05)
            """
        )
    )
    sm.create_training_job(**framework_request("framework-stop", str(folder)))
    log_path = tmp_path / "home" / "training-jobs" / "framework-stop" / "training.log"
    wait_until(
        lambda: log_path.exists() and "ready" in log_path.read_text(),
        "the script to start",
    )

    sm.stop_training_job(TrainingJobName="framework-stop")
    description = wait_for_job(sm, "framework-stop")

    assert description["TrainingJobStatus"] == "Stopped"
    path = objects.path_for(description["ModelArtifacts"]["S3ModelArtifacts"])
    assert read_member(path, "partial.txt") == b"saved on SIGTERM"


def test_log_metric_rejects_bad_values():
    from churn_studio_ext.training.job_metrics import log_metric

    with pytest.raises(ValueError):
        log_metric("", 1.0)
    with pytest.raises(ValueError):
        log_metric("loss", float("nan"))
    with pytest.raises(ValueError):
        log_metric("loss", 1.0, step=-1)
