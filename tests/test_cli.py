"""python -m analysis: export and info from the shell."""

import subprocess
import sys

import pandas as pd
import pytest

from analysis import ROOT, SEEDS_DIR
from analysis.cli import main


def test_export_writes_tables_with_the_api_columns(tmp_path, seeds, seed_sentences):
    assert (
        main(
            [
                "export",
                "--corpus",
                str(SEEDS_DIR),
                "--out",
                str(tmp_path),
                "--tables",
                "articles,sentences",
            ]
        )
        == 0
    )
    articles = pd.read_csv(tmp_path / "articles.csv")
    sentences = pd.read_csv(tmp_path / "sentences.csv")
    assert list(articles.columns) == list(seeds.columns)
    assert list(articles["article_id"]) == list(seeds["article_id"])
    assert list(sentences.columns) == list(seed_sentences.columns)
    assert len(sentences) == len(seed_sentences)
    assert (tmp_path / "load_report.txt").read_text().startswith("Loaded 5 article(s)")


def test_export_parquet_round_trips_text(tmp_path, seeds):
    assert (
        main(
            [
                "export",
                "--corpus",
                str(SEEDS_DIR),
                "--out",
                str(tmp_path),
                "--format",
                "parquet",
                "--tables",
                "articles",
            ]
        )
        == 0
    )
    articles = pd.read_parquet(tmp_path / "articles.parquet")
    assert list(articles["raw"]) == list(seeds["raw"])


def test_info_prints_summary_and_report():
    out = subprocess.run(
        [sys.executable, "-m", "analysis", "info", str(SEEDS_DIR)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    assert "5 articles, 2,059 words" in out
    assert "2 undated (001_08df36c80ea8ab6e, 002_80d33930dbd14747)" in out
    assert "Loaded 5 article(s)" in out


def test_errors_are_messages_not_tracebacks(capsys):
    assert main(["info", "no-such-folder"]) == 2
    assert "error: no-such-folder: no such file or folder" in capsys.readouterr().err
    assert main(["export", "--corpus", str(SEEDS_DIR), "--out", "x", "--tables", "nope"]) == 2


def test_text_column_names_a_table_column_from_the_shell(tmp_path, capsys):
    table = pd.DataFrame({"id": ["a"], "story": ["Kyiv said it was ready to talk."]})
    table.to_csv(tmp_path / "t.csv", index=False)
    assert main(["info", str(tmp_path / "t.csv")]) == 2
    assert "or, on the command line, --text-column" in capsys.readouterr().err
    assert main(["info", str(tmp_path / "t.csv"), "--text-column", "story"]) == 0
    assert "1 articles, 7 words" in capsys.readouterr().out
    out = tmp_path / "out"
    for extra in ([], ["--jobs", "1"]):
        args = ["export", "--corpus", str(tmp_path / "t.csv"), "--out", str(out / str(len(extra)))]
        assert main([*args, "--text-column", "story", "--tables", "articles", *extra]) == 0
    assert pd.read_csv(out / "0" / "articles.csv")["n_words"].tolist() == [7]
    shards = pd.read_parquet(out / "2" / "articles")
    assert shards["text"].tolist() == ["Kyiv said it was ready to talk."]


def test_dayfirst_reads_numeric_dates_day_first_from_the_shell(tmp_path, capsys):
    table = pd.DataFrame({"id": ["a"], "text": ["Talks resumed."], "date": ["10/03/2025"]})
    table.to_csv(tmp_path / "t.csv", index=False)
    assert main(["info", str(tmp_path / "t.csv")]) == 0
    out = capsys.readouterr().out
    assert "Published: 2025-10-03" in out and "could be day or month first" in out
    assert main(["info", str(tmp_path / "t.csv"), "--dayfirst"]) == 0
    out = capsys.readouterr().out
    assert "Published: 2025-03-10" in out and "could be day or month first" not in out
    args = ["export", "--corpus", str(tmp_path / "t.csv"), "--out", str(tmp_path / "o")]
    assert main([*args, "--tables", "articles", "--jobs", "1", "--dayfirst"]) == 0
    assert pd.read_parquet(tmp_path / "o" / "articles")["published"].tolist() == [
        pd.Timestamp("2025-03-10")
    ]


def test_every_command_that_loads_says_what_the_load_skipped_or_warned(tmp_path, capsys):
    """`figures` and `export` print the load report's warnings and skips on stderr:
    a user who never runs `info` still learns that dates were read month first."""
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("Date: 10/03/2025\n\nTalks resumed.\n")
    (tmp_path / "c" / "empty.txt").write_text("")
    corpus = str(tmp_path / "c")
    commands = [
        ["figures", "--corpus", corpus, "--out", str(tmp_path / "f"), "--only", "corpus-overview"],
        ["export", "--corpus", corpus, "--out", str(tmp_path / "e"), "--tables", "articles"],
        [
            "export",
            "--corpus",
            corpus,
            "--out",
            str(tmp_path / "s"),
            "--jobs",
            "1",
            "--no-progress",
        ],
    ]
    for command in commands:
        assert main(command) == 0
        err = capsys.readouterr().err
        assert "could be day or month first" in err, command
        assert "empty.txt: empty file" in err, command
    # nothing to tell: nothing on stderr
    (tmp_path / "c" / "empty.txt").unlink()
    assert main([*commands[1], "--dayfirst"]) == 0
    assert capsys.readouterr().err == ""


def test_info_lists_the_first_articles_of_a_large_corpus(tmp_path, capsys):
    from analysis.cli import SUMMARY_ROWS

    texts = [f"Farmers sold {i} apples." for i in range(SUMMARY_ROWS + 12)]
    ids = [f"a{i:03d}" for i in range(len(texts))]
    pd.DataFrame({"id": ids, "text": texts}).to_csv(tmp_path / "t.csv", index=False)
    assert main(["info", str(tmp_path / "t.csv")]) == 0
    out = capsys.readouterr().out
    assert f"a{SUMMARY_ROWS - 1:03d}" in out and f"a{SUMMARY_ROWS:03d}" not in out
    assert "... and 12 more articles (every one: python -m analysis export)" in out
    assert (
        "42 undated (a000, a001, a002, a003, a004, a005, a006, a007, a008, a009 and 32 more)" in out
    )


def test_a_table_with_no_articles_is_an_error_and_outlets_are_listed_in_order(tmp_path, capsys):
    (tmp_path / "empty.csv").write_text("id,text\n", encoding="utf-8")
    assert main(["info", str(tmp_path / "empty.csv")]) == 2
    assert "empty.csv: no articles to analyse." in capsys.readouterr().err
    table = pd.DataFrame(
        {"id": list("abcd"), "text": ["One."] * 4, "outlet": ["Reuters", "AFP", None, "Reuters"]}
    )
    table.to_csv(tmp_path / "t.csv", index=False)
    assert main(["info", str(tmp_path / "t.csv")]) == 0
    assert "Outlets: Reuters 2, AFP 1, unknown 1\n" in capsys.readouterr().out


# --- actor mentions and quotes (issue 4) ------------------------------------------------


def test_bad_chunk_options_are_errors(tmp_path, capsys):
    base = ["export", "--corpus", str(SEEDS_DIR), "--out", str(tmp_path / "out")]
    assert main([*base, "--chunk-size", "-5"]) == 2  # it used to export no article at all
    assert "--chunk-size must be at least 1, not -5" in capsys.readouterr().err
    assert main([*base, "--jobs", "0"]) == 2
    assert "--jobs must be at least 1, not 0" in capsys.readouterr().err
    assert main([*base, "--jobs", "2", "--format", "csv"]) == 2  # shards are Parquet
    assert "writes Parquet shards" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_glob_the_shell_expanded_gets_a_hint(capsys):
    files = [str(p) for p in sorted(SEEDS_DIR.glob("*.txt"))]
    with pytest.raises(SystemExit):
        main(["export", "--corpus", *files, "--out", "x"])
    assert "quote it, --corpus 'feeds/*.parquet'" in capsys.readouterr().err


def test_export_writes_mentions_and_quotes(tmp_path, seeds):
    from analysis import TABLE_NAMES, Tables

    assert {"mentions", "quotes"} <= set(TABLE_NAMES)
    out = ["--out", str(tmp_path), "--tables", "mentions,quotes"]
    assert main(["export", "--corpus", str(SEEDS_DIR), *out]) == 0
    tables = Tables(seeds)
    for name in ("mentions", "quotes"):
        written = pd.read_csv(tmp_path / f"{name}.csv")
        assert list(written.columns) == list(tables[name].columns)
        assert len(written) == len(tables[name])
    quotes = pd.read_csv(tmp_path / "quotes.csv")
    texts = dict(zip(seeds["article_id"], seeds["text"], strict=True))
    for row in quotes.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.quote


# --- rhetoric frequency (issue 3) ---


def test_export_writes_hits(tmp_path, seeds, seed_sentences):
    from analysis import TABLE_NAMES, hits

    assert {"hits", "scare_quotes"} <= set(TABLE_NAMES)
    args = ["export", "--corpus", str(SEEDS_DIR), "--out", str(tmp_path), "--tables", "hits"]
    assert main(args) == 0
    written = pd.read_csv(tmp_path / "hits.csv")
    expected = hits(seeds, sentences=seed_sentences)
    assert list(written.columns) == list(expected.columns)
    assert list(written["match"]) == list(expected["match"])
    assert (written["term"] == "axis of war").sum() == 2
