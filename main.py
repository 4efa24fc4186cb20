"""The ``relais`` command: the GUI by default, and CLI verbs for scripts and cron.

    relais [--data-dir DIR] [--lang fr|en]          the window
    relais queue [--json]                           the prioritised queue
    relais sync [--once]                            sync every account (beside the GUI is fine)
    relais account list | remove ID                 brand accounts
    relais account add mastodon --server URL [--token-stdin | --no-browser]
    relais account add bluesky --handle H --app-password-stdin
    relais triage --csv IN [--out OUT]              language, sentiment and at-risk per row
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .core.paths import default_data_dir


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="relais", description="A reply queue for community managers.")
    p.add_argument("--data-dir", type=Path, default=None,
                   help="folder holding the cache, settings and logs")
    p.add_argument("--lang", choices=["fr", "en"], default=None, help="interface language")
    p.add_argument("-v", "--verbose", action="store_true", help="log more on the console")
    p.add_argument("--demo", action="store_true",
                   help="try Relais on an embedded demo network, in a data folder of its own")
    sub = p.add_subparsers(dest="verb")
    sub.add_parser("gui", help="open the window (the default)")
    q = sub.add_parser("queue", help="print the prioritised queue")
    q.add_argument("--json", action="store_true", help="machine-readable output")
    q.add_argument("--limit", type=int, default=50)
    s = sub.add_parser("sync", help="sync every account")
    s.add_argument("--once", action="store_true", help="one pass, then exit")
    a = sub.add_parser("account", help="add, list or remove brand accounts")
    asub = a.add_subparsers(dest="account_verb", required=True)
    asub.add_parser("list")
    add = asub.add_parser("add", help="add a brand account")
    add_sub = add.add_subparsers(dest="network", required=True)
    m = add_sub.add_parser("mastodon", help="sign in to a Mastodon server")
    m.add_argument("--server", required=True, help="the server, e.g. mastodon.social")
    how = m.add_mutually_exclusive_group()
    how.add_argument("--token-stdin", action="store_true",
                     help="read an access token (Preferences > Development) from stdin")
    how.add_argument("--no-browser", action="store_true",
                     help="print the sign-in address and read the code it shows from stdin")
    m.add_argument("--timeout", type=float, default=300.0,
                   help="seconds to wait for the browser (default 300)")
    b = add_sub.add_parser("bluesky", help="sign in to Bluesky with an app password")
    b.add_argument("--handle", required=True, help="the handle (name.bsky.social) or DID")
    b.add_argument("--app-password-stdin", action="store_true", required=True,
                   help="read the app password from stdin (never from the command line)")
    b.add_argument("--allow-main-password", action="store_true",
                   help="keep the account's main password if that is what was given")
    b.add_argument("--service", default=None, help=argparse.SUPPRESS)  # tests, self-hosting
    b.add_argument("--plc", default=None, help=argparse.SUPPRESS)
    rm = asub.add_parser("remove")
    rm.add_argument("id", type=int)
    t = sub.add_parser("triage", help="analyse a CSV of messages")
    t.add_argument("--csv", required=True, type=Path)
    t.add_argument("--out", type=Path, default=None)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parser().parse_args(argv)
    if args.demo and args.data_dir is None:
        import tempfile

        args.data_dir = Path(tempfile.mkdtemp(prefix="relais-demo-"))
    data_dir = (args.data_dir or default_data_dir()).expanduser()
    from .core.logsafe import setup_logging

    setup_logging(data_dir / "logs" if args.verb in (None, "gui", "sync") else None,
                  verbose=args.verbose)
    if args.verb in (None, "gui"):
        from .ui.app import run_gui

        return run_gui(data_dir, [sys.argv[0]], language=args.lang, demo=args.demo)
    from .ui import cli

    return cli.run(args, data_dir)


if __name__ == "__main__":
    sys.exit(main())
