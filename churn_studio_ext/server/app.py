"""``ChurnStudioApp``: the Jupyter server extension that serves the studio's REST API."""

import functools
import os
import sqlite3
from concurrent.futures import ThreadPoolExecutor

from botocore.exceptions import BotoCoreError
from jupyter_server.extension.application import ExtensionApp
from traitlets import Float, Int, TraitError, Type, Unicode, default, validate

from .._version import __version__
from .clients import aws_clients, local_clients
from .endpoint_handlers import ENDPOINT_HANDLERS, ENDPOINT_SERVICE_SETTING
from .endpoint_service import EndpointService
from .handlers import EXECUTOR_SETTING, HANDLERS, SERVICE_SETTING
from .monitoring_handlers import MONITORING_HANDLERS, MONITORING_SERVICE_SETTING, DueExecutionRunner
from .monitoring_service import MonitoringService
from .service import StudioService

# Every REST route of the extension. openapi.json documents exactly these.
ROUTES = HANDLERS + MONITORING_HANDLERS + ENDPOINT_HANDLERS

BACKENDS = ("local", "aws")
BACKEND_ENV = "CHURN_STUDIO_BACKEND"


class ChurnStudioApp(ExtensionApp):
    """Serve experiments, trials, trial components and metric series under ``churn-studio/api/``."""

    name = "churn_studio_ext"

    backend = Unicode(
        help=(
            "Where the studio's data lives: 'local' for the embedded SQLite backend under `home`, "
            f"'aws' for SageMaker through boto3. Defaults to ${BACKEND_ENV}, else 'local'."
        ),
    ).tag(config=True)

    home = Unicode(
        help=(
            "Folder of the local backend's database and files. Defaults to $CHURN_STUDIO_HOME, "
            "else a per-user data folder. Unused by the aws backend."
        ),
    ).tag(config=True)

    aws_profile = Unicode(
        "", help="Profile of the AWS shared config and credentials files for the aws backend; empty uses boto3's default chain."
    ).tag(config=True)

    aws_region = Unicode(
        "", help="AWS region of the aws backend, e.g. us-east-2; empty uses the profile's region or $AWS_DEFAULT_REGION."
    ).tag(config=True)

    max_workers = Int(
        8,
        help="Threads that run blocking SageMaker and SQLite calls for the REST handlers.",
    ).tag(config=True)

    monitoring_interval = Float(
        60.0,
        help="Seconds between two checks for due monitoring executions on the local backend (0 turns the checks off).",
    ).tag(config=True)

    service_class = Type(
        default_value=StudioService,
        klass=object,
        help="Class built with (sagemaker_client, metrics_client, backend, version, home, region) that serves the REST API; tests replace it.",
    ).tag(config=True)

    @default("backend")
    def _default_backend(self):
        # traitlets does not validate dynamic defaults, so the environment value is checked here.
        return self._validate_backend({"value": os.environ.get(BACKEND_ENV) or "local"})

    @validate("backend")
    def _validate_backend(self, proposal):
        value = proposal["value"]
        if value not in BACKENDS:
            raise TraitError(
                f"Invalid ChurnStudioApp.backend {value!r} (or ${BACKEND_ENV}): "
                f"use one of {', '.join(BACKENDS)}."
            )
        return value

    @default("home")
    def _default_home(self):
        from churn_studio_ext import local

        return str(local.default_home())

    @validate("monitoring_interval")
    def _validate_monitoring_interval(self, proposal):
        if proposal["value"] < 0:
            raise TraitError(
                f"Invalid ChurnStudioApp.monitoring_interval {proposal['value']}: use 0 (off) or more seconds."
            )
        return proposal["value"]

    @validate("max_workers")
    def _validate_max_workers(self, proposal):
        if proposal["value"] < 1:
            raise TraitError(f"Invalid ChurnStudioApp.max_workers {proposal['value']}: use 1 or more.")
        return proposal["value"]

    def initialize_settings(self):
        backend = self.backend
        home = self.home if backend == "local" else None
        try:
            if backend == "local":
                clients = local_clients(home)
            else:
                clients = aws_clients(self.aws_profile, self.aws_region)
        except (OSError, sqlite3.Error) as error:
            self.log.error("churn_studio_ext could not open the local backend at %s: %s", home, error)
            raise RuntimeError(
                f"churn_studio_ext could not open the local backend at home {home!r}: {error}. "
                "Set ChurnStudioApp.home or $CHURN_STUDIO_HOME to a writable folder."
            ) from error
        except BotoCoreError as error:
            self.log.error("churn_studio_ext could not create the %s clients: %s", backend, error)
            raise RuntimeError(
                f"churn_studio_ext could not create the {backend} backend's clients: {error}. "
                "Set ChurnStudioApp.aws_profile and ChurnStudioApp.aws_region, or use backend 'local'."
            ) from error

        if backend == "local":
            # Endpoints outlive the server, so restart those whose model server is gone.
            from ..local.endpoints import restore_endpoints

            try:
                restarted = restore_endpoints(home)
            except (OSError, sqlite3.Error) as error:
                self.log.error(
                    "churn_studio_ext could not restore the endpoints of %s: %s. Their model "
                    "servers stay stopped until the next start.", home, error,
                )
            else:
                if restarted:
                    self.log.info("churn_studio_ext restarted endpoints %s", ", ".join(restarted))

        region = clients.region
        service = self.service_class(
            clients.sagemaker, clients.metrics, backend, __version__, home, region
        )
        self._executor = ThreadPoolExecutor(
            max_workers=self.max_workers, thread_name_prefix="churn-studio"
        )
        self.settings.update({SERVICE_SETTING: service, EXECUTOR_SETTING: self._executor})
        self.settings[ENDPOINT_SERVICE_SETTING] = EndpointService(
            clients.sagemaker, clients.runtime, backend, home, clients.s3
        )
        run_now = None
        if backend == "local":
            from ..monitor.scheduler import run_now as run_local_schedule

            run_now = functools.partial(run_local_schedule, home)
        self.settings[MONITORING_SERVICE_SETTING] = MonitoringService(
            clients.sagemaker, backend, home, clients.s3, run_now
        )
        self.log.info(
            "churn_studio_ext %s started with the %s backend (home %s, region %s)",
            __version__, backend, home, region,
        )

    def initialize_handlers(self):
        self.handlers.extend(ROUTES)

    async def _start_jupyter_server_extension(self, serverapp):
        # Runs once the event loop runs, which the periodic runner needs.
        if self.backend == "local" and self.monitoring_interval > 0:
            self._monitoring_runner = DueExecutionRunner(
                self.home, self._executor, self.monitoring_interval, self.log
            )
            self._monitoring_runner.start()

    async def stop_extension(self):
        runner = getattr(self, "_monitoring_runner", None)
        if runner is not None:
            runner.stop()
        executor = getattr(self, "_executor", None)
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
        self.log.info("churn_studio_ext stopped")
