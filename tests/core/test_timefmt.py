"""Clock times as show notes write them: long times, and stamps that cannot be times."""

from __future__ import annotations

import pytest

from reader.core.timefmt import InvalidClock, format_clock, parse_clock


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("7:01", 421.0),
        ("36:05", 2165.0),
        ("1:13:41", 4421.0),
        ("01:13:41", 4421.0),
        ("75:30", 4530.0),  # minutes past 59 without an hours field: 1:15:30
        ("100:00:00", 360000.0),  # a 100-hour stream
        ("1:00:01.960", 3601.96),
        ("0:03,5", 3.5),
    ],
)
def test_clock_times_as_people_write_them(text: str, seconds: float) -> None:
    assert parse_clock(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["Intro", "7", "7:5", "1:2:3:4", "", "7:01 pm"])
def test_text_that_is_not_a_clock_time_is_none(text: str) -> None:
    assert parse_clock(text) is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [("7:75", "seconds past 59"), ("1:75:00", "minutes past 59"), ("100:00:60", "seconds")],
)
def test_a_stamp_that_cannot_be_a_time_is_reported_not_dropped(text: str, problem: str) -> None:
    with pytest.raises(InvalidClock, match=problem) as raised:
        parse_clock(text)
    assert text in str(raised.value)
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0:00"), (421, "7:01"), (3599, "59:59"), (4530, "1:15:30"), (360000, "100:00:00")],
)
def test_formatted_times_read_back_the_same(seconds: int, text: str) -> None:
    assert format_clock(seconds) == text
    assert parse_clock(text) == seconds
