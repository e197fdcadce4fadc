"""The gazetteer: who can be named, under which names, in which camp.

The actors are data (``analysis/lexicons/actors.yaml``); this module loads,
validates and matches them. A gazetteer finds names by exact, case-sensitive
string matching on word boundaries, longest alias first. That is fast and
auditable, and it fails in known ways: a name that is not listed is not found
(see :func:`analysis.mentions.candidate_actors`), and a listed alias that is
also an ordinary word is found wherever the word is ("Austin").

    >>> gaz = load_gazetteer()
    >>> [(m.actor, m.type) for m in gaz.find("Russian Foreign Ministry, Russian strikes")]
    [('Russian Foreign Ministry', 'name'), ('Russia', 'adjective')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import ahocorasick_rs
import numpy as np
import pandas as pd

from analysis.characters import non_ascii_characters
from analysis.config import LEXICON_DIR
from analysis.datafiles import DataFileError, check_keys, line_of, load_yaml
from analysis.matcher import match_slots

KINDS = ("person", "organisation", "country", "place", "media")
CAMPS = ("Russia", "Ukraine", "United States", "Europe", "NATO", "International", "Other")
GENDERS = ("male", "female")
DEFAULT_FILE = LEXICON_DIR / "actors.yaml"

_ENTRY_KEYS = (
    "aliases",
    "variants",
    "adjectives",
    "stands_for",
    "roles",
    "labels",
    "gender",
    "note",
)
_ROLE_KEYS = ("organisation", "from", "until", "aliases")


@dataclass(frozen=True)
class Role:
    """A title an actor held, with the years (``until`` None: still held)."""

    title: str
    organisation: str | None = None
    start: int | None = None
    until: int | None = None
    aliases: tuple[str, ...] = ()  # how texts name the role ("US President")

    def held_in(self, year: int) -> bool:
        """True if the role was held at some point of ``year``."""
        if self.start is None:
            return False
        return self.start <= year and (self.until is None or year <= self.until)


@dataclass(frozen=True)
class Actor:
    """One entry of the gazetteer."""

    name: str
    kind: str
    camp: str
    aliases: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    stands_for: str | None = None
    roles: tuple[Role, ...] = ()
    labels: tuple[str, ...] = ()
    gender: str | None = None
    note: str | None = None
    source: str = ""  # "path:line" of the entry

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name and every alias."""
        return (self.name, *self.aliases)

    def variant_of(self, alias: str) -> str | None:
        """Which declared spelling variant an alias uses (longest first), if any."""
        for variant in sorted(self.variants, key=len, reverse=True):
            if variant in alias:
                return variant
        return None


@dataclass(frozen=True)
class Match:
    """One occurrence of a gazetteer form in a string."""

    start: int
    end: int
    alias: str
    actor: str
    type: str  # "name" | "adjective"


@dataclass
class Gazetteer:
    """Actors by canonical name, with a matcher over all their forms."""

    actors: dict[str, Actor] = field(default_factory=dict)
    sources: tuple[Path, ...] = ()

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors.values())

    def __contains__(self, name: object) -> bool:
        return name in self.actors

    def __getitem__(self, name: str) -> Actor:
        return self.actors[name]

    @cached_property
    def forms(self) -> dict[str, tuple[str, str]]:
        """Every matchable string -> (canonical actor, "name" | "adjective")."""
        forms: dict[str, tuple[str, str]] = {}
        for actor in self.actors.values():
            for alias in actor.names:
                forms[alias] = (actor.name, "name")
            for adjective in actor.adjectives:
                forms[adjective] = (actor.name, "adjective")
        return forms

    @cached_property
    def adjectives(self) -> dict[str, str]:
        """Adjective -> canonical actor ("Russian" -> "Russia")."""
        return {form: actor for form, (actor, kind) in self.forms.items() if kind == "adjective"}

    @cached_property
    def labels(self) -> dict[str, tuple[str, ...]]:
        """Label ("diplomat") -> canonical actors that carry it."""
        labels: dict[str, list[str]] = {}
        for actor in self.actors.values():
            for label in actor.labels:
                labels.setdefault(label, []).append(actor.name)
        return {label: tuple(names) for label, names in labels.items()}

    @cached_property
    def role_forms(self) -> dict[str, tuple[tuple[str, Role], ...]]:
        """Role alias ("US President") -> the (actor, role) pairs it can name."""
        forms: dict[str, list[tuple[str, Role]]] = {}
        for actor in self.actors.values():
            for role in actor.roles:
                for alias in role.aliases:
                    forms.setdefault(alias, []).append((actor.name, role))
        return {alias: tuple(pairs) for alias, pairs in forms.items()}

    def holder(self, role_alias: str, year: int | None) -> str | None:
        """Who held the role named ``role_alias`` in ``year``; None if unknown or not one person."""
        if year is None:
            return None
        holders = {name for name, role in self.role_forms.get(role_alias, ()) if role.held_in(year)}
        return holders.pop() if len(holders) == 1 else None

    @cached_property
    def _matcher(self) -> WordMatcher:
        # forms and role aliases in one automaton: one scan of the text finds both
        return WordMatcher(list(self.forms) + list(self.role_forms))

    @property
    def form_list(self) -> list[str]:
        """Every form, in the order of :meth:`span_arrays`' indexes."""
        return self._matcher.patterns[: len(self.forms)]

    @property
    def role_list(self) -> list[str]:
        """Every role alias, in the order of :meth:`name_and_role_spans`' role indexes."""
        return self._matcher.patterns[len(self.forms) :]

    def name_and_role_spans(self, text: str):
        """Forms and role aliases in ``text``, each longest first and never overlapping
        within its own kind: two triples of NumPy arrays ``(start, end, index)``, the
        index into :attr:`form_list` and :attr:`role_list`."""
        start, length, index = self._matcher.find_arrays(text)
        n_forms = len(self.forms)
        role = index >= n_forms
        names = longest_first(start[~role], length[~role], index[~role])
        roles = longest_first(start[role], length[role], index[role] - n_forms)
        return names, roles

    def find_roles(self, text: str) -> list[tuple[int, int, str]]:
        """Role aliases in ``text`` (start, end, alias), longest first, never overlapping."""
        aliases = self.role_list
        start, end, index = self.name_and_role_spans(text)[1]
        return [
            (s, e, aliases[i])
            for s, e, i in zip(start.tolist(), end.tolist(), index.tolist(), strict=True)
        ]

    def find(self, text: str) -> list[Match]:
        """All forms in ``text`` on word boundaries, longest first, never overlapping."""
        forms, patterns = self.forms, self.form_list
        start, end, index = self.span_arrays(text)
        return [
            Match(s, e, patterns[i], *forms[patterns[i]])
            for s, e, i in zip(start.tolist(), end.tolist(), index.tolist(), strict=True)
        ]

    def span_arrays(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`find` as NumPy arrays ``start``, ``end`` and the index of the form in
        :attr:`form_list`, for many mentions at once (a long text, or texts joined)."""
        return self.name_and_role_spans(text)[0]

    @cached_property
    def mention_info(self) -> dict[str, tuple]:
        """Every form -> what a mention of it records: ``(type, actor, kind, camp,
        stands_for, variant)``, type being "name" or "adjective"."""
        info = {}
        for form, (name, form_type) in self.forms.items():
            actor = self.actors[name]
            info[form] = (
                form_type,
                name,
                actor.kind,
                actor.camp,
                actor.stands_for,
                actor.variant_of(form),
            )
        return info

    @cached_property
    def mention_codes(self) -> dict:
        """:attr:`mention_info` as codes, to look up many mentions at once with NumPy.

        Per form (indexed like :attr:`form_list`): ``actor`` (an index into
        ``actors``), ``type`` (0 name, 1 adjective), ``stands_for`` (bool),
        ``ends_in_s``, ``is_media``. Vocabularies: ``aliases`` (the forms, then
        the role aliases of :attr:`role_list`); per actor index ``actors``,
        ``kinds``, ``camps`` and ``is_person``; ``stands_for_values`` and
        ``variants`` per form, then None. ``actor_index`` maps names to indexes.
        """
        forms = self.form_list
        names = list(self.actors)
        actor_index = {name: i for i, name in enumerate(names)}
        info = [self.mention_info[f] for f in forms]
        return {
            "actor": np.array([actor_index[row[1]] for row in info], dtype=np.int64),
            "type": np.array([0 if row[0] == "name" else 1 for row in info], dtype=np.int64),
            "stands_for": np.array([bool(row[4]) for row in info], dtype=bool),
            "ends_in_s": np.array([f.endswith("s") for f in forms], dtype=bool),
            "is_media": np.array([row[2] == "media" for row in info], dtype=bool),
            "aliases": forms + self.role_list,
            "actors": names,
            "kinds": [self.actors[n].kind for n in names],
            "camps": [self.actors[n].camp for n in names],
            "is_person": np.array([self.actors[n].kind == "person" for n in names], dtype=bool),
            "stands_for_values": [row[4] for row in info] + [None],
            "variants": [row[5] for row in info] + [None],
            "actor_index": actor_index,
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per actor: name, kind, camp, aliases, adjectives, roles, source."""
        rows = [
            {
                "actor": a.name,
                "kind": a.kind,
                "camp": a.camp,
                "aliases": list(a.aliases),
                "variants": list(a.variants),
                "adjectives": list(a.adjectives),
                "stands_for": a.stands_for,
                "labels": list(a.labels),
                "gender": a.gender,
                "roles": "; ".join(_describe_role(r) for r in a.roles),
                "source": a.source,
            }
            for a in self.actors.values()
        ]
        return pd.DataFrame(rows)


def _describe_role(role: Role) -> str:
    years = f"{role.start or '?'}–{role.until or ''}"
    where = f", {role.organisation}" if role.organisation else ""
    return f"{role.title}{where} ({years})"


def _is_word_boundary(text: str, index: int) -> bool:
    """True if position ``index`` is outside the text or not a word character."""
    if index < 0 or index >= len(text):
        return True
    char = text[index]
    return not (char.isalnum() or char == "_")


_NON_WORD_ASCII = [chr(i) for i in range(128) if _is_word_boundary(chr(i), 0)]
_SPACE_NON_WORD_ASCII = bytes(0x20 if chr(i) in _NON_WORD_ASCII else i for i in range(256))


def spaced(text: str) -> str:
    """``text`` with every character that is not part of a word (not alphanumeric, not
    ``_``) replaced by a space: same length, same offsets. Done in C, a character
    kind at a time."""
    if not text.isascii():
        for char in non_ascii_characters(text):
            if not char.isalnum():
                text = text.replace(char, " ")
        if not text.isascii():
            for char in _NON_WORD_ASCII:
                if char in text:
                    text = text.replace(char, " ")
            return text
    return text.encode("ascii").translate(_SPACE_NON_WORD_ASCII).decode("ascii")


class WordMatcher:
    """Whole-word occurrences of literal strings, found by one Aho-Corasick pass.

    The automaton searches a :func:`spaced` copy of the text for each pattern's
    spaced form between two spaces, so word boundaries are checked in Rust, not
    per candidate in Python; a pattern with a space or inner punctuation
    ("Foreign Ministry", "U.S.") is then compared with the text itself, since
    the spaced copy also shows "Foreign-Ministry" as "Foreign Ministry". Same
    matches as searching every pattern and checking :func:`_is_word_boundary`
    on each side (the tests compare the two).
    """

    def __init__(self, patterns: list[str]):
        self.patterns = patterns
        keys: dict[str, list[int]] = {}
        for index, pattern in enumerate(patterns):
            keys.setdefault(f" {spaced(pattern)} ", []).append(index)
        # The patterns of every key, one after the other ("slots"): a match of key k
        # stands for slots first[k] .. first[k] + count[k] - 1.
        slots = [i for owners in keys.values() for i in owners]
        self._count = np.array([len(owners) for owners in keys.values()], dtype=np.int64)
        self._first = np.cumsum(self._count) - self._count
        self._slot_pattern = np.array(slots, dtype=np.int64)
        self._slot_length = np.array([len(patterns[i]) for i in slots], dtype=np.int64)
        # the pattern to compare with the text, where the spaced copy may hide a difference
        self._slot_literal = [
            None if " " not in patterns[i] and spaced(patterns[i]) == patterns[i] else patterns[i]
            for i in slots
        ]
        self._slot_checked = np.array([x is not None for x in self._slot_literal], dtype=bool)
        self._automaton = ahocorasick_rs.AhoCorasick(list(keys)) if keys else None

    def find_arrays(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every occurrence, overlapping ones included: NumPy arrays ``start``,
        ``length`` and pattern index."""
        if self._automaton is None or not text:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        # the key's leading space sits at spaced[start], the space padded in front
        matches = self._automaton.find_matches_as_indexes(f" {spaced(text)} ", overlapping=True)
        slot, start = match_slots(matches, self._first, self._count)
        checked = np.flatnonzero(self._slot_checked[slot])
        if len(checked):
            literals = self._slot_literal
            keep = np.ones(len(slot), dtype=bool)
            for i, k, s in zip(
                checked.tolist(), slot[checked].tolist(), start[checked].tolist(), strict=True
            ):
                keep[i] = text.startswith(literals[k], s)
            slot, start = slot[keep], start[keep]
        return start, self._slot_length[slot], self._slot_pattern[slot]

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """``(start, -length, pattern index)`` of every occurrence, overlapping ones included."""
        start, length, index = self.find_arrays(text)
        return list(zip(start.tolist(), (-length).tolist(), index.tolist(), strict=True))


def longest_first(start: np.ndarray, length: np.ndarray, index: np.ndarray):
    """Of occurrences ``(start, length, pattern index)``, those that do not overlap,
    taken from the left, the longest at each start (ties: the pattern listed first):
    arrays ``start``, ``end``, index, by position."""
    if len(start) < 2:
        return start, start + length, index
    order = np.lexsort((index, -length, start))
    start, end, index = start[order], start[order] + length[order], index[order]
    # a cluster: occurrences chained by overlaps; its first one is always kept,
    # a second one never (it overlaps the first); longer clusters, one by one
    reach = np.maximum.accumulate(end)
    opens = np.ones(len(start), dtype=bool)
    opens[1:] = start[1:] >= reach[:-1]
    cluster = np.cumsum(opens) - 1
    size = np.bincount(cluster)[cluster]
    keep = opens.copy()
    crowded = np.flatnonzero(size > 2)
    if len(crowded):
        covered = -1
        for i, s, e, first in zip(
            crowded.tolist(),
            start[crowded].tolist(),
            end[crowded].tolist(),
            opens[crowded].tolist(),
            strict=True,
        ):
            if first or s >= covered:
                keep[i] = True
                covered = e
    return start[keep], end[keep], index[keep]


# ---------------------------------------------------------------- loading


def default_files(directory: Path = LEXICON_DIR) -> list[Path]:
    """``actors.yaml`` and any user file ``actors-*.yaml`` next to it."""
    return [directory / "actors.yaml", *sorted(directory.glob("actors-*.yaml"))]


def load_gazetteer(paths: str | Path | Iterable[str | Path] | None = None) -> Gazetteer:
    """Load and validate one or more gazetteer files and merge them.

    ``paths`` is a file, a list of files, or None for :func:`default_files`.
    Raises :class:`~analysis.datafiles.DataFileError` naming the file and line
    of the first problem: an unknown key, kind or camp, a missing name, an alias
    claimed by two actors, a ``stands_for`` or role organisation that names no
    actor, a variant no alias uses.
    """
    if paths is None:
        paths = default_files()
    elif isinstance(paths, str | Path):
        paths = [paths]
    paths = [Path(p) for p in paths]
    actors: dict[str, Actor] = {}
    owners: dict[str, tuple[str, str]] = {}  # form -> (actor, "path:line")
    references: list[tuple[Path, int | None, str, str]] = []
    for path in paths:
        for actor, refs in _read_file(path):
            if actor.name in actors:
                raise DataFileError(
                    path,
                    _line(actor),
                    f"actor {actor.name!r} is already defined at {actors[actor.name].source}",
                )
            for form in (*actor.names, *actor.adjectives):
                if form in owners and owners[form][0] != actor.name:
                    other, where = owners[form]
                    raise DataFileError(
                        path,
                        _line(actor),
                        f"{form!r} of {actor.name!r} is already a form of {other!r} ({where})",
                    )
                owners[form] = (actor.name, actor.source)
            actors[actor.name] = actor
            references.extend((path, _line(actor), actor.name, ref) for ref in refs)
    for path, line, name, ref in references:
        if ref not in actors:
            raise DataFileError(path, line, f"{name!r} refers to {ref!r}, which is not an actor")
    for actor in actors.values():
        for role in actor.roles:
            for alias in role.aliases:
                if alias in owners:
                    raise DataFileError(
                        actor.source.rpartition(":")[0],
                        _line(actor),
                        f"role alias {alias!r} of {actor.name!r} is also a name of "
                        f"{owners[alias][0]!r} ({owners[alias][1]})",
                    )
    return Gazetteer(actors=actors, sources=tuple(paths))


def _line(actor: Actor) -> int | None:
    _, _, line = actor.source.rpartition(":")
    return int(line) if line.isdigit() else None


def _read_file(path: Path) -> Iterator[tuple[Actor, list[str]]]:
    data = load_yaml(path)
    if data is None:
        return
    check_keys(data, path, "gazetteer file", required=["actors"])
    entries = data["actors"]
    if entries is None:
        return
    if not isinstance(entries, list):
        raise DataFileError(path, line_of(data), "'actors' must be a list of entries")
    lines = getattr(entries, "lines", [None] * len(entries))
    for entry, line in zip(entries, lines, strict=True):
        yield _read_entry(entry, path, line)


def _read_entry(entry, path: Path, line: int | None) -> tuple[Actor, list[str]]:
    line = line_of(entry, line)
    if not isinstance(entry, dict):
        raise DataFileError(path, line, f"an actor must be a mapping, not {entry!r}")
    name = entry.get("name")
    what = f"actor {name!r}" if isinstance(name, str) else "actor"
    check_keys(entry, path, what, required=["name", "kind", "camp"], optional=_ENTRY_KEYS)

    def fail(message: str):
        raise DataFileError(path, line, f"{what}: {message}")

    def text(value, key) -> str:
        if not isinstance(value, str) or not value.strip():
            fail(f"{key} must be a non-empty string, not {value!r}")
        if value != value.strip():
            fail(f"{key} {value!r} has leading or trailing spaces")
        return value

    def strings(key) -> tuple[str, ...]:
        value = entry.get(key) or []
        if not isinstance(value, list):
            fail(f"{key} must be a list, not {value!r}")
        items = tuple(text(item, key) for item in value)
        if len(set(items)) != len(items):
            fail(f"{key} lists the same string twice")
        return items

    name = text(name, "name")
    kind = entry["kind"]
    if kind not in KINDS:
        fail(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    camp = entry["camp"]
    if camp not in CAMPS:
        fail(f"camp {camp!r} is not one of {', '.join(CAMPS)}")
    aliases = tuple(a for a in strings("aliases") if a != name)
    variants = strings("variants")
    for variant in variants:
        if not any(variant in alias for alias in (name, *aliases)):
            fail(f"variant {variant!r} occurs in no alias")
    adjectives = strings("adjectives")
    labels = strings("labels")
    for label in labels:
        if label != label.lower():
            fail(f"label {label!r} must be lower case (it is matched after 'the')")
    gender = entry.get("gender")
    if gender is not None and (kind != "person" or gender not in GENDERS):
        fail(f"gender must be one of {', '.join(GENDERS)} and only for persons, not {gender!r}")
    stands_for = entry.get("stands_for")
    refs = []
    if stands_for is not None:
        stands_for = text(stands_for, "stands_for")
        if kind != "place":
            fail("only a place (a capital) can stand for a government")
        refs.append(stands_for)
    roles = []
    raw_roles = entry.get("roles") or []
    if not isinstance(raw_roles, list):
        fail(f"roles must be a list, not {raw_roles!r}")
    role_lines = getattr(raw_roles, "lines", [line] * len(raw_roles))
    for raw, role_line in zip(raw_roles, role_lines, strict=True):
        role_line = line_of(raw, role_line)
        check_keys(raw, path, f"a role of {name!r}", required=["title"], optional=_ROLE_KEYS)
        start, until = raw.get("from"), raw.get("until")
        for key, year in (("from", start), ("until", until)):
            if year is not None and not (isinstance(year, int) and 1800 <= year <= 2100):
                raise DataFileError(
                    path, role_line, f"a role of {name!r}: {key} must be a year, not {year!r}"
                )
        if start is not None and until is not None and until < start:
            raise DataFileError(path, role_line, f"role ends ({until}) before it starts ({start})")
        organisation = raw.get("organisation")
        if organisation is not None:
            refs.append(text(organisation, "organisation"))
        role_aliases = raw.get("aliases") or []
        if not isinstance(role_aliases, list) or not all(
            isinstance(a, str) and a.strip() == a and a for a in role_aliases
        ):
            raise DataFileError(
                path, role_line, f"a role of {name!r}: aliases must be a list of strings"
            )
        if role_aliases and start is None:
            raise DataFileError(
                path, role_line, f"a role of {name!r} with aliases needs 'from' (the year it began)"
            )
        roles.append(
            Role(text(raw["title"], "title"), organisation, start, until, tuple(role_aliases))
        )
    note = entry.get("note")
    if note is not None:
        note = text(str(note), "note")
    actor = Actor(
        name=name,
        kind=kind,
        camp=camp,
        aliases=aliases,
        variants=variants,
        adjectives=adjectives,
        stands_for=stands_for,
        roles=tuple(roles),
        labels=labels,
        gender=gender,
        note=note,
        source=f"{path}:{line}",
    )
    return actor, refs
