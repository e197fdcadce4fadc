"""Shared fixtures: the seed corpus is loaded once per test session."""

from pathlib import Path

import pytest

from analysis import SEEDS_DIR, load_corpus, sentences

UNN = "000_0cc22dba215e94ea"
CENSOR = "001_08df36c80ea8ab6e"
SPUTNIK = "002_80d33930dbd14747"
NO_OUTLET = "003_21bb693ae34f93e3"
MOSCOW_TIMES = "004_a9dcb577187d622c"


@pytest.fixture(scope="session")
def seeds():
    return load_corpus(SEEDS_DIR)


@pytest.fixture(scope="session")
def seed_sentences(seeds):
    return sentences(seeds)


def article(corpus, article_id):
    """The corpus row of one article, as a dict."""
    return corpus.set_index("article_id").loc[article_id].to_dict()


# --- the second corpus: three made-up articles with known values (tests/data/README.md) ---
DNIPRO_DIR = Path(__file__).parent / "data" / "dnipro-monitors"
DNIPRO_WARNS, DNIPRO_PROPOSES, DNIPRO_REJECTS = (
    "fx1-moscow-warns",
    "fx2-kyiv-proposes",
    "fx3-kremlin-rejects",
)


@pytest.fixture(scope="session")
def dnipro():
    return load_corpus(DNIPRO_DIR)
