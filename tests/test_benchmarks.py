"""The benchmark scripts still run (on a tiny corpus): they measure, the tests do not.

Each script runs as ``__main__`` in the test process (``runpy``), which has already
imported the suite: a fresh interpreter per script would spend more time importing
pandas and the suite than the script spends on its tiny corpus.
"""

import runpy
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
def test_benchmark_runs(script, args, expected, monkeypatch, capsys):
    path = ROOT / "benchmarks" / script
    monkeypatch.setattr(sys, "argv", [str(path), *args, *host_option(script)])
    monkeypatch.setattr(sys, "path", list(sys.path))  # the scripts add their folders
    runpy.run_path(str(path), run_name="__main__")
    out = capsys.readouterr().out
    assert expected in out
    assert "host speed" not in out
    if script == "bench_scale.py":
        assert "identical to one process in memory (0.1 MB): yes" in out


def host_option(script: str) -> list[str]:
    """The scripts that time the host's Python loop are told not to (a second each)."""
    return ["--no-host-speed"] if script in ("bench_corpus.py", "bench_scale.py") else []
