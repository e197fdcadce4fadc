"""The benchmark scripts still run (on a tiny corpus): they measure, the tests do not."""

import subprocess
import sys

import pytest

from analysis import ROOT


@pytest.mark.parametrize(
    "script, args, expected",
    [
        ("bench_corpus.py", ["--mb", "0.2"], "load + clean + sentences"),
        ("bench_actors.py", ["--mb", "0.2"], "quotes"),
        ("bench_statements.py", ["--mb", "0.2"], "statements"),
        ("bench_scale.py", ["--mb", "0.2", "--jobs", "1", "--check-mb", "0.1"], "identical"),
    ],
)
def test_benchmark_runs(script, args, expected):
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert expected in done.stdout
