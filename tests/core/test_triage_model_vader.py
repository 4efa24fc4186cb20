"""The VADER ground-truth reader used to train the sentiment head (data/vader_corpus.py), on a
made-up folder: the corpus itself is fetched at build time, never stored in the repository."""

from relais.core.triage.data import vader_corpus as vc


def test_labels_from_mean_ratings():
    assert [vc.label_of(m) for m in (-2.0, -0.5, -0.49, 0.0, 0.49, 0.5, 3.1)] == [
        "negative", "negative", "neutral", "neutral", "neutral", "positive", "positive"]
    assert [vc.ambiguous(m) for m in (0.2, 0.25, -0.6, 0.74, 0.75, -1.0)] == [
        False, True, True, True, False, False]


def test_read_made_up_folder(tmp_path):
    lines = {"tweets": "1\t2.5\tSo happy &amp; proud today\r\n2\t-0.1\tBus at 9\r\n",
             "nyt": "1_1\t-1.2\tThe plan failed.\n",
             "amazon": "\ufeff1_1\t0.3\tIt ships with a cable.\n",
             "movies": "".join(f"{i}\t1.0\tA ''fine'' film number {i}\n" for i in range(3000))}
    for source, text in lines.items():
        (tmp_path / vc.FILES[source]).write_text(text, "utf-8")
    rows = vc.read(vc.resources_dir(str(tmp_path)))
    assert rows[0] == ("tweets", 2.5, "So happy & proud today", "1")
    assert ("amazon", 0.3, "It ships with a cable.", "1_1") in rows
    movies = [r for r in rows if r[0] == "movies"]
    assert len(movies) == vc.SUBSAMPLE["movies"] and movies[0][2].startswith('A "fine" film')
    assert rows == vc.read(tmp_path)  # the subsample is seeded


def test_held_out_slice_is_fixed_and_about_a_fifth():
    ids = [str(i) for i in range(5000)]
    share = sum(vc.held_out(i, "tweets") for i in ids) / len(ids)
    assert 0.17 < share < 0.23
    assert [vc.held_out(i, "nyt") for i in ids[:50]] == [vc.held_out(i, "nyt") for i in ids[:50]]
