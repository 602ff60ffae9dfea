"""`newsgraph eval extraction`: the shingle F1 of the article-extraction benchmark, and the command."""
from __future__ import annotations

import gzip
import json

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.evaluation.extraction import evaluate_extraction, match_shingles, shingles, summarise

from .conftest import SHARED, shared_file
from .readers_fixtures import fixture

BENCHMARK = SHARED / "data" / "article-extraction"


def test_shingles_are_word_4grams_with_counts():
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("Hi, there!") == {("Hi", "there"): 1}  # shorter than four words: one shingle
    assert shingles("") == {} and shingles(None) == {}
    assert shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2


def test_match_is_normalised_per_page():
    assert match_shingles("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = match_shingles("a b c d e", "a b c d x")  # one shingle right, one wrong, one missed
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert match_shingles("", "") == (0.0, 0.0, 0.0)


def test_summary_averages_pages_then_takes_f1():
    perfect, half = (1.0, 0.0, 0.0), (0.5, 0.5, 0.0)
    result = summarise([perfect, half])
    assert result["precision"] == pytest.approx(0.75) and result["recall"] == pytest.approx(1.0)
    assert result["f1"] == pytest.approx(2 * 0.75 / 1.75)
    # Nothing extracted: no precision for that page, recall 0.
    missed = (0.0, 0.0, 1.0)
    assert summarise([perfect, missed]) == pytest.approx({"precision": 1.0, "recall": 0.5, "f1": 2 / 3})


@pytest.fixture
def tiny_benchmark(tmp_path):
    (tmp_path / "html").mkdir()
    page = fixture("harbour-courier-ferry.html").read_bytes()
    (tmp_path / "html" / "ferry.html.gz").write_bytes(gzip.compress(page))
    body = ("PORT ELLERY: Ferry crews on the Port Ellery crossings returned to work on Wednesday after the port "
            "authority offered a new roster and a pay rise of four per cent, ending a strike that had stranded "
            "hundreds of island commuters for nine days.")
    truth = {"ferry": {"articleBody": body, "url": "https://harbourcourier.example/ferry"}}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return tmp_path


def test_eval_extraction_command_json(tiny_benchmark):
    result = CliRunner().invoke(cli, ["eval", "extraction", str(tiny_benchmark), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"f1", "precision", "recall", "ms_per_page", "n"} <= set(data)
    assert data["n"] == 1 and data["recall"] == 1.0 and 0 < data["precision"] < 1


def test_eval_extraction_table_and_bad_folder(tiny_benchmark, tmp_path):
    runner = CliRunner()
    table = runner.invoke(cli, ["eval", "extraction", str(tiny_benchmark), "--extractor", "trafilatura"])
    assert table.exit_code == 0 and "f1" in table.output and "ms_per_page" in table.output
    empty = tmp_path / "empty"
    empty.mkdir()
    bad = runner.invoke(cli, ["eval", "extraction", str(empty)])
    assert bad.exit_code == 2 and "ground-truth.json" in bad.output


def test_benchmark_sample_is_at_target():
    shared_file(BENCHMARK / "ground-truth.json")
    result = evaluate_extraction(BENCHMARK, limit=30)
    assert result["n"] == 30
    assert result["f1"] >= 0.93, result


def test_post_filter_never_loses_to_trafilatura_alone():
    shared_file(BENCHMARK / "ground-truth.json")
    ours = evaluate_extraction(BENCHMARK, limit=30)
    alone = evaluate_extraction(BENCHMARK, extractor="trafilatura", limit=30)
    assert ours["f1"] >= alone["f1"] - 0.001, (ours, alone)
