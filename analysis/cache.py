"""Compiled data files cached on disk, keyed by their content.

Reading and validating a large gazetteer or dictionary takes a second or more;
a corpus processed by many worker processes (``export --jobs``, Dask) would pay
it in every process and every run. ``compiled(build, files)`` returns what
``build()`` returns, from (1) this process's memory, (2) a pickle on disk whose
name is a hash of the files' bytes, the building module's source and the Python
version, or (3) ``build()``, whose result is then stored. Change a file, or the
code that reads it, and the key changes: a stale result is never used.

The cache lives in ``$ANALYSIS_CACHE_DIR``, else ``$XDG_CACHE_HOME/analysis-news``
(``~/.cache/analysis-news``). ``ANALYSIS_CACHE_DIR=off`` turns the disk cache
off. Only objects this package built are stored there; delete the folder at any
time.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_MEMORY: dict[str, object] = {}


def cache_dir() -> Path | None:
    """Where compiled data files are kept, or None when the disk cache is off."""
    configured = os.environ.get("ANALYSIS_CACHE_DIR")
    if configured:
        return None if configured.lower() == "off" else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "analysis-news"


def content_key(name: str, files: Iterable[str | Path], build: Callable | None = None) -> str:
    """A hash of ``name``, the files' paths and bytes, the builder's source and Python's version."""
    digest = hashlib.sha256()
    digest.update(f"{name}\0{sys.version_info[:2]}\0".encode())
    if build is not None:
        source = inspect.getsourcefile(build)
        if source:
            digest.update(Path(source).read_bytes())
    for path in sorted(Path(f) for f in files):
        digest.update(str(path.name).encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def compiled(name: str, files: Iterable[str | Path], build: Callable[[], T]) -> T:
    """``build()``, computed once per content of ``files`` (see the module doc).

    ``name`` says what is built ("gazetteer", "lexicon"); ``build`` must depend only
    on ``files`` (and the code of its module).
    """
    files = list(files)
    key = f"{name}-{content_key(name, files, build)}"
    if key in _MEMORY:
        return _MEMORY[key]
    folder = cache_dir()
    path = folder / f"{key}.pickle" if folder else None
    value = None
    if path is not None and path.exists():
        try:
            with path.open("rb") as stored:
                value = pickle.load(stored)
        except Exception:  # a torn or incompatible file: build again
            value = None
    if value is None:
        value = build()
        if path is not None:
            _store(value, path)
    _MEMORY[key] = value
    return value


def _store(value, path: Path) -> None:
    """Write atomically (other processes may read the same key); a value that cannot
    be stored (not picklable, a read-only disk) is simply not cached."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as tmp:
        try:
            pickle.dump(value, tmp, protocol=pickle.HIGHEST_PROTOCOL)
            stored = True
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            stored = False
    if stored:
        os.replace(tmp.name, path)
    else:
        os.unlink(tmp.name)
