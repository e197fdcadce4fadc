"""Dictionaries of rhetorical categories: the pattern syntax, loading and validation.

A lexicon is data (``analysis/lexicons/rhetoric.yaml``): categories, each with an
id, a label, a description, the taxonomy it follows and why, and its patterns.
This module reads it (or a user's quanteda-style YAML or LIWC ``.dic`` file),
checks it and returns a :class:`Lexicon`. Matching lives in
:mod:`analysis.matcher`.

Pattern syntax
--------------
- Case-insensitive, on whole words: ``regime`` does not match inside
  "regimes"; a word is a run of letters and digits, so any other character
  (space, punctuation, quote, apostrophe, hyphen) is a boundary.
- Multi-word: words are separated by spaces or hyphens, and either matches any
  run of whitespace or hyphens in the text: ``pseudo-peacekeeping`` matches
  "pseudo-peacekeeping", "pseudo peacekeeping" and "pseudo‑peacekeeping"
  (non-breaking hyphen); ``axis of war`` matches "axis of\\nwar". Hyphen
  variants: - ‐ ‑ ‒ –. The em dash (—) separates clauses and is not a hyphen.
- ``*`` alone stands for any one word: ``legitimate * targets`` matches
  "legitimate military targets" and "legitimate combat targets". A pattern
  may not start or end with a bare ``*``.
- ``word*`` is a prefix glob for inflections: ``escalat*`` matches "escalate",
  "escalation", "escalatory". The stem needs at least three characters.
- Apostrophes: straight and curly (' ’ ‘ ʼ) are the same character, so
  ``people's republic`` matches "People’s Republic".
- Allowed in a word: letters, digits and, inside a word, ``'``, ``.`` and ``&``
  (``u.s.``, ``at&t``). Nothing else: no regular expressions.

Because a hyphen is a boundary, ``peacekeeping`` also matches inside
"pseudo-peacekeeping": the sentence does use peacekeeping vocabulary. Within
one category the longest match wins; a phrase listed in two categories counts
in both.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path

from .config import LEXICON_DIR
from .datafiles import DataFileError, check_keys, line_of, load_yaml

DEFAULT_LEXICON = LEXICON_DIR / "rhetoric.yaml"

#: Characters that join the words of a phrase (with any whitespace).
HYPHENS = "-\u2010\u2011\u2012\u2013"
#: Apostrophe variants, all read as ``'``.
APOSTROPHES = "'\u2019\u2018\u02bc"

_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_JOINT_RE = re.compile(r"[\s" + re.escape(HYPHENS) + "]+")
_LITERAL_RE = re.compile(r"^[^\W_](?:[^\W_]|['.&](?=[^\W_.]))*\.?$")
_MIN_STEM = 3


class LexiconWarning(UserWarning):
    """A problem in a dictionary that does not stop loading (e.g. a duplicate pattern)."""


@dataclass(frozen=True)
class Token:
    """One word of a pattern: ``kind`` is "word", "prefix" (``word*``) or "any" (``*``)."""

    kind: str
    text: str = ""


def normalise_pattern(pattern: str) -> str:
    """The canonical spelling of a pattern: lower case, one space between words, ``'``."""
    return " ".join(_spell(t) for t in parse_pattern(pattern))


def _spell(token: Token) -> str:
    return {"any": "*", "prefix": token.text + "*"}.get(token.kind, token.text)


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def parse_pattern(pattern: str) -> tuple[Token, ...]:
    """Split a pattern into tokens; raise ``ValueError`` saying what is wrong."""
    if not isinstance(pattern, str):
        raise ValueError(f"pattern must be text, not {type(pattern).__name__}")
    text = _lower(pattern.strip())
    for ch in APOSTROPHES[1:]:
        text = text.replace(ch, "'")
    words = [w for w in _JOINT_RE.split(text) if w]
    if not words:
        raise ValueError("empty pattern")
    tokens = []
    for word in words:
        if word == "*":
            tokens.append(Token("any"))
        elif word.endswith("*"):
            stem = word[:-1]
            if "*" in stem or not _LITERAL_RE.match(stem):
                raise ValueError(f"bad prefix glob {word!r} in {pattern!r}")
            if len(stem) < _MIN_STEM:
                raise ValueError(
                    f"prefix glob {word!r} in {pattern!r} needs at least {_MIN_STEM} characters"
                )
            tokens.append(Token("prefix", stem))
        elif _LITERAL_RE.match(word):
            tokens.append(Token("word", word))
        else:
            raise ValueError(
                f"bad word {word!r} in pattern {pattern!r}: use letters, digits, "
                "' . & inside words, spaces or hyphens between words, "
                "* for any one word and word* for a prefix"
            )
    if tokens[0].kind == "any" or tokens[-1].kind == "any":
        raise ValueError(f"pattern {pattern!r} may not start or end with a bare '*'")
    return tuple(tokens)


@dataclass(frozen=True)
class Category:
    """One rhetorical category and its patterns (as written, in file order)."""

    id: str
    label: str
    patterns: tuple[str, ...]
    description: str = ""
    taxonomy: str = ""
    why: str = ""
    lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    """A validated dictionary: categories in file order."""

    name: str
    categories: tuple[Category, ...]
    path: Path | None = None
    description: str = ""
    _index: dict = field(default=None, repr=False, compare=False)

    def __post_init__(self):
        ids = [c.id for c in self.categories]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate category id(s): {', '.join(dupes)}")
        object.__setattr__(self, "_index", {c.id: c for c in self.categories})

    def __getitem__(self, category_id: str) -> Category:
        return self._index[category_id]

    def __contains__(self, category_id: str) -> bool:
        return category_id in self._index

    def __len__(self) -> int:
        return len(self.categories)

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.categories]

    def entries(self) -> list[tuple[str, str]]:
        """Every ``(category_id, pattern)`` pair, in file order."""
        return [(c.id, p) for c in self.categories for p in c.patterns]

    def table(self):
        """The categories as a DataFrame (id, label, taxonomy, n_patterns, description)."""
        import pandas as pd

        return pd.DataFrame(
            {
                "id": [c.id for c in self.categories],
                "label": [c.label for c in self.categories],
                "taxonomy": [c.taxonomy for c in self.categories],
                "n_patterns": [len(c.patterns) for c in self.categories],
                "description": [c.description for c in self.categories],
            }
        )

    def with_category(
        self,
        id: str,
        patterns,
        *,
        label: str | None = None,
        description: str = "",
        taxonomy: str = "own",
        why: str = "",
    ) -> Lexicon:
        """A new lexicon with one more category (or one replaced, if ``id`` exists)."""
        category = _make_category(
            None,
            id,
            label or id,
            list(patterns),
            description=description,
            taxonomy=taxonomy,
            why=why,
        )
        kept = tuple(c for c in self.categories if c.id != id)
        if len(kept) < len(self.categories):  # say so: a reused id is an easy slip
            old = next(c for c in self.categories if c.id == id)
            warnings.warn(
                f"with_category replaces the category {id!r} ({len(old.patterns)} patterns) "
                "with the new one; choose another id to add a category",
                LexiconWarning,
                stacklevel=2,
            )
        return replace(self, categories=kept + (category,), _index=None)

    def select(self, ids) -> Lexicon:
        """A lexicon with only the given categories."""
        ids = list(ids)
        missing = [i for i in ids if i not in self]
        if missing:
            raise KeyError(f"no such categories: {missing}")
        return replace(self, categories=tuple(self[i] for i in ids), _index=None)

    @classmethod
    def from_mapping(cls, mapping: dict, *, name: str = "custom") -> Lexicon:
        """A lexicon from ``{category_id: [pattern, ...]}`` (patterns validated)."""
        cats = tuple(
            _make_category(None, str(cid), str(cid), list(pats)) for cid, pats in mapping.items()
        )
        return cls(name=name, categories=cats)


def _make_category(
    path,
    id,
    label,
    patterns,
    *,
    lines=None,
    line=None,
    description="",
    taxonomy="",
    why="",
) -> Category:
    """Validate one category's patterns: bad ones raise, duplicates warn and are dropped."""
    where = f"{path}:" if path else ""
    if not isinstance(patterns, list) or not patterns:
        raise DataFileError(path or "<lexicon>", line, f"category {id!r} has no patterns")
    lines = list(lines) if lines else [None] * len(patterns)
    kept, kept_lines, seen = [], [], {}
    for pattern, pline in zip(patterns, lines, strict=True):
        try:
            key = normalise_pattern(pattern)
        except ValueError as exc:
            raise DataFileError(path or "<lexicon>", pline, f"category {id!r}: {exc}") from None
        if key in seen:
            first = seen[key]
            if path:
                place, same = f"{where}{pline or '?'}: ", f"line {first[1] or '?'}: "
            else:  # a category made in Python (with_category): no file, no lines
                place, same = "", ""
            warnings.warn(
                f"{place}duplicate pattern {pattern!r} in category {id!r} "
                f"(same as {same}{first[0]!r}); ignored",
                LexiconWarning,
                stacklevel=3,
            )
            continue
        seen[key] = (pattern, pline)
        kept.append(pattern)
        kept_lines.append(pline or 0)
    return Category(
        id=id,
        label=label,
        patterns=tuple(kept),
        description=description,
        taxonomy=taxonomy,
        why=why,
        lines=tuple(kept_lines),
    )


def _text_field(value, path, line, what) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise DataFileError(path, line, f"{what} must be text, not {type(value).__name__}")
    return " ".join(value.split())


def _read_own(data, path: Path) -> Lexicon:
    check_keys(
        data,
        path,
        "the lexicon",
        required=["name", "categories"],
        optional=["description", "version", "syntax"],
    )
    cats = data["categories"]
    if not isinstance(cats, list) or not cats:
        raise DataFileError(path, line_of(data), "'categories' must be a non-empty list")
    categories, seen = [], {}
    for item in cats:
        line = line_of(item)
        check_keys(
            item,
            path,
            f"category at line {line}",
            required=["id", "label", "description", "taxonomy", "why", "patterns"],
            optional=["notes", "examples"],
        )
        cid = item["id"]
        if not isinstance(cid, str) or not _ID_RE.match(cid):
            raise DataFileError(
                path, line, f"category id {cid!r} must be lower_snake_case (a-z, 0-9, _)"
            )
        if cid in seen:
            raise DataFileError(
                path, line, f"duplicate category id {cid!r} (first at line {seen[cid]})"
            )
        seen[cid] = line
        patterns = item["patterns"]
        if patterns is None or (isinstance(patterns, list) and not patterns):
            raise DataFileError(path, line, f"category {cid!r} has no patterns")
        if not isinstance(patterns, list):
            raise DataFileError(path, line, f"patterns of {cid!r} must be a list")
        categories.append(
            _make_category(
                path,
                cid,
                _text_field(item["label"], path, line, "label"),
                list(patterns),
                lines=getattr(patterns, "lines", None),
                line=line,
                description=_text_field(item["description"], path, line, "description"),
                taxonomy=_text_field(item["taxonomy"], path, line, "taxonomy"),
                why=_text_field(item["why"], path, line, "why"),
            )
        )
    return Lexicon(
        name=str(data["name"]),
        categories=tuple(categories),
        path=path,
        description=_text_field(data.get("description"), path, line_of(data), "description"),
    )


def _quanteda_glob(pattern, path, line) -> str:
    """quanteda globs: ``word*`` is ours; ``?`` and a leading or inner ``*`` are not supported."""
    if not isinstance(pattern, str):
        raise DataFileError(path, line, f"pattern must be text, not {type(pattern).__name__}")
    for word in pattern.split():
        if "?" in word or "*" in word.rstrip("*") or word.startswith("*") and word != "*":
            raise DataFileError(
                path, line, f"glob {word!r} is not supported: only a trailing * (prefix)"
            )
    return pattern


def _read_quanteda(data, path: Path) -> Lexicon:
    """quanteda-style YAML: ``category: [patterns]``, nested keys joined with '.'."""
    if not isinstance(data, dict) or not data:
        raise DataFileError(path, line_of(data), "expected a mapping of categories to patterns")
    categories = []

    def walk(node, prefix, line):
        for key, value in node.items():
            cid = f"{prefix}.{key}" if prefix else str(key)
            vline = line_of(value, line)
            if isinstance(value, dict):
                walk(value, cid, vline)
                continue
            if isinstance(value, str):
                value, lines = [value], [vline]
            elif isinstance(value, list):
                lines = getattr(value, "lines", [vline] * len(value))
            else:
                raise DataFileError(path, vline, f"category {cid!r} has no patterns")
            pats = [_quanteda_glob(p, path, pl) for p, pl in zip(value, lines, strict=True)]
            categories.append(
                _make_category(
                    path,
                    cid,
                    cid,
                    pats,
                    lines=lines,
                    line=vline,
                    description=f"From the quanteda-style dictionary {path.name}",
                    taxonomy="user dictionary (quanteda YAML)",
                )
            )

    walk(data, "", line_of(data))
    return Lexicon(name=path.stem, categories=tuple(categories), path=path)


def read_liwc(path) -> Lexicon:
    """Read a LIWC ``.dic`` file: a ``%``-delimited header of ``number name`` lines,
    then ``pattern<TAB>number number ...`` lines. Multi-word patterns are allowed."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise DataFileError(path, None, "file not found") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(path, None, f"not UTF-8 text ({exc.reason})") from None
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        raise DataFileError(path, 1, "a LIWC .dic file starts with a %-delimited category block")
    names: dict[str, str] = {}
    order: list[str] = []
    for i in range(marks[0] + 1, marks[1]):
        line = lines[i].strip()
        if not line:
            continue
        parts = line.split(None, 1)
        if len(parts) != 2:
            raise DataFileError(path, i + 1, f"expected 'number name', got {line!r}")
        num, name = parts
        if num in names:
            raise DataFileError(path, i + 1, f"category number {num} defined twice")
        names[num] = name.strip()
        order.append(num)
    patterns: dict[str, list] = {num: [] for num in order}
    pattern_lines: dict[str, list] = {num: [] for num in order}
    for i in range(marks[1] + 1, len(lines)):
        raw = lines[i].rstrip()
        if not raw.strip():
            continue
        if "\t" in raw:
            fields = [f.strip() for f in raw.split("\t") if f.strip()]
            phrase, nums = fields[0], fields[1:]
        else:
            words = raw.split()
            k = len(words)
            while k > 1 and words[k - 1].isdigit():
                k -= 1
            phrase, nums = " ".join(words[:k]), words[k:]
        if not nums:
            raise DataFileError(path, i + 1, f"entry {phrase!r} names no category")
        for num in nums:
            if num not in names:
                raise DataFileError(path, i + 1, f"entry {phrase!r}: unknown category {num!r}")
            patterns[num].append(_quanteda_glob(phrase, path, i + 1))
            pattern_lines[num].append(i + 1)
    categories = []
    for num in order:
        cid = names[num]
        if not patterns[num]:
            warnings.warn(
                f"{path}: LIWC category {cid!r} has no entries; skipped",
                LexiconWarning,
                stacklevel=2,
            )
            continue
        categories.append(
            _make_category(
                path,
                cid,
                cid,
                patterns[num],
                lines=pattern_lines[num],
                description=f"From the LIWC dictionary {path.name}",
                taxonomy="user dictionary (LIWC .dic)",
            )
        )
    return Lexicon(name=path.stem, categories=tuple(categories), path=path)


def load_lexicon(path=None) -> Lexicon:
    """Load and validate a dictionary; the suite's ``rhetoric.yaml`` by default.

    ``.dic`` files are read as LIWC; YAML with a top-level ``categories`` list
    as our own format (see ``analysis/lexicons/rhetoric.yaml``); other YAML as a
    quanteda-style dictionary (``category: [patterns]``). Errors raise
    :class:`~analysis.datafiles.DataFileError` naming the file and line;
    duplicate patterns within a category give a :class:`LexiconWarning`.
    """
    if isinstance(path, Lexicon):
        return path
    path = Path(path) if path is not None else DEFAULT_LEXICON
    if path.suffix.lower() == ".dic":
        return read_liwc(path)
    data = load_yaml(path)
    if isinstance(data, dict) and isinstance(data.get("categories"), list):
        return _read_own(data, path)
    if isinstance(data, dict) and "categories" in data and "name" in data:
        return _read_own(data, path)
    return _read_quanteda(data, path)
