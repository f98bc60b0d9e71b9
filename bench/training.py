"""The tour's seven trainings through the local backend against plain ``xgboost.train`` calls.

One repeat runs both sides with the tour's concurrency, in three phases:

1. ``trial``: the tour's trial (``min_child_weight`` 6) alone;
2. ``weights``: the five ``min_child_weight`` trials (1, 2, 4, 8, 10) started together;
3. ``framework``: the framework-mode trial (``min_child_weight`` 10, as in the tour) with the
   Debugger rules LossNotDecreasing, Overtraining and Overfit.

Local side: CreateTrainingJob through ``churn_studio_ext.local.client("sagemaker")``, then
DescribeTrainingJob polled every ``poll_seconds`` until each job of the phase has ended. Phase
3 runs ``training_entry_point.py`` from a ``sourcedir.tar.gz`` in the object store. Direct side:
``training_direct.train_direct`` in a pool of five processes that have already imported
xgboost, one process per training, as the local backend runs one worker per job with one
thread. Both sides read the same CSV files and train with the same booster parameters and seed.

The sides alternate which goes first in each repeat. After the timed repeats, one more local
run uses ``training_probe`` as the worker and splits the local overhead into its parts. Its
times are not part of the comparison. The probe's workers start as new interpreters, because
the warm launcher forks only the default worker module, so its Starting stage is the cold one.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import training_direct

BENCH = Path(__file__).resolve().parent
ENTRY_POINT = BENCH / "training_entry_point.py"
PROBE_MODULE = "training_probe"

REGION = "us-east-1"
ACCOUNT = "000000000000"
BUCKET = f"sagemaker-studio-{REGION}-{ACCOUNT}"
PREFIX = "xgboost-churn"
TRAIN_URI = f"s3://{BUCKET}/{PREFIX}/train"
VALIDATION_URI = f"s3://{BUCKET}/{PREFIX}/validation"
OUTPUT_URI = f"s3://{BUCKET}/{PREFIX}/output"
CODE_URI = f"s3://{BUCKET}/{PREFIX}/code/sourcedir.tar.gz"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole"
# SDK v2's image for XGBoost 1.7-1 in us-east-1, which serves algorithm and framework mode alike.
XGBOOST_IMAGE = f"683313688378.dkr.ecr.{REGION}.amazonaws.com/sagemaker-xgboost:1.7-1"
RULES_IMAGE = (
    f"503895931360.dkr.ecr.{REGION}.amazonaws.com/sagemaker-debugger-rules:latest"
)
TOUR_RULES = ("LossNotDecreasing", "Overtraining", "Overfit")

# The tour's hyperparameters as the API carries them (strings). num_round comes from the
# benchmark's configuration.
TOUR_HYPERPARAMETERS = {
    "max_depth": "5",
    "subsample": "0.8",
    "eta": "0.2",
    "gamma": "4",
    "min_child_weight": "6",
    "silent": "0",
    "objective": "binary:logistic",
}
TRIAL_WEIGHT = 6
SWEEP_WEIGHTS = (1, 2, 4, 8, 10)
# The loop over SWEEP_WEIGHTS changes the tour's shared hyperparameter dictionary in place, so
# the framework-mode trial trains with the last weight.
FRAMEWORK_WEIGHT = 10
PHASES = ("trial", "weights", "framework")
PHASE_TITLES = {
    "trial": "trial 1 alone (min_child_weight 6)",
    "weights": "trials 2-6 together (min_child_weight 1, 2, 4, 8, 10)",
    "framework": "trial 7, framework mode with 3 Debugger rules",
}
JOB_TIMEOUT_SECONDS = 900.0
TERMINAL_STATUSES = ("Completed", "Failed", "Stopped")
STAGES = ("Starting", "Downloading", "Training", "Uploading")


def run(config: dict, log) -> dict:
    """Run the timed repeats and the breakdown run, and return the results as plain data."""
    from churn_studio_ext import tour_data

    num_round = config["training_num_round"]
    repeats = config["training_repeats"]
    poll_seconds = config["training_poll_seconds"]
    workspace = Path(tempfile.mkdtemp(prefix="bench-training-"))
    data = {
        "train": tour_data.shipped_tour_file("train.csv"),
        "validation": tour_data.shipped_tour_file("validation.csv"),
    }
    results = {
        "num_round": num_round,
        "repeats": repeats,
        "poll_seconds": poll_seconds,
        "software": _software_versions(),
        "sched_autogroup_enabled": _autogroup_setting(),
        "runs": [],
    }
    pool = _direct_pool(log)
    try:
        for repeat in range(repeats):
            order = ("local", "direct") if repeat % 2 == 0 else ("direct", "local")
            entry = {"order": list(order)}
            for side in order:
                log(
                    f"training: repeat {repeat + 1}/{repeats}, {side}, {num_round} rounds"
                )
                if side == "local":
                    home = workspace / f"home-{repeat}"
                    entry["local"] = run_local(home, data, num_round, poll_seconds)
                else:
                    folder = workspace / f"direct-{repeat}"
                    entry["direct"] = run_direct(pool, folder, data, num_round)
            entry["sanity"] = compare_series(entry["local"], entry["direct"], num_round)
            for side in ("local", "direct"):
                for job in entry[side]["jobs"].values():
                    job.pop("validation_error", None)
            results["runs"].append(entry)
    finally:
        pool.close()
        pool.join()

    log("training: breakdown run with the instrumented worker")
    probe_home = workspace / "home-probe"
    results["probe"] = run_probe(
        probe_home, data, num_round, poll_seconds, workspace / "probe"
    )
    results["startup"] = measure_startup(config["training_startup_samples"])
    results["summary"] = summarize(results)
    shutil.rmtree(workspace, ignore_errors=True)
    return results


# --- local side -----------------------------------------------------------------------------


def run_local(home: Path, data: dict, num_round: int, poll_seconds: float) -> dict:
    """Run the three phases through the local backend in a new studio home."""
    from churn_studio_ext import local
    from churn_studio_ext.training.launcher import stop_launcher

    sm = local.client("sagemaker", home=home)
    stamp = time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime())
    experiment = _prepare_home(sm, home, data, stamp)
    plans = _job_plans(stamp, num_round, experiment)

    phases, client_cpu, jobs = {}, {}, {}
    try:
        for phase in PHASES:
            started = time.perf_counter()
            cpu_started = time.process_time()
            created = {}
            for name, request in plans[phase]:
                call_start = time.perf_counter()
                sm.create_training_job(**request)
                created[name] = time.perf_counter() - call_start
            seen = _wait_for_jobs(sm, list(created), poll_seconds)
            phases[phase] = time.perf_counter() - started
            # CPU time of this process: the create calls and the DescribeTrainingJob polls.
            client_cpu[phase] = time.process_time() - cpu_started
            for name, (description, seen_at) in seen.items():
                jobs[name] = _job_timing(phase, description, seen_at, created[name])
    finally:
        _stop_workers(home)
        # The jobs started the home's warm training launcher, which would wait 10 minutes.
        stop_launcher(home)

    metrics = local.client("sagemaker-metrics", home=home)
    for name, job in jobs.items():
        job["validation_error"] = _recorded_series(
            metrics, job["arn"], "validation:error"
        )
    return {
        "phases": phases,
        "total": sum(phases.values()),
        "client_cpu_seconds": client_cpu,
        "jobs": jobs,
    }


def _prepare_home(sm, home: Path, data: dict, stamp: str) -> str:
    """Upload the channels and the source archive and create the experiment and trials."""
    from churn_studio_ext.local.objects import ObjectStore

    objects = ObjectStore(home)
    objects.put_file(data["train"], f"{TRAIN_URI}/train.csv")
    objects.put_file(data["validation"], f"{VALIDATION_URI}/validation.csv")
    objects.put_bytes(_source_archive(), CODE_URI)

    experiment = f"customer-churn-prediction-xgboost-{stamp}"
    sm.create_experiment(
        ExperimentName=experiment, Description="Using xgboost to predict customer churn"
    )
    for trial in _trial_names(stamp):
        sm.create_trial(TrialName=trial, ExperimentName=experiment)
    return experiment


def _trial_names(stamp: str) -> list[str]:
    names = [f"algorithm-mode-trial-{stamp}"]
    names += [
        f"algorithm-mode-trial-{stamp}-weight-{weight}" for weight in SWEEP_WEIGHTS
    ]
    names.append(f"framework-mode-trial-{stamp}")
    return names


def _job_plans(stamp: str, num_round: int, experiment: str) -> dict:
    """Return each phase's (job name, CreateTrainingJob request) pairs."""
    trials = _trial_names(stamp)
    job_names = [f"demo-xgboost-customer-churn-{stamp}-{index}" for index in range(7)]
    hyperparameters = {**TOUR_HYPERPARAMETERS, "num_round": str(num_round)}

    def config(trial: str) -> dict:
        return {
            "ExperimentName": experiment,
            "TrialName": trial,
            "TrialComponentDisplayName": "Training",
        }

    plans = {
        "trial": [
            (
                job_names[0],
                algorithm_request(
                    job_names[0],
                    {**hyperparameters, "min_child_weight": str(TRIAL_WEIGHT)},
                    config(trials[0]),
                ),
            )
        ],
        "weights": [],
    }
    for index, weight in enumerate(SWEEP_WEIGHTS, start=1):
        request = algorithm_request(
            job_names[index],
            {**hyperparameters, "min_child_weight": str(weight)},
            config(trials[index]),
        )
        plans["weights"].append((job_names[index], request))
    framework_hyperparameters = {
        **hyperparameters,
        "min_child_weight": str(FRAMEWORK_WEIGHT),
    }
    plans["framework"] = [
        (
            job_names[6],
            framework_request(
                job_names[6], framework_hyperparameters, config(trials[6])
            ),
        )
    ]
    return plans


def _resources() -> dict:
    return {
        "RoleArn": ROLE_ARN,
        "OutputDataConfig": {"S3OutputPath": OUTPUT_URI},
        "ResourceConfig": {
            "InstanceType": "ml.m4.xlarge",
            "InstanceCount": 1,
            "VolumeSizeInGB": 5,
        },
        "StoppingCondition": {"MaxRuntimeInSeconds": 86400},
        "InputDataConfig": [
            _channel("train", TRAIN_URI),
            _channel("validation", VALIDATION_URI),
        ],
    }


def _channel(name: str, uri: str) -> dict:
    return {
        "ChannelName": name,
        "DataSource": {
            "S3DataSource": {
                "S3DataType": "S3Prefix",
                "S3Uri": uri,
                "S3DataDistributionType": "FullyReplicated",
            }
        },
        "ContentType": "csv",
    }


def algorithm_request(
    name: str, hyperparameters: dict, experiment_config: dict
) -> dict:
    """Build an algorithm-mode CreateTrainingJob request for the built-in XGBoost."""
    return {
        "TrainingJobName": name,
        "AlgorithmSpecification": {
            "TrainingImage": XGBOOST_IMAGE,
            "TrainingInputMode": "File",
        },
        "HyperParameters": dict(hyperparameters),
        "ExperimentConfig": experiment_config,
        **_resources(),
    }


def framework_request(
    name: str, hyperparameters: dict, experiment_config: dict
) -> dict:
    """Build a framework-mode request as SDK v2's XGBoost estimator sends it, with 3 rules.

    SDK v2 JSON-encodes every hyperparameter value and adds the ``sagemaker_*`` ones. Each
    rule is ``Rule.sagemaker(rule_configs.<rule>())``. LossNotDecreasing also requests that the
    hook save the ``losses`` collection every 500 steps.
    """
    encoded = {
        key: json.dumps(_number_or_text(value))
        for key, value in hyperparameters.items()
    }
    encoded.update(
        {
            "sagemaker_program": json.dumps("train.py"),
            "sagemaker_submit_directory": json.dumps(CODE_URI),
            "sagemaker_container_log_level": "20",
            "sagemaker_job_name": json.dumps(name),
            "sagemaker_region": json.dumps(REGION),
        }
    )
    rules = [
        {
            "RuleConfigurationName": rule,
            "RuleEvaluatorImage": RULES_IMAGE,
            "VolumeSizeInGB": 0,
            "RuleParameters": {"rule_to_invoke": rule},
        }
        for rule in TOUR_RULES
    ]
    return {
        "TrainingJobName": name,
        "AlgorithmSpecification": {
            "TrainingImage": XGBOOST_IMAGE,
            "TrainingInputMode": "File",
        },
        "HyperParameters": encoded,
        "ExperimentConfig": experiment_config,
        "DebugHookConfig": {
            "S3OutputPath": OUTPUT_URI,
            "CollectionConfigurations": [
                {
                    "CollectionName": "losses",
                    "CollectionParameters": {"save_interval": "500"},
                }
            ],
        },
        "DebugRuleConfigurations": rules,
        **_resources(),
    }


def _number_or_text(value: str):
    for convert in (int, float):
        try:
            return convert(value)
        except ValueError:
            pass
    return value


def _source_archive() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        archive.add(ENTRY_POINT, arcname="train.py")
    return buffer.getvalue()


def _wait_for_jobs(sm, names: list[str], poll_seconds: float) -> dict:
    """Poll DescribeTrainingJob until every job has ended, and return each job's description
    with the Unix time the poll saw its end.

    Raises RuntimeError when a job fails or does not end within JOB_TIMEOUT_SECONDS.
    """
    deadline = time.monotonic() + JOB_TIMEOUT_SECONDS
    pending, seen = list(names), {}
    while pending:
        for name in list(pending):
            description = sm.describe_training_job(TrainingJobName=name)
            if description["TrainingJobStatus"] in TERMINAL_STATUSES:
                seen[name] = (description, time.time())
                pending.remove(name)
                if description["TrainingJobStatus"] != "Completed":
                    raise RuntimeError(
                        f"Training job {name} ended {description['TrainingJobStatus']}: "
                        f"{description.get('FailureReason')} The benchmark keeps its studio "
                        "home, where training-jobs/<job>/worker.log has the worker's log."
                    )
        if not pending:
            break
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"Training jobs {', '.join(pending)} did not end within {JOB_TIMEOUT_SECONDS} s."
            )
        time.sleep(poll_seconds)
    return seen


def _job_timing(
    phase: str, description: dict, seen_at: float, create_seconds: float
) -> dict:
    """Split one job's wall time into its secondary status stages, from the stored times."""
    starts = {
        item["Status"]: item["StartTime"].timestamp()
        for item in description["SecondaryStatusTransitions"]
    }
    created = description["CreationTime"].timestamp()
    ended = description["TrainingEndTime"].timestamp()
    order = [*STAGES, "Completed"]
    stages = {
        stage: starts[order[index + 1]] - starts[stage]
        for index, stage in enumerate(STAGES)
    }
    rules = {
        item["RuleConfigurationName"]: item["RuleEvaluationStatus"]
        for item in description.get("DebugRuleEvaluationStatuses", [])
    }
    return {
        "phase": phase,
        "arn": description["TrainingJobArn"],
        "create_call_seconds": create_seconds,
        "created": created,
        "ended": ended,
        "stages": stages,
        "waiter_lag_seconds": seen_at - ended,
        "rules": rules,
    }


def _recorded_series(metrics, job_arn: str, metric_name: str) -> list[float]:
    result = metrics.batch_get_metrics(
        MetricQueries=[
            {
                "MetricName": metric_name,
                "ResourceArn": job_arn,
                "MetricStat": "Last",
                "Period": "IterationNumber",
                "XAxisType": "IterationNumber",
            }
        ]
    )["MetricQueryResults"][0]
    return list(result["MetricValues"])


def _stop_workers(home: Path, timeout: float = 10.0) -> None:
    """Wait for the workers this benchmark started in ``home`` to exit, and kill any that remain.

    Every worker leads its own process group, so killing the group also ends its script.
    """
    import signal

    from churn_studio_ext.local import _training_records as records
    from churn_studio_ext.local.store import get_store

    if not (home / "studio.db").exists():
        return
    with get_store(home).read() as conn:
        rows = conn.execute(
            "SELECT worker_pid FROM training_job WHERE worker_pid IS NOT NULL"
        )
        pids = [row["worker_pid"] for row in rows.fetchall()]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(
        records.worker_is_alive(pid) for pid in pids
    ):
        time.sleep(0.05)
    for pid in pids:
        if records.worker_is_alive(pid):
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


# --- direct side ----------------------------------------------------------------------------


def _direct_pool(log) -> multiprocessing.pool.Pool:
    """Start five spawned processes that have imported xgboost, one per concurrent training.

    Each process leads its own session, like a local worker (see
    ``training_direct.start_own_session``).
    """
    context = multiprocessing.get_context("spawn")
    size = len(SWEEP_WEIGHTS)
    pool = context.Pool(processes=size, initializer=training_direct.start_own_session)
    # One warm-up task per process: each blocks briefly, so every process takes one.
    pids = pool.map(training_direct.warm_up, range(size), chunksize=1)
    log(f"training: direct pool ready, {len(set(pids))} processes")
    return pool


def run_direct(pool, folder: Path, data: dict, num_round: int) -> dict:
    """Run the three phases as direct xgboost.train calls in the pool."""
    folder.mkdir(parents=True, exist_ok=True)

    def task(name: str, weight: int) -> dict:
        return {
            "name": name,
            "train_csv": str(data["train"]),
            "validation_csv": str(data["validation"]),
            "min_child_weight": weight,
            "num_round": num_round,
            "model_path": str(folder / f"{name}.ubj"),
        }

    plans = {
        "trial": [task("trial", TRIAL_WEIGHT)],
        "weights": [task(f"weight-{weight}", weight) for weight in SWEEP_WEIGHTS],
        "framework": [task("framework", FRAMEWORK_WEIGHT)],
    }
    phases, jobs = {}, {}
    for phase in PHASES:
        started = time.perf_counter()
        outcomes = pool.map(training_direct.train_direct, plans[phase], chunksize=1)
        phases[phase] = time.perf_counter() - started
        for plan, outcome in zip(plans[phase], outcomes):
            jobs[plan["name"]] = {"phase": phase, **outcome}
    pids = {job["pid"] for job in jobs.values() if job["phase"] == "weights"}
    return {
        "phases": phases,
        "total": sum(phases.values()),
        "jobs": jobs,
        "weights_distinct_processes": len(pids),
    }


def compare_series(local_run: dict, direct_run: dict, num_round: int) -> dict:
    """Compare each local job's recorded validation:error series with its direct twin."""
    local_jobs = sorted(local_run["jobs"].items(), key=lambda item: item[0])
    direct_names = [
        "trial",
        *[f"weight-{weight}" for weight in SWEEP_WEIGHTS],
        "framework",
    ]
    checks = {}
    for (local_name, local_job), direct_name in zip(local_jobs, direct_names):
        recorded = local_job["validation_error"]
        expected = direct_run["jobs"][direct_name]["validation_error"]
        mismatch = next(
            (step for step, (a, b) in enumerate(zip(recorded, expected)) if a != b),
            None,
        )
        checks[direct_name] = {
            "job": local_name,
            "points_recorded": len(recorded),
            "points_expected": num_round,
            "equal": recorded == expected and len(recorded) == num_round,
            "first_mismatch_step": mismatch,
            "last_value": recorded[-1] if recorded else None,
        }
    return checks


# --- breakdown --------------------------------------------------------------------------------


def run_probe(
    home: Path, data: dict, num_round: int, poll_seconds: float, probe_dir: Path
) -> dict:
    """Run the three phases once more with the instrumented worker and collect its timers."""
    from churn_studio_ext.local import _training_launch

    original_module = _training_launch.WORKER_MODULE
    original_path = os.environ.get("PYTHONPATH")
    os.environ["BENCH_TRAINING_PROBE_DIR"] = str(probe_dir)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(BENCH), original_path) if p
    )
    _training_launch.WORKER_MODULE = PROBE_MODULE
    try:
        local_run = run_local(home, data, num_round, poll_seconds)
    finally:
        _training_launch.WORKER_MODULE = original_module
        os.environ.pop("BENCH_TRAINING_PROBE_DIR", None)
        if original_path is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = original_path

    jobs = {}
    for name, job in local_run["jobs"].items():
        report = json.loads((probe_dir / f"{name}.json").read_text())
        report["created"] = job["created"]
        report["stages"] = job["stages"]
        report["phase"] = job["phase"]
        report["script"] = (
            _script_timing(home, name) if job["phase"] == "framework" else None
        )
        jobs[name] = report
    local_run.pop("jobs")
    return {"run": local_run, "jobs": jobs}


def _script_timing(home: Path, job_name: str) -> dict | None:
    """Return the ``bench-timing`` line the entry point printed to the job's training.log."""
    for log_path in home.rglob("training.log"):
        if log_path.parent.name != job_name:
            continue
        for line in log_path.read_text().splitlines():
            if line.startswith("bench-timing: "):
                return json.loads(line.removeprefix("bench-timing: "))
    return None


def measure_startup(samples: int) -> dict:
    """Time new interpreters: bare, and importing xgboost, botocore's part, or the worker."""
    commands = {
        "bare interpreter": "pass",
        "import xgboost": "import xgboost",
        # _training_shapes imports botocore and loads the SageMaker service model. The worker
        # no longer imports it, and this row shows the start time that saves.
        "import botocore and the SageMaker service model (local._training_shapes)": (
            "import churn_studio_ext.local._training_shapes"
        ),
        "import the worker module (python -m churn_studio_ext.training.worker)": (
            "import churn_studio_ext.training.worker"
        ),
    }
    results = {}
    for label, code in commands.items():
        durations = []
        for _ in range(samples):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            durations.append(time.perf_counter() - start)
        results[label] = statistics.median(durations)
    return results


def summarize(results: dict) -> dict:
    """Return the medians per phase and in total, the overhead and the stage medians."""
    runs = results["runs"]
    summary = {"phases": {}}
    for phase in [*PHASES, "total"]:
        local_times = [_phase_time(run["local"], phase) for run in runs]
        direct_times = [_phase_time(run["direct"], phase) for run in runs]
        local_median = statistics.median(local_times)
        direct_median = statistics.median(direct_times)
        summary["phases"][phase] = {
            "local_median": local_median,
            "direct_median": direct_median,
            "local_all": local_times,
            "direct_all": direct_times,
            "ratio": local_median / direct_median,
            "overhead_fraction": (local_median - direct_median) / local_median,
        }

    stage_medians = {}
    for phase in PHASES:
        per_stage = {}
        for stage in [*STAGES, "create_call", "waiter_lag"]:
            values = []
            for run in runs:
                for job in run["local"]["jobs"].values():
                    if job["phase"] != phase:
                        continue
                    if stage == "create_call":
                        values.append(job["create_call_seconds"])
                    elif stage == "waiter_lag":
                        values.append(job["waiter_lag_seconds"])
                    else:
                        values.append(job["stages"][stage])
            per_stage[stage] = statistics.median(values)
        direct_parts = {}
        for part in ("load_seconds", "train_seconds", "save_seconds", "total_seconds"):
            direct_parts[part] = statistics.median(
                job[part]
                for run in runs
                for job in run["direct"]["jobs"].values()
                if job["phase"] == phase
            )
        stage_medians[phase] = {
            "local_stages": per_stage,
            "direct_parts": direct_parts,
            "client_cpu_seconds": statistics.median(
                run["local"]["client_cpu_seconds"][phase] for run in runs
            ),
        }
    summary["stages"] = stage_medians
    summary["attribution"] = {
        phase: _attribute(stage_medians[phase], summary["phases"][phase])
        for phase in PHASES
    }
    summary["series_equal"] = all(
        check["equal"] for run in runs for check in run["sanity"].values()
    )
    return summary


ATTRIBUTION_PARTS = (
    "create call and worker start (Starting)",
    "input copy (Downloading)",
    "Training stage beyond the direct load, train and save",
    "upload, final rules, end (Uploading)",
    "waiter lag after the end",
    "sum of the parts",
    "measured overhead",
    "CPU of the client process (create calls, polls), not in the sum",
)


def _attribute(stages: dict, phase: dict) -> dict:
    """Split a phase's overhead into the medians of the local stages beyond the direct work.

    The parts add up to the overhead only for a phase of one job. The five concurrent jobs
    overlap, so for them the parts show where one job's time goes.
    """
    local_stages = stages["local_stages"]
    parts = {
        "create call and worker start (Starting)": local_stages["create_call"]
        + local_stages["Starting"],
        "input copy (Downloading)": local_stages["Downloading"],
        "Training stage beyond the direct load, train and save": local_stages[
            "Training"
        ]
        - stages["direct_parts"]["total_seconds"],
        "upload, final rules, end (Uploading)": local_stages["Uploading"],
        "waiter lag after the end": local_stages["waiter_lag"],
    }
    # Not part of the sum: the waiter's CPU competes with the trainings for the cores.
    client_cpu = stages["client_cpu_seconds"]
    parts["sum of the parts"] = sum(parts.values())
    parts["measured overhead"] = phase["local_median"] - phase["direct_median"]
    parts["CPU of the client process (create calls, polls), not in the sum"] = (
        client_cpu
    )
    return parts


def _phase_time(side: dict, phase: str) -> float:
    return side["total"] if phase == "total" else side["phases"][phase]


def _autogroup_setting() -> str | None:
    try:
        return Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip()
    except OSError:
        return None


def _software_versions() -> dict:
    import botocore
    import numpy
    import xgboost

    # The distribution is xgboost-cpu here, so the module's version is the one to ask.
    return {
        "xgboost": xgboost.__version__,
        "numpy": numpy.__version__,
        "botocore": botocore.__version__,
    }
