"""REST routes of monitoring schedules and executions on the local backend."""

import asyncio
import json
import re
from pathlib import Path

import jsonschema
import pytest
from endpoint_helpers import CAPTURE_URI, wait_until
from monitoring_helpers import (
    BASELINE_DATASET_URI,
    BASELINE_URI,
    CONSTRAINTS_URI,
    ENDPOINT,
    STATISTICS_URI,
    baseline_job_request,
    schedule_config,
    schedule_create_body,
    wait_for_job,
)

from churn_studio_ext import tour_data
from churn_studio_ext.local.objects import ObjectStore

SCHEDULE = "rest-schedule"
TRIAL_COMPONENT = "churn-training-1-aws-training-job"
ISO_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+00:00$")


def captured_records(home) -> int:
    return sum(
        len(stored.path.read_bytes().splitlines())
        for stored in ObjectStore(home).list_prefix(CAPTURE_URI + "/")
    )


def create_body(**changes) -> dict:
    return schedule_create_body(SCHEDULE, **changes)


@pytest.fixture
def tour_baseline(sm, home):
    """Run the tour's baseline job on training-dataset-with-header.csv."""
    ObjectStore(home).put_file(
        tour_data.shipped_tour_file("training-dataset-with-header.csv"),
        f"{BASELINE_DATASET_URI}/training-dataset-with-header.csv",
    )
    sm.create_processing_job(**baseline_job_request("baseline-job"))
    assert wait_for_job(sm, "baseline-job")["ProcessingJobStatus"] == "Completed"
    return "baseline-job"


async def test_list_schedules_empty(api, capture_endpoint):
    status, body = await api("GET", "endpoints", ENDPOINT, "monitoring-schedules")

    assert status == 200
    assert body == {"schedules": []}


async def test_list_schedules_missing_endpoint(api, jp_serverapp):
    status, body = await api("GET", "endpoints", "no-such-endpoint", "monitoring-schedules")

    assert status == 404
    assert "no-such-endpoint" in body["message"]


async def test_create_schedule_from_uris(api, capture_endpoint, baseline_files):
    status, body = await api("POST", "monitoring-schedules", body=create_body())

    assert status == 201
    assert body["name"] == SCHEDULE
    assert body["arn"].endswith("monitoring-schedule/rest-schedule")
    assert body["status"] == "Pending"
    assert body["scheduleExpression"] == "cron(0 * ? * * *)"
    assert body["monitoringType"] == "DataQuality"
    assert ISO_UTC.match(body["creationTime"])
    assert body["lastExecution"] is None
    assert body["baseline"] == {
        "statisticsUri": STATISTICS_URI,
        "constraintsUri": CONSTRAINTS_URI,
        "baseliningJobName": None,
    }


async def test_create_schedule_from_baseline_job(api, sm, capture_endpoint, tour_baseline):
    status, body = await api(
        "POST", "monitoring-schedules",
        body=create_body(statisticsUri=None, constraintsUri=None, baselineJobName=tour_baseline,
                         scheduleExpression="daily"),
    )

    assert status == 201, body
    assert body["scheduleExpression"] == "cron(0 0 ? * * *)"
    assert body["baseline"] == {
        "statisticsUri": f"{BASELINE_URI}/statistics.json",
        "constraintsUri": f"{BASELINE_URI}/constraints.json",
        "baseliningJobName": "baseline-job",
    }
    config = sm.describe_monitoring_schedule(MonitoringScheduleName=SCHEDULE)[
        "MonitoringScheduleConfig"
    ]
    output = config["MonitoringJobDefinition"]["MonitoringOutputConfig"]["MonitoringOutputs"][0]
    assert output["S3Output"]["S3Uri"] == CAPTURE_URI.rpartition("/")[0] + "/reports"


@pytest.mark.parametrize(
    "changes, status, fragment",
    [
        ({"endpointName": None}, 400, "endpointName"),
        ({"scheduleExpression": "cron(0 * * * * *)"}, 400, "'cron(0 * * * * *)'"),
        ({"statisticsUri": "s3://sagemaker-studio-local-000000000000/none/statistics.json"},
         400, "s3://sagemaker-studio-local-000000000000/none/statistics.json"),
        ({"statisticsUri": None, "constraintsUri": None}, 400, "baselineJobName"),
        ({"baselineJobName": "no-such-job", "statisticsUri": None}, 404, "no-such-job"),
        ({"endpointName": "no-such-endpoint"}, 404, "no-such-endpoint"),
    ],
)
async def test_create_schedule_rejected(
    api, capture_endpoint, baseline_files, changes, status, fragment
):
    code, body = await api("POST", "monitoring-schedules", body=create_body(**changes))

    assert code == status
    assert fragment in body["message"]


async def test_create_schedule_invalid_json(api, jp_fetch, capture_endpoint):
    response = await jp_fetch(
        "churn-studio", "api", "monitoring-schedules", method="POST", body="{not json",
        raise_error=False,
    )

    assert response.code == 400
    assert b"not valid JSON" in response.body


async def test_create_duplicate_schedule(api, capture_endpoint, baseline_files):
    await api("POST", "monitoring-schedules", body=create_body())

    status, body = await api("POST", "monitoring-schedules", body=create_body())

    assert status == 409
    assert SCHEDULE in body["message"]


async def test_stop_start_delete(api, sm, capture_endpoint, baseline_files):
    await api("POST", "monitoring-schedules", body=create_body())

    stop_status, stopped = await api("POST", "monitoring-schedules", SCHEDULE, "stop", body={})
    start_status, started = await api("POST", "monitoring-schedules", SCHEDULE, "start", body={})
    delete_status, deleted = await api("DELETE", "monitoring-schedules", SCHEDULE)
    list_status, listed = await api("GET", "endpoints", ENDPOINT, "monitoring-schedules")

    assert (stop_status, stopped["status"]) == (200, "Stopped")
    assert (start_status, started["status"]) == (200, "Scheduled")
    assert (delete_status, deleted) == (204, None)
    assert (list_status, listed) == (200, {"schedules": []})


@pytest.mark.parametrize("action", ["stop", "start", "run"])
async def test_missing_schedule_actions(api, jp_serverapp, action):
    status, body = await api("POST", "monitoring-schedules", "no-such-schedule", action, body={})

    assert status == 404
    assert "no-such-schedule" in body["message"]


async def test_delete_missing_schedule(api, jp_serverapp):
    status, body = await api("DELETE", "monitoring-schedules", "no-such-schedule")

    assert status == 404
    assert "no-such-schedule" in body["message"]


async def test_missing_execution(api, jp_serverapp):
    status, body = await api("GET", "monitoring-executions", "model-monitoring-000000000000-x")

    assert status == 404
    assert "model-monitoring-000000000000-x" in body["message"]


async def wait_for_execution(api, job_name: str) -> dict:
    for _ in range(600):
        status, body = await api("GET", "monitoring-executions", job_name)
        assert status == 200, body
        if body["execution"]["status"] not in ("Pending", "InProgress"):
            return body
        await asyncio.sleep(0.05)
    pytest.fail(f"Execution {job_name} did not end")


async def test_run_now_and_report(
    api, sm, runtime, served_endpoint, tour_baseline, test_rows, home
):
    endpoint_arn = sm.describe_endpoint(EndpointName=served_endpoint)["EndpointArn"]
    sm.add_tags(ResourceArn=endpoint_arn,
                Tags=[{"Key": "churn-studio:trial-component", "Value": TRIAL_COMPONENT}])
    await api("POST", "monitoring-schedules",
              body=create_body(statisticsUri=None, constraintsUri=None,
                               baselineJobName=tour_baseline))
    for row in test_rows[:20]:
        runtime.invoke_endpoint(EndpointName=served_endpoint, Body=row, ContentType="text/csv")
    wait_until(lambda: captured_records(home) >= 20, "20 capture records")

    run_status, run = await api("POST", "monitoring-schedules", SCHEDULE, "run", body={})
    job_name = run["execution"]["processingJobName"]
    detail = await wait_for_execution(api, job_name)
    list_status, listed = await api("GET", "endpoints", ENDPOINT, "monitoring-executions")
    schedules_status, schedules = await api("GET", "endpoints", ENDPOINT, "monitoring-schedules")

    assert run_status == 202
    assert run["execution"]["scheduleName"] == SCHEDULE
    assert run["execution"]["status"] in ("InProgress", "CompletedWithViolations")
    execution = detail["execution"]
    assert execution["status"] == "CompletedWithViolations", execution
    assert execution["violationCount"] == len(detail["violations"]) > 0
    assert execution["exitMessage"] == (
        f"CompletedWithViolations: Job completed successfully with "
        f"{execution['violationCount']} violations."
    )
    churn = next(v for v in detail["violations"] if v["featureName"] == "Churn")
    assert churn["checkType"] == "data_type_check"
    feature = next(f for f in detail["features"] if f["name"] == "Churn")
    assert feature["inferredType"] == "Integral"
    assert feature["baseline"]["inferred_type"] == "Integral"
    assert feature["current"]["inferred_type"] == "Fractional"
    assert detail["links"] == {
        "baselineDatasetUri": BASELINE_DATASET_URI,
        "baselineStatisticsUri": f"{BASELINE_URI}/statistics.json",
        "reportUri": detail["links"]["reportUri"],
        "endpointName": ENDPOINT,
        "trialComponentName": TRIAL_COMPONENT,
    }
    assert detail["links"]["reportUri"].startswith(
        f"s3://sagemaker-studio-local-000000000000/xgboost-churn/reports/{ENDPOINT}/{SCHEDULE}/"
    )
    assert list_status == 200
    assert [e["processingJobName"] for e in listed["executions"]] == [job_name]
    assert schedules_status == 200
    assert schedules["schedules"][0]["lastExecution"]["processingJobName"] == job_name
    assert schedules["schedules"][0]["lastExecution"]["status"] == "CompletedWithViolations"


async def test_executions_kept_after_delete(api, capture_endpoint, baseline_files):
    await api("POST", "monitoring-schedules", body=create_body())
    _, run = await api("POST", "monitoring-schedules", SCHEDULE, "run", body={})
    await wait_for_execution(api, run["execution"]["processingJobName"])

    await api("DELETE", "monitoring-schedules", SCHEDULE)
    status, listed = await api("GET", "endpoints", ENDPOINT, "monitoring-executions")

    assert status == 200
    assert [e["scheduleName"] for e in listed["executions"]] == [SCHEDULE]
    assert listed["executions"][0]["status"] == "Failed"
    assert listed["executions"][0]["violationCount"] is None


ROUTES = [
    ("GET", f"endpoints/{ENDPOINT}/monitoring-schedules"),
    ("GET", f"endpoints/{ENDPOINT}/monitoring-executions"),
    ("POST", "monitoring-schedules"),
    ("POST", f"monitoring-schedules/{SCHEDULE}/run"),
    ("POST", f"monitoring-schedules/{SCHEDULE}/stop"),
    ("POST", f"monitoring-schedules/{SCHEDULE}/start"),
    ("DELETE", f"monitoring-schedules/{SCHEDULE}"),
    ("GET", "monitoring-executions/model-monitoring-202612041000-abc"),
]


@pytest.mark.parametrize("method, route", ROUTES)
@pytest.mark.parametrize("authorization", [None, "token wrong-token"])
async def test_request_without_token_rejected(
    http_server_client, jp_base_url, method, route, authorization
):
    headers = {"Authorization": authorization} if authorization else {}

    response = await http_server_client.fetch(
        f"{jp_base_url}churn-studio/api/{route}",
        method=method,
        headers=headers,
        body=b"{}" if method == "POST" else None,
        raise_error=False,
    )

    assert response.code == 403


class TestPeriodicRunner:
    @pytest.fixture
    def monitoring_interval(self):
        return 0.1

    async def test_runner_starts_now_schedule(
        self, jp_serverapp, sm, capture_endpoint, baseline_files
    ):
        sm.create_monitoring_schedule(
            MonitoringScheduleName=SCHEDULE,
            MonitoringScheduleConfig=schedule_config(
                expression="NOW", DataAnalysisStartTime="-PT1H", DataAnalysisEndTime="-PT0H"
            ),
        )
        # pytest-jupyter does not run the server's start hooks, which a real server runs once
        # its event loop runs.
        await jp_serverapp.extension_manager.start_extension("churn_studio_ext")

        for _ in range(100):
            executions = sm.list_monitoring_executions()["MonitoringExecutionSummaries"]
            if executions:
                break
            await asyncio.sleep(0.05)

        assert len(executions) == 1
        assert executions[0]["MonitoringScheduleName"] == SCHEDULE


SPEC_PATH = Path(__file__).resolve().parents[2] / "churn_studio_ext" / "server" / "openapi.json"


def check_against_spec(path: str, verb: str, status: int, body) -> None:
    """Validate a response body against the OpenAPI document's schema of that response."""
    spec = json.loads(SPEC_PATH.read_text())
    content = spec["paths"][path][verb]["responses"][str(status)]["content"]
    schema = {**content["application/json"]["schema"], "components": spec["components"]}
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(body)


async def test_responses_match_openapi(api, capture_endpoint, baseline_files):
    create_status, created = await api("POST", "monitoring-schedules", body=create_body())
    run_status, run = await api("POST", "monitoring-schedules", SCHEDULE, "run", body={})
    detail = await wait_for_execution(api, run["execution"]["processingJobName"])
    list_status, listed = await api("GET", "endpoints", ENDPOINT, "monitoring-schedules")
    executions_status, executions = await api("GET", "endpoints", ENDPOINT, "monitoring-executions")
    stop_status, stopped = await api("POST", "monitoring-schedules", SCHEDULE, "stop", body={})
    missing_status, missing = await api("GET", "monitoring-executions", "no-such-job")

    check_against_spec("/monitoring-schedules", "post", create_status, created)
    check_against_spec("/monitoring-schedules/{scheduleName}/run", "post", run_status, run)
    check_against_spec("/monitoring-executions/{processingJobName}", "get", 200, detail)
    check_against_spec("/endpoints/{endpointName}/monitoring-schedules", "get", list_status, listed)
    check_against_spec(
        "/endpoints/{endpointName}/monitoring-executions", "get", executions_status, executions
    )
    check_against_spec("/monitoring-schedules/{scheduleName}/stop", "post", stop_status, stopped)
    check_against_spec(
        "/monitoring-executions/{processingJobName}", "get", missing_status, missing
    )
