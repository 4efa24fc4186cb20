"""The VADER ground-truth sentences, as extra training data for the sentiment head.

Provenance and licence: the sdist of vaderSentiment 3.3.2 on PyPI (MIT licence, C.J. Hutto;
vaderSentiment is already a dependency of Relais) ships `additional_resources/
hutto_ICWSM_2014.tar.gz`, the data of Hutto & Gilbert, "VADER: A Parsimonious Rule-based Model
for Sentiment Analysis of Social Media Text", ICWSM 2014. Its four `*_GroundTruth.txt` files hold
~23,700 English sentences rated by ~20 people each on -4 (extremely negative) .. +4 (extremely
positive), one `id<TAB>mean rating<TAB>text` line each: tweets (4,200), New York Times editorial
snippets (5,190), Amazon review snippets (3,710) and movie review snippets (10,600).

Nothing of this text is kept in the repository: build_head.py fetches the sdist with pip (or
reads an extracted folder given with --vader-resources) and only the trained weights ship.
"""

from __future__ import annotations

import atexit
import html
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "3.3.2"
TARBALL = "hutto_ICWSM_2014.tar.gz"
FILES = {  # source name -> ground-truth file
    "tweets": "tweets_GroundTruth.txt",
    "nyt": "nytEditorialSnippets_GroundTruth.txt",
    "amazon": "amazonReviewSnippets_GroundTruth.txt",
    "movies": "movieReviewSnippets_GroundTruth.txt",
}
# Movie snippets are 45% of the corpus, almost never neutral and far from what a community
# manager reads: a seeded sample keeps embedding time down and the corpus less movie-heavy.
SUBSAMPLE = {"movies": 2500}

# Labels from the raters' mean, fixed before any benchmark was run. A mean that rounds to the
# scale's 0 point ("neutral") is neutral: |mean| < 0.5. Each mean is of ~20 ratings whose spread
# is ~1 point, so its standard error is ~0.2-0.25: a mean within 0.25 of that boundary
# (0.25 <= |mean| < 0.75) could as well be on the other side, and such rows are left out of
# training (held-out rows keep every sentence, labelled with the 0.5 boundary alone).
NEUTRAL_BELOW = 0.5
AMBIGUOUS_BAND = (0.25, 0.75)


def label_of(mean: float) -> str:
    if abs(mean) < NEUTRAL_BELOW:
        return "neutral"
    return "positive" if mean > 0 else "negative"


def ambiguous(mean: float) -> bool:
    return AMBIGUOUS_BAND[0] <= abs(mean) < AMBIGUOUS_BAND[1]


def fetch(dest: Path) -> Path:
    """Download the vaderSentiment sdist with pip into `dest` and extract the ground-truth
    folder; returns the folder holding the *_GroundTruth.txt files."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                    f"vaderSentiment=={VERSION}", "-d", str(dest)], check=True)
    sdist = next(dest.glob("vaderSentiment-*.tar.gz"))
    with tarfile.open(sdist) as tar:
        inner = next(m for m in tar.getmembers() if m.name.endswith(TARBALL))
        (dest / TARBALL).write_bytes(tar.extractfile(inner).read())
    with tarfile.open(dest / TARBALL) as tar:
        tar.extractall(dest / "hutto", filter="data")
    return next(p.parent for p in (dest / "hutto").rglob(FILES["tweets"]))


def resources_dir(given: str | None) -> Path:
    """The folder of ground-truth files: `given` (a folder holding them, or the extracted
    sdist / additional_resources above it), else fetched into a temporary folder."""
    if given:
        root = Path(given)
        hits = [root] if (root / FILES["tweets"]).exists() else \
            [p.parent for p in root.rglob(FILES["tweets"])]
        if not hits:
            raise SystemExit(f"no {FILES['tweets']} under {root}")
        return hits[0]
    dest = Path(tempfile.mkdtemp(prefix="vader_sdist_"))
    atexit.register(shutil.rmtree, dest, ignore_errors=True)  # read before the build ends
    return fetch(dest)


def read(folder: Path, seed: int = 7) -> list[tuple[str, float, str, str]]:
    """(source, mean rating, text, id) for every kept sentence of the four files."""
    rows = []
    for source, name in FILES.items():
        part = []
        for line in (folder / name).read_text("utf-8-sig", errors="replace").splitlines():
            fields = line.rstrip("\r").split("\t", 2)
            if len(fields) == 3 and fields[2].strip():
                text = html.unescape(fields[2]).replace("''", '"').strip()
                part.append((source, float(fields[1]), text, fields[0]))
        if source in SUBSAMPLE:
            part = random.Random(seed).sample(part, SUBSAMPLE[source])
        rows.extend(part)
    return rows


def held_out(sentence_id: str, source: str, share: float = 0.2) -> bool:
    """A fixed ~20% of every file, by a hash of its id, kept for validation."""
    import hashlib

    h = hashlib.sha256(f"{source}:{sentence_id}".encode()).digest()
    return h[0] < 256 * share
