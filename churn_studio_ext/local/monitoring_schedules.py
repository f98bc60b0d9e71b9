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
from ._paging import (
    NAME_CONTAINS,
    NAME_STATUS_SORT_COLUMNS,
    STATUS_EQUALS,
    TIME_FILTERS,
    Filter,
    filter_conditions,
    list_response,
)
from ._tags import delete_all_tags, put_tags
from ._timestamps import now, to_epoch
from .arns import arn
from .client_base import ServiceError, operation

log = logging.getLogger(__name__)

EXECUTION_SORT_COLUMNS = {
    "CreationTime": "created_time",
    "ScheduledTime": "scheduled_time",
    "Status": "status",
}

_ENDPOINT_NAME = Filter("EndpointName", "lower(endpoint_name) = ?", str.lower)
_MONITORING_TYPE = Filter("MonitoringTypeEquals", "monitoring_type = ?")
# Local schedules embed their job definition, so none uses a named one.
_JOB_DEFINITION_NAME = Filter("MonitoringJobDefinitionName", "0", None)

SCHEDULE_FILTERS = (
    *TIME_FILTERS,
    _ENDPOINT_NAME,
    NAME_CONTAINS,
    STATUS_EQUALS,
    _MONITORING_TYPE,
    _JOB_DEFINITION_NAME,
)
EXECUTION_FILTERS = (
    *TIME_FILTERS,
    Filter("ScheduledTimeAfter", "scheduled_time > ?", to_epoch),
    Filter("ScheduledTimeBefore", "scheduled_time < ?", to_epoch),
    Filter("MonitoringScheduleName", "schedule_name_key = ?", str.lower),
    _ENDPOINT_NAME,
    STATUS_EQUALS,
    _MONITORING_TYPE,
    _JOB_DEFINITION_NAME,
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

        where, args = filter_conditions(params, SCHEDULE_FILTERS)
        return list_response(
            self.store, params, "SELECT * FROM monitoring_schedule", NAME_STATUS_SORT_COLUMNS,
            where, args, "MonitoringScheduleSummaries", records.schedule_summary,
        )

    @operation("DeleteMonitoringSchedule")
    def delete_monitoring_schedule(self, params: dict) -> dict:
        with self.store.write() as conn:
            row = records.require_schedule(conn, params["MonitoringScheduleName"])
            conn.execute("DELETE FROM monitoring_schedule WHERE id = ?", (row["id"],))
            delete_all_tags(conn, row["arn"])
        log.info("Deleted monitoring schedule %s and kept its executions", row["name"])
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

        where, args = filter_conditions(params, EXECUTION_FILTERS)
        return list_response(
            self.store, params, "SELECT * FROM monitoring_execution", EXECUTION_SORT_COLUMNS,
            where, args, "MonitoringExecutionSummaries", records.execution_summary,
        )

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
