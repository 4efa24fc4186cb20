"""Pages saved together (the engine merges the pages that wait while a save runs): the merged
page leaves what saving them one after the other would."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from helpers import T0, msg, person

from relais.core.channel import Page, merge_pages

M = timedelta(minutes=1)


def page(*messages, deleted=(), people=(), state=None, done=False, progress=None) -> Page:  # noqa: ANN001
    return Page("notifications", tuple(messages), state or {}, done, people=tuple(people),
                deleted=tuple(deleted), backfill=True, progress=progress)


def test_the_last_pages_state_progress_and_end() -> None:
    a, b = msg("1", person("p"), T0), msg("2", person("p"), T0 + M)
    merged = merge_pages([page(a, state={"cursor": "x"}, progress=(1, 9)),
                          page(b, state={"cursor": "y"}, done=True, progress=(2, 9))])
    assert [m.external_id for m in merged.messages] == ["1", "2"]
    assert merged.next_state == {"cursor": "y"} and merged.done and merged.progress == (2, 9)
    assert merged.backfill and merged.stream == "notifications"


def test_a_message_met_twice_is_kept_once_as_last_met() -> None:
    first = msg("1", person("p"), T0, "before", account_id=1)
    again = replace(msg("1", person("p"), T0, "after", account_id=2), edited_at=T0 + M)
    merged = merge_pages([page(first), page(again)])
    assert len(merged.messages) == 1
    assert merged.messages[0].text == "after" and merged.messages[0].account_ids == (1, 2)


def test_a_later_message_undoes_an_earlier_deletion_not_the_reverse() -> None:
    back = msg("1", person("p"), T0)
    gone = msg("2", person("p"), T0)
    merged = merge_pages([page(gone, deleted=["1"]), page(back, deleted=["2"])])
    assert merged.deleted == ("2",)  # "1" came back after its deletion; "2" went after
    same_page = merge_pages([page(msg("3", person("p"), T0), deleted=["3"]), page()])
    assert same_page.deleted == ("3",)  # in one page the store applies deletions last


def test_each_person_as_last_met_on_their_earlier_messages_too() -> None:
    """A followers count learnt pages after someone's message (Bluesky gathers profiles) must
    not be overwritten by the stale author on that message."""
    early = msg("1", person("p", followers=0), T0)
    later = page(msg("2", person("q"), T0 + M), people=[person("p", followers=12_000)])
    merged = merge_pages([page(early), later])
    by_id = {m.external_id: m for m in merged.messages}
    assert by_id["1"].author.followers_count == 12_000
    counts = {p.external_id: p.followers_count for p in merged.people}
    assert counts == {"p": 12_000, "q": 10}


def test_one_page_is_itself() -> None:
    p = page(msg("1", person("p"), T0))
    assert merge_pages([p]) is p
