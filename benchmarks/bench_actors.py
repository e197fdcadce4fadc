"""Throughput of actor mentions and quotes on a generated corpus.

    python benchmarks/bench_actors.py [--mb 5]

Reuses bench_corpus's generator (the seeds' sentences and quirks), then times
``sentences``, ``mentions`` and ``quotes`` article by article, as the suite
runs them, and prints MB/s, articles/s and peak memory.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_corpus import peak_mb, write_corpus  # noqa: E402

from analysis import load_corpus, load_gazetteer, mentions, quotes, sentences  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5, help="corpus size in MB (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        n, size = write_corpus(Path(tmp), args.mb)
        corpus = load_corpus(Path(tmp))
    mb = size / 1e6
    print(f"generated {n:,} articles, {mb:.1f} MB")
    t0 = time.perf_counter()
    gazetteer = load_gazetteer()
    gazetteer.find("warm up the matcher")
    t1 = time.perf_counter()
    table = sentences(corpus)
    t2 = time.perf_counter()
    found = mentions(corpus, gazetteer, sentences=table)
    t3 = time.perf_counter()
    said = quotes(corpus, gazetteer=gazetteer, sentences=table)
    t4 = time.perf_counter()

    def line(stage: str, seconds: float) -> str:
        return (
            f"{stage:20} {seconds:6.2f} s  {mb / seconds:7.2f} MB/s  {n / seconds:9,.0f} articles/s"
        )

    print(f"{'load gazetteer':20} {t1 - t0:6.2f} s")
    print(line("sentences", t2 - t1))
    print(line("mentions", t3 - t2))
    print(line("quotes", t4 - t3))
    print(f"{len(found):,} mentions, {len(said):,} quotes; peak memory {peak_mb():,.0f} MB")


if __name__ == "__main__":
    main()
