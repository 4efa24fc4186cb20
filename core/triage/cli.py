"""`relais triage --csv IN [--out OUT]`: triage every row of a CSV that has a `text` column.

An optional `lang` column is used as a hint (empty = detect); an optional `followers`
column adds the influence. Output columns: the input's columns, then language,
sentiment, sentiment_score, sentiment_confidence, at_risk (0/1), at_risk_reasons
(reason codes joined by "|"), at_risk_evidence, influence (when `followers` is given).
Writes to OUT, or to standard output without --out. Exit status: 0, or 2 on bad input.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

OUT_COLUMNS = ("language", "sentiment", "sentiment_score", "sentiment_confidence", "at_risk",
               "at_risk_reasons", "at_risk_evidence")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="relais triage", description="Triage the messages of a CSV file.")
    p.add_argument("--csv", required=True, type=Path, metavar="IN", help="CSV with a `text` column")
    p.add_argument("--out", type=Path, metavar="OUT", help="output CSV (default: standard output)")
    return p


def run(argv: list[str]) -> int:
    from . import analyse, influence

    args = _parser().parse_args(argv)
    try:
        with args.csv.open(newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            fields = list(reader.fieldnames or [])
            if "text" not in fields:
                print(f"relais triage: {args.csv}: no `text` column (columns: {', '.join(fields)})",
                      file=sys.stderr)
                return 2
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        print(f"relais triage: cannot read {args.csv}: {exc}", file=sys.stderr)
        return 2

    has_followers = "followers" in fields
    extra = [c for c in OUT_COLUMNS if c not in fields]
    out_fields = fields + extra + (["influence"] if has_followers and "influence" not in fields else [])
    out = args.out.open("w", newline="", encoding="utf-8") if args.out else sys.stdout
    try:
        writer = csv.DictWriter(out, fieldnames=out_fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            a = analyse(row.get("text") or "", (row.get("lang") or "").strip() or None)
            row.update({
                "language": a.language,
                "sentiment": a.sentiment.label.value,
                "sentiment_score": f"{a.sentiment.score:.3f}",
                "sentiment_confidence": f"{a.sentiment.confidence:.2f}",
                "at_risk": "1" if a.at_risk else "0",
                "at_risk_reasons": "|".join(a.at_risk_reasons),
                "at_risk_evidence": "|".join(f"{r}:{w}" for r, w in a.risk_evidence),
            })
            if has_followers:
                try:
                    row["influence"] = f"{influence(int(float(row.get('followers') or 0))):.3f}"
                except ValueError:
                    row["influence"] = ""
            writer.writerow(row)
    finally:
        if out is not sys.stdout:
            out.close()
    if args.out:
        print(f"relais triage: {len(rows)} rows -> {args.out}", file=sys.stderr)
    return 0


def main() -> None:  # pragma: no cover - for `python -m relais.core.triage.cli`
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":  # pragma: no cover
    main()
