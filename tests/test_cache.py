"""Compiled data files cached in memory and on disk, keyed by content."""

import pytest

from analysis import cache


@pytest.fixture
def cache_in(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_MEMORY", {})
    return tmp_path / "cache"


def test_built_once_per_content_then_read_from_disk(tmp_path, cache_in, monkeypatch):
    data = tmp_path / "words.yaml"
    data.write_text("a: 1\n")
    calls = []

    def build():
        calls.append(data.read_text())
        return {"built from": data.read_text()}

    assert cache.compiled("words", [data], build) == {"built from": "a: 1\n"}
    assert cache.compiled("words", [data], build) == {"built from": "a: 1\n"}
    assert len(calls) == 1  # from memory
    assert len(list(cache_in.glob("words-*.pickle"))) == 1
    monkeypatch.setattr(cache, "_MEMORY", {})  # as in a new worker process
    assert cache.compiled("words", [data], build) == {"built from": "a: 1\n"}
    assert len(calls) == 1  # from disk
    data.write_text("a: 2\n")  # new content, new key: never a stale result
    assert cache.compiled("words", [data], build) == {"built from": "a: 2\n"}
    assert calls == ["a: 1\n", "a: 2\n"]


def test_a_torn_file_is_rebuilt_and_the_cache_can_be_off(tmp_path, cache_in, monkeypatch):
    data = tmp_path / "words.yaml"
    data.write_text("b: 1\n")
    cache.compiled("words", [data], lambda: 1)
    (stored,) = cache_in.glob("words-*.pickle")
    stored.write_bytes(b"not a pickle")
    monkeypatch.setattr(cache, "_MEMORY", {})
    assert cache.compiled("words", [data], lambda: 2) == 2
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", "off")
    monkeypatch.setattr(cache, "_MEMORY", {})
    assert cache.cache_dir() is None
    assert cache.compiled("words", [data], lambda: 3) == 3


def test_the_default_gazetteer_is_cached(cache_in, monkeypatch):
    import importlib

    mentions = importlib.import_module("analysis.mentions")

    monkeypatch.setattr(mentions, "_cached_default", None)
    gazetteer = mentions.default_gazetteer()
    assert list(cache_in.glob("gazetteer-*.pickle"))
    assert "Maria Zakharova" in gazetteer.actors
    assert mentions.default_gazetteer() is gazetteer
