import pandas as pd
import pytest

from analysis.frames import frame, string_column


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
