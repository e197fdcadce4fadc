import numpy as np
import pandas as pd
import pytest

from analysis.frames import frame, remember_values, str_values, string_column, strings_by_code


@pytest.mark.parametrize(
    "rows",
    [
        [("a", 1, "x", None, True, 1.5), ("b", 2, None, None, False, None)],
        [("a", 1, "Kyiv\u2019s", "Moscow", True, 2.0)],
        [(None, 1, "x", "y", False, 0.0), ("c", 3, "z", None, True, 1.0)],
        [("a", 1, 2, "mixed", True, 1.0), ("b", 2, "two", "types", False, 2.0)],
        [],
    ],
)
def test_frame_equals_what_pandas_builds(rows):
    columns = ["article_id", "n", "alias", "stands_for", "flag", "score"]
    pd.testing.assert_frame_equal(frame(rows, columns), pd.DataFrame(rows, columns=columns))


def test_string_column_keeps_missing_values_and_leaves_other_types_alone():
    assert pd.Series(string_column(["a", None])).isna().tolist() == [False, True]
    assert string_column([None, None]) == [None, None]
    assert string_column([1, "a"]) == [1, "a"]


@pytest.mark.parametrize(
    ("vocabulary", "codes"),
    [
        (["a", "Kyiv\u2019s", None], [0, 1, 2, 1, 0]),
        (["a", None], [1, 1]),  # no string at all: left to pandas
        (["a", "b"], []),
        ([None], [0]),
        ([1, "a"], [0, 1]),  # not strings: left to pandas
    ],
)
def test_strings_by_code_equals_string_column_of_the_values(vocabulary, codes):
    expected = pd.Series(string_column([vocabulary[c] for c in codes]), dtype=None)
    got = pd.Series(strings_by_code(vocabulary, np.array(codes, dtype=np.int64)), dtype=None)
    pd.testing.assert_series_equal(got, expected)


def test_str_values_are_the_column_until_it_changes():
    corpus = frame([("a", "One."), ("b", "Two.")], ["article_id", "text"])
    first = str_values(corpus["text"])
    assert first == ["One.", "Two."]
    assert str_values(corpus["text"]) is first  # remembered
    corpus.loc[1, "text"] = "Changed."
    assert str_values(corpus["text"]) == ["One.", "Changed."]
    other = frame([("c", "One."), ("d", "Two.")], ["article_id", "text"])
    assert str_values(other["text"]) == ["One.", "Two."]
    told = ["One.", "Two."]
    remember_values(other["text"], told)
    assert str_values(other["text"]) is told
    assert str_values(pd.Series(["x", None], dtype=object)) == ["x", None]  # no pyarrow data
