"""What a Mastodon server says about itself, for a MastodonChannel (mixed into it): a post's
limits for the reply counter (``/api/v2/instance``), and where its streaming API lives, which
rings for a sync pass when a mention arrives (core.clients.mastodon_stream)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..errors import NetworkError
from .http import HttpClient, NotFound, RequestRefused


@dataclass(frozen=True, slots=True)
class InstanceLimits:
    """What the reply counter needs to know about the server."""

    max_characters: int = 500
    characters_reserved_per_url: int = 23


class ServerFeatures:
    """Uses the channel's ``http`` and ``_token``; keeps the streaming URL it reads."""

    http: HttpClient
    _token: str
    _streaming: str | None = None

    async def instance_limits(self) -> InstanceLimits:
        """The reply counter's limits, from ``/api/v2/instance`` (``/api/v1`` before 4.0)."""
        try:
            info = await self.http.get("/api/v2/instance")
        except NotFound:
            info = await self.http.get("/api/v1/instance")
        config = (info or {}).get("configuration") or {}
        self._streaming = str(((config.get("urls") or (info or {}).get("urls") or {})
                               .get("streaming") or (info or {}).get("streaming_api") or "")) or None
        statuses = config.get("statuses") or {}
        default = InstanceLimits()
        return InstanceLimits(
            int(statuses.get("max_characters") or info.get("max_toot_chars")
                or default.max_characters),
            int(statuses.get("characters_reserved_per_url")
                or default.characters_reserved_per_url),
        )

    async def post_limits(self) -> tuple[int, int]:
        """(max characters, characters per link): what the sync engine keeps per account."""
        limits = await self.instance_limits()
        return limits.max_characters, limits.characters_reserved_per_url

    async def watch(self, on_event: Callable[[], None],
                    on_connected: Callable[[], None] = lambda: None) -> None:
        """Ring ``on_event`` when a mention arrives (the streaming API), until cancelled."""
        from .mastodon_stream import streaming_base, watch

        if self._streaming is None:
            try:
                await self.instance_limits()
            except (NetworkError, RequestRefused):
                pass  # the API's own host, then
        await watch(streaming_base(self.http.base_url, self._streaming), self._token, on_event,
                    transport=self.http._transport, on_connected=on_connected)
