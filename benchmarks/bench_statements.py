"""Throughput and memory of statements (acts, speakers, dates) and event linking.

    python benchmarks/bench_statements.py [--mb 5]

Uses the generated corpus of ``bench_corpus.py`` (seed sentences shuffled into
articles with random dates). Times the tables statements needs (sentences,
quotes, mentions) apart from the statements themselves and the event linking,
and prints statements per second and peak memory.
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

from analysis import Tables, link_events, load_corpus, statements  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5, help="corpus size in MB (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        n, size = write_corpus(Path(tmp), args.mb)
        corpus = load_corpus(Path(tmp))
    mb = size / 1e6
    print(f"generated {n:,} articles, {mb:.1f} MB")
    tables = Tables(corpus)
    t0 = time.perf_counter()
    sents, quotes, mentions = tables.sentences, tables.quotes, tables.mentions
    t1 = time.perf_counter()
    table = statements(corpus, sentences=sents, quotes=quotes, mentions=mentions, link=False)
    t2 = time.perf_counter()
    table["event_id"] = link_events(table)
    t3 = time.perf_counter()

    def line(stage: str, seconds: float) -> str:
        return (
            f"{stage:34} {seconds:6.2f} s  {mb / seconds:6.2f} MB/s  {n / seconds:8,.0f} articles/s"
        )

    print(line("sentences + quotes + mentions", t1 - t0))
    print(line("statements (acts, speakers, dates)", t2 - t1))
    print(line("link_events", t3 - t2))
    print(
        f"{len(table):,} statements, {table['event_id'].nunique():,} events; "
        f"{len(table) / (t3 - t1):,.0f} statements/s; peak memory {peak_mb():,.0f} MB"
    )


if __name__ == "__main__":
    main()
