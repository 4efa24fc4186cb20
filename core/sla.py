"""The SLA policy: when a reply is due, and how urgent it is now. Pure: time is passed in.

Targets count in business time when business hours are set (closed on French public holidays),
otherwise 24/7 in absolute time. Arithmetic is done on UTC instants; local wall time (the
account's IANA zone) is used only to find the open intervals, so daylight-saving changes are exact.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .model import Kind, Network

Clock = Callable[[], datetime]
"""Returns the current instant, aware; inject it so tests control time."""

OpenRange = tuple[time, time]
"""One open range in local wall time; an end of ``time(0)`` means midnight at the end of the day."""

DUE_SOON_CAP = timedelta(minutes=10)
_MIDNIGHT = time(0)
_ZERO = timedelta(0)


def system_clock() -> datetime:
    """The current instant, aware UTC."""
    return datetime.now(UTC)


class SlaLevel(StrEnum):
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class BusinessHours:
    """Open ranges per weekday (``week[0]`` is Monday .. ``week[6]`` Sunday), in local wall time.

    Closed all day on French public holidays unless ``closed_on_holidays`` is False;
    ``alsace_moselle`` adds Good Friday and St Stephen's Day (26 December).
    """

    week: tuple[tuple[OpenRange, ...], ...]
    closed_on_holidays: bool = True
    alsace_moselle: bool = False

    def __post_init__(self) -> None:
        if len(self.week) != 7:
            raise ValueError("business hours need 7 weekdays, Monday first")
        days = tuple(tuple(sorted(day, key=lambda r: r[0])) for day in self.week)
        for day in days:
            for i, (start, end) in enumerate(day):
                if start.tzinfo is not None or end.tzinfo is not None:
                    raise ValueError("business hours are local wall times: no tzinfo")
                if end != _MIDNIGHT and end <= start:
                    raise ValueError(f"open range ends before it starts: {start}-{end}")
                if i and (day[i - 1][1] == _MIDNIGHT or start < day[i - 1][1]):
                    raise ValueError(f"open ranges overlap: {day[i - 1]} and {(start, end)}")
        if not any(days):
            raise ValueError("business hours with no open range (use None for 24/7)")
        object.__setattr__(self, "week", days)

    @classmethod
    def daily(
        cls,
        ranges: Iterable[OpenRange],
        days: Iterable[int] = range(5),
        *,
        closed_on_holidays: bool = True,
        alsace_moselle: bool = False,
    ) -> BusinessHours:
        """The same ranges on each of ``days`` (0 = Monday; default Monday to Friday)."""
        ranges, open_days = tuple(ranges), set(days)
        week = tuple(ranges if d in open_days else () for d in range(7))
        return cls(week, closed_on_holidays=closed_on_holidays, alsace_moselle=alsace_moselle)


@dataclass(frozen=True, slots=True)
class SlaPolicy:
    """Reply targets per channel, optionally per (network, kind), and when the clock runs.

    ``hours`` None means 24/7. ``time_zone`` is the account's IANA name (None: the system's).
    ``due_soon`` None means the default threshold: min(10 minutes, a quarter of the target).
    """

    public: timedelta = timedelta(minutes=60)
    private: timedelta = timedelta(minutes=30)
    overrides: Mapping[tuple[Network, Kind], timedelta] = field(default_factory=dict, hash=False)
    hours: BusinessHours | None = None
    time_zone: str | None = None
    due_soon: timedelta | None = None

    def __post_init__(self) -> None:
        targets = [self.public, self.private, *self.overrides.values()]
        if any(t <= _ZERO for t in targets):
            raise ValueError("SLA targets must be positive")
        if self.due_soon is not None and self.due_soon < _ZERO:
            raise ValueError("the due-soon threshold cannot be negative")
        overrides = {(Network(n), Kind(k)): t for (n, k), t in self.overrides.items()}
        object.__setattr__(self, "overrides", MappingProxyType(overrides))
        if self.time_zone is not None:
            zone_for(self.time_zone)  # fail early on an unknown name

    def target(self, network: Network, kind: Kind) -> timedelta:
        """The reply target for a conversation on ``network`` of ``kind``."""
        if (network, kind) in self.overrides:
            return self.overrides[(network, kind)]
        return self.public if kind == Kind.PUBLIC else self.private

    def due_soon_threshold(self, target: timedelta) -> timedelta:
        """How long before ``due_at`` a conversation turns DUE_SOON."""
        return self.due_soon if self.due_soon is not None else min(DUE_SOON_CAP, target / 4)


@dataclass(frozen=True, slots=True)
class SlaState:
    level: SlaLevel
    due_at: datetime
    remaining: timedelta  # due_at - now in real time; negative when overdue


@lru_cache(maxsize=None)
def local_zone() -> tzinfo:
    """The system's zone: $TZ, then /etc/localtime (or /etc/timezone), else the current fixed offset."""
    names = [os.environ.get("TZ", "").removeprefix(":")]
    try:
        names.append(os.path.realpath("/etc/localtime").partition("zoneinfo/")[2])
        with open("/etc/timezone", encoding="utf-8") as f:
            names.append(f.read().strip())
    except OSError:
        pass
    for name in filter(None, names):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    try:
        with open("/etc/localtime", "rb") as f:
            return ZoneInfo.from_file(f, key="localtime")
    except (OSError, ValueError):
        return datetime.now().astimezone().tzinfo or UTC  # no DST rules: pass an IANA name instead


@lru_cache(maxsize=64)
def zone_for(name: str | None) -> tzinfo:
    """The zone for an IANA name (None: the system's); ValueError if unknown."""
    if name is None:
        return local_zone()
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise ValueError(f"unknown time zone: {name!r}") from exc


@lru_cache(maxsize=64)
def _holidays(year: int, alsace_moselle: bool) -> frozenset[date]:
    import holidays  # only with business hours; it takes a while to import

    return frozenset(holidays.France(years=year, subdiv="57" if alsace_moselle else None))


def _aware_utc(value: datetime, what: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be an aware datetime, got naive {value!r}")
    return value.astimezone(UTC)


def _instant(day: date, at: time, zone: tzinfo) -> datetime:
    """The UTC instant of a local wall time: the first one if repeated (fall back); if skipped
    (spring forward), the change itself, i.e. the first instant whose wall time is past it."""
    wall = datetime.combine(day, at)
    first = wall.replace(tzinfo=zone).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) == wall:
        return first
    lo = int(wall.replace(tzinfo=zone, fold=1).astimezone(UTC).timestamp())  # wall time < `wall`
    hi = int(first.timestamp())  # wall time >= `wall`
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if datetime.fromtimestamp(mid, zone).replace(tzinfo=None) >= wall:
            hi = mid
        else:
            lo = mid
    return datetime.fromtimestamp(hi, UTC)


def _open_intervals(hours: BusinessHours, zone: tzinfo, day: date) -> list[tuple[datetime, datetime]]:
    """The day's open intervals as UTC instants; none on a closed holiday."""
    ranges = hours.week[day.weekday()]
    if not ranges or (hours.closed_on_holidays and day in _holidays(day.year, hours.alsace_moselle)):
        return []
    next_day = day + timedelta(days=1)
    return [
        (_instant(day, start, zone), _instant(next_day if end == _MIDNIGHT else day, end, zone))
        for start, end in ranges
    ]


def due_at(clock_start: datetime, network: Network, kind: Kind, policy: SlaPolicy) -> datetime:
    """When the reply is due (aware UTC): ``clock_start`` plus the target, counted in business
    time if the policy has business hours. O(days spanned)."""
    start = _aware_utc(clock_start, "clock_start")
    left = policy.target(network, kind)
    hours = policy.hours
    if hours is None:
        return start + left
    zone = zone_for(policy.time_zone)
    day = start.astimezone(zone).date()
    while True:  # ends: some weekday is open, and holidays are at most a few days in a row
        for open_at, close_at in _open_intervals(hours, zone, day):
            begin = max(open_at, start)
            if begin >= close_at:
                continue
            if close_at - begin >= left:
                return begin + left
            left -= close_at - begin
        day += timedelta(days=1)


def sla_state(due_at: datetime, now: datetime, target: timedelta, policy: SlaPolicy) -> SlaState:
    """How urgent a conversation is at ``now``: OVERDUE once ``now`` reaches ``due_at``, DUE_SOON
    when at most the due-soon threshold remains (see ``SlaPolicy.due_soon_threshold``)."""
    due = _aware_utc(due_at, "due_at")
    remaining = due - _aware_utc(now, "now")  # in UTC: same-zone subtraction would ignore DST
    if remaining <= _ZERO:
        level = SlaLevel.OVERDUE
    elif remaining <= policy.due_soon_threshold(target):
        level = SlaLevel.DUE_SOON
    else:
        level = SlaLevel.ON_TRACK
    return SlaState(level, due, remaining)
