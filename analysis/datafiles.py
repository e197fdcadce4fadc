"""Read the suite's data files (YAML) so that every error names the file and line.

Lexicons, gazetteers and cue lists are data. When one is wrong, the user must be
told where: ``rhetoric.yaml:42: category 'threat' has no patterns``. PyYAML
forgets line numbers once it builds Python objects, so this loader keeps them:
every mapping is a :class:`YamlMap` with a ``line`` and every list a
:class:`YamlList` whose ``lines`` give each item's line. Duplicate keys, which
PyYAML accepts silently, are an error here.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml


class DataFileError(ValueError):
    """A problem in a data file, located by path and (1-based) line."""

    def __init__(self, path, line: int | None, message: str):
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {message}")


class YamlMap(dict):
    """A YAML mapping that remembers the line it starts on."""

    line: int = 0


class YamlList(list):
    """A YAML sequence that remembers its own line and each item's line."""

    line: int = 0
    lines: list[int]


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> YamlMap:
    loader.flatten_mapping(node)
    result = YamlMap()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise DataFileError(loader.name, key_node.start_mark.line + 1, f"duplicate key {key!r}")
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> YamlList:
    result = YamlList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path) -> object:
    """Parse a YAML file; mappings and lists carry their line numbers.

    Raises :class:`DataFileError` for a missing file, a syntax error or a
    duplicate key, always naming the file and line.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(path, None, "file not found") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(path, None, f"not UTF-8 text ({exc.reason})") from None
    loader = _LineLoader(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise DataFileError(path, line, f"YAML syntax error: {exc.problem}") from None
    finally:
        loader.dispose()


def line_of(node, default: int | None = None) -> int | None:
    """The line a mapping or list starts on, if it knows it."""
    return getattr(node, "line", default)


def check_keys(
    mapping,
    path,
    what: str,
    *,
    required: Iterable[str] = (),
    optional: Iterable[str] = (),
) -> None:
    """Raise :class:`DataFileError` if ``mapping`` lacks a required key or has an unknown one."""
    line = line_of(mapping)
    if not isinstance(mapping, dict):
        raise DataFileError(path, line, f"{what} must be a mapping, not {type(mapping).__name__}")
    required = list(required)
    allowed = set(required) | set(optional)
    missing = [key for key in required if key not in mapping]
    if missing:
        raise DataFileError(path, line, f"{what} lacks {', '.join(map(repr, missing))}")
    unknown = sorted(str(key) for key in mapping if key not in allowed)
    if unknown:
        raise DataFileError(
            path,
            line,
            f"{what} has unknown key(s) {', '.join(map(repr, unknown))}; "
            f"allowed: {', '.join(sorted(allowed))}",
        )
