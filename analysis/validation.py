"""Validating the method: the rules and the dictionary scored against a hand-coded sample.

The sample (``analysis/lexicons/hand_coded_sample.csv``, read by
:func:`load_sample`) gives, for each sentence, two coders' labels for the act it
reports (threat, proposal, rejection, accusation, talks or none; several acts
separated by ``|``) and its speaker, and the label they agreed on. From it:

- :func:`coder_agreement`: how often the two coders agree, as Cohen's kappa per
  act (yes/no) and over the main act (scikit-learn's ``cohen_kappa_score``);
- :func:`sample_corpus` and :func:`locate`: the articles the sentences come from
  (seed articles, and one article per written sentence) and each sentence's
  offsets in them, so any extraction table can be matched to the sample;
- :func:`predicted_acts` / :func:`predicted_speakers`: the acts (and speakers)
  an extraction table (statements, or dictionary hits with a category → act
  mapping) gives each sentence of the sample;
- :func:`act_scores`: precision, recall and F1 per act, with Wilson 95% intervals,
  and micro/macro averages; :func:`errors`: the sentences the rules got wrong;
- :func:`act_classifier` and :func:`cross_validated_acts`: TF-IDF and logistic
  regression in a scikit-learn ``Pipeline`` (optionally with the dictionary's
  ``LexiconVectorizer`` features), cross-validated on the same sample.

Acts are compared as sets per sentence: a sentence the rules code as threat and
rejection, coded threat by hand, is a true positive for threat and a false
positive for rejection.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pandas as pd

from .config import LEXICON_DIR
from .datafiles import DataFileError

SAMPLE_FILE = LEXICON_DIR / "hand_coded_sample.csv"
ACTS = ("threat", "proposal", "rejection", "accusation", "talks")
NONE = "none"
SOURCES = ("seeds", "written")
SAMPLE_COLUMNS = [
    "id",
    "source",
    "article_id",
    "text",
    "act_a",
    "act_b",
    "act",
    "speaker_a",
    "speaker_b",
    "speaker",
    "note",
]
_ACT_COLUMNS = ("act_a", "act_b", "act")

#: The rhetoric dictionary's categories (lexicons/rhetoric.yaml) that name an act, and
#: which: "where applicable". The others (intervention framing, delegitimising labels,
#: security guarantees) describe how something is framed, not an act, and are not scored.
#: Conditions for peace are a proposal in the codebook (PLOVER REQUEST, as in acts.yaml).
DICTIONARY_ACTS = {
    "threat_warning": "threat",
    "rejection": "rejection",
    "russian_conditions": "proposal",
    "settlement_negotiation": "talks",
}


# --- the sample ------------------------------------------------------------------------------


def parse_acts(value: str) -> tuple[str, ...]:
    """'threat|rejection' -> ('threat', 'rejection'); 'none' or '' -> ()."""
    acts = tuple(a.strip() for a in str(value).split("|") if a.strip())
    return () if acts in ((), (NONE,)) else acts


def load_sample(path=SAMPLE_FILE) -> pd.DataFrame:
    """The hand-coded sample, validated; errors name the file and line.

    Columns: those of the file (``id``, ``source``, ``article_id``, ``text``,
    ``act_a``, ``act_b``, ``act``, ``speaker_a``, ``speaker_b``, ``speaker``,
    ``note``) with the act columns parsed into tuples of acts (main act first,
    empty for none), plus ``line`` (the row's line in the file).
    """
    path = Path(path)
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().splitlines(keepends=True)
    start = 0
    while start < len(lines) and (lines[start].startswith("#") or not lines[start].strip()):
        start += 1
    reader = csv.reader(lines[start:])
    try:
        header = next(reader)
    except StopIteration:
        raise DataFileError(path, start + 1, "no header row") from None
    missing = [c for c in SAMPLE_COLUMNS if c not in header]
    if missing:
        raise DataFileError(path, start + 1, f"missing column(s) {', '.join(missing)}")
    records, seen = [], {}
    for values in reader:
        line = start + reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            raise DataFileError(path, line, f"{len(values)} fields, the header has {len(header)}")
        row = dict(zip(header, values, strict=True))
        _check_row(row, path, line, seen)
        for column in _ACT_COLUMNS:
            row[column] = parse_acts(row[column])
        row["line"] = line
        records.append(row)
    if not records:
        raise DataFileError(path, start + 1, "no rows")
    return pd.DataFrame(records, columns=[*SAMPLE_COLUMNS, "line"])


def _check_row(row: dict, path, line: int, seen: dict) -> None:
    rid = row["id"].strip()
    if not rid:
        raise DataFileError(path, line, "empty id")
    if rid in seen:
        raise DataFileError(path, line, f"id {rid!r} already used on line {seen[rid]}")
    seen[rid] = line
    if row["source"] not in SOURCES:
        raise DataFileError(
            path, line, f"source {row['source']!r} is not one of {', '.join(SOURCES)}"
        )
    if row["source"] == "seeds" and not row["article_id"].strip():
        raise DataFileError(path, line, "a row from the seeds needs its article_id")
    if not row["text"].strip():
        raise DataFileError(path, line, "empty text")
    for column in _ACT_COLUMNS:
        value = row[column].strip()
        if not value:
            raise DataFileError(path, line, f"{column} is empty (write 'none' for no act)")
        unknown = [a for a in value.split("|") if a.strip() not in (*ACTS, NONE)]
        if unknown or (NONE in value.split("|") and value != NONE):
            raise DataFileError(
                path,
                line,
                f"{column} {value!r}: acts are {', '.join(ACTS)} (joined by |) or {NONE}",
            )
    for coder in ("_a", "_b", ""):
        if row["speaker" + coder].strip() and not parse_acts(row["act" + coder]):
            raise DataFileError(path, line, f"speaker{coder} given for a sentence with no act")


def main_act(acts: tuple[str, ...]) -> str:
    """The first act of a label, or 'none'."""
    return acts[0] if acts else NONE


# --- agreement between the coders --------------------------------------------------------------


def coder_agreement(sample: pd.DataFrame, *, acts=ACTS) -> pd.DataFrame:
    """Cohen's kappa between coders A and B: per act (yes/no), the main act, and the speaker.

    Columns: ``coder_a`` and ``coder_b`` (sentences each coded with the act),
    ``agree`` (share of sentences where they agree), ``kappa``. The ``speaker`` row
    compares speakers on the sentences where both coders gave the same main act.
    """
    from sklearn.metrics import cohen_kappa_score

    rows = {}
    for act in acts:
        a = sample["act_a"].map(lambda x, act=act: act in x)
        b = sample["act_b"].map(lambda x, act=act: act in x)
        rows[act] = _agreement(a, b, cohen_kappa_score)
        rows[act]["coder_a"], rows[act]["coder_b"] = int(a.sum()), int(b.sum())
    a_main, b_main = sample["act_a"].map(main_act), sample["act_b"].map(main_act)
    rows["main act (all categories)"] = _agreement(a_main, b_main, cohen_kappa_score)
    same = (a_main == b_main) & (a_main != NONE)
    rows["speaker (same main act)"] = _agreement(
        sample.loc[same, "speaker_a"], sample.loc[same, "speaker_b"], cohen_kappa_score
    )
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "label"
    return table[["coder_a", "coder_b", "n", "agree", "kappa"]]


def _agreement(a: pd.Series, b: pd.Series, kappa) -> dict:
    a, b = a.astype(str).to_numpy(), b.astype(str).to_numpy()
    if not len(a):
        return {"coder_a": np.nan, "coder_b": np.nan, "n": 0, "agree": np.nan, "kappa": np.nan}
    agree = float((a == b).mean())
    k = float(kappa(a, b)) if len(set(a) | set(b)) > 1 else np.nan
    return {"coder_a": np.nan, "coder_b": np.nan, "n": len(a), "agree": agree, "kappa": k}


def disagreements(sample: pd.DataFrame) -> pd.DataFrame:
    """The sentences where the coders' acts or speakers differ, with their note."""
    differ = (sample["act_a"] != sample["act_b"]) | (sample["speaker_a"] != sample["speaker_b"])
    table = sample.loc[
        differ, ["id", "text", "act_a", "act_b", "act", "speaker_a", "speaker_b", "note"]
    ]
    return readable(table.reset_index(drop=True))


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """A copy with act tuples written as in the file ('rejection|proposal', 'none'), for display."""
    table = table.copy()
    for column in table.columns:
        if column.startswith("act") or column in ("predicted", "missed", "extra"):
            table[column] = table[column].map(lambda acts: "|".join(acts) or NONE)
    return table


# --- matching the sample to extraction tables ------------------------------------------------------


def sample_corpus(sample: pd.DataFrame, *, seeds: pd.DataFrame | None = None) -> pd.DataFrame:
    """The articles of the sample: the seed articles it cites, then one article per written sentence.

    Written sentences become articles whose ``article_id`` is the row's ``id``
    (``w01``, ...), with no outlet or date.
    """
    from .config import SEEDS_DIR
    from .corpus import load_corpus

    if seeds is None:
        seeds = load_corpus(SEEDS_DIR)
    cited = set(sample.loc[sample["source"] == "seeds", "article_id"])
    unknown = sorted(cited - set(seeds["article_id"]))
    if unknown:
        lines = sample.loc[sample["article_id"].isin(unknown), "line"].tolist()
        raise ValueError(f"sample lines {lines}: no seed article {', '.join(unknown)}")
    parts = [seeds[seeds["article_id"].isin(cited)]]
    written = sample[sample["source"] == "written"]
    if len(written):
        table = pd.DataFrame({"id": written["id"].to_numpy(), "text": written["text"].to_numpy()})
        parts.append(load_corpus(table))
    corpus = pd.concat(parts, ignore_index=True)
    corpus.attrs = {"name": "hand-coded sample", "load_report": seeds.attrs.get("load_report")}
    return corpus


def locate(sample: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """The sample with ``doc`` (the article holding each sentence) and ``start``/``end`` offsets.

    ``corpus.text[start:end] == sample.text``. A sentence that does not occur
    exactly in its article raises an error naming the sample's line.
    """
    texts = dict(zip(corpus["article_id"], corpus["text"], strict=True))
    docs, starts, ends = [], [], []
    for row in sample.itertuples():
        doc = row.article_id if row.source == "seeds" else row.id
        text = texts.get(doc)
        at = -1 if text is None else text.find(row.text)
        if at < 0:
            raise ValueError(
                f"sample line {row.line} ({row.id}): the text does not occur in article {doc}"
            )
        docs.append(doc)
        starts.append(at)
        ends.append(at + len(row.text))
    return sample.assign(doc=docs, start=starts, end=ends)


def _overlapping(located: pd.DataFrame, table: pd.DataFrame):
    """For each sample row, the rows of ``table`` (article_id, start, end) overlapping its span."""
    by_doc = {k: g for k, g in table.groupby("article_id", sort=False)} if len(table) else {}
    empty = table.iloc[0:0]
    for row in located.itertuples():
        rows = by_doc.get(row.doc, empty)
        yield rows[(rows["start"] < row.end) & (rows["end"] > row.start)]


def predicted_acts(
    located: pd.DataFrame, table: pd.DataFrame, *, column="act", mapping=None, counted_only=True
) -> pd.Series:
    """The acts ``table`` gives each sentence of the sample, as tuples in ``ACTS`` order.

    ``table``: statements (column ``act``) or any table with ``article_id``,
    ``start``, ``end``, e.g. dictionary hits with ``column="category"`` and a
    ``mapping`` of category → act (categories not in the mapping are ignored).
    With ``counted_only``, rows whose ``counted`` is False (negated, hypothetical)
    are not acts made, as in the codebook.
    """
    if counted_only and "counted" in table.columns:
        table = table[table["counted"].astype(bool)]
    out = []
    for rows in _overlapping(located, table):
        values = rows[column].tolist()
        if mapping is not None:
            values = [mapping[v] for v in values if v in mapping]
        out.append(tuple(a for a in ACTS if a in set(values)))
    return pd.Series(out, index=located.index, name="predicted")


def predicted_speakers(located: pd.DataFrame, statements: pd.DataFrame) -> pd.Series:
    """The speaker the statements give each sentence's agreed main act ('' when none or not found)."""
    statements = (
        statements[statements["counted"].astype(bool)] if "counted" in statements else statements
    )
    out = []
    for row, rows in zip(located.itertuples(), _overlapping(located, statements), strict=True):
        act = main_act(row.act)
        match = rows[rows["act"] == act]["speaker"].dropna()
        out.append(str(match.iloc[0]) if len(match) else "")
    return pd.Series(out, index=located.index, name="predicted_speaker")


# --- scores --------------------------------------------------------------------------------------------


def wilson(successes: int, n: int, *, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95% by default); (nan, nan) when n is 0."""
    if n == 0:
        return (np.nan, np.nan)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def act_scores(gold: pd.Series, predicted: pd.Series, *, acts=ACTS) -> pd.DataFrame:
    """Precision, recall and F1 per act, with Wilson 95% intervals; micro and macro averages.

    ``gold`` and ``predicted``: one tuple of acts per sentence. ``support`` is the
    number of sentences coded with the act by hand, ``predicted`` the number the
    method gave it. Undefined ratios (nothing predicted, nothing to find) are NaN;
    F1 is ``2 tp / (2 tp + fp + fn)``, so an act the method never predicts scores 0,
    not NaN. The macro average is over the acts that occur (by hand or predicted), an
    undefined ratio counting as 0 there (as scikit-learn's ``zero_division=0``):
    leaving out an act the method never predicts would flatter it.
    """
    rows = {}
    for act in acts:
        g = gold.map(lambda x, act=act: act in x).to_numpy()
        p = predicted.map(lambda x, act=act: act in x).to_numpy()
        rows[act] = _score(int((g & p).sum()), int((~g & p).sum()), int((g & ~p).sum()))
    table = pd.DataFrame.from_dict(rows, orient="index")
    tp, fp, fn = (int(table[c].sum()) for c in ("tp", "fp", "fn"))
    micro = _score(tp, fp, fn)
    occurs = table[(table["support"] > 0) | (table["predicted"] > 0)]
    macro = {c: occurs[c].fillna(0.0).mean() for c in ("precision", "recall", "f1")}
    macro.update({c: int(table[c].sum()) for c in ("support", "predicted", "tp", "fp", "fn")})
    table.loc["micro average"] = pd.Series(micro)
    table.loc["macro average"] = pd.Series(macro)
    table.index.name = "act"
    columns = ["support", "predicted", "tp", "fp", "fn", "precision", "recall", "f1"]
    columns += ["precision_low", "precision_high", "recall_low", "recall_high"]
    return table[columns]


def _score(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else np.nan
    recall = tp / (tp + fn) if tp + fn else np.nan
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else np.nan
    p_lo, p_hi = wilson(tp, tp + fp)
    r_lo, r_hi = wilson(tp, tp + fn)
    return {
        "support": tp + fn,
        "predicted": tp + fp,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "precision_low": p_lo,
        "precision_high": p_hi,
        "recall_low": r_lo,
        "recall_high": r_hi,
    }


def errors(sample: pd.DataFrame, predicted: pd.Series, *, gold: str = "act") -> pd.DataFrame:
    """The sentences where ``predicted`` differs from the agreed acts: what was missed, what was extra."""
    table = sample[["id", "text", gold, "note"]].rename(columns={gold: "gold"})
    table = table.assign(predicted=predicted)
    table["missed"] = [
        tuple(a for a in g if a not in p)
        for g, p in zip(table["gold"], table["predicted"], strict=True)
    ]
    table["extra"] = [
        tuple(a for a in p if a not in g)
        for g, p in zip(table["gold"], table["predicted"], strict=True)
    ]
    wrong = table[(table["missed"].map(len) > 0) | (table["extra"].map(len) > 0)]
    wrong = wrong[["id", "gold", "predicted", "missed", "extra", "text", "note"]]
    table = wrong.reset_index(drop=True)
    for column in ("gold", "predicted", "missed", "extra"):
        table[column] = table[column].map(lambda acts: "|".join(acts) or NONE)
    return table


def _speaker_checked(sample, speakers, predicted, same_as):
    """The sentences whose agreed main act the method found and whose agreed speaker is known."""
    if same_as:
        speakers = speakers.map(lambda s: same_as.get(s, s))
    found = pd.Series(
        [main_act(g) in p for g, p in zip(sample["act"], predicted, strict=True)],
        index=sample.index,
    )
    return speakers, found & (sample["speaker"] != "")


def speaker_accuracy(
    sample: pd.DataFrame, speakers: pd.Series, predicted: pd.Series, *, same_as=None
) -> pd.Series:
    """Of the sentences whose agreed main act the method found, the share with the agreed speaker.

    Sentences whose agreed speaker is empty are left out. ``same_as`` maps names the
    method may give to the codebook's (e.g. ``{"Moscow": "Russia"}``: a capital
    standing for its government). Returns ``n``, ``correct``, ``accuracy`` and its
    Wilson 95% interval.
    """
    speakers, mask = _speaker_checked(sample, speakers, predicted, same_as)
    n = int(mask.sum())
    correct = int((speakers[mask] == sample.loc[mask, "speaker"]).sum())
    low, high = wilson(correct, n)
    return pd.Series(
        {
            "n": n,
            "correct": correct,
            "accuracy": correct / n if n else np.nan,
            "low": low,
            "high": high,
        }
    )


def speaker_errors(
    sample: pd.DataFrame, speakers: pd.Series, predicted: pd.Series, *, same_as=None
) -> pd.DataFrame:
    """The sentences counted by :func:`speaker_accuracy` whose speaker is wrong, with both speakers."""
    mapped, mask = _speaker_checked(sample, speakers, predicted, same_as)
    wrong = mask & (mapped != sample["speaker"])
    table = sample.loc[wrong, ["id", "speaker", "text"]].assign(method_speaker=speakers[wrong])
    return table[["id", "speaker", "method_speaker", "text"]].reset_index(drop=True)


def compare(scores: dict[str, pd.DataFrame], *, metric: str = "f1") -> pd.DataFrame:
    """One column per method: ``metric`` per act and the averages, side by side."""
    return pd.DataFrame({name: table[metric] for name, table in scores.items()})


# --- a learned alternative -------------------------------------------------------------------------


def act_classifier(*, lexicon: bool | object = False, C: float = 4.0, seed: int = 0):
    """TF-IDF (words and word pairs) + one logistic regression per act, as a scikit-learn Pipeline.

    ``lexicon``: True (the suite's rhetoric dictionary) or a lexicon/path adds the
    dictionary's category counts (:class:`analysis.LexiconVectorizer`) beside the
    words. Fit on sentences and a 0/1 matrix of acts (:func:`act_matrix`).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import FeatureUnion, Pipeline

    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True)
    if lexicon is False or lexicon is None:
        features = words
    else:
        from .vectorizer import LexiconVectorizer

        chosen = None if lexicon is True else lexicon
        features = FeatureUnion([("words", words), ("rhetoric", LexiconVectorizer(chosen))])
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=2000, random_state=seed)
    return Pipeline([("features", features), ("classify", OneVsRestClassifier(model))])


def act_matrix(labels: pd.Series, *, acts=ACTS) -> np.ndarray:
    """One row per sentence, one 0/1 column per act (in ``acts`` order)."""
    return np.array([[int(a in x) for a in acts] for x in labels], dtype=int)


def cross_validated_acts(
    texts: pd.Series, labels: pd.Series, *, folds: int = 5, seed: int = 0, **classifier
) -> pd.Series:
    """Acts predicted for each sentence by a classifier trained on the other folds.

    Every sentence is predicted by a model that never saw it (``folds``-fold
    cross-validation, shuffled with ``seed``). Options go to :func:`act_classifier`.
    """
    import warnings

    from sklearn.model_selection import KFold, cross_val_predict

    y = act_matrix(labels)
    splitter = KFold(n_splits=folds, shuffle=True, random_state=seed)
    with warnings.catch_warnings():
        # a fold without any example of a rare act: that act is then never predicted in it
        warnings.filterwarnings("ignore", message=".*[Ll]abel.*not present.*")
        warnings.filterwarnings("ignore", category=UserWarning, module="sklearn")
        predicted = cross_val_predict(
            act_classifier(seed=seed, **classifier), texts.tolist(), y, cv=splitter
        )
    return pd.Series(
        [tuple(a for a, flag in zip(ACTS, row, strict=True) if flag) for row in predicted],
        index=texts.index,
        name="predicted",
    )
