"""Generated corpora of news-like articles, for benchmarks and scale tests.

The articles are built from the seeds' own sentences with the seeds' quirks:
leading ``" date YYYY-MM-DD "`` lines, headlines, headings without full stops,
bullets, one-line paragraphs, the publisher named in the lede ("..., UNN
reports."), and The Moscow Times' appeal, newsletter box and photo credit.
They read like the seeds to the extraction code, so throughput measured on them
is throughput on real news text; they are not real articles and say so (their
ids start with ``synthetic-``).

Everything is deterministic for a given ``seed``.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pandas as pd

HEADINGS = ["Details", "Recall", "Background", "What the Kremlin said", "Negotiations and dates"]
OUTLET_LINES = [
    ", UNN reports.",
    ", told Sputnik.",
    " According to Censor.NET, this is reported in Russian media.",
]
APPEAL = (
    "Sign up for our free weekly newsletter\n\nOur weekly newsletter contains a hand-picked "
    "selection of news.\nSubscribers agree to the Privacy Policy\n\nA Message from The Moscow "
    "Times:\n\nDear readers,\n\nWe are facing unprecedented challenges. Your support, no matter "
    "how small, makes a world of difference.\n\nOnce\nMonthly\nAnnual\nContinue\nNot ready to "
    "support today?\nRemind me later.\n\nRead more"
)
OUTLETS = ["UNN", "Censor.NET", "Sputnik", "The Moscow Times", "Reuters", None]


@lru_cache(maxsize=1)
def seed_sentences() -> tuple[str, ...]:
    """The running-text sentences of the seed articles (no headings or headlines)."""
    from .config import SEEDS_DIR
    from .corpus import load_corpus
    from .sentences import sentences

    table = sentences(load_corpus(SEEDS_DIR))
    return tuple(table.loc[table["kind"] == "sentence", "text"])


def synthetic_article(rng: random.Random, pool=None) -> str:
    """One article's raw text, drawn with ``rng`` from the sentences in ``pool``."""
    pool = list(pool or seed_sentences())
    parts = []
    if rng.random() < 0.2:
        parts.append("Support The Moscow Times!\n\n")
    date = f"{rng.randint(2022, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if rng.random() < 0.4:
        parts.append(f" date {date} ")
    elif rng.random() < 0.5:
        parts.append(" ".join(rng.sample(pool, 1)[0].split()[:9]).rstrip(".,;:") + "\n\n")
    if rng.random() < 0.2:
        parts.append("The Russian Foreign Ministry building in Moscow. Alexander Yarik / TASS\n\n")
    newline = "\n" if rng.random() < 0.3 else "\n\n"
    for i in range(rng.randint(8, 20)):
        if i and rng.random() < 0.1:
            parts.append(rng.choice(HEADINGS) + newline)
        paragraph = " ".join(rng.sample(pool, rng.randint(1, 3)))
        if i == 0 and rng.random() < 0.5:
            paragraph = paragraph.rstrip(".") + rng.choice(OUTLET_LINES)
        if rng.random() < 0.05:
            paragraph = "- " + paragraph
        parts.append(paragraph + newline)
    if parts[0].startswith("Support") and rng.random() < 0.8:
        parts.append("\n" + APPEAL)
    return "".join(parts)


def synthetic_rows(
    *, megabytes: float | None = None, n_articles: int | None = None, seed: int = 0
) -> Iterator[dict]:
    """Table rows (article_id, outlet, published, text) until ``megabytes`` or ``n_articles``.

    About one row in six has no outlet and one in five no date, as in real feeds.
    """
    if (megabytes is None) == (n_articles is None):
        raise ValueError("give either megabytes or n_articles")
    rng = random.Random(seed)
    pool = seed_sentences()
    target = None if megabytes is None else int(megabytes * 1_000_000)
    total = n = 0
    while (target is None and n < n_articles) or (target is not None and total < target):
        text = synthetic_article(rng, pool)
        outlet = rng.choice(OUTLETS)
        published = None
        if rng.random() < 0.8:
            published = (
                f"{rng.randint(2022, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            )
        yield {
            "article_id": f"synthetic-{n:07d}",
            "outlet": outlet,
            "published": published,
            "text": text,
        }
        total += len(text.encode("utf-8"))
        n += 1


def generate_corpus(*, n_articles: int = 100, seed: int = 0) -> pd.DataFrame:
    """A loaded corpus (as :func:`analysis.load_corpus` returns) of generated articles."""
    from .corpus import load_corpus

    return load_corpus(pd.DataFrame(list(synthetic_rows(n_articles=n_articles, seed=seed))))


def write_synthetic_corpus(
    folder,
    *,
    megabytes: float,
    seed: int = 0,
    format: str = "txt",
    shard_megabytes: float = 64,
) -> tuple[int, int]:
    """Write a generated corpus to ``folder``; return (articles, bytes of text).

    ``format`` "txt" writes one file per article (``synthetic-0000000.txt``: only the
    text, as a folder corpus has it); "jsonl" and "parquet" write table shards
    (``part-00000.jsonl`` ...) of about ``shard_megabytes`` each, with the
    article_id, outlet, published and text columns.
    """
    if format not in ("txt", "jsonl", "parquet"):
        raise ValueError(f"format must be txt, jsonl or parquet, not {format!r}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    n = total = 0
    shard: list[dict] = []
    shard_bytes = 0
    shards = 0

    def flush():
        nonlocal shard, shard_bytes, shards
        if not shard:
            return
        path = folder / f"part-{shards:05d}.{format}"
        if format == "jsonl":
            with path.open("w", encoding="utf-8") as out:
                for row in shard:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            # row groups of 2,000 articles: readers can take a shard a part at a time
            pd.DataFrame(shard).to_parquet(path, index=False, row_group_size=2000)
        shards += 1
        shard, shard_bytes = [], 0

    for row in synthetic_rows(megabytes=megabytes, seed=seed):
        size = len(row["text"].encode("utf-8"))
        if format == "txt":
            (folder / f"{row['article_id']}.txt").write_text(row["text"], encoding="utf-8")
        else:
            shard.append(row)
            shard_bytes += size
            if shard_bytes >= shard_megabytes * 1_000_000:
                flush()
        n += 1
        total += size
    flush()
    return n, total
