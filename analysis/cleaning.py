"""From raw article text to the text that is analysed, with every removal recorded.

``clean(raw)`` never edits ``raw``. It finds spans to drop (a metadata header,
boilerplate lines and blocks) and returns the ``text`` that remains, together
with the removed spans in raw coordinates and the metadata the header gave.
Because ``text`` is ``raw`` minus known spans, every offset into ``text`` maps
back to ``raw`` (:func:`to_raw`).

The headline, when the text opens with one, is *kept* in ``text`` as its first
paragraph (headlines carry much of an outlet's framing); it is also returned as
``title``, and :func:`analysis.sentences` marks it ``kind="headline"`` so it can
be left out of an analysis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .config import LEXICON_DIR
from .datafiles import DataFileError, check_keys, load_yaml
from .frames import frame, str_values
from .scanning import first_characters

BOILERPLATE_FILE = LEXICON_DIR / "boilerplate.yaml"

# " date 2026-01-08 The deployment ..." (the seeds' export format)
_DATE_LINE = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*")
# "Title: ...", "Date: ...", one per line, before the first blank line
_HEADER_KEYS = {
    "title": "title",
    "headline": "title",
    "date": "published",
    "published": "published",
    "source": "outlet",
    "outlet": "outlet",
    "publisher": "outlet",
    "url": "url",
    "link": "url",
    "author": "author",
    "byline": "author",
}
_HEADER_LINE = re.compile(r"[ \t]*([A-Za-z]+)[ \t]*:[ \t]*(.*?)[ \t]*\r?\n")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(\r?\n|\Z)", re.S | re.M)
_BLANK_RUN = re.compile(r"(?:[ \t]*\r?\n)+")
_BLANK_LINE = re.compile(r"[ \t\r]*\n")
_NOT_SPACE = re.compile(r"\S")  # what str.strip keeps: re's \s is str.isspace
_SENTENCE_END = re.compile(r"[.!;:,…]['\"’”»)]*\s*\Z")


@dataclass(frozen=True)
class Rule:
    """One boilerplate rule from ``boilerplate.yaml``."""

    id: str
    description: str
    start: re.Pattern | None  # must match the whole line
    contains: re.Pattern | None = None  # found anywhere in the line
    end: re.Pattern | None = None
    to_end: bool = False
    max_lines: int = 40
    outlet: str | None = None
    case_sensitive: bool = False
    anchor: str | None = None  # a character every match of ``contains`` holds


@dataclass
class Cleaned:
    """What :func:`clean` found in one raw text."""

    text: str
    removed: list[tuple[int, int, str]] = field(default_factory=list)  # raw start, end, rule
    metadata: dict[str, str] = field(default_factory=dict)  # header values, by field
    title: str | None = None
    outlets: list[tuple[str, str]] = field(default_factory=list)  # (outlet, rule id)


def load_boilerplate(path=BOILERPLATE_FILE) -> tuple[Rule, ...]:
    """Read and validate boilerplate rules; errors name the file and line."""
    data = load_yaml(path)
    check_keys(data, path, "boilerplate file", required=["rules"])
    rules, seen = [], set()
    for item in data["rules"]:
        check_keys(
            item,
            path,
            "boilerplate rule",
            required=["id", "description"],
            optional=[
                "start",
                "contains",
                "end",
                "to_end",
                "max_lines",
                "outlet",
                "case_sensitive",
                "anchor",
            ],
        )
        anchor = item.get("anchor")
        if anchor is not None and (len(str(anchor)) != 1 or "contains" not in item):
            raise DataFileError(
                path, item.line, f"rule {item['id']!r}: 'anchor' is one character, for 'contains'"
            )
        if ("start" in item) == ("contains" in item):
            raise DataFileError(
                path, item.line, f"rule {item['id']!r} needs either 'start' or 'contains'"
            )
        if item["id"] in seen:
            raise DataFileError(path, item.line, f"duplicate rule id {item['id']!r}")
        seen.add(item["id"])
        flags = 0 if item.get("case_sensitive") else re.I
        rules.append(
            Rule(
                id=item["id"],
                description=str(item["description"]).strip(),
                start=_line_pattern(item["start"], path, item.line, flags)
                if "start" in item
                else None,
                contains=_compile(item["contains"], path, item.line, flags | re.M)
                if "contains" in item
                else None,
                end=_line_pattern(item["end"], path, item.line, flags) if item.get("end") else None,
                to_end=bool(item.get("to_end", False)),
                max_lines=int(item.get("max_lines", 40)),
                outlet=item.get("outlet"),
                case_sensitive=bool(item.get("case_sensitive", False)),
                anchor=str(anchor) if anchor is not None else None,
            )
        )
    return tuple(rules)


# A line pattern is the rule's own pattern between these: spaces and tabs around it
_LINE_WRAP = ("[ \\t]*(?:", ")[ \\t]*")


def _line_pattern(pattern: str, path, line: int, flags: int) -> re.Pattern:
    _compile(pattern, path, line, flags)
    head, tail = _LINE_WRAP
    return re.compile(head + pattern + tail, flags)


def _compile(pattern: str, path, line: int, flags: int) -> re.Pattern:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise DataFileError(path, line, f"bad regular expression {pattern!r}: {exc}") from None


@lru_cache(maxsize=8)
def _default_rules() -> tuple[Rule, ...]:
    return load_boilerplate(BOILERPLATE_FILE)


# Texts cleaned lately, by (rules, raw): loading cleans every article and the
# ``removed`` table cleans the same articles again; the second time is a lookup.
_RECENT: dict[tuple[int, str], tuple[tuple[Rule, ...], Cleaned]] = {}
_RECENT_CHARS = [0]
_RECENT_MAX_CHARS = 16_000_000  # a guard: chunks of articles are usually smaller


def clean(raw: str, rules: tuple[Rule, ...] | None = None) -> Cleaned:
    """Split ``raw`` into analysed text, removed spans and header metadata.

    The result may be shared with other callers (recent results are remembered):
    read it, do not change it.
    """
    rules = _default_rules() if rules is None else rules
    key = (id(rules), raw)
    hit = _RECENT.get(key)
    if hit is not None and hit[0] is rules:
        return hit[1]
    cleaned = _clean(raw, rules)
    if _RECENT_CHARS[0] + len(raw) > _RECENT_MAX_CHARS:
        _RECENT.clear()
        _RECENT_CHARS[0] = 0
    _RECENT[key] = (rules, cleaned)  # the rules are kept too, so their id is not reused
    _RECENT_CHARS[0] += len(raw)
    return cleaned


def forget_cleaned() -> None:
    """Drop the remembered results (a new chunk of articles is about to be loaded)."""
    _RECENT.clear()
    _RECENT_CHARS[0] = 0


def _clean(raw: str, rules: tuple[Rule, ...]) -> Cleaned:
    removed: list[tuple[int, int, str]] = []
    metadata: dict[str, str] = {}

    pos = _read_header(raw, metadata, removed)
    outlets: list[tuple[str, str]] = []
    removed.extend(_boilerplate_spans(raw, pos, rules, outlets))
    removed.sort()
    text = _cut(raw, removed)
    title = metadata.get("title") or headline(text)
    return Cleaned(text=text, removed=removed, metadata=metadata, title=title, outlets=outlets)


def _read_header(raw: str, metadata: dict, removed: list) -> int:
    """Record a leading metadata header as removed; return where the story starts."""
    match = _DATE_LINE.match(raw)
    if match:
        metadata["published"] = match.group(1)
        removed.append((0, match.end(), "date-line"))
        return match.end()
    match = _FRONT_MATTER.match(raw)
    if match:
        for line in match.group(1).splitlines():
            key, _, value = line.partition(":")
            field_name = _HEADER_KEYS.get(key.strip().lower())
            if field_name and value.strip():
                metadata[field_name] = value.strip().strip("\"'")
        end = _skip_blank(raw, match.end())
        removed.append((0, end, "front-matter"))
        return end
    pos = 0
    while True:
        match = _HEADER_LINE.match(raw, pos)
        field_name = _HEADER_KEYS.get(match.group(1).lower()) if match else None
        if not field_name:
            break
        metadata[field_name] = match.group(2)
        pos = match.end()
    if pos:
        end = _skip_blank(raw, pos)
        removed.append((0, end, "metadata-header"))
        return end
    return 0


def _skip_blank(raw: str, pos: int) -> int:
    match = _BLANK_RUN.match(raw, pos)
    return match.end() if match else pos


_LINE_STARTS: dict[int, tuple] = {}  # id(rules) -> (rules, patterns): hashing rules is slow


def _line_starts(rules: tuple[Rule, ...]) -> tuple[re.Pattern, re.Pattern] | None:
    known = _LINE_STARTS.get(id(rules))
    if known is not None and known[0] is rules:
        return known[1]
    if len(_LINE_STARTS) > 32:
        _LINE_STARTS.clear()
    patterns = _compile_line_starts(rules)
    _LINE_STARTS[id(rules)] = (rules, patterns)
    return patterns


def _compile_line_starts(rules: tuple[Rule, ...]) -> tuple[re.Pattern, re.Pattern] | None:
    """Patterns for lines that a whole-line rule matches: (after a newline, first line).

    The first pattern begins with a literal newline, so ``re`` jumps from line to
    line in C instead of trying every character; a look-ahead then passes over every
    line whose first character (after spaces) begins no rule, before the rules are
    tried one by one (blank lines and most paragraphs: about 40 % less time). The
    second pattern checks the first line.
    """
    parts, first = [], set()
    for i, rule in enumerate(rules):
        if rule.start is not None:
            body = rule.start.pattern if rule.case_sensitive else f"(?i:{rule.start.pattern})"
            parts.append(f"(?P<r{i}>{body})")
            chars = _first_characters(rule)
            first = None if chars is None or first is None else first | chars
    if not parts:
        return None
    alternatives = "|".join(parts)
    ahead = "" if first is None else rf"(?=[ \t]*[{''.join(map(re.escape, sorted(first)))}])"
    return (
        re.compile(rf"\n{ahead}(?:{alternatives})\r?(?=\n|\Z)"),
        re.compile(rf"(?:{alternatives})\r?(?=\n|\Z)"),
    )


def _first_characters(rule: Rule) -> frozenset[str] | None:
    """The characters one of which begins every line ``rule.start`` matches, after
    its leading spaces and tabs; None when that cannot be told."""
    head, tail = _LINE_WRAP
    inner = rule.start.pattern[len(head) : -len(tail)]
    flags = rule.start.flags if rule.case_sensitive else rule.start.flags | re.IGNORECASE
    chars = first_characters(inner, flags)
    if chars is None or chars & {" ", "\t"}:  # a rule's own pattern may begin with a space
        return None
    return chars


def _rule_lines(raw: str, pos: int, rules) -> list[tuple[int, Rule]]:
    """(line start, rule) for every line from ``pos`` on where a rule's block starts."""
    found: dict[int, int] = {}  # line start -> index of the first rule (in file order) that matches
    patterns = _line_starts(rules)
    if patterns is not None:
        after_newline, first_line = patterns
        match = first_line.match(raw, pos)
        if match:
            found[pos] = int(match.lastgroup[1:])
        for match in after_newline.finditer(raw, pos):
            found.setdefault(match.start() + 1, int(match.lastgroup[1:]))
    for i, rule in enumerate(rules):
        if rule.contains is not None and rule.anchor is not None:
            for line_start, line_end in _lines_with(raw, pos, rule.anchor):
                if rule.contains.search(raw, line_start, line_end):
                    found[line_start] = min(found.get(line_start, i), i)
        elif rule.contains is not None:
            for match in _finditer(rule.contains, raw, pos):
                line_start = max(raw.rfind("\n", 0, match.start()) + 1, pos)
                found[line_start] = min(found.get(line_start, i), i)
    return [(start, rules[i]) for start, i in sorted(found.items())]


@lru_cache(maxsize=64)
def _anchor(pattern: re.Pattern) -> tuple[str, int] | None:
    """A character every match of ``pattern`` has at a fixed distance from its start.

    For ``\\s/ ?(TASS|...)`` that is ("/", 1). Found by reading the pattern's parse
    tree: a run of one-character items, then a literal (not a letter when the
    pattern ignores case). None when there is no such character.
    """
    try:
        from re import _constants as sre
        from re import _parser
    except ImportError:  # another Python: do without
        return None
    offset = 0
    for op, value in _parser.parse(pattern.pattern, pattern.flags):
        if op is sre.LITERAL:
            char = chr(value)
            if pattern.flags & re.IGNORECASE and char.lower() != char.upper():
                return None
            return char, offset
        if op in (sre.NOT_LITERAL, sre.IN, sre.ANY):
            offset += 1
            continue
        return None
    return None


def _lines_with(raw: str, pos: int, char: str):
    """(start, end) of every line from ``pos`` on that holds ``char``, found by ``str.find``."""
    i = raw.find(char, pos)
    while i != -1:
        start = max(raw.rfind("\n", 0, i) + 1, pos)
        end = raw.find("\n", i)
        end = len(raw) if end == -1 else end
        yield start, end
        i = raw.find(char, end)


def _finditer(pattern: re.Pattern, raw: str, pos: int):
    """``pattern.finditer(raw, pos)``, tried only where its anchor character occurs.

    Every match holds the anchor character at a fixed offset from its start, so
    trying those starts in order finds the same matches; ``str.find`` jumps to them
    far faster than ``re`` tries every position.
    """
    anchor = _anchor(pattern)
    if anchor is None:
        yield from pattern.finditer(raw, pos)
        return
    char, offset = anchor
    match = pattern.match
    i = raw.find(char, pos + offset)
    while i != -1:
        found = match(raw, i - offset)
        if found:
            yield found
            i = raw.find(char, max(found.end() + offset, i + 1))
        else:
            i = raw.find(char, i + 1)


def _boilerplate_spans(raw: str, pos: int, rules, outlets: list) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for start, rule in _rule_lines(raw, pos, rules):
        if spans and start < spans[-1][1]:
            continue  # inside a block already removed
        stop = _line_end(raw, start)
        if rule.to_end:
            stop = len(raw)
        elif rule.end is not None:
            line_start = stop
            for _ in range(rule.max_lines - 1):
                if line_start >= len(raw):
                    break
                line_stop = _line_end(raw, line_start)
                if rule.end.fullmatch(raw, line_start, _strip_nl(raw, line_stop)):
                    stop = line_stop
                    break
                line_start = line_stop
        stop = _skip_blank(raw, stop)
        spans.append((start, stop, rule.id))
        if rule.outlet:
            outlets.append((rule.outlet, rule.id))
    return spans


def _line_end(raw: str, pos: int) -> int:
    """The offset just past the newline that ends the line holding ``pos``."""
    nl = raw.find("\n", pos)
    return len(raw) if nl == -1 else nl + 1


def _strip_nl(raw: str, stop: int) -> int:
    """``stop`` moved back over one line ending (\\n or \\r\\n)."""
    if stop and raw[stop - 1] == "\n":
        stop -= 1
    if stop and raw[stop - 1] == "\r":
        stop -= 1
    return stop


def _cut(raw: str, removed: list[tuple[int, int, str]]) -> str:
    if not removed:
        return raw
    pieces, pos = [], 0
    for start, end, _ in removed:
        pieces.append(raw[pos:start])
        pos = max(pos, end)
    pieces.append(raw[pos:])
    return "".join(pieces)


def headline(text: str) -> str | None:
    """The first line of ``text`` if it reads as a headline, else None.

    A headline is a first line of 3 to 30 words, without the punctuation that
    ends a sentence, followed by a blank line and more text. Leads such as "The
    deployment of troops ... UNN reports." end with a full stop and are not
    headlines.
    """
    first_nl = text.find("\n")
    if first_nl == -1:
        return None
    line = text[:first_nl].strip()
    if not line or len(line) > 250:
        return None
    # a blank line next, and more text after it (looked at in place: no copy of the rest)
    if not _BLANK_LINE.match(text, first_nl + 1) or not _NOT_SPACE.search(text, first_nl + 1):
        return None
    if not 3 <= len(line.split()) <= 30 or _SENTENCE_END.search(line):
        return None
    return line


def to_raw(removed: list[tuple[int, int, str]], pos: int) -> int:
    """Map an offset in ``text`` to the offset of the same character in ``raw``."""
    for start, end, _ in sorted(removed):
        if start <= pos:
            pos += end - start
        else:
            break
    return pos


def rules_file(path: str | Path | None = None) -> tuple[Rule, ...]:
    """The boilerplate rules from ``path`` (default: the suite's own file)."""
    return _default_rules() if path is None else load_boilerplate(path)


def removed_spans(corpus, *, boilerplate=None):
    """One row per span removed from each article's ``raw`` text, with the rule that removed it.

    Columns: article_id, raw_start, raw_end, rule, removed (``raw[raw_start:raw_end]``).
    Recomputed from ``raw``, so it always agrees with ``text``.
    """
    rules = rules_file(boilerplate)
    rows = []
    for article_id, raw in zip(corpus["article_id"], str_values(corpus["raw"]), strict=True):
        for start, end, rule in clean(raw, rules).removed:
            rows.append((article_id, start, end, rule, raw[start:end]))
    return frame(rows, ["article_id", "raw_start", "raw_end", "rule", "removed"])
