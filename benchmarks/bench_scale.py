"""End-to-end throughput of ``export --jobs`` on generated corpora of growing size.

    python benchmarks/bench_scale.py --mb 10 100 [--jobs 2] [--tables core|all|a,b]
                                     [--chunk-size 500] [--format parquet|jsonl|txt]
                                     [--check-mb 2] [--spacy-mb 10]

For each size, a corpus is generated (``analysis.synthetic``: the seeds' sentences
with their quirks) as Parquet shards, JSON Lines shards or a folder of .txt files,
then exported with ``jobs`` worker processes. Printed per size:

- wall-clock MB/s end to end (generation not counted) and articles/s;
- CPU MB/s per stage: MB divided by the CPU seconds all workers spent on the stage
  (``articles`` = read + clean, then each table on top of those it reuses), which
  does not depend on how busy the machine is;
- peak resident memory of each worker;
- with ``--check-mb``: whether every table read back from the shards equals
  ``Tables(load_corpus(...))`` computed in one process (identical results);
- with ``--spacy-mb``: the same text through spaCy's tokenizer, sentencizer and a
  PhraseMatcher of the gazetteer's forms (``spacy.blank("en")``, no model), if spaCy
  is importable.

``--tables core`` is load + clean + sentences + hits + mentions (those of them that
exist); ``all`` is every table in ``TABLE_NAMES``.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_corpus import add_host_option, host_line  # noqa: E402

from analysis import TABLE_NAMES, Tables, load_corpus  # noqa: E402
from analysis.shards import export_shards, read_table  # noqa: E402
from analysis.synthetic import write_synthetic_corpus  # noqa: E402

CORE = ["articles", "removed", "sentences", "hits", "mentions"]


def table_names(option: str) -> list[str]:
    if option == "all":
        return list(TABLE_NAMES)
    if option == "core":
        return [n for n in CORE if n in TABLE_NAMES]
    return [n.strip() for n in option.split(",")]


def source_of(folder: Path, fmt: str) -> str:
    return str(folder) if fmt == "txt" else str(folder / f"part-*.{fmt}")


def run(mb: float, args, names: list[str], work: Path) -> dict:
    corpus_dir = work / f"corpus-{mb:g}"
    if not corpus_dir.exists():
        generate(corpus_dir, mb, args.format)
    out = work / f"out-{mb:g}"
    summary = export_shards(
        source_of(corpus_dir, args.format),
        out,
        jobs=args.jobs,
        chunk_size=args.chunk_size,
        tables=names,
        progress=args.progress,
    )
    return {"mb": summary.megabytes, "summary": summary}


def generate(folder: Path, mb: float, fmt: str, **options) -> None:
    """Write a generated corpus from a child process, so that this process (from which
    the workers fork) stays small and the workers' peak memory is their own."""
    from concurrent.futures import ProcessPoolExecutor

    t0 = time.perf_counter()
    with ProcessPoolExecutor(1) as pool:
        n, size = pool.submit(
            write_synthetic_corpus, folder, megabytes=mb, format=fmt, **options
        ).result()
    print(f"  generated {n:,} articles, {size / 1e6:,.1f} MB in {time.perf_counter() - t0:.0f} s")


def check(args, names: list[str], work: Path) -> bool:
    folder = work / "check"
    generate(folder, args.check_mb, args.format, shard_megabytes=0.5)
    source = source_of(folder, args.format)
    export_shards(
        source, work / "check-out", jobs=args.jobs, chunk_size=100, tables=names, progress=False
    )
    tables = Tables(load_corpus(source))
    for name in names:
        expected = tables[name].copy(deep=False)
        expected.attrs = {}
        try:
            pd.testing.assert_frame_equal(read_table(work / "check-out", name), expected)
        except AssertionError as exc:
            print(f"  {name}: DIFFERENT: {exc}")
            return False
    return True


def spacy_run(mb: float, work: Path) -> str:
    try:
        import spacy
        from spacy.matcher import PhraseMatcher
    except ImportError:
        return "spaCy is not installed: comparison skipped"
    from analysis.mentions import default_gazetteer

    gazetteer = default_gazetteer()
    folder = work / f"corpus-{mb:g}"
    if not folder.exists():
        write_synthetic_corpus(folder, megabytes=mb, format="parquet")
    corpus = load_corpus(str(folder / "part-*.parquet"))
    texts = corpus["text"].tolist()
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = max(len(t) for t in texts) + 1
    matcher = PhraseMatcher(nlp.vocab)
    forms = list(gazetteer.forms)
    matcher.add("ACTOR", [nlp.make_doc(f) for f in forms])
    t0, c0 = time.perf_counter(), time.process_time()
    n_sentences = n_matches = 0
    for doc in nlp.pipe(texts, batch_size=256):
        n_sentences += sum(1 for _ in doc.sents)
        n_matches += len(matcher(doc))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return (
        f"spaCy {spacy.__version__} blank('en') tokenizer + sentencizer + PhraseMatcher "
        f"({len(forms):,} gazetteer forms), one process, on {size:.1f} MB: "
        f"{size / wall:.1f} MB/s wall, {size / cpu:.1f} MB/s CPU; "
        f"{n_sentences:,} sentences, {n_matches:,} matches"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[10, 100])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--chunk-size", type=int, default=500)
    parser.add_argument("--tables", default="core", help="core, all, or a comma-separated list")
    parser.add_argument("--format", choices=["parquet", "jsonl", "txt"], default="parquet")
    parser.add_argument("--check-mb", type=float, default=0, help="identical-results check size")
    parser.add_argument("--spacy-mb", type=float, default=0, help="spaCy comparison size")
    parser.add_argument(
        "--spacy-path",
        type=Path,
        help="a folder where spaCy was installed with pip --target (searched last)",
    )
    parser.add_argument("--keep", type=Path, help="work folder to keep (default: temporary)")
    parser.add_argument("--progress", action="store_true", help="show the progress bar")
    add_host_option(parser)
    args = parser.parse_args()
    names = table_names(args.tables)
    if args.spacy_path:
        sys.path.append(str(args.spacy_path))
    with os.popen("uptime") as uptime:
        load = uptime.read().strip()
    print(f"tables: {', '.join(names)}; jobs {args.jobs}; chunk {args.chunk_size}; {args.format}")
    print(f"machine: {os.cpu_count()} cores; {load}")
    if args.host_speed:
        print(host_line())
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for mb in args.mb:
            result = run(mb, args, names, work)
            summary = result["summary"]
            wall = summary.seconds
            print(
                f"{result['mb']:8,.1f} MB  {wall:7.1f} s  {result['mb'] / wall:6.1f} MB/s wall  "
                f"{summary.n_articles / wall:8,.0f} articles/s  "
                f"peak per worker {max(summary.peak_mb.values()):,.0f} MB"
            )
            stages = "  ".join(
                f"{name} {result['mb'] / s:,.1f}" for name, s in summary.stage_seconds.items() if s
            )
            total_cpu = sum(summary.stage_seconds.values())
            print(
                f"          CPU MB/s per stage: {stages}; all stages {result['mb'] / total_cpu:.1f}"
            )
            # the parent reads the source and runs the corpus-level steps (event linking)
            parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"          peak of the parent process so far: {parent:,.0f} MB")
        if args.host_speed:
            print(f"after the runs: {host_line()}")
        if args.check_mb:
            same = check(args, names, work)
            print(
                f"identical to one process in memory ({args.check_mb:g} MB): {'yes' if same else 'NO'}"
            )
        if args.spacy_mb:
            print(spacy_run(args.spacy_mb, work))


if __name__ == "__main__":
    main()
