"""Throughput of actor mentions and quotes on a generated corpus.

    python benchmarks/bench_actors.py [--mb 5]

Generates a corpus with ``analysis.synthetic`` (the seeds' sentences and quirks),
then times ``sentences``, ``mentions`` and ``quotes`` (given the mentions, as
``Tables`` runs it), and prints MB/s and articles/s by CPU time (which does not
depend on what else the machine is doing) and peak memory.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_corpus import peak_mb  # noqa: E402

from analysis import load_corpus, load_gazetteer, mentions, quotes, sentences  # noqa: E402
from analysis.synthetic import write_synthetic_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5, help="corpus size in MB (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        n, size = write_synthetic_corpus(Path(tmp), megabytes=args.mb)
        corpus = load_corpus(Path(tmp))
    mb = size / 1e6
    print(f"generated {n:,} articles, {mb:.1f} MB")
    t0 = time.process_time()
    gazetteer = load_gazetteer()
    gazetteer.find("warm up the matcher")
    t1 = time.process_time()
    table = sentences(corpus)
    t2 = time.process_time()
    found = mentions(corpus, gazetteer, sentences=table)
    t3 = time.process_time()
    said = quotes(corpus, gazetteer=gazetteer, sentences=table, mentions=found)
    t4 = time.process_time()

    def line(stage: str, seconds: float) -> str:
        return f"{stage:20} {seconds:6.2f} s CPU  {mb / seconds:7.2f} MB/s  {n / seconds:9,.0f} articles/s"

    print(f"{'load gazetteer':20} {t1 - t0:6.2f} s")
    print(line("sentences", t2 - t1))
    print(line("mentions", t3 - t2))
    print(line("quotes", t4 - t3))
    print(f"{len(found):,} mentions, {len(said):,} quotes; peak memory {peak_mb():,.0f} MB")


if __name__ == "__main__":
    main()
