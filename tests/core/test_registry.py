"""Which channel talks for which account, across sync passes."""

from __future__ import annotations

from relais.core.clients.registry import AccountChannels, ChannelPool, token_key
from relais.core.model import Account, Network

BSKY = Account(Network.BLUESKY, "https://pds.example", "shop.example", "", "did:plc:abc", id=1)
MASTO = Account(Network.MASTODON, "https://social.example", "shop", "", "42", id=2)


class Made:
    def __init__(self, acc: Account, secret: str) -> None:
        self.account_id, self.secret = acc.id, secret


def test_a_channel_is_kept_across_passes_and_rebuilt_when_its_login_changes() -> None:
    made: list[Made] = []
    pool = ChannelPool(lambda acc, secret: made.append(Made(acc, secret)) or made[-1])
    secrets = {1: "s1", 2: "t1"}
    first = pool.channels([BSKY, MASTO], lambda a: secrets[a.id])
    assert pool.channels([BSKY, MASTO], lambda a: secrets[a.id]) == first and len(made) == 2
    # the channel renewed its own session (Bluesky rotates tokens): the same channel goes on
    pool.rotated(1, "s2")
    secrets[1] = "s2"
    assert pool.channels([BSKY, MASTO], lambda a: secrets[a.id]) == first and len(made) == 2
    # the user signed in again elsewhere: a new channel, the old one retired for closing
    secrets[2] = "t2"
    third = pool.channels([BSKY, MASTO], lambda a: secrets[a.id])
    assert third[0] is first[0] and third[1] is not first[1] and pool.retired == [first[1]]
    # an account marked "reconnect" is dropped, its channel retired
    from dataclasses import replace

    again = pool.channels([BSKY, replace(MASTO, needs_reconnect=True)], lambda a: secrets[a.id])
    assert again == [first[0]] and third[1] in pool.retired


def test_a_renewed_bluesky_session_goes_back_to_the_keyring() -> None:
    stored: dict[str, str] = {}
    source = AccountChannels(lambda: [BSKY], lambda a: stored.get(token_key(a)),
                             lambda a, s: stored.__setitem__(token_key(a), s))
    stored[token_key(BSKY)] = ('{"v":1,"did":"did:plc:abc","pds":"https://pds.example",'
                               '"app_password":"x","refresh":"r1","access":""}')
    [ch] = source()
    ch.session.on_secret('{"v":1,"did":"did:plc:abc","refresh":"r2"}')
    assert "r2" in stored[token_key(BSKY)]
    assert source() == [ch]  # its own renewal: the same channel


def test_the_settings_default_chat_service_is_the_registrys() -> None:
    from relais.core.clients.registry import BLUESKY_CHAT_PROXY, ChannelSettings
    from relais.ui import settings

    assert settings.BLUESKY_CHAT_PROXY.default == BLUESKY_CHAT_PROXY
    assert ChannelSettings().chat_proxy == BLUESKY_CHAT_PROXY
