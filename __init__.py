"""Relais: one prioritised reply queue for a community manager's Mastodon and Bluesky accounts."""

__version__ = "0.1.0"
