"""The monitoring schedule operations and ListMonitoringExecutions.

A schedule is created Pending and becomes Scheduled once the scheduler has seen it (or after a
few seconds). ``churn_studio_ext.monitor.scheduler`` starts its executions: each is a processing
job on the analyzer image, named like SageMaker's ``model-monitoring-<yyyymmddHHMM>-<hash>``.
DeleteMonitoringSchedule removes the schedule but keeps its executions, as SageMaker does.
"""

from __future__ import annotations

import json
import logging

from . import _monitoring_records as records
from . import _processing_records as processing_records
from ._paging import DEFAULT_MAX_RESULTS, fetch_page, page_request
from ._tags import delete_all_tags, put_tags
from ._timestamps import now, to_epoch
from .arns import arn
from .client_base import ServiceError, operation

log = logging.getLogger(__name__)

SCHEDULE_SORT_COLUMNS = {"Name": "name_key", "CreationTime": "created_time", "Status": "status"}
EXECUTION_SORT_COLUMNS = {
    "CreationTime": "created_time",
    "ScheduledTime": "scheduled_time",
    "Status": "status",
}

_TIME_FILTERS = (
    ("CreationTimeAfter", "created_time > ?"),
    ("CreationTimeBefore", "created_time < ?"),
    ("LastModifiedTimeAfter", "last_modified_time > ?"),
    ("LastModifiedTimeBefore", "last_modified_time < ?"),
)


class MonitoringScheduleOperations:
    """The monitoring schedule operations of ``LocalSageMakerClient``."""

    @operation("CreateMonitoringSchedule")
    def create_monitoring_schedule(self, params: dict) -> dict:
        name = params["MonitoringScheduleName"]
        config = params["MonitoringScheduleConfig"]
        schedule_arn = arn("monitoring-schedule", name)
        with self.store.write() as conn:
            existing = records.find_schedule(conn, name)
            if existing is not None:
                raise ServiceError(
                    "ResourceInUse",
                    f"Monitoring schedule '{existing['name']}' already exists "
                    f"({existing['arn']}). Choose another MonitoringScheduleName, or delete the "
                    "existing schedule first.",
                )
            monitoring_type, endpoint, expression = records.check_config(
                conn, self.store.home, config
            )
            created = now()
            conn.execute(
                "INSERT INTO monitoring_schedule (name, name_key, arn, status, monitoring_type, "
                "endpoint_name, schedule_expression, config, created_time, last_modified_time) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    name,
                    name.lower(),
                    schedule_arn,
                    records.PENDING,
                    monitoring_type,
                    endpoint,
                    expression,
                    json.dumps(config, default=str),
                    created,
                    created,
                ),
            )
            put_tags(conn, schedule_arn, params.get("Tags", []))
        log.info("Created monitoring schedule %s (%s) on endpoint %s", name, expression, endpoint)
        return {"MonitoringScheduleArn": schedule_arn}

    @operation("UpdateMonitoringSchedule")
    def update_monitoring_schedule(self, params: dict) -> dict:
        config = params["MonitoringScheduleConfig"]
        with self.store.write() as conn:
            row = records.require_schedule(conn, params["MonitoringScheduleName"])
            monitoring_type, endpoint, expression = records.check_config(
                conn, self.store.home, config
            )
            conn.execute(
                "UPDATE monitoring_schedule SET monitoring_type = ?, endpoint_name = ?, "
                "schedule_expression = ?, config = ?, failure_reason = NULL, "
                "last_modified_time = ? WHERE id = ?",
                (
                    monitoring_type,
                    endpoint,
                    expression,
                    json.dumps(config, default=str),
                    now(),
                    row["id"],
                ),
            )
        log.info("Updated monitoring schedule %s", row["name"])
        return {"MonitoringScheduleArn": row["arn"]}

    @operation("DescribeMonitoringSchedule")
    def describe_monitoring_schedule(self, params: dict) -> dict:
        processing_records.end_jobs_of_dead_workers(self.store)
        records.promote_pending_schedules(self.store)
        with self.store.read() as conn:
            row = records.require_schedule(conn, params["MonitoringScheduleName"])
            return records.describe_schedule(conn, row)

    @operation("ListMonitoringSchedules")
    def list_monitoring_schedules(self, params: dict) -> dict:
        records.promote_pending_schedules(self.store)

        where, args = _time_conditions(params)
        if "EndpointName" in params:
            where.append("lower(endpoint_name) = ?")
            args.append(params["EndpointName"].lower())
        if "NameContains" in params:
            where.append("instr(name_key, ?) > 0")
            args.append(params["NameContains"].lower())
        if "StatusEquals" in params:
            where.append("status = ?")
            args.append(params["StatusEquals"])
        if "MonitoringTypeEquals" in params:
            where.append("monitoring_type = ?")
            args.append(params["MonitoringTypeEquals"])
        if "MonitoringJobDefinitionName" in params:
            # Local schedules embed their job definition, so none uses a named one.
            where.append("0")

        paging = {"MaxResults": DEFAULT_MAX_RESULTS, **params}
        page = page_request(paging, SCHEDULE_SORT_COLUMNS, {"where": where, "args": args})
        with self.store.read() as conn:
            rows, next_token = fetch_page(
                conn, "SELECT * FROM monitoring_schedule", where, args, page
            )
        response = {"MonitoringScheduleSummaries": [records.schedule_summary(r) for r in rows]}
        if next_token:
            response["NextToken"] = next_token
        return response

    @operation("DeleteMonitoringSchedule")
    def delete_monitoring_schedule(self, params: dict) -> dict:
        with self.store.write() as conn:
            row = records.require_schedule(conn, params["MonitoringScheduleName"])
            conn.execute("DELETE FROM monitoring_schedule WHERE id = ?", (row["id"],))
            delete_all_tags(conn, row["arn"])
        log.info("Deleted monitoring schedule %s; its executions are kept", row["name"])
        return {}

    @operation("StartMonitoringSchedule")
    def start_monitoring_schedule(self, params: dict) -> dict:
        self._set_status(params["MonitoringScheduleName"], records.SCHEDULED)
        return {}

    @operation("StopMonitoringSchedule")
    def stop_monitoring_schedule(self, params: dict) -> dict:
        self._set_status(params["MonitoringScheduleName"], records.STOPPED)
        return {}

    @operation("ListMonitoringExecutions")
    def list_monitoring_executions(self, params: dict) -> dict:
        processing_records.end_jobs_of_dead_workers(self.store)

        where, args = _time_conditions(params)
        for member, condition in (
            ("ScheduledTimeAfter", "scheduled_time > ?"),
            ("ScheduledTimeBefore", "scheduled_time < ?"),
        ):
            if member in params:
                where.append(condition)
                args.append(to_epoch(params[member]))
        if "MonitoringScheduleName" in params:
            where.append("schedule_name_key = ?")
            args.append(params["MonitoringScheduleName"].lower())
        if "EndpointName" in params:
            where.append("lower(endpoint_name) = ?")
            args.append(params["EndpointName"].lower())
        if "StatusEquals" in params:
            where.append("status = ?")
            args.append(params["StatusEquals"])
        if "MonitoringTypeEquals" in params:
            where.append("monitoring_type = ?")
            args.append(params["MonitoringTypeEquals"])
        if "MonitoringJobDefinitionName" in params:
            where.append("0")

        paging = {"MaxResults": DEFAULT_MAX_RESULTS, **params}
        page = page_request(paging, EXECUTION_SORT_COLUMNS, {"where": where, "args": args})
        with self.store.read() as conn:
            rows, next_token = fetch_page(
                conn, "SELECT * FROM monitoring_execution", where, args, page
            )
        response = {"MonitoringExecutionSummaries": [records.execution_summary(r) for r in rows]}
        if next_token:
            response["NextToken"] = next_token
        return response

    def _set_status(self, name: str, status: str) -> None:
        with self.store.write() as conn:
            row = records.require_schedule(conn, name)
            if row["status"] != status:
                conn.execute(
                    "UPDATE monitoring_schedule SET status = ?, last_modified_time = ? "
                    "WHERE id = ?",
                    (status, now(), row["id"]),
                )
        log.info("Monitoring schedule %s is now %s", row["name"], status)


def _time_conditions(params: dict) -> tuple[list[str], list]:
    where, args = [], []
    for member, condition in _TIME_FILTERS:
        if member in params:
            where.append(condition)
            args.append(to_epoch(params[member]))
    return where, args
