"""The SLA policy: due times in business time across weekends, holidays and DST; urgency levels."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from relais.core import sla
from relais.core.model import Kind, Network
from relais.core.sla import BusinessHours, SlaLevel, SlaPolicy, SlaState, due_at, sla_state, system_clock

PARIS = ZoneInfo("Europe/Paris")
MIN = timedelta(minutes=1)
OFFICE = BusinessHours.daily([(time(9), time(18))])  # Mon-Fri 09:00-18:00
LUNCH = BusinessHours.daily([(time(9), time(12)), (time(14), time(18))])


def paris(*args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=PARIS, fold=fold)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def office(hours: BusinessHours = OFFICE, **kw: object) -> SlaPolicy:
    return SlaPolicy(hours=hours, time_zone="Europe/Paris", **kw)  # type: ignore[arg-type]


# --- 24/7 ------------------------------------------------------------------------------------


def test_24_7_public_is_due_60_minutes_later_in_utc():
    due = due_at(paris(2026, 1, 10, 23, 30), Network.MASTODON, Kind.PUBLIC, SlaPolicy())
    assert due == utc(2026, 1, 10, 23, 30)  # 00:30 on the 11th in Paris
    assert due.tzinfo is UTC


def test_24_7_private_is_due_30_minutes_later():
    due = due_at(utc(2026, 1, 10, 12, 0), Network.BLUESKY, Kind.PRIVATE, SlaPolicy())
    assert due == utc(2026, 1, 10, 12, 30)


def test_per_network_override_applies_only_to_that_network_and_kind():
    policy = SlaPolicy(overrides={(Network.BLUESKY, Kind.PUBLIC): timedelta(hours=2)})
    start = utc(2026, 1, 10, 12, 0)
    assert due_at(start, Network.BLUESKY, Kind.PUBLIC, policy) == utc(2026, 1, 10, 14, 0)
    assert due_at(start, Network.MASTODON, Kind.PUBLIC, policy) == utc(2026, 1, 10, 13, 0)
    assert due_at(start, Network.BLUESKY, Kind.PRIVATE, policy) == utc(2026, 1, 10, 12, 30)


def test_24_7_ignores_holidays_and_weekends():
    due = due_at(paris(2026, 5, 1, 10, 0), Network.MASTODON, Kind.PUBLIC, SlaPolicy(time_zone="Europe/Paris"))
    assert due == paris(2026, 5, 1, 11, 0)


def test_24_7_spring_forward_counts_real_minutes():
    # 01:30 CET + 60 real minutes = 03:30 CEST (02:00-03:00 does not exist on 2026-03-29)
    due = due_at(paris(2026, 3, 29, 1, 30), Network.MASTODON, Kind.PUBLIC, SlaPolicy())
    assert due == utc(2026, 3, 29, 1, 30)
    assert due.astimezone(PARIS).replace(tzinfo=None) == datetime(2026, 3, 29, 3, 30)


def test_24_7_fall_back_counts_real_minutes():
    # 01:30 CEST + 60 real minutes = 02:30 CEST, the first of the two 02:30s on 2026-10-25
    due = due_at(paris(2026, 10, 25, 1, 30), Network.MASTODON, Kind.PUBLIC, SlaPolicy())
    assert due == utc(2026, 10, 25, 0, 30)
    # 02:45 CEST + 30 minutes = 02:15 CET, the second pass through 02:xx
    due = due_at(paris(2026, 10, 25, 2, 45), Network.MASTODON, Kind.PRIVATE, SlaPolicy())
    assert due == utc(2026, 10, 25, 1, 15)
    local = due.astimezone(PARIS)
    assert (local.replace(tzinfo=None), local.fold) == (datetime(2026, 10, 25, 2, 15), 1)


# --- business hours --------------------------------------------------------------------------


def test_friday_evening_message_is_due_monday_morning():
    due = due_at(paris(2026, 1, 9, 17, 50), Network.MASTODON, Kind.PUBLIC, office())
    assert due == paris(2026, 1, 12, 9, 50)
    assert due == utc(2026, 1, 12, 8, 50)


def test_saturday_message_is_due_monday_opening_plus_target():
    due = due_at(paris(2026, 1, 10, 11, 0), Network.MASTODON, Kind.PUBLIC, office())
    assert due == paris(2026, 1, 12, 10, 0)


def test_message_during_the_day_is_due_target_later():
    due = due_at(paris(2026, 1, 13, 10, 15), Network.BLUESKY, Kind.PRIVATE, office())
    assert due == paris(2026, 1, 13, 10, 45)


def test_target_ending_exactly_at_closing_time_is_due_at_closing():
    due = due_at(paris(2026, 1, 13, 17, 0), Network.MASTODON, Kind.PUBLIC, office())
    assert due == paris(2026, 1, 13, 18, 0)


def test_lunch_break_is_skipped():
    due = due_at(paris(2026, 1, 13, 11, 30), Network.MASTODON, Kind.PUBLIC, office(LUNCH))
    assert due == paris(2026, 1, 13, 14, 30)


def test_message_arriving_during_lunch_break_waits_for_the_afternoon():
    due = due_at(paris(2026, 1, 13, 12, 40), Network.MASTODON, Kind.PRIVATE, office(LUNCH))
    assert due == paris(2026, 1, 13, 14, 30)


def test_message_before_opening_counts_from_opening():
    due = due_at(paris(2026, 1, 13, 7, 0), Network.MASTODON, Kind.PRIVATE, office())
    assert due == paris(2026, 1, 13, 9, 30)


def test_message_after_closing_counts_from_next_opening():
    due = due_at(paris(2026, 1, 13, 19, 0), Network.MASTODON, Kind.PUBLIC, office())
    assert due == paris(2026, 1, 14, 10, 0)


def test_long_target_spans_several_business_days():
    policy = office(public=timedelta(hours=20))  # 9 h Tue + 9 h Wed + 2 h Thu
    due = due_at(paris(2026, 1, 13, 9, 0), Network.MASTODON, Kind.PUBLIC, policy)
    assert due == paris(2026, 1, 15, 11, 0)


def test_clock_start_in_another_zone_is_evaluated_in_the_policy_zone():
    # 16:50 UTC on a Friday in winter is 17:50 in Paris
    due = due_at(utc(2026, 1, 9, 16, 50), Network.MASTODON, Kind.PUBLIC, office())
    assert due == paris(2026, 1, 12, 9, 50)
    ny = replace(office(), time_zone="America/New_York")  # 11:50 in New York: open
    assert due_at(utc(2026, 1, 9, 16, 50), Network.MASTODON, Kind.PUBLIC, ny) == utc(2026, 1, 9, 17, 50)


@pytest.mark.parametrize(
    ("start", "due"),
    [
        (paris(2026, 4, 30, 17, 30), paris(2026, 5, 4, 9, 30)),  # Fri 1 May (Labour Day)
        (paris(2026, 7, 13, 17, 45), paris(2026, 7, 15, 9, 45)),  # Tue 14 July
        (paris(2026, 11, 10, 17, 45), paris(2026, 11, 12, 9, 45)),  # Wed 11 November
        (paris(2026, 5, 1, 10, 0), paris(2026, 5, 4, 10, 0)),  # arriving on the holiday itself
    ],
)
def test_french_public_holidays_are_closed_all_day(start: datetime, due: datetime):
    assert due_at(start, Network.MASTODON, Kind.PUBLIC, office()) == due


def test_holidays_can_be_left_open():
    hours = BusinessHours.daily([(time(9), time(18))], closed_on_holidays=False)
    due = due_at(paris(2026, 11, 10, 17, 45), Network.MASTODON, Kind.PUBLIC, office(hours))
    assert due == paris(2026, 11, 11, 9, 45)


def test_alsace_moselle_closes_good_friday_only_with_the_option():
    start = paris(2026, 4, 2, 17, 30)  # Thursday before Good Friday (3 April 2026)
    assert due_at(start, Network.MASTODON, Kind.PUBLIC, office()) == paris(2026, 4, 3, 9, 30)
    alsace = BusinessHours.daily([(time(9), time(18))], alsace_moselle=True)
    # Good Friday closed, then the weekend, then Easter Monday (national) closed
    assert due_at(start, Network.MASTODON, Kind.PUBLIC, office(alsace)) == paris(2026, 4, 7, 9, 30)


def test_alsace_moselle_closes_st_stephens_day_only_with_the_option():
    start = paris(2025, 12, 24, 17, 30)  # Wednesday; Thursday 25 is Christmas, Friday 26 St Stephen
    assert due_at(start, Network.MASTODON, Kind.PUBLIC, office()) == paris(2025, 12, 26, 9, 30)
    alsace = BusinessHours.daily([(time(9), time(18))], alsace_moselle=True)
    assert due_at(start, Network.MASTODON, Kind.PUBLIC, office(alsace)) == paris(2025, 12, 29, 9, 30)


def test_holiday_sets_are_cached_per_year():
    sla._holidays.cache_clear()
    for day in range(5, 10):
        due_at(paris(2026, 1, day, 17, 30), Network.MASTODON, Kind.PUBLIC, office())
    info = sla._holidays.cache_info()
    assert (info.misses, info.currsize) == (1, 1)


# --- business hours across daylight-saving changes ---------------------------------------------


def test_business_hours_friday_before_spring_forward_due_monday_in_summer_time():
    due = due_at(paris(2026, 3, 27, 17, 50), Network.MASTODON, Kind.PUBLIC, office())
    assert due == utc(2026, 3, 30, 7, 50)  # 09:50 CEST


def test_business_hours_friday_before_fall_back_due_monday_in_winter_time():
    due = due_at(paris(2026, 10, 23, 17, 50), Network.MASTODON, Kind.PUBLIC, office())
    assert due == utc(2026, 10, 26, 8, 50)  # 09:50 CET


SUNDAY_NIGHT = BusinessHours.daily([(time(1), time(4))], days=[6])  # Sundays 01:00-04:00


def test_sunday_hours_on_spring_forward_day_are_two_real_hours():
    # 01:00 CET to 04:00 CEST is 2 real hours: 120 of the 150 minutes, the rest next Sunday
    policy = office(SUNDAY_NIGHT, public=timedelta(minutes=150))
    due = due_at(paris(2026, 3, 29, 0, 30), Network.MASTODON, Kind.PUBLIC, policy)
    assert due == paris(2026, 4, 5, 1, 30)
    assert due == utc(2026, 4, 4, 23, 30)


def test_sunday_hours_on_fall_back_day_are_four_real_hours():
    # 01:00 CEST to 04:00 CET is 4 real hours: 210 minutes fit, due at 03:30 CET
    policy = office(SUNDAY_NIGHT, public=timedelta(minutes=210))
    due = due_at(paris(2026, 10, 25, 0, 30), Network.MASTODON, Kind.PUBLIC, policy)
    assert due == utc(2026, 10, 25, 2, 30)
    assert due.astimezone(PARIS).replace(tzinfo=None) == datetime(2026, 10, 25, 3, 30)


def test_opening_time_skipped_by_spring_forward_opens_at_the_change():
    # 02:30 does not exist on 2026-03-29: open from 03:00 CEST (the change) to 04:00 CEST
    hours = BusinessHours.daily([(time(2, 30), time(4))], days=[6])
    due = due_at(paris(2026, 3, 28, 12, 0), Network.MASTODON, Kind.PRIVATE, office(hours))
    assert due == utc(2026, 3, 29, 1, 30)  # 03:30 CEST


def test_range_until_midnight():
    hours = BusinessHours.daily([(time(20), time(0))], days=range(7))  # 20:00-24:00 every day
    due = due_at(paris(2026, 1, 13, 23, 30), Network.MASTODON, Kind.PUBLIC, office(hours))
    assert due == paris(2026, 1, 14, 20, 30)


# --- urgency levels ----------------------------------------------------------------------------

DUE = utc(2026, 1, 13, 12, 0)


@pytest.mark.parametrize(
    ("target", "remaining", "level"),
    [
        (timedelta(minutes=60), timedelta(minutes=10, seconds=1), SlaLevel.ON_TRACK),
        (timedelta(minutes=60), timedelta(minutes=10), SlaLevel.DUE_SOON),  # min(10, 15)
        (timedelta(minutes=30), timedelta(minutes=7, seconds=31), SlaLevel.ON_TRACK),
        (timedelta(minutes=30), timedelta(minutes=7, seconds=30), SlaLevel.DUE_SOON),  # min(10, 7.5)
        (timedelta(hours=4), timedelta(minutes=10, seconds=1), SlaLevel.ON_TRACK),  # capped at 10
        (timedelta(minutes=60), timedelta(seconds=1), SlaLevel.DUE_SOON),
        (timedelta(minutes=60), timedelta(0), SlaLevel.OVERDUE),
    ],
)
def test_default_due_soon_threshold(target: timedelta, remaining: timedelta, level: SlaLevel):
    state = sla_state(DUE, DUE - remaining, target, SlaPolicy())
    assert state == SlaState(level, DUE, remaining)


def test_default_threshold_values():
    policy = SlaPolicy()
    assert policy.due_soon_threshold(timedelta(minutes=60)) == timedelta(minutes=10)
    assert policy.due_soon_threshold(timedelta(minutes=30)) == timedelta(minutes=7, seconds=30)
    assert policy.due_soon_threshold(timedelta(minutes=20)) == timedelta(minutes=5)


def test_custom_due_soon_threshold():
    policy = SlaPolicy(due_soon=timedelta(minutes=30))
    target = timedelta(minutes=60)
    assert sla_state(DUE, DUE - 30 * MIN, target, policy).level == SlaLevel.DUE_SOON
    assert sla_state(DUE, DUE - 31 * MIN, target, policy).level == SlaLevel.ON_TRACK


def test_overdue_has_negative_remaining():
    state = sla_state(DUE, DUE + 5 * MIN, timedelta(minutes=60), SlaPolicy())
    assert state == SlaState(SlaLevel.OVERDUE, DUE, -5 * MIN)


def test_remaining_is_real_time_across_dst_even_in_the_same_zone():
    # both in Europe/Paris: naive same-zone subtraction would say 2 h
    state = sla_state(paris(2026, 3, 29, 3, 30), paris(2026, 3, 29, 1, 30), timedelta(hours=2), SlaPolicy())
    assert state.remaining == timedelta(hours=1)
    assert state.due_at == utc(2026, 3, 29, 1, 30)


# --- validation and helpers --------------------------------------------------------------------


def test_naive_datetimes_are_rejected():
    with pytest.raises(ValueError, match="aware"):
        due_at(datetime(2026, 1, 13, 12, 0), Network.MASTODON, Kind.PUBLIC, SlaPolicy())
    with pytest.raises(ValueError, match="aware"):
        sla_state(datetime(2026, 1, 13, 12, 0), DUE, timedelta(minutes=60), SlaPolicy())
    with pytest.raises(ValueError, match="aware"):
        sla_state(DUE, datetime(2026, 1, 13, 12, 0), timedelta(minutes=60), SlaPolicy())


def test_unknown_time_zone_is_rejected():
    with pytest.raises(ValueError, match="unknown time zone: 'Europe/Atlantis'"):
        SlaPolicy(time_zone="Europe/Atlantis")
    with pytest.raises(ValueError, match="unknown time zone"):
        sla.zone_for("../etc/passwd")


@pytest.mark.parametrize(
    "week",
    [
        (((time(9), time(18)),),) * 5,  # not 7 days
        ((),) * 7,  # never open
        (((time(18), time(9)),),) + ((),) * 6,  # ends before it starts
        (((time(9), time(13)), (time(12), time(18))),) + ((),) * 6,  # overlap
    ],
)
def test_invalid_business_hours_are_rejected(week):
    with pytest.raises(ValueError):
        BusinessHours(week)


def test_non_positive_targets_are_rejected():
    with pytest.raises(ValueError):
        SlaPolicy(public=timedelta(0))
    with pytest.raises(ValueError):
        SlaPolicy(overrides={(Network.BLUESKY, Kind.PRIVATE): -MIN})


def test_policy_is_immutable_and_hashable():
    policy = SlaPolicy(overrides={(Network.BLUESKY, Kind.PUBLIC): timedelta(hours=2)}, hours=OFFICE)
    with pytest.raises(TypeError):
        policy.overrides[(Network.MASTODON, Kind.PUBLIC)] = MIN  # type: ignore[index]
    same = SlaPolicy(overrides={(Network.BLUESKY, Kind.PUBLIC): timedelta(hours=2)}, hours=OFFICE)
    assert policy == same and hash(policy) == hash(same)


def test_ranges_are_kept_sorted():
    hours = BusinessHours.daily([(time(14), time(18)), (time(9), time(12))])
    assert hours.week[0] == ((time(9), time(12)), (time(14), time(18)))
    assert hours.week[5] == ()


def test_system_clock_is_aware_utc():
    now = system_clock()
    assert now.tzinfo is UTC
    assert abs(now - datetime.now(timezone.utc)) < timedelta(seconds=5)


def test_system_zone_comes_from_tz_variable(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TZ", "Europe/Paris")
    sla.local_zone.cache_clear()
    sla.zone_for.cache_clear()
    try:
        assert sla.zone_for(None) == PARIS
        due = due_at(utc(2026, 1, 9, 16, 50), Network.MASTODON, Kind.PUBLIC, SlaPolicy(hours=OFFICE))
        assert due == paris(2026, 1, 12, 9, 50)
    finally:
        sla.local_zone.cache_clear()
        sla.zone_for.cache_clear()
