"""Which outlet published an article, when only the text can tell.

The catalog, a header or the table is always preferred. Failing those, an
article often names its publisher in a set phrase ("..., UNN reports.", "told
Sputnik"). The phrases and the known outlets are data (``outlets.yaml``); a
detected outlet comes with the phrase that decided it, so the choice can be
checked. A cited agency ("according to ... TASS") is not a publisher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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
    citations: tuple[re.Pattern, ...] = ()

    def cited(self, text: str) -> set[str]:
        """The outlets ``text`` cites as a source (canonical names)."""
        return {
            self.canonical(m.group("outlet")) for rx in self.citations for m in rx.finditer(text)
        }

    def canonical(self, alias: str) -> str:
        return self.names.get(alias.lower(), alias)


def load_outlets(path=OUTLETS_FILE) -> OutletRules:
    """Read and validate ``outlets.yaml``; errors name the file and line."""
    data = load_yaml(path)
    check_keys(data, path, "outlets file", required=["outlets", "cues"], optional=["citations"])
    names: dict[str, str] = {}
    for item in data["outlets"]:
        check_keys(item, path, "outlet", required=["name"], optional=["aliases"])
        for alias in [item["name"], *item.get("aliases", [])]:
            key = str(alias).lower()
            if key in names and names[key] != item["name"]:
                raise DataFileError(
                    path,
                    item.line,
                    f"alias {alias!r} names both {names[key]!r} and {item['name']!r}",
                )
            names[key] = item["name"]
    # Longest spelling first, so "The Moscow Times" wins over "Moscow Times".
    spellings = sorted({a for a in _original_spellings(data["outlets"])}, key=len, reverse=True)
    alternation = "|".join(re.escape(s) for s in spellings)
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
        if "{outlet}" not in str(source):
            raise DataFileError(path, line, f"citation {i + 1} has no {{outlet}} placeholder")
        source = str(source).replace("({outlet})", f"(?P<outlet>{alternation})")
        try:
            citations.append(re.compile(source))
        except re.error as exc:
            raise DataFileError(path, line, f"bad pattern in citation {i + 1}: {exc}") from None
    return OutletRules(names=names, cues=tuple(cues), citations=tuple(citations))


def _original_spellings(outlets):
    for item in outlets:
        yield item["name"]
        yield from item.get("aliases", [])


@lru_cache(maxsize=4)
def default_outlets() -> OutletRules:
    return load_outlets(OUTLETS_FILE)


def find_outlet(text: str, rules: OutletRules | None = None) -> tuple[str, str] | None:
    """The outlet an article names as its publisher, and the basis, or None.

    The basis quotes the phrase that decided, e.g. ``"text: 'UNN reports' (outlet-reports)"``.
    """
    rules = rules or default_outlets()
    cited = None
    for cue in rules.cues:
        for match in cue.pattern.finditer(text):
            outlet = rules.canonical(match.group("outlet"))
            if cited is None:
                cited = rules.cited(text)
            if outlet in cited:
                continue  # a source the article cites, not its publisher
            phrase = " ".join(match.group(0).split())
            return outlet, f"text: {phrase!r} ({cue.id})"
    return None
