"""Throughput and memory of loading, cleaning and sentence splitting on a generated corpus.

    python benchmarks/bench_corpus.py [--mb 50] [--keep DIR]

The corpus is written to a temporary folder as one .txt file per article,
built from the seeds' sentences with the seeds' quirks: leading ' date ' lines,
headlines, headings without full stops, bullets, one-line paragraphs, and The
Moscow Times' appeal, newsletter box and photo credit. Prints MB/s, articles/s
and peak memory (resident set size) for each stage and end to end.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import SEEDS_DIR, load_corpus, sentences  # noqa: E402

HEADINGS = ["Details", "Recall", "Background", "What the Kremlin said", "Negotiations and dates"]
OUTLET_LINES = [
    ", UNN reports.",
    ", told Sputnik.",
    " According to Censor.NET, this is reported in Russian media.",
]
APPEAL = (
    "Sign up for our free weekly newsletter\n\nOur weekly newsletter contains a hand-picked selection of news.\n"
    "Subscribers agree to the Privacy Policy\n\nA Message from The Moscow Times:\n\nDear readers,\n\n"
    "We are facing unprecedented challenges. Your support, no matter how small, makes a world of difference.\n\n"
    "Once\nMonthly\nAnnual\nContinue\nNot ready to support today?\nRemind me later.\n\nRead more"
)


def seed_sentences() -> list[str]:
    corpus = load_corpus(SEEDS_DIR)
    table = sentences(corpus)
    return table.loc[table["kind"] == "sentence", "text"].tolist()


def generate_article(rng: random.Random, pool: list[str]) -> str:
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


def write_corpus(folder: Path, megabytes: float, seed: int = 0) -> tuple[int, int]:
    rng = random.Random(seed)
    pool = seed_sentences()
    target = int(megabytes * 1_000_000)
    total = n = 0
    while total < target:
        data = generate_article(rng, pool).encode("utf-8")
        (folder / f"{n:07d}.txt").write_bytes(data)
        total += len(data)
        n += 1
    return n, total


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50, help="corpus size in MB (default 50)")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        n, size = write_corpus(folder, args.mb)
        mb = size / 1e6
        print(f"generated {n:,} articles, {mb:.1f} MB in {folder}")
        start_rss = peak_mb()

        t0 = time.perf_counter()
        corpus = load_corpus(folder)
        t1 = time.perf_counter()
        table = sentences(corpus)
        t2 = time.perf_counter()

    def line(stage: str, seconds: float) -> str:
        return (
            f"{stage:28} {seconds:6.2f} s  {mb / seconds:7.1f} MB/s  {n / seconds:9,.0f} articles/s"
        )

    print(line("load + clean", t1 - t0))
    print(line("sentences", t2 - t1))
    print(line("load + clean + sentences", t2 - t0))
    print(
        f"{len(table):,} sentences; peak memory {peak_mb():,.0f} MB (before loading: {start_rss:,.0f} MB)"
    )


if __name__ == "__main__":
    main()
