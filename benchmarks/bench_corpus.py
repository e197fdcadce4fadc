"""Throughput and memory of loading, cleaning and sentence splitting on a generated corpus.

    python benchmarks/bench_corpus.py [--mb 50] [--keep DIR]

The corpus (``analysis.synthetic``: the seeds' sentences with the seeds' quirks:
leading ' date ' lines, headlines, headings without full stops, bullets, one-line
paragraphs, and The Moscow Times' appeal, newsletter box and photo credit) is
written to a temporary folder as one .txt file per article. Prints, for each
stage, one process: MB/s and articles/s by the wall clock and by CPU time (the
CPU figure does not depend on what else the machine is doing), and peak memory.
For several processes and every table, see ``bench_scale.py``.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import load_corpus, sentences  # noqa: E402
from analysis.synthetic import write_synthetic_corpus  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def host_seconds() -> float:
    """CPU seconds of a fixed pure-Python loop (best of three), independent of the
    suite's code: how fast this host runs Python right now. The development machine
    shares its host, and the same code runs 20-40 % slower in some minutes than in
    others; printed before and after a measurement, it says which minutes a figure
    comes from (see the README's Performance section)."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        total = 0
        for i in range(10_000_000):
            total += i % 7
        best = min(best, time.process_time() - start)
    return best


def host_line() -> str:
    return f"host speed: a fixed Python loop took {host_seconds():.2f} s CPU (lower is faster)"


def add_host_option(parser) -> None:
    """``--no-host-speed``: leave out the host-speed line (about a second each time);
    for the tests, which only check that a script runs."""
    parser.add_argument(
        "--no-host-speed",
        dest="host_speed",
        action="store_false",
        help="do not time the fixed Python loop (see host_seconds)",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50, help="corpus size in MB (default 50)")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    add_host_option(parser)
    args = parser.parse_args()

    if args.host_speed:
        print(host_line())
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        n, size = write_synthetic_corpus(folder, megabytes=args.mb)
        mb = size / 1e6
        print(f"generated {n:,} articles, {mb:.1f} MB in {folder}")
        start_rss = peak_mb()

        t0, c0 = time.perf_counter(), time.process_time()
        corpus = load_corpus(folder)
        t1, c1 = time.perf_counter(), time.process_time()
        table = sentences(corpus)
        t2, c2 = time.perf_counter(), time.process_time()

    def line(stage: str, seconds: float, cpu: float) -> str:
        return (
            f"{stage:26} wall {seconds:6.2f} s {mb / seconds:6.1f} MB/s {n / seconds:7,.0f} art/s"
            f" | CPU {cpu:6.2f} s {mb / cpu:6.1f} MB/s"
        )

    print(line("load + clean", t1 - t0, c1 - c0))
    print(line("sentences", t2 - t1, c2 - c1))
    print(line("load + clean + sentences", t2 - t0, c2 - c0))
    print(
        f"{len(table):,} sentences; peak memory {peak_mb():,.0f} MB (before loading: {start_rss:,.0f} MB)"
    )


if __name__ == "__main__":
    main()
