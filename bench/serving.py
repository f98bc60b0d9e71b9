"""Model serving: one-row requests to a local endpoint against ``mlflow models serve``.

Both servers serve the same booster: XGBoost with the tour's hyperparameters (``min_child_weight``
6), 40 rounds, trained on the tour's ``train.csv`` (69 features). Ours runs behind CreateModel,
CreateEndpointConfig and CreateEndpoint on a studio home in a temporary folder. MLflow gets the
booster through ``mlflow.xgboost.log_model`` (SQLite tracking store, ``file://`` artifact folder)
and serves it with ``mlflow models serve --env-manager local --workers 1`` on 127.0.0.1.

The same client code measures both: ``http.client`` connections kept alive, one per client thread.
Each server gets its own single-row format. Ours takes SageMaker's CSV (no header) and
``{"instances": [[...]]}``. MLflow takes CSV with a header line and ``{"dataframe_split": ...}``.
Before any timing, the predictions of all 120 rows of ``test_sample.csv`` from both servers and
both formats are compared with ``Booster.inplace_predict`` on the same rows.
"""

from __future__ import annotations

import http.client
import json
import math
import os
import signal
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from io import BytesIO
from pathlib import Path

import numpy as np

import training_direct

NUM_ROUND = 40
BOOSTER_PARAMETERS = training_direct.booster_parameters(min_child_weight=6)
FEATURE_COUNT = 69

BUCKET = "sagemaker-studio-local-000000000000"
MODEL_URI = f"s3://{BUCKET}/bench-serving/model/model.tar.gz"
XGBOOST_IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"
ROLE_ARN = "arn:aws:iam::000000000000:role/service-role/LocalServingBench"
ENDPOINT = "bench-serving"

FORMATS = ("csv", "json")
SERVERS = ("ours", "mlflow")
SERVER_TITLES = {"ours": "ours (local endpoint)", "mlflow": "`mlflow models serve`"}
# Nearest-rank p99 needs at least 100 samples to differ from the maximum.
P99 = 0.99
STARTUP_TIMEOUT_SECONDS = 120.0
PING_POLL_SECONDS = 0.002
REQUEST_TIMEOUT_SECONDS = 30.0
# Requests each client sends before a throughput window opens, so connections and server
# threads exist before the clock starts.
WARM_UP_REQUESTS = 5
TARGET_MEDIAN_MS = 2.0
TARGET_THROUGHPUT_RATIO = 5.0
TARGET_STARTUP_SECONDS = 1.0


def run(config: dict, log) -> dict:
    """Train the model, start both servers, measure them in one run, and stop the servers."""
    try:
        import xgboost  # noqa: F401
        import mlflow  # noqa: F401
    except ImportError as error:
        return {"unavailable": f"{error.name} is not installed in {sys.executable}; install "
                "bench/requirements.txt into the benchmark environment."}

    results: dict = {"config": {key: value for key, value in config.items()
                                if key.startswith("serving_")}}
    with tempfile.TemporaryDirectory(prefix="bench-serving-") as folder:
        folder = Path(folder)
        booster, rows = _train(log)
        expected = booster.inplace_predict(_matrix(rows))
        results["model"] = {
            "num_round": NUM_ROUND,
            "features": booster.num_features(),
            "trees": booster.num_boosted_rounds(),
            "parameters": BOOSTER_PARAMETERS,
            "rows": len(rows),
        }

        home = folder / "home"
        mlflow_process = None
        try:
            results["ours_startup"] = _start_ours(home, booster, config["serving_startup_samples"],
                                                  log)
            ours_port, ours_pid = _endpoint_port_and_pid(home, ENDPOINT)

            model_uri, tracking_uri = _log_mlflow_model(folder, booster, log)
            mlflow_process, mlflow_port, mlflow_startup = _start_mlflow(
                folder, model_uri, tracking_uri, log
            )
            results["mlflow_startup"] = mlflow_startup

            targets = {
                "ours": Target("ours", ours_port, ours_pid, _ours_bodies(rows)),
                "mlflow": Target("mlflow", mlflow_port, mlflow_process.pid, _mlflow_bodies(rows)),
            }
            results["checks"] = {
                name: {kind: _check_predictions(target, kind, expected) for kind in FORMATS}
                for name, target in targets.items()
            }
            results["body_bytes"] = {
                name: {kind: len(target.bodies[kind][1]) for kind in FORMATS}
                for name, target in targets.items()
            }

            results["sequential"] = _measure_sequential(targets, config, log)
            results["runtime_client"] = _measure_runtime_client(home, rows, config, log)
            results["throughput"] = _measure_throughput(targets, config, log)
            results["workers"] = {
                name: _process_tree_facts(target.pid) for name, target in targets.items()
            }
        finally:
            if mlflow_process is not None:
                _stop_process_group(mlflow_process, log)
            _delete_endpoints(home, log)

    results["software"] = _software_versions()
    results["summary"] = summarize(results)
    return results


# --- model -----------------------------------------------------------------------------------


def _train(log):
    """Train the tour's booster for NUM_ROUND rounds; return it and the tour's 120 test rows."""
    import xgboost

    from churn_studio_ext import tour_data

    train = np.loadtxt(tour_data.shipped_tour_file("train.csv"), delimiter=",", dtype=np.float32)
    validation = np.loadtxt(tour_data.shipped_tour_file("validation.csv"), delimiter=",",
                            dtype=np.float32)
    log(f"serving: training {NUM_ROUND} rounds on {len(train)} rows")
    dtrain = xgboost.DMatrix(train[:, 1:], label=train[:, 0])
    dvalidation = xgboost.DMatrix(validation[:, 1:], label=validation[:, 0])
    booster = xgboost.train(BOOSTER_PARAMETERS, dtrain, num_boost_round=NUM_ROUND,
                            evals=[(dvalidation, "validation")], verbose_eval=False)
    if booster.num_features() != FEATURE_COUNT:
        raise RuntimeError(f"The tour's train.csv gave {booster.num_features()} features, "
                           f"not {FEATURE_COUNT}; check churn_studio_ext/data.")

    rows = tour_data.shipped_tour_file("test_sample.csv").read_text().splitlines()
    return booster, rows


def _matrix(rows: list[str]) -> np.ndarray:
    return np.array([[float(value) for value in row.split(",")] for row in rows],
                    dtype=np.float32)


def _model_archive(booster) -> bytes:
    """Return a built-in XGBoost ``model.tar.gz``: the booster as UBJSON under ``xgboost-model``."""
    model_bytes = bytes(booster.save_raw(raw_format="ubj"))
    buffer = BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        member = tarfile.TarInfo("xgboost-model")
        member.size = len(model_bytes)
        archive.addfile(member, BytesIO(model_bytes))
    return buffer.getvalue()


# --- our endpoint ----------------------------------------------------------------------------


def _start_ours(home: Path, booster, samples: int, log) -> dict:
    """Create the model and config, then time CreateEndpoint to the first /ping ``samples`` times.

    Every sample but the last deletes its endpoint. The last one, named ENDPOINT, stays for the
    measurements.
    """
    from churn_studio_ext import local
    from churn_studio_ext.local.objects import ObjectStore

    ObjectStore(home).put_bytes(_model_archive(booster), MODEL_URI)
    sm = local.client("sagemaker", home=home)
    sm.create_model(
        ModelName="bench-serving-model",
        PrimaryContainer={"Image": XGBOOST_IMAGE, "ModelDataUrl": MODEL_URI},
        ExecutionRoleArn=ROLE_ARN,
    )
    sm.create_endpoint_config(
        EndpointConfigName="bench-serving-config",
        ProductionVariants=[{
            "VariantName": "AllTraffic",
            "ModelName": "bench-serving-model",
            "InitialInstanceCount": 1,
            "InstanceType": "ml.m5.large",
            "InitialVariantWeight": 1.0,
        }],
    )

    samples_seconds = []
    in_service_seconds = []
    for index in range(samples):
        name = ENDPOINT if index == samples - 1 else f"{ENDPOINT}-startup-{index}"
        start = time.perf_counter()
        sm.create_endpoint(EndpointName=name, EndpointConfigName="bench-serving-config")
        port = _wait_for_port(home, name)
        _wait_for_ping(port, start)
        samples_seconds.append(time.perf_counter() - start)
        status = sm.describe_endpoint(EndpointName=name)["EndpointStatus"]
        if status != "InService":
            raise RuntimeError(f"Endpoint {name} returned 200 on /ping but its status is {status}.")
        in_service_seconds.append(time.perf_counter() - start)
        log(f"serving: ours CreateEndpoint to first /ping {samples_seconds[-1] * 1000:.0f} ms")
        if name != ENDPOINT:
            sm.delete_endpoint(EndpointName=name)
    return {
        "create_to_first_ping_seconds": samples_seconds,
        "median_seconds": statistics.median(samples_seconds),
        "create_to_in_service_described_seconds": in_service_seconds,
    }


def _wait_for_port(home: Path, name: str) -> int:
    """Poll the store until the endpoint's server has recorded its port."""
    from churn_studio_ext.local.store import get_store

    store = get_store(home)
    deadline = time.perf_counter() + STARTUP_TIMEOUT_SECONDS
    while time.perf_counter() < deadline:
        with store.read() as conn:
            row = conn.execute(
                "SELECT status, server_port, failure_reason FROM endpoint WHERE name_key = ?",
                (name.lower(),),
            ).fetchone()
        if row["status"] == "Failed":
            raise RuntimeError(f"Endpoint {name} failed: {row['failure_reason']}")
        if row["server_port"]:
            return row["server_port"]
        time.sleep(PING_POLL_SECONDS)
    raise RuntimeError(f"Endpoint {name} recorded no port within {STARTUP_TIMEOUT_SECONDS} s.")


def _endpoint_port_and_pid(home: Path, name: str) -> tuple[int, int]:
    from churn_studio_ext.local.store import get_store

    with get_store(home).read() as conn:
        row = conn.execute("SELECT server_port, server_pid FROM endpoint WHERE name_key = ?",
                           (name.lower(),)).fetchone()
    return row["server_port"], row["server_pid"]


def _delete_endpoints(home: Path, log) -> None:
    """Delete every endpoint of ``home``, which stops its server (SIGTERM, then SIGKILL)."""
    if not (home / "studio.db").exists():
        return
    from churn_studio_ext import local

    sm = local.client("sagemaker", home=home)
    for summary in sm.list_endpoints(MaxResults=100)["Endpoints"]:
        try:
            sm.delete_endpoint(EndpointName=summary["EndpointName"])
        except sm.exceptions.ClientError as error:
            log(f"serving: could not delete endpoint {summary['EndpointName']}: {error}")


def _ours_bodies(rows: list[str]) -> dict:
    csv = [row.encode() for row in rows]
    json_rows = [
        json.dumps({"instances": [[float(value) for value in row.split(",")]]}).encode()
        for row in rows
    ]
    return {
        "csv": ({"Content-Type": "text/csv", "Accept": "text/csv"}, csv),
        "json": ({"Content-Type": "application/json", "Accept": "application/json"}, json_rows),
    }


def _measure_runtime_client(home: Path, rows: list[str], config: dict, log) -> dict:
    """Time InvokeEndpoint through our ``sagemaker-runtime`` client, sequentially, in CSV."""
    from churn_studio_ext import local

    runtime = local.client("sagemaker-runtime", home=home)
    count = config["serving_sequential_ours"]
    log(f"serving: ours through the sagemaker-runtime client, {count} requests")
    try:
        for row in rows[:WARM_UP_REQUESTS]:
            runtime.invoke_endpoint(EndpointName=ENDPOINT, ContentType="text/csv", Body=row)
        durations = []
        for index in range(count):
            row = rows[index % len(rows)]
            start = time.perf_counter()
            response = runtime.invoke_endpoint(EndpointName=ENDPOINT, ContentType="text/csv",
                                               Body=row)
            response["Body"].read()
            durations.append(time.perf_counter() - start)
    finally:
        runtime.close()
    return latency_summary(durations)


# --- MLflow ----------------------------------------------------------------------------------


def _log_mlflow_model(folder: Path, booster, log) -> tuple[str, str]:
    """Log the booster with MLflow's xgboost flavor; return the model URI and tracking URI."""
    import mlflow
    import mlflow.xgboost

    tracking_uri = f"sqlite:///{folder / 'mlflow.db'}"
    artifacts = (folder / "mlflow-artifacts").as_uri()
    mlflow.set_tracking_uri(tracking_uri)
    experiment_id = mlflow.create_experiment("bench-serving", artifact_location=artifacts)
    log("serving: logging the booster with mlflow.xgboost.log_model")
    with mlflow.start_run(experiment_id=experiment_id):
        info = mlflow.xgboost.log_model(booster, name="model")
    return info.model_uri, tracking_uri


def _start_mlflow(folder: Path, model_uri: str, tracking_uri: str, log):
    """Start ``mlflow models serve`` with one worker; return the process, port and startup time."""
    port = _free_port()
    bin_folder = Path(sys.executable).parent
    environment = dict(os.environ)
    environment.update({
        "MLFLOW_TRACKING_URI": tracking_uri,
        "MLFLOW_DISABLE_TELEMETRY": "true",
        "DO_NOT_TRACK": "1",
        # MLflow runs `uvicorn` from PATH, which must be this environment's.
        "PATH": str(bin_folder) + os.pathsep + environment.get("PATH", ""),
        # Same thread setting as our model server, so neither server gets an OpenMP pool.
        "OMP_NUM_THREADS": "1",
    })

    command = [str(bin_folder / "mlflow"), "models", "serve", "-m", model_uri,
               "--env-manager", "local", "--host", "127.0.0.1", "--port", str(port),
               "--workers", "1"]
    log(f"serving: starting {' '.join(command[1:])}")

    output = open(folder / "mlflow-serve.log", "wb")
    start = time.perf_counter()
    # Its own session, so stopping its process group also stops the uvicorn it starts.
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output,
                               stderr=subprocess.STDOUT, env=environment,
                               start_new_session=True, cwd=folder)
    output.close()
    try:
        _wait_for_ping(port, start, process=process, log_path=folder / "mlflow-serve.log")
    except BaseException:
        _stop_process_group(process, log)
        raise
    seconds = time.perf_counter() - start
    log(f"serving: mlflow models serve answered /ping after {seconds * 1000:.0f} ms")
    return process, port, {"start_to_first_ping_seconds": seconds}


def _mlflow_bodies(rows: list[str]) -> dict:
    columns = [f"f{index}" for index in range(FEATURE_COUNT)]
    header = ",".join(columns)
    csv = [f"{header}\n{row}\n".encode() for row in rows]
    json_rows = [
        json.dumps({"dataframe_split": {
            "columns": columns, "data": [[float(value) for value in row.split(",")]],
        }}).encode()
        for row in rows
    ]
    return {
        "csv": ({"Content-Type": "text/csv"}, csv),
        "json": ({"Content-Type": "application/json"}, json_rows),
    }


def _stop_process_group(process: subprocess.Popen, log) -> None:
    """Stop the process group that ``process`` leads: SIGTERM, then SIGKILL after 10 s."""
    for signal_number, wait_seconds in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(process.pid, signal_number)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait_seconds)
        except subprocess.TimeoutExpired:
            log(f"serving: process group {process.pid} still runs after {signal_number.name}")
            continue
        # The leader has exited; its uvicorn child may still be shutting down.
        deadline = time.monotonic() + wait_seconds
        while time.monotonic() < deadline and _group_alive(process.pid):
            time.sleep(0.05)
        if not _group_alive(process.pid):
            return


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- client ----------------------------------------------------------------------------------


class Target:
    """One server under test: its port, the pid of its process tree, and its request bodies."""

    def __init__(self, name: str, port: int, pid: int, bodies: dict):
        self.name = name
        self.port = port
        self.pid = pid
        self.bodies = bodies


class KeepAliveClient:
    """One HTTP/1.1 connection to 127.0.0.1 that POSTs to /invocations and checks the status."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port,
                                                     timeout=REQUEST_TIMEOUT_SECONDS)

    def post(self, body: bytes, headers: dict) -> bytes:
        self.connection.request("POST", "/invocations", body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"POST /invocations returned {response.status}: {data[:300]!r}")
        return data

    def close(self) -> None:
        self.connection.close()


def _wait_for_ping(port: int, start: float, process=None, log_path=None) -> None:
    """Poll GET /ping until it returns 200; fail when ``process`` exits or after the timeout."""
    while time.perf_counter() - start < STARTUP_TIMEOUT_SECONDS:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"The server exited with code {process.returncode} before "
                               f"/ping returned 200; see {log_path}.")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", "/ping")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(PING_POLL_SECONDS)
    raise RuntimeError(f"/ping on port {port} timed out: no 200 within {STARTUP_TIMEOUT_SECONDS} s.")


def _predictions(name: str, kind: str, data: bytes) -> list[float]:
    if kind == "csv":
        text = data.decode()
        if name == "mlflow":
            # MLflow returns JSON for every request content type.
            return _json_predictions(json.loads(text))
        return [float(value) for value in text.split("\n")]
    return _json_predictions(json.loads(data))


def _json_predictions(document) -> list[float]:
    predictions = document["predictions"]
    return [item["score"] if isinstance(item, dict) else item for item in predictions]


def _check_predictions(target: Target, kind: str, expected: np.ndarray) -> dict:
    """Send every row once and compare each prediction with the booster's own."""
    headers, bodies = target.bodies[kind]
    client = KeepAliveClient(target.port)
    try:
        values = []
        for body in bodies:
            values.extend(_predictions(target.name, kind, client.post(body, headers)))
    finally:
        client.close()
    received = np.array(values, dtype=np.float32)
    if received.shape != expected.shape:
        raise RuntimeError(f"{target.name} {kind}: {received.size} predictions for "
                           f"{expected.size} rows")
    difference = float(np.max(np.abs(received - expected)))
    if not np.allclose(received, expected, rtol=1e-6, atol=1e-7):
        raise RuntimeError(f"{target.name} {kind}: predictions differ from the booster's by up "
                           f"to {difference}")
    return {"rows": int(received.size), "max_abs_difference": difference}


def _measure_sequential(targets: dict, config: dict, log) -> dict:
    """Time single requests one after another on one connection, rounds alternating servers."""
    rounds = config["serving_rounds"]
    counts = {"ours": config["serving_sequential_ours"],
              "mlflow": config["serving_sequential_mlflow"]}
    durations = {name: {kind: [] for kind in FORMATS} for name in targets}
    for round_index in range(rounds):
        for kind in FORMATS:
            for name, target in targets.items():
                count = math.ceil(counts[name] / rounds)
                log(f"serving: sequential {kind}, {name}, round {round_index + 1}/{rounds}, "
                    f"{count} requests")
                durations[name][kind].extend(_sequential_round(target, kind, count))
    return {name: {kind: latency_summary(values) for kind, values in by_kind.items()}
            for name, by_kind in durations.items()}


def _sequential_round(target: Target, kind: str, count: int) -> list[float]:
    headers, bodies = target.bodies[kind]
    client = KeepAliveClient(target.port)
    try:
        for body in bodies[:WARM_UP_REQUESTS]:
            client.post(body, headers)
        durations = []
        for index in range(count):
            body = bodies[index % len(bodies)]
            start = time.perf_counter()
            client.post(body, headers)
            durations.append(time.perf_counter() - start)
    finally:
        client.close()
    return durations


def _measure_throughput(targets: dict, config: dict, log) -> dict:
    """Run every (format, clients) window on each server, rounds alternating the servers."""
    rounds = config["serving_rounds"]
    seconds = config["serving_window_seconds"]
    windows: dict = {name: {} for name in targets}
    for round_index in range(rounds):
        for kind in FORMATS:
            for clients in config["serving_clients"]:
                for name, target in targets.items():
                    log(f"serving: {clients} clients, {kind}, {name}, round "
                        f"{round_index + 1}/{rounds}, {seconds} s")
                    window = _throughput_window(target, kind, clients, seconds)
                    windows[name].setdefault(f"{kind}-{clients}", []).append(window)

    results: dict = {}
    for name, by_key in windows.items():
        results[name] = {}
        for key, runs in by_key.items():
            rates = [run["requests_per_second"] for run in runs]
            results[name][key] = {
                "requests_per_second_median": statistics.median(rates),
                "requests_per_second_rounds": rates,
                "runs": runs,
            }
    return results


def _throughput_window(target: Target, kind: str, clients: int, seconds: float) -> dict:
    """Let ``clients`` threads send requests for ``seconds``; count what completes.

    Each thread has its own connection and stops sending at the deadline. The window ends when
    the last thread has its last response, so the rate counts every request that was sent.
    """
    headers, bodies = target.bodies[kind]
    connections = [KeepAliveClient(target.port) for _ in range(clients)]
    ready = threading.Barrier(clients + 1)
    counts = [0] * clients
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[BaseException] = []
    shared = {"deadline": 0.0}

    def send(index: int) -> None:
        client = connections[index]
        try:
            for body in bodies[:WARM_UP_REQUESTS]:
                client.post(body, headers)
        except BaseException as error:  # Reported after the window; the barrier must not hang.
            errors.append(error)
        ready.wait()
        if errors:
            return
        position = index * 17
        try:
            while True:
                start = time.perf_counter()
                if start >= shared["deadline"]:
                    return
                client.post(bodies[position % len(bodies)], headers)
                latencies[index].append(time.perf_counter() - start)
                counts[index] += 1
                position += 1
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=send, args=(index,), daemon=True)
               for index in range(clients)]
    for thread in threads:
        thread.start()
    server_cpu_before = _tree_cpu_seconds(target.pid)
    shared["deadline"] = time.perf_counter() + seconds
    cpu_before = time.process_time()
    started = time.perf_counter()
    ready.wait()
    # Sampled mid-window, when every client's connection has its server thread or task.
    time.sleep(seconds / 2)
    server_threads = _tree_thread_counts(target.pid)
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    client_cpu = time.process_time() - cpu_before
    server_cpu = _tree_cpu_seconds(target.pid) - server_cpu_before
    for client in connections:
        client.close()
    if errors:
        raise RuntimeError(f"{target.name} {kind} with {clients} clients failed: {errors[0]!r}")

    total = sum(counts)
    every_latency = [value for values in latencies for value in values]
    return {
        "requests": total,
        "seconds": elapsed,
        "requests_per_second": total / elapsed,
        "latency": latency_summary(every_latency),
        "client_cpu_seconds": client_cpu,
        "server_cpu_seconds": server_cpu,
        "server_cpu_ms_per_request": server_cpu * 1000 / total if total else None,
        "server_threads": server_threads,
    }


# --- statistics and process facts ------------------------------------------------------------


def latency_summary(seconds: list[float]) -> dict:
    """Return the median, p99 (nearest rank), mean and count of durations, in ms."""
    ordered = sorted(seconds)
    count = len(ordered)
    p99_index = max(0, math.ceil(P99 * count) - 1)
    return {
        "median_ms": statistics.median(ordered) * 1000,
        "p99_ms": ordered[p99_index] * 1000,
        "mean_ms": statistics.fmean(ordered) * 1000,
        "n": count,
    }


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _process_tree(pid: int) -> list[int]:
    tree, pending = [], [pid]
    while pending:
        current = pending.pop()
        tree.append(current)
        pending.extend(_children(current))
    return tree


def _tree_cpu_seconds(pid: int) -> float:
    """Return the user + system CPU time of ``pid`` and its descendants, from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for member in _process_tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        # After the command name: state is field 0, utime field 11, stime field 12.
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def _tree_thread_counts(pid: int) -> dict:
    """Return the number of threads of each process of the tree, keyed by pid (as a string)."""
    counts = {}
    for member in _process_tree(pid):
        try:
            counts[str(member)] = len(os.listdir(f"/proc/{member}/task"))
        except OSError:
            continue
    return counts


def _process_tree_facts(pid: int) -> dict:
    """Describe the processes of a server: command, threads, resident memory."""
    processes = []
    for member in _process_tree(pid):
        try:
            command = Path(f"/proc/{member}/cmdline").read_bytes().split(b"\0")
            status = Path(f"/proc/{member}/status").read_text()
        except OSError:
            continue
        facts = dict(line.split(":\t", 1) for line in status.splitlines() if ":\t" in line)
        processes.append({
            "pid": member,
            "command": " ".join(part.decode(errors="replace") for part in command if part)[:200],
            "threads": int(facts.get("Threads", "0").strip()),
            "resident_memory": facts.get("VmRSS", "?").strip(),
        })
    return {"processes": processes}


def _software_versions() -> dict:
    from importlib import metadata

    versions = {"python": sys.version.split()[0]}
    for package in ("mlflow", "xgboost-cpu", "xgboost", "uvicorn", "fastapi", "numpy", "pandas"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return versions


# --- summary and Markdown --------------------------------------------------------------------


def summarize(results: dict) -> dict:
    """Return the ratios and target checks of one run."""
    sequential = results["sequential"]
    throughput = results["throughput"]
    summary: dict = {"latency_ratio": {}, "throughput_ratio": {}}
    for kind in FORMATS:
        summary["latency_ratio"][kind] = (
            sequential["mlflow"][kind]["median_ms"] / sequential["ours"][kind]["median_ms"]
        )
    for key, ours in throughput["ours"].items():
        mlflow_rate = throughput["mlflow"][key]["requests_per_second_median"]
        summary["throughput_ratio"][key] = ours["requests_per_second_median"] / mlflow_rate
    summary["targets"] = {
        "median_csv_ms": sequential["ours"]["csv"]["median_ms"],
        "median_met": sequential["ours"]["csv"]["median_ms"] <= TARGET_MEDIAN_MS,
        "throughput_8_csv_ratio": summary["throughput_ratio"].get("csv-8"),
        "throughput_met": (summary["throughput_ratio"].get("csv-8") or 0)
        >= TARGET_THROUGHPUT_RATIO,
        "startup_seconds": results["ours_startup"]["median_seconds"],
        "startup_met": results["ours_startup"]["median_seconds"] <= TARGET_STARTUP_SECONDS,
    }
    return summary
