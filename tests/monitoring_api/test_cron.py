"""Schedule expressions: the accepted forms, scheduled times, windows and offsets."""

from datetime import datetime, timedelta, timezone

import pytest

from churn_studio_ext.monitor import cron


def at(hour: int, minute: int = 0, day: int = 4) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=timezone.utc)


def test_hourly_runs_every_hour():
    schedule = cron.parse("cron(0 * ? * * *)")

    assert schedule.hours == tuple(range(24))
    assert schedule.period == timedelta(hours=1)
    assert schedule.latest_at_or_before(at(10, 37)) == at(10)
    assert schedule.latest_at_or_before(at(10, 0)) == at(10)


def test_hourly_window_is_previous_hour():
    schedule = cron.parse("cron(0 * ? * * *)")

    assert schedule.window(at(10)) == (at(9), at(10))


def test_daily_runs_at_its_hour():
    schedule = cron.parse("cron(0 5 ? * * *)")

    assert schedule.hours == (5,)
    assert schedule.latest_at_or_before(at(4, 59)) == at(5, day=3)
    assert schedule.latest_at_or_before(at(23, 10)) == at(5)
    assert schedule.window(at(5)) == (at(5, day=3), at(5))


def test_every_n_hours_from_start_hour():
    schedule = cron.parse("cron(0 2/6 ? * * *)")

    assert schedule.hours == (2, 8, 14, 20)
    assert schedule.period == timedelta(hours=6)
    assert schedule.latest_at_or_before(at(13, 59)) == at(8)
    assert schedule.latest_at_or_before(at(1)) == at(20, day=3)


def test_now_is_one_time():
    schedule = cron.parse("NOW")

    assert schedule.is_one_time
    with pytest.raises(ValueError):
        schedule.latest_at_or_before(at(1))


@pytest.mark.parametrize(
    "expression",
    [
        "cron(0 * * * * *)",
        "cron(30 * ? * * *)",
        "rate(1 hour)",
        "cron(0 24 ? * * *)",
        "cron(0 1/0 ? * * *)",
        "hourly",
        "",
    ],
)
def test_invalid_expression_rejected(expression):
    with pytest.raises(cron.ScheduleExpressionError) as raised:
        cron.parse(expression)

    message = str(raised.value)
    assert repr(expression) in message or expression in message
    if "between" not in message:
        assert "cron(0 * ? * * *)" in message
        assert "NOW" in message


@pytest.mark.parametrize(
    "text, expected",
    [
        ("-PT1H", timedelta(hours=-1)),
        ("-PT0H", timedelta(0)),
        ("-P1D", timedelta(days=-1)),
        ("-PT30M", timedelta(minutes=-30)),
        ("PT2H", timedelta(hours=2)),
    ],
)
def test_offset_parsed(text, expected):
    assert cron.parse_offset(text, "DataAnalysisStartTime") == expected


@pytest.mark.parametrize("text", ["-1H", "-PT", "P", "yesterday"])
def test_invalid_offset_rejected(text):
    with pytest.raises(cron.ScheduleExpressionError, match="DataAnalysisStartTime"):
        cron.parse_offset(text, "DataAnalysisStartTime")
