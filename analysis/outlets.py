"""Which outlet published an article, when only the text can tell.

The catalog, a header or the table is always preferred. Failing those, an
article often names its publisher in a set phrase ("..., UNN reports.", "told
Sputnik"). The phrases and the known outlets are data (``outlets.yaml``); a
detected outlet comes with the phrase that decided it, so the choice can be
checked. A cited agency ("according to ... TASS") is not a publisher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import scanning
from .config import LEXICON_DIR
from .datafiles import DataFileError, check_keys, load_yaml

OUTLETS_FILE = LEXICON_DIR / "outlets.yaml"


@dataclass(frozen=True)
class OutletCue:
    id: str
    description: str
    pattern: re.Pattern


@dataclass(frozen=True)
class OutletRules:
    """Known outlets (alias -> canonical name) and the cues that name a publisher."""

    names: dict[str, str]
    cues: tuple[OutletCue, ...]
    citations: tuple[str, ...] = ()  # patterns with an {outlet} placeholder
    spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # canonical -> spellings

    @property
    def alternation(self) -> str:
        """Every spelling of every outlet, as :func:`names_pattern` writes them."""
        return names_pattern(f for forms in self.spellings.values() for f in forms)

    def cites(self, text: str, outlet: str) -> bool:
        """Whether ``text`` cites ``outlet`` (canonical) as a source: a citation phrase
        within 100 characters before or 60 after one of its names (looked for only
        there, so the check costs little)."""
        spellings = self.spellings[outlet]
        pattern, groups = _citations_of(self.citations, spellings)
        if pattern is None:
            return False
        longest = max(len(s) for s in spellings)
        for spelling in spellings:
            i = text.find(spelling)
            while i != -1:
                # only a phrase about this occurrence: the window may cut another
                for m in scanning.finditer(pattern, text, max(i - 100, 0), i + longest + 60):
                    if any(m.start(g) == i for g in groups):
                        return True
                i = text.find(spelling, i + 1)
        return False

    def canonical(self, alias: str) -> str:
        return self.names.get(alias.lower(), alias)

    def same(self, name, outlet) -> bool:
        """Whether ``name`` (a gazetteer actor, "Kyiv Independent") is ``outlet`` (an
        article's outlet, "The Kyiv Independent"): the same canonical outlet."""
        if not isinstance(name, str) or not isinstance(outlet, str):
            return False
        return self.canonical(name) == self.canonical(outlet)


def load_outlets(path=OUTLETS_FILE) -> OutletRules:
    """Read and validate ``outlets.yaml``; errors name the file and line."""
    data = load_yaml(path)
    check_keys(data, path, "outlets file", required=["outlets", "cues"], optional=["citations"])
    names: dict[str, str] = {}
    forms_of: dict[str, tuple[str, ...]] = {}  # canonical name -> its spellings
    for item in data["outlets"]:
        check_keys(item, path, "outlet", required=["name"], optional=["aliases"])
        forms = dict.fromkeys([item["name"], *item.get("aliases", [])])
        # "The Guardian" is "the Guardian" inside a sentence ("..., the Guardian reports."),
        # and an outlet listed without its article may take one ("..., the BBC reports.")
        for f in map(str, list(forms)):
            if f.startswith("The "):
                forms[f"the {f[4:]}"] = None
            elif not f.lower().startswith("the "):
                forms[f"the {f}"] = None
        forms_of[item["name"]] = tuple(forms)
        for alias in forms_of[item["name"]]:
            key = str(alias).lower()
            if key in names and names[key] != item["name"]:
                raise DataFileError(
                    path,
                    item.line,
                    f"alias {alias!r} names both {names[key]!r} and {item['name']!r}",
                )
            names[key] = item["name"]
    # Longest spelling first, so "The Moscow Times" wins over "Moscow Times".
    alternation = names_pattern(f for forms in forms_of.values() for f in forms)
    cues = []
    for item in data["cues"]:
        check_keys(item, path, "cue", required=["id", "pattern"], optional=["description"])
        source = item["pattern"].replace("{outlet}", f"(?P<outlet>{alternation})")
        if "(?P<outlet>" not in source:
            raise DataFileError(
                path, item.line, f"cue {item['id']!r} has no {{outlet}} placeholder"
            )
        # The placeholder may sit inside a group the author wrote: keep only one named group.
        source = source.replace(f"((?P<outlet>{alternation}))", f"(?P<outlet>{alternation})")
        try:
            pattern = re.compile(source)
        except re.error as exc:
            raise DataFileError(
                path, item.line, f"bad pattern in cue {item['id']!r}: {exc}"
            ) from None
        cues.append(OutletCue(item["id"], item.get("description", ""), pattern))
    citations = []
    listed = data.get("citations", [])
    for i, source in enumerate(listed):
        line = listed.lines[i]
        if "({outlet})" not in str(source):
            raise DataFileError(path, line, f"citation {i + 1} has no ({{outlet}}) placeholder")
        try:
            re.compile(str(source).replace("({outlet})", f"(?P<outlet>{alternation})"))
        except re.error as exc:
            raise DataFileError(path, line, f"bad pattern in citation {i + 1}: {exc}") from None
        citations.append(str(source))
    return OutletRules(
        names=names, cues=tuple(cues), citations=tuple(citations), spellings=forms_of
    )


def names_pattern(spellings) -> str:
    """An alternation of ``spellings`` for a regular expression, longest first, so
    "The Moscow Times" wins over "Moscow Times"."""
    return "|".join(re.escape(s) for s in sorted(set(spellings), key=lambda s: (-len(s), s)))


@lru_cache(maxsize=256)
def _citations_of(citations: tuple[str, ...], spellings: tuple[str, ...]):
    """The citation patterns for one outlet's spellings as one alternation, compiled
    once, and the names of its groups that hold the outlet."""
    if not citations:
        return None, ()
    names = names_pattern(spellings)
    groups = tuple(f"outlet{i}" for i in range(len(citations)))
    alternatives = [
        f"(?:{c.replace('({outlet})', f'(?P<{g}>{names})')})"
        for c, g in zip(citations, groups, strict=True)
    ]
    return re.compile("|".join(alternatives)), groups


@lru_cache(maxsize=4)
def default_outlets() -> OutletRules:
    return load_outlets(OUTLETS_FILE)


def find_outlet(text: str, rules: OutletRules | None = None) -> tuple[str, str] | None:
    """The outlet an article names as its publisher, and the basis, or None.

    The basis quotes the phrase that decided, e.g. ``"text: 'UNN reports' (outlet-reports)"``.
    """
    rules = rules or default_outlets()
    for cue in rules.cues:
        for match in scanning.finditer(cue.pattern, text):
            outlet = rules.canonical(match.group("outlet"))
            if rules.cites(text, outlet):
                continue  # a source the article cites, not its publisher
            phrase = " ".join(match.group(0).split())
            return outlet, f"text: {phrase!r} ({cue.id})"
    return None
