"""The demo network: an embedded Mastodon-API server on loopback (mastodon-mock, the optional
``demo`` extra) with a brand account and customers who write to it over time, in French and
English — complaints, questions, thanks, DMs, a few customers at risk.

Nothing here is real: the brand's token is made up at start, kept in memory only, and the server
lives as long as the process.
"""

from __future__ import annotations

import logging
import random
import secrets
import threading
from dataclasses import dataclass

from .errors import RelaisError

log = logging.getLogger(__name__)

BRAND = "maboutique"
CUSTOMERS = [
    ("camille", "Camille Martin"), ("hugo", "Hugo Bernard"), ("lea", "Léa Petit"),
    ("jerome", "Jérôme Durand"), ("ines", "Inès Moreau"), ("noah", "Noah Laurent"),
    ("emma", "Emma Wilson"), ("liam", "Liam Carter"), ("gaelle", "Gaëlle Roux"),
    ("francois", "François Girard"),
]
# (text, visibility): what customers write to a shop, in French first.
MESSAGES = [
    ("@maboutique Commande 48213 toujours pas reçue, ça fait 9 jours. C'est une blague ?",
     "public"),
    ("@maboutique Je veux être remboursé, le produit est arrivé cassé.", "public"),
    ("@maboutique Si personne ne me répond aujourd'hui je résilie mon abonnement.", "public"),
    ("@maboutique Merci pour votre aide rapide, tout est réglé 👍", "public"),
    ("@maboutique Bonjour, vous livrez en Belgique ?", "public"),
    ("@maboutique Génial, encore un retard de 3h… merci pour rien 🙄", "public"),
    ("@maboutique Service client injoignable, j'ai saisi la DGCCRF.", "public"),
    ("@maboutique Super accueil au magasin de Lyon, bravo à l'équipe !", "public"),
    ("@maboutique Le chargeur chauffe énormément, j'ai peur qu'il prenne feu.", "public"),
    ("@maboutique Quels sont vos horaires d'ouverture à Lille ?", "public"),
    ("@maboutique Bonjour, mon numéro de commande est le 55120, pouvez-vous vérifier "
     "l'adresse de livraison ?", "direct"),
    ("@maboutique Je vous écris en privé : mon compte est bloqué depuis ce matin.", "direct"),
    ("@maboutique Order 77341 still hasn't arrived after 6 days. Seriously?", "public"),
    ("@maboutique I want my money back, the item came broken.", "public"),
    ("@maboutique Thanks for the quick help, all sorted!", "public"),
    ("@maboutique Hi, do you ship to Canada?", "public"),
    ("@maboutique Great, another 3h delay 😡", "public"),
    ("@maboutique Hi, DMing you my order number: 90412. The parcel says delivered but "
     "nothing here.", "direct"),
]


@dataclass
class DemoServer:
    base_url: str
    brand_token: str  # in memory only: never stored


class DemoNetwork:
    """Starts the embedded server and the customers' stream; stop() ends both."""

    def __init__(self, *, interval_s: tuple[float, float] = (8.0, 25.0), seed: int | None = None,
                 initial: int = 6) -> None:
        self._interval = interval_s
        self._rng = random.Random(seed)
        self._initial = initial
        self._stop = threading.Event()
        self._server = None
        self._thread: threading.Thread | None = None
        self._tokens: dict[str, str] = {}

    def start(self) -> DemoServer:
        try:
            from mastodon_mock.config import SeedAccount, SeedConfig, SeedFollow
            from mastodon_mock.testing import MockServer
        except ImportError as exc:  # the optional extra is missing
            raise DemoUnavailable() from exc
        brand_token = secrets.token_urlsafe(24)
        self._tokens = {name: secrets.token_urlsafe(16) for name, _ in CUSTOMERS}
        accounts = [SeedAccount(username=BRAND, display_name="Ma Boutique",
                                access_token=brand_token)]
        accounts += [SeedAccount(username=n, display_name=d, access_token=self._tokens[n])
                     for n, d in CUSTOMERS]
        # a few followers, so influence varies
        follows = [SeedFollow(follower=a, following=b) for a, _ in CUSTOMERS
                   for b, _ in CUSTOMERS[:3] if a != b]
        self._server = MockServer(seed=SeedConfig(accounts=accounts, follows=follows))
        self._server.start()
        base = self._server.base_url
        for _ in range(self._initial):
            self._post_one(base)
        self._thread = threading.Thread(target=self._run, args=(base,), name="relais-demo",
                                        daemon=True)
        self._thread.start()
        log.info("demo server on %s", base)
        return DemoServer(base, brand_token)

    def _post_one(self, base: str) -> None:
        import httpx

        name, _ = self._rng.choice(CUSTOMERS)
        text, visibility = self._rng.choice(MESSAGES)
        try:
            httpx.post(f"{base}/api/v1/statuses", data={"status": text, "visibility": visibility},
                       headers={"Authorization": f"Bearer {self._tokens[name]}"}, timeout=10)
        except httpx.HTTPError as exc:
            log.warning("demo customer could not post: %s", type(exc).__name__)

    def _run(self, base: str) -> None:
        while not self._stop.wait(self._rng.uniform(*self._interval)):
            self._post_one(base)

    def stop(self) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.stop()
            self._server = None


class DemoUnavailable(RelaisError):
    """mastodon-mock is not installed (pip install 'relais[demo]')."""
