"""Tables built fast from Python rows, with the dtypes pandas itself would infer.

Every extraction ends by turning a list of rows into a DataFrame. pandas checks
each value of a string column in Python before storing it; pyarrow converts a
list of ``str`` in C, ten times faster on long texts (raw articles, sentences).
:func:`frame` gives the same frame as ``pd.DataFrame(rows, columns=columns)``
(tests compare the two), only sooner.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

# The dtype pandas gives a column of str: "str", backed by pyarrow (pandas 3), or object.
_STR_DTYPE = pd.Series(["x"]).dtype
_ARROW_STRINGS = isinstance(_STR_DTYPE, pd.StringDtype) and _STR_DTYPE.storage == "pyarrow"


def string_column(values: list):
    """``values`` (str, or None for missing) as a column pandas stores as it would infer it.

    A column with no string at all, or with a value that is not a string, is
    returned unchanged for pandas to infer (object, as ``pd.DataFrame`` would).
    """
    first = next((v for v in values if v is not None), None)
    if not _ARROW_STRINGS or not isinstance(first, str):
        return values
    try:
        array = pa.array(values, type=pa.large_string())
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        return values  # mixed types: leave them to pandas
    return pd.array(array, dtype=_STR_DTYPE)


def arrow_string_column(array: pa.Array):
    """A pyarrow string array as the column :func:`string_column` makes of its values."""
    if not _ARROW_STRINGS:
        return string_column(array.to_pylist())
    return pd.array(array.cast(pa.large_string()), dtype=_STR_DTYPE)


def strings_by_code(vocabulary: list, codes: np.ndarray):
    """``string_column([vocabulary[c] for c in codes])``, without the list.

    For a column whose values come from a small vocabulary (article ids, categories,
    actor names): the values are taken from the vocabulary by pyarrow, in C, instead of
    one Python object per row. ``vocabulary`` holds str or None.
    """
    codes = np.asarray(codes, dtype=np.int64)
    # (the extra False keeps the dtype bool for an empty vocabulary)
    present = np.array([v is not None for v in vocabulary] + [False], dtype=bool)[:-1]
    if not _ARROW_STRINGS or not all(v is None or isinstance(v, str) for v in vocabulary):
        return string_column([vocabulary[c] for c in codes.tolist()])
    if not len(codes) or not present[codes].any():
        return [None] * len(codes)  # no string at all: left to pandas, as string_column does
    taken = pa.array(vocabulary, type=pa.large_string()).take(pa.array(codes))
    return pd.array(taken, dtype=_STR_DTYPE)


def column(values: list):
    """``values`` as pandas would store them, converted in C where the type allows:
    strings by :func:`string_column`, a column of only ``int`` (or only ``bool``) as a
    NumPy array; anything else (missing values, mixed types) is left to pandas."""
    first = values[0] if values else None
    if type(first) is int and all(type(v) is int for v in values):
        try:
            return np.array(values, dtype=np.int64)
        except OverflowError:
            return values
    if type(first) is bool and all(type(v) is bool for v in values):
        return np.array(values, dtype=bool)
    return string_column(values)


def frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    """``pd.DataFrame(rows, columns=columns)``, built column by column."""
    if not rows:
        return pd.DataFrame(rows, columns=columns)
    data = {
        name: column(list(values))
        for name, values in zip(columns, zip(*rows, strict=True), strict=True)
    }
    return pd.DataFrame(data, columns=columns)


# The Python strings of a few text columns, by the pyarrow data behind them: a chunk's
# texts are read by several tables (sentences, hits, mentions, the removed spans), and
# a pyarrow-backed column makes new str objects at every ``tolist()`` (1-1.5 ms per MB
# of text each time). The data object is kept with its strings, so its id is not reused;
# a changed column has new data (pyarrow arrays are immutable), so it is never stale.
_STRINGS: dict[int, tuple[object, list]] = {}
_STRINGS_KEPT = 4  # columns: a chunk's text and raw, and one more chunk's


def str_values(column: pd.Series) -> list:
    """``column.tolist()``, the same list again while the column's data is unchanged.

    The list is shared: read it, do not change it.
    """
    data = getattr(column.array, "_pa_array", None)  # pandas' pyarrow-backed arrays
    if data is None:
        return column.tolist()
    known = _STRINGS.get(id(data))
    if known is not None and known[0] is data:
        return known[1]
    values = column.tolist()
    remember_values(column, values)
    return values


def remember_values(column: pd.Series, values: list) -> None:
    """Tell :func:`str_values` that ``values`` is ``column.tolist()`` (the strings
    a table was just built from)."""
    data = getattr(column.array, "_pa_array", None)
    if data is None:
        return
    if len(_STRINGS) >= _STRINGS_KEPT:
        _STRINGS.pop(next(iter(_STRINGS)))  # the oldest
    _STRINGS[id(data)] = (data, values)
