"""`relais triage --csv IN [--out OUT]` on a small CSV."""

import csv

from relais.core.triage.cli import run

ROWS = [
    {"text": "Toujours pas remboursé, je saisis la DGCCRF 😡", "lang": "fr"},
    {"text": "Comment résilier mon abonnement ?", "lang": ""},
    {"text": "Great, another 3h delay 😡", "lang": ""},
    {"text": "Merci beaucoup pour votre aide, au top !", "lang": "fr"},
    {"text": "Hallo, meine Bestellung ist immer noch nicht angekommen.", "lang": ""},
]


def _write(path, rows, fields=("text", "lang")):
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(fields))
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in fields})


def test_cli_writes_out_file(tmp_path):
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    _write(src, ROWS)
    assert run(["--csv", str(src), "--out", str(dst)]) == 0
    with dst.open(newline="", encoding="utf-8") as f:
        out = list(csv.DictReader(f))
    assert [r["text"] for r in out] == [r["text"] for r in ROWS]
    assert [r["language"] for r in out] == ["fr", "fr", "en", "fr", "other"]
    assert [r["sentiment"] for r in out] == ["negative", "neutral", "negative", "positive", "neutral"]
    assert [r["at_risk"] for r in out] == ["1", "0", "0", "0", "0"]
    assert out[0]["at_risk_reasons"] == "refund|legal"
    assert "legal:dgccrf" in out[0]["at_risk_evidence"]
    for r in out:
        assert -1.0 <= float(r["sentiment_score"]) <= 1.0
        assert 0.0 <= float(r["sentiment_confidence"]) <= 1.0


def test_cli_to_stdout_without_lang_column(tmp_path, capsys):
    src = tmp_path / "in.csv"
    _write(src, [{"text": "Je veux être remboursé"}, {"text": "I want my money back"}], fields=("text",))
    assert run(["--csv", str(src)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    rows = list(csv.DictReader(lines))
    assert [(r["language"], r["sentiment"], r["at_risk"], r["at_risk_reasons"]) for r in rows] == [
        ("fr", "negative", "1", "refund"), ("en", "negative", "1", "refund")]


def test_cli_followers_give_influence(tmp_path, capsys):
    src = tmp_path / "in.csv"
    _write(src, [{"text": "Bonjour", "followers": "1000"}, {"text": "Hello", "followers": ""}],
           fields=("text", "followers"))
    assert run(["--csv", str(src)]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.strip().splitlines()))
    assert [r["influence"] for r in rows] == ["0.500", "0.000"]


def test_cli_rejects_csv_without_text_column(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("message\nbonjour\n", encoding="utf-8")
    assert run(["--csv", str(src)]) == 2
    assert "text" in capsys.readouterr().err


def test_cli_missing_file(tmp_path, capsys):
    assert run(["--csv", str(tmp_path / "nope.csv")]) == 2
