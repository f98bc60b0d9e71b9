"""REST handlers of monitoring schedules and executions under ``<base_url>churn-studio/api/``."""

import tornado.web

from .handlers import NAME, StudioHandler, route

MONITORING_SERVICE_SETTING = "churn_studio_monitoring_service"

ENDPOINT = r"(?P<endpoint>[^/]+)"


class MonitoringHandler(StudioHandler):
    """A handler whose service is the ``MonitoringService``."""

    @property
    def monitoring(self):
        return self.settings[MONITORING_SERVICE_SETTING]


class EndpointSchedulesHandler(MonitoringHandler):
    @tornado.web.authenticated
    async def get(self, endpoint):
        self.reply(await self.call(self.monitoring.list_schedules, endpoint))


class SchedulesHandler(MonitoringHandler):
    @tornado.web.authenticated
    async def post(self):
        body = self.json_body()
        schedule = await self.call(self.monitoring.create_schedule, body)
        self.set_status(201)
        self.reply(schedule)


class ScheduleHandler(MonitoringHandler):
    @tornado.web.authenticated
    async def delete(self, name):
        await self.call(self.monitoring.delete_schedule, name)
        self.set_status(204)
        self.finish()


class ScheduleRunHandler(MonitoringHandler):
    @tornado.web.authenticated
    async def post(self, name):
        execution = await self.call(self.monitoring.run_schedule, name)
        self.set_status(202)
        self.reply(execution)


class ScheduleStartHandler(MonitoringHandler):
    @tornado.web.authenticated
    async def post(self, name):
        self.reply(await self.call(self.monitoring.start_schedule, name))


class ScheduleStopHandler(MonitoringHandler):
    @tornado.web.authenticated
    async def post(self, name):
        self.reply(await self.call(self.monitoring.stop_schedule, name))


class EndpointExecutionsHandler(MonitoringHandler):
    @tornado.web.authenticated
    async def get(self, endpoint):
        self.reply(await self.call(self.monitoring.list_executions, endpoint))


class ExecutionHandler(MonitoringHandler):
    @tornado.web.authenticated
    async def get(self, name):
        self.reply(await self.call(self.monitoring.get_execution, name))


MONITORING_HANDLERS = [
    (route(f"endpoints/{ENDPOINT}/monitoring-schedules"), EndpointSchedulesHandler),
    (route(f"endpoints/{ENDPOINT}/monitoring-executions"), EndpointExecutionsHandler),
    (route("monitoring-schedules"), SchedulesHandler),
    (route(f"monitoring-schedules/{NAME}"), ScheduleHandler),
    (route(f"monitoring-schedules/{NAME}/run"), ScheduleRunHandler),
    (route(f"monitoring-schedules/{NAME}/start"), ScheduleStartHandler),
    (route(f"monitoring-schedules/{NAME}/stop"), ScheduleStopHandler),
    (route(f"monitoring-executions/{NAME}"), ExecutionHandler),
]


class DueExecutionRunner:
    """Start the due monitoring executions of a local home every ``interval_seconds``.

    Each round runs ``run_due`` in the extension's thread pool, so the event loop does not block
    on SQLite or on a worker's launch. A tick that comes while the previous round is still queued
    or running does nothing.
    """

    def __init__(self, home: str, executor, interval_seconds: float, log):
        self.home = home
        self.executor = executor
        self.interval_seconds = interval_seconds
        self.log = log
        self._callback = None
        self._round = None

    def start(self) -> None:
        from tornado.ioloop import PeriodicCallback

        self._callback = PeriodicCallback(self._run_round, self.interval_seconds * 1000)
        self._callback.start()
        self._run_round()
        self.log.info(
            "churn_studio_ext runs due monitoring executions every %s s", self.interval_seconds
        )

    def stop(self) -> None:
        if self._callback is not None:
            self._callback.stop()
            self._callback = None
            self.log.info("churn_studio_ext stopped running monitoring executions")

    def _run_round(self) -> None:
        import asyncio

        if self._round is not None and not self._round.done():
            return
        loop = asyncio.get_running_loop()
        self._round = loop.run_in_executor(self.executor, self._run_due)

    def _run_due(self) -> None:
        from ..monitor.scheduler import run_due

        try:
            started = run_due(self.home)
        except Exception:  # noqa: BLE001 - a failed round must not stop the next ones
            self.log.exception("churn_studio_ext could not run the due monitoring executions")
            return
        for execution in started:
            self.log.info(
                "Started monitoring execution %s of schedule %s",
                execution.processing_job_name, execution.schedule_name,
            )
