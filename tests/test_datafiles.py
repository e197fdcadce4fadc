"""YAML data files: line numbers, duplicate keys and key checks."""

import pytest

from analysis.datafiles import DataFileError, check_keys, load_yaml


def test_lines_are_kept(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("items:\n  - id: a\n    words: [x, y]\n  - id: b\n", encoding="utf-8")
    data = load_yaml(path)
    assert [item.line for item in data["items"]] == [2, 4]
    assert data["items"].lines == [2, 4]


def test_duplicate_keys_and_syntax_errors_name_the_line(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\nb: 2\na: 3\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"x.yaml:3: duplicate key 'a'"):
        load_yaml(path)
    path.write_text("a: [1, 2\nb: 3\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"x.yaml:\d+: YAML syntax error"):
        load_yaml(path)
    with pytest.raises(DataFileError, match="file not found"):
        load_yaml(tmp_path / "missing.yaml")


def test_check_keys(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("- id: a\n  colour: red\n", encoding="utf-8")
    item = load_yaml(path)[0]
    with pytest.raises(DataFileError, match=r"x.yaml:1: rule lacks 'name'"):
        check_keys(item, path, "rule", required=["id", "name"])
    with pytest.raises(DataFileError, match=r"unknown key\(s\) 'colour'"):
        check_keys(item, path, "rule", required=["id"])
