"""The schedule expressions of monitoring schedules, and their scheduled times and windows.

SageMaker accepts these forms (the SDK's ``CronExpressionGenerator`` builds them):

- ``cron(0 * ? * * *)``: every hour on the hour (``hourly()``);
- ``cron(0 H ? * * *)``: every day at hour H UTC (``daily(H)``);
- ``cron(0 H/N ? * * *)``: every N hours from hour H of each day (``daily_every_x_hours(N, H)``);
- ``NOW``: one execution right away (``now()``), whose window comes from the schedule's
  ``DataAnalysisStartTime`` and ``DataAnalysisEndTime`` offsets.

All times are UTC. A cron execution analyses the period since the previous scheduled time:
the previous whole hour for an hourly schedule, 24 hours for a daily one. For ``H/N`` the gap
before the day's first run can be shorter than N hours (``0/5`` runs at 20:00 and 00:00).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

HOURLY = "cron(0 * ? * * *)"
NOW = "NOW"

ACCEPTED_FORMS = (
    "'cron(0 * ? * * *)' (hourly), 'cron(0 H ? * * *)' (daily at hour H), "
    "'cron(0 H/N ? * * *)' (every N hours from hour H) and 'NOW' (once, right away)"
)

_CRON = re.compile(r"^cron\(0 (?P<hours>\*|\d{1,2}(?:/\d{1,2})?) \? \* \* \*\)$")
# ISO 8601 durations of the offsets, as SageMaker accepts them: -P1D, -PT1H, -PT30M, -PT0H.
_OFFSET = re.compile(
    r"^(?P<sign>[-+]?)P(?:(?P<days>\d+)D)?(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?)?$"
)


class ScheduleExpressionError(ValueError):
    """A schedule expression or time offset that the local scheduler does not accept."""


@dataclass(frozen=True)
class Schedule:
    """Parsed schedule expression.

    ``hours`` are the UTC hours of the day at which executions are scheduled, or None for
    ``NOW``.
    ``period`` is the time between two scheduled times, and the length of a cron window.
    """

    expression: str
    hours: tuple[int, ...] | None
    period: timedelta | None

    @property
    def is_one_time(self) -> bool:
        return self.hours is None

    def latest_at_or_before(self, moment: datetime) -> datetime:
        """Return the latest scheduled time at or before ``moment`` (an aware datetime)."""
        if self.hours is None:
            raise ValueError(f"Schedule {self.expression!r} runs once and has no scheduled times.")
        hour_start = moment.astimezone(timezone.utc).replace(minute=0, second=0, microsecond=0)
        candidate = hour_start
        # Every schedule runs at least once a day, so 25 steps back always find a time.
        for _ in range(25):
            if candidate.hour in self.hours:
                return candidate
            candidate -= timedelta(hours=1)
        raise AssertionError(f"no scheduled hour found for {self.expression!r}")

    def window(self, scheduled_time: datetime) -> tuple[datetime, datetime]:
        """Return the (start, end) of the data a cron execution at ``scheduled_time`` analyses.

        The window starts at the previous scheduled time, so consecutive windows cover every
        hour exactly once, also when the hours are unevenly spaced over the day.
        """
        if self.period is None:
            raise ValueError(f"Schedule {self.expression!r} has no periodic window.")
        # NOTE: SageMaker's documentation shows a daily job at 05:00 that analyses 23 hours, from
        # 06:00 of the previous day. This window covers the full 24 hours before the job.
        previous = self.latest_at_or_before(scheduled_time - timedelta(hours=1))
        return previous, scheduled_time


def parse(expression: str) -> Schedule:
    """Parse a schedule expression, or raise ScheduleExpressionError for an invalid one."""
    text = expression.strip()
    if text == NOW:
        return Schedule(NOW, None, None)

    match = _CRON.match(text)
    if match is None:
        raise ScheduleExpressionError(
            f"Invalid ScheduleExpression {expression!r}. The accepted forms are {ACCEPTED_FORMS}."
        )
    hours_field = match.group("hours")
    if hours_field == "*":
        return Schedule(text, tuple(range(24)), timedelta(hours=1))

    first, _, step = hours_field.partition("/")
    start = int(first)
    if start > 23:
        raise ScheduleExpressionError(
            f"Invalid ScheduleExpression {expression!r}: hour {start} is not between 0 and 23."
        )
    if not step:
        return Schedule(text, (start,), timedelta(hours=24))

    interval = int(step)
    if not 1 <= interval <= 23:
        raise ScheduleExpressionError(
            f"Invalid ScheduleExpression {expression!r}: the interval of {interval} hours is not "
            "between 1 and 23."
        )
    hours = tuple(range(start, 24, interval))
    # A step past midnight leaves one hour a day, such as 23 for 23/5: a daily schedule.
    period = timedelta(hours=interval if len(hours) > 1 else 24)
    return Schedule(text, hours, period)


def parse_offset(text: str, member: str) -> timedelta:
    """Parse an ISO 8601 duration such as ``-PT1H`` or ``-P1D`` into a timedelta.

    ``member`` names the request member in the error, such as ``DataAnalysisStartTime``.
    """
    match = _OFFSET.match(text.strip())
    if match is None or text.strip() in ("P", "-P", "+P", "PT", "-PT", "+PT"):
        raise ScheduleExpressionError(
            f"Invalid {member} {text!r}: use an ISO 8601 duration relative to the scheduled "
            "time, such as '-PT1H', '-PT0H' or '-P1D'."
        )
    delta = timedelta(
        days=int(match.group("days") or 0),
        hours=int(match.group("hours") or 0),
        minutes=int(match.group("minutes") or 0),
    )
    return -delta if match.group("sign") == "-" else delta
