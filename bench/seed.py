"""Build a realistic cache: French and English customer messages, several accounts, many authors.

    python bench/seed.py DATA_DIR [--messages 100000] [--seed 7]

Used by bench/queue_open.py and to make the README screenshot. Messages go through the real
SqlStore.save_page (pages of 500), so conversations, clocks and ranks are what a sync produces.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from relais.core.channel import Page
from relais.core.model import Account, Kind, Message, Network, Person, Sentiment, SentimentLabel
from relais.storage.accounts import add_account
from relais.storage.db import open_database
from relais.storage.store import SqlStore

FR = [
    ("Commande {n} toujours pas reçue, ça fait {d} jours. C'est une blague ?", -0.7, ()),
    ("Je veux être remboursé, le produit est arrivé cassé.", -0.8, ("refund",)),
    ("Si personne ne me répond aujourd'hui je résilie mon abonnement.", -0.8, ("cancel",)),
    ("Merci pour votre aide rapide, tout est réglé 👍", 0.8, ()),
    ("Bonjour, vous livrez en Belgique ?", 0.0, ()),
    ("Mon compte est bloqué depuis ce matin, impossible de me connecter.", -0.5, ()),
    ("Service client injoignable, j'ai saisi la DGCCRF.", -0.9, ("legal",)),
    ("Génial, encore un retard de 3h… merci pour rien 🙄", -0.7, ()),
    ("Super accueil au magasin de {city}, bravo à l'équipe !", 0.9, ()),
    ("Quels sont vos horaires d'ouverture à {city} ?", 0.0, ()),
    ("Le chargeur chauffe énormément, j'ai peur qu'il prenne feu.", -0.8, ("safety",)),
    ("Ça fait la troisième fois que je vous écris, toujours rien.", -0.7, ()),
]
EN = [
    ("Order {n} still hasn't arrived after {d} days. Seriously?", -0.7, ()),
    ("I want my money back, the item came broken.", -0.8, ("refund",)),
    ("Cancel my subscription, I'm done with you.", -0.8, ("cancel",)),
    ("Thanks for the quick help, all sorted!", 0.8, ()),
    ("Hi, do you ship to Canada?", 0.0, ()),
    ("Great, another 3h delay 😡", -0.8, ()),
    ("My app keeps crashing since the last update.", -0.5, ()),
    ("Loved the new store in {city}, great staff.", 0.9, ()),
    ("Telling everyone I know to avoid you. #boycott", -0.9, ("boycott_public",)),
]
REPLIES = {
    "fr": ["Bonjour, nous sommes désolés. Pouvez-vous nous envoyer votre numéro de commande en "
           "message privé ?", "Merci pour votre message, c'est transmis à l'équipe !",
           "Bonjour, le remboursement est en cours, vous le recevrez sous 5 jours."],
    "en": ["Hi, sorry about this. Could you DM us your order number?",
           "Thanks for reaching out, we're on it!"],
}
CITIES = ["Lyon", "Lille", "Nantes", "Strasbourg", "Bordeaux", "Montréal", "Bruxelles", "Paris"]
FIRST = ["Camille", "Léa", "Hugo", "Chloé", "Lucas", "Manon", "Noah", "Inès", "Jules", "Zoé",
         "Emma", "Liam", "Olivia", "Ethan", "Amélie", "François", "Gaëlle", "Jérôme"]


def label(score: float) -> SentimentLabel:
    if score <= -0.2:
        return SentimentLabel.NEGATIVE
    return SentimentLabel.POSITIVE if score >= 0.2 else SentimentLabel.NEUTRAL


def seed(data_dir: Path, messages: int, *, rng_seed: int = 7, now: datetime | None = None,
         authors: int | None = None) -> float:
    rng = random.Random(rng_seed)
    now = now or datetime.now(UTC)
    db = open_database(data_dir)
    accounts = [
        add_account(db.sessions, Account(Network.MASTODON, "https://mastodon.example", "maboutique",
                                         "Ma Boutique", "100"), now),
        add_account(db.sessions, Account(Network.BLUESKY, "https://pds.example",
                                         "maboutique.bsky.social", "Ma Boutique", "did:plc:brand"),
                    now),
        add_account(db.sessions, Account(Network.MASTODON, "https://mastodon.example",
                                         "maboutique_lyon", "Ma Boutique Lyon", "101"), now),
    ]
    n_authors = authors or max(10, messages // 20)
    people = []
    for i in range(n_authors):
        net = Network.BLUESKY if i % 3 == 1 else Network.MASTODON
        name = f"{rng.choice(FIRST)} {chr(65 + i % 26)}."
        ext = f"did:plc:c{i:06d}" if net is Network.BLUESKY else str(10_000 + i)
        followers = int(10 ** rng.uniform(0.5, 5.5))
        people.append(Person(net, ext, f"{name.split()[0].lower()}{i}", name, followers))
    store = SqlStore(db.sessions, backlog_after=timedelta(days=30))
    start = time.perf_counter()
    batch: list[Message] = []
    span = timedelta(days=14).total_seconds()
    k = 0
    while k < messages:
        author = people[rng.randrange(n_authors)]
        acc = [a for a in accounts if a.network is author.network][rng.randrange(
            1 if author.network is Network.BLUESKY else 2)]
        lang = "fr" if rng.random() < 0.65 else "en"
        text, score, risk = rng.choice(FR if lang == "fr" else EN)
        text = text.format(n=rng.randint(10_000, 99_999), d=rng.randint(2, 20),
                           city=rng.choice(CITIES))
        # most history is old and answered; the last hours are what waits
        age = rng.random() ** 3 * span if k < messages - 60 else rng.uniform(0, 3300)
        kind = Kind.PRIVATE if rng.random() < 0.2 else Kind.PUBLIC
        created = now - timedelta(seconds=age)
        batch.append(Message(
            network=author.network, external_id=f"m{k}", author=author, kind=kind, text=text,
            created_at=created, account_ids=(acc.id,),
            sentiment=Sentiment(label(score), score), at_risk_reasons=risk, language=lang))
        if k < messages - 60 and rng.random() < 0.995:  # the team answered the history
            brand = Person(acc.network, acc.external_id, acc.handle, acc.display_name)
            batch.append(Message(
                network=author.network, external_id=f"r{k}", author=brand, kind=kind,
                text=rng.choice(REPLIES[lang]), created_at=created + timedelta(
                    seconds=rng.uniform(0.1, 0.9) * min(age, 5400)), account_ids=(acc.id,),
                in_reply_to=f"m{k}",
                conversation_key=f"dm:{author.external_id}" if kind is Kind.PRIVATE else None,
                from_brand=True, language=lang))
        k += 1 + (batch[-1].from_brand)
        if len(batch) >= 500 or k >= messages:
            store.save_page(acc.id, Page("notifications", tuple(batch), {}, True), now)
            batch = []
    db.close()
    return time.perf_counter() - start


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("data_dir", type=Path)
    p.add_argument("--messages", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args()
    took = seed(a.data_dir, a.messages, rng_seed=a.seed)
    print(f"seeded {a.messages} messages into {a.data_dir} in {took:.1f} s")


if __name__ == "__main__":
    main()
