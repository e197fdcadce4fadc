"""Throughput and memory of quotes, statements (acts, speakers, dates) and event linking.

    python benchmarks/bench_statements.py [--mb 5]

Uses the generated corpus of ``bench_corpus.py`` (seed sentences shuffled into
articles with random dates). Times the tables statements needs (sentences and
mentions, then quotes) apart from the statements themselves and the event
linking, in wall-clock and CPU seconds (CPU time does not depend on what else
runs on the machine, so it is the figure to compare), and prints statements
per second and peak memory. The first stage to need scikit-learn (event
linking) pays for importing it.
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

from analysis import Tables, link_events, load_corpus, statements  # noqa: E402
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
    tables = Tables(corpus)
    clocks = [(time.perf_counter(), time.process_time())]

    def lap():
        clocks.append((time.perf_counter(), time.process_time()))

    sents, mentions = tables.sentences, tables.mentions
    lap()
    quotes = tables.quotes
    lap()
    table = statements(corpus, sentences=sents, quotes=quotes, mentions=mentions, link=False)
    lap()
    table["event_id"] = link_events(table)
    lap()

    def line(stage: str, i: int) -> str:
        wall = clocks[i + 1][0] - clocks[i][0]
        cpu = clocks[i + 1][1] - clocks[i][1]
        return (
            f"{stage:34} wall {wall:6.2f} s {mb / wall:6.2f} MB/s {n / wall:7,.0f} art/s"
            f" | CPU {cpu:6.2f} s {mb / cpu:6.2f} MB/s"
        )

    print(line("sentences + mentions", 0))
    print(line("quotes", 1))
    print(line("statements (acts, speakers, dates)", 2))
    print(line("link_events", 3))
    seconds = clocks[4][0] - clocks[2][0]
    print(
        f"{len(table):,} statements, {table['event_id'].nunique():,} events; "
        f"{len(table) / seconds:,.0f} statements/s; peak memory {peak_mb():,.0f} MB"
    )


if __name__ == "__main__":
    main()
