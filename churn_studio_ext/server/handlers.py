"""REST handlers under ``<base_url>churn-studio/api/``: parse, check, call the service, return JSON."""

import asyncio
import functools
import json

import tornado.web
from jupyter_server.base.handlers import APIHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin

from . import params
from .errors import StudioError
from .search_request import TrialComponentQuery
from .service import X_AXIS_TYPES

API_PREFIX = "churn-studio/api"
SERVICE_SETTING = "churn_studio_service"
EXECUTOR_SETTING = "churn_studio_executor"

# Experiment and trial-component names are letters, digits and hyphens, but the patterns accept
# any character except "/" so that a bad name gets SageMaker's 404 or 400 instead of a route miss.
NAME = r"(?P<name>[^/]+)"
# Metric names may contain "/" (sent literally or as %2F), so the metric takes the rest of the path.
METRIC = r"(?P<metric>.+)"


class StudioHandler(ExtensionHandlerMixin, APIHandler):
    """Common parts: the service, the thread pool, and ``StudioError`` as a JSON error."""

    @property
    def service(self):
        return self.settings[SERVICE_SETTING]

    async def call(self, method, *args, **kwargs):
        """Run a blocking service method in the extension's thread pool.

        ``StudioError`` becomes ``HTTPError`` with the same status. The message travels as a
        ``%s`` argument because tornado formats ``log_message`` with ``%`` when it logs.
        """
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(
                self.settings[EXECUTOR_SETTING], functools.partial(method, *args, **kwargs)
            )
        except StudioError as error:
            raise tornado.web.HTTPError(error.status, "%s", error.message) from error

    def check(self, parse, *args):
        """Run a ``params`` parser and turn its ``BadRequest`` into a 400 ``HTTPError``."""
        try:
            return parse(*args)
        except StudioError as error:
            raise tornado.web.HTTPError(error.status, "%s", error.message) from error

    def json_body(self) -> dict:
        """Parse the request body as a JSON object, or raise a 400 that names the problem."""
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError as error:
            # json.JSONDecodeError and UnicodeDecodeError are both ValueErrors.
            raise tornado.web.HTTPError(
                400, "%s", f"Invalid request body: not valid JSON ({error}). Send a JSON object."
            ) from None
        if not isinstance(body, dict):
            raise tornado.web.HTTPError(
                400, "%s", f"Invalid request body: expected a JSON object, got a JSON {type(body).__name__}."
            )
        return body

    def write_error(self, status_code, **kwargs):
        """Write ``{"message", "reason"}`` with the message formatted from its ``%s`` arguments."""
        exception = (kwargs.get("exc_info") or (None, None, None))[1]
        if isinstance(exception, tornado.web.HTTPError) and exception.log_message and exception.args:
            self.set_header("Content-Type", "application/json")
            message = exception.log_message % exception.args
            self.finish(json.dumps({"message": message, "reason": exception.reason}))
            return
        super().write_error(status_code, **kwargs)

    def reply(self, body: dict):
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))


class StatusHandler(StudioHandler):
    @tornado.web.authenticated
    async def get(self):
        self.reply(self.service.status())


class ExperimentsHandler(StudioHandler):
    @tornado.web.authenticated
    async def get(self):
        query = self.get_query_argument("query", None)
        self.reply(await self.call(self.service.list_experiments, query))


class ExperimentHandler(StudioHandler):
    @tornado.web.authenticated
    async def get(self, name):
        self.reply(await self.call(self.service.get_experiment, name))


class TrialsHandler(StudioHandler):
    @tornado.web.authenticated
    async def get(self, name):
        self.reply(await self.call(self.service.list_trials, name))


class TrialComponentsHandler(StudioHandler):
    @tornado.web.authenticated
    async def get(self):
        argument = self.get_query_argument
        query = TrialComponentQuery(
            experiment=argument("experiment", None) or None,
            trial=argument("trial", None) or None,
            unassigned=self.check(params.parse_bool, "unassigned", argument("unassigned", None)),
            filters=self.check(params.parse_filter, argument("filter", None)),
            sort=params.parse_sort(argument("sort", None)),
            order=self.check(params.parse_order, argument("order", None)),
            limit=self.check(params.parse_limit, argument("limit", None)),
            cursor=argument("cursor", None) or None,
        )
        self.reply(await self.call(self.service.list_trial_components, query))


class TrialComponentHandler(StudioHandler):
    @tornado.web.authenticated
    async def get(self, name):
        self.reply(await self.call(self.service.get_trial_component, name))


class MetricSeriesHandler(StudioHandler):
    @tornado.web.authenticated
    async def get(self, name, metric):
        buckets = self.check(params.parse_buckets, self.get_query_argument("buckets", None))
        x_axis = self.check(
            params.parse_choice, "xAxis", self.get_query_argument("xAxis", None), "step", tuple(X_AXIS_TYPES)
        )
        self.reply(await self.call(self.service.metric_series, name, metric, buckets, x_axis))


def route(path: str) -> str:
    """Return the route pattern of ``path`` under the API prefix, without the base URL that the app prepends."""
    return f"/{API_PREFIX}/{path}"


HANDLERS = [
    (route("status"), StatusHandler),
    (route("experiments"), ExperimentsHandler),
    (route(f"experiments/{NAME}"), ExperimentHandler),
    (route(f"experiments/{NAME}/trials"), TrialsHandler),
    (route("trial-components"), TrialComponentsHandler),
    (route(f"trial-components/{NAME}"), TrialComponentHandler),
    (route(f"trial-components/{NAME}/metrics/{METRIC}"), MetricSeriesHandler),
]
