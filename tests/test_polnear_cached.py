"""bench/polnear_cached.py gives the same PolNeAR scores as `newsgraph eval quotes`."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from newsgraph.evaluation.quotes import evaluate_polnear

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev"


@pytest.fixture(scope="module")
def module():
    spec = importlib.util.spec_from_file_location("polnear_cached", ROOT / "bench" / "polnear_cached.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_cached_scores_equal_the_command(module, tmp_path, monkeypatch, nlp):
    if not DEV.is_dir():
        pytest.skip(f"{DEV} is absent: PolNeAR comes with ../shared")
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path))
    first = module.evaluate(DEV, limit=4)  # builds the cache (four articles)
    assert list(tmp_path.glob("polnear-dev-*.pkl")), "no cache file written"
    again = module.evaluate(DEV, limit=4)  # reads it
    expected = evaluate_polnear(DEV, limit=4)
    assert first == again == expected
    assert expected["n_docs"] == 4 and expected["cue_n_gold"] > 0


def test_the_key_changes_with_the_split_files(module, tmp_path):
    folder = tmp_path / "split"
    (folder / "text").mkdir(parents=True)
    (folder / "text" / "a.txt").write_text("one")
    before = module.cache_key(folder)
    (folder / "text" / "a.txt").write_text("one two")
    assert module.cache_key(folder) != before


def test_the_key_skips_the_quote_extractor(module):
    for path in (module.PACKAGE / "extract" / "quotes").glob("*.py"):
        assert module.quote_file(path.relative_to(module.PACKAGE).as_posix())
    assert module.quote_file("data/quotes/cues.yaml") and module.quote_file("evaluation/quotes.py")
    assert not module.quote_file("extract/actors.py") and not module.quote_file("extract/quotes_extra.py")
