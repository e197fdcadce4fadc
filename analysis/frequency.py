"""How often each rhetorical category occurs, per outlet, article or month, per 1,000 words."""

from __future__ import annotations

import pandas as pd

UNKNOWN = "unknown"
GROUPINGS = ("outlet", "article_id", "month")


def _groups(corpus: pd.DataFrame, by: str) -> pd.Series:
    """The group of each article; missing outlets and dates become 'unknown'."""
    if by == "article_id":
        return corpus["article_id"].astype(str)
    if by == "outlet":
        return corpus["outlet"].astype("string").fillna(UNKNOWN).astype(str)
    if by == "month":
        published = pd.to_datetime(corpus["published"])
        months = published.dt.strftime("%Y-%m")
        return months.where(published.notna(), UNKNOWN).astype(str)
    raise ValueError(f"by must be one of {', '.join(GROUPINGS)}, not {by!r}")


def rhetoric_frequency(
    hits: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    by: str = "outlet",
    per: int = 1000,
    categories=None,
) -> pd.DataFrame:
    """Counts and rates of each category per group, with the denominators.

    Returns a tidy table: the group column (named after ``by``: "outlet",
    "article_id" or "month"), ``category``, ``count`` (hits),
    ``n_articles``, ``n_words`` (words in the group's articles, the
    denominator) and ``rate`` (hits per ``per`` words). Every group appears
    with every category, with 0 where there is no hit. Articles with no outlet
    or no date are their own "unknown" group, never dropped. Categories come
    from ``categories``, else from ``hits.attrs["categories"]`` (set by
    :func:`analysis.hits`), else from the hits themselves.
    """
    groups = _groups(corpus, by)
    if categories is None:
        categories = hits.attrs.get("categories") or list(dict.fromkeys(hits["category"]))
    categories = list(categories)
    article_group = dict(zip(corpus["article_id"].astype(str), groups, strict=True))
    denominators = (
        pd.DataFrame({by: groups.to_numpy(), "n_words": corpus["n_words"].to_numpy()})
        .groupby(by, sort=True)
        .agg(n_articles=("n_words", "size"), n_words=("n_words", "sum"))
    )
    unknown_ids = set(hits["article_id"]) - set(article_group)
    if unknown_ids:
        raise ValueError(f"hits name articles not in the corpus: {sorted(unknown_ids)[:5]}")
    counted = (
        hits.assign(**{by: hits["article_id"].map(article_group)}).groupby([by, "category"]).size()
    )
    index = pd.MultiIndex.from_product([denominators.index, categories], names=[by, "category"])
    table = counted.reindex(index, fill_value=0).rename("count").reset_index()
    table = table.join(denominators, on=by)
    table["rate"] = table["count"] / table["n_words"].where(table["n_words"] > 0) * per
    table["rate"] = table["rate"].fillna(0.0)
    table["category"] = pd.Categorical(table["category"], categories=categories, ordered=True)
    table = table.sort_values([by, "category"], kind="stable").reset_index(drop=True)
    table["category"] = table["category"].astype(str)
    return table[[by, "category", "count", "n_articles", "n_words", "rate"]]
