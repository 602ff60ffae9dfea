"""HTML extraction against an article-extraction benchmark, behind ``newsgraph eval extraction``.

The benchmark folder holds ``ground-truth.json`` (``{id: {"articleBody": ..., "url": ...}}``)
and ``html/<id>.html.gz``. The score is the one that benchmark defines:

* a text is cut into word tokens (runs of ``\\w`` characters, case kept) and those into
  4-token shingles (a text shorter than four tokens is one shingle of all its tokens);
* for each page, shingles are matched as multisets: true positives are the shingles both
  texts have (counted as often as both have them), false positives the extra ones extracted,
  false negatives the true ones missed; the three counts are divided by their sum, so a long
  page weighs no more than a short one;
* precision is the mean of the pages' precisions (over pages where something was extracted
  or expected), recall the mean of their recalls, and F1 the harmonic mean of those two means.
"""
from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError

SHINGLE = 4
_WORD = re.compile(r"\w+")


def shingles(text: str | None, n: int = SHINGLE) -> Counter:
    """The multiset of ``n``-word shingles of ``text``."""
    words = _WORD.findall(text or "")
    if not words:
        return Counter()
    if len(words) < n:
        return Counter([tuple(words)])
    return Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def match_shingles(true: str | None, predicted: str | None, n: int = SHINGLE) -> tuple[float, float, float]:
    """(tp, fp, fn) of one page, normalised to sum to 1 (all zero when both texts are empty)."""
    gold, got = shingles(true, n), shingles(predicted, n)
    tp = sum((gold & got).values())
    fp = sum((got - gold).values())
    fn = sum((gold - got).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def _page_precision(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _page_recall(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def summarise(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Precision, recall and F1 over pages, as the benchmark averages them."""
    precisions = [_page_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_page_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def load_benchmark(folder: str | Path) -> Iterator[tuple[str, bytes, str, str | None]]:
    """(id, html bytes, true body, url) of every page, sorted by id."""
    folder = Path(folder)
    truth_file = folder / "ground-truth.json"
    if not truth_file.exists():
        raise FileNotFoundError(f"{truth_file} not found: DIR must hold ground-truth.json and html/<id>.html.gz")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    if not isinstance(truth, dict):
        raise ValueError(f"{truth_file}: expected an object of {{id: {{articleBody, url}}}}")
    for page_id in sorted(truth):
        page = folder / "html" / f"{page_id}.html.gz"
        if not page.exists():
            raise FileNotFoundError(f"{page} not found (named in {truth_file})")
        entry = truth[page_id] or {}
        yield page_id, gzip.decompress(page.read_bytes()), entry.get("articleBody") or "", entry.get("url")


def newsgraph_text(html: bytes, url: str | None) -> str:
    """What the newsgraph HTML reader keeps of a page (post-filter included)."""
    from ..ingest.html import read_html

    try:
        return read_html("eval", html, url=url).text
    except InputError:
        return ""


def trafilatura_text(html: bytes, url: str | None) -> str:
    """trafilatura alone, as the benchmark runs it (no metadata, no post-filter)."""
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False) or ""


EXTRACTORS: dict[str, Callable[[bytes, str | None], str]] = {
    "newsgraph": newsgraph_text,
    "trafilatura": trafilatura_text,
}


def evaluate_extraction(folder: str | Path, *, extractor: str = "newsgraph", limit: int | None = None) -> dict:
    """Score one extractor on the benchmark: f1, precision, recall, ms_per_page, n."""
    extract = EXTRACTORS[extractor]
    counts: list[tuple[float, float, float]] = []
    seconds = 0.0
    for i, (_page_id, html, body, url) in enumerate(load_benchmark(folder)):
        if limit is not None and i >= limit:
            break
        started = time.perf_counter()
        text = extract(html, url)
        seconds += time.perf_counter() - started
        counts.append(match_shingles(body, text))
    if not counts:
        raise ValueError(f"no pages to score in {folder}")
    result = {k: round(v, 4) for k, v in summarise(counts).items()}
    result["ms_per_page"] = round(1000 * seconds / len(counts), 1)
    result["n"] = len(counts)
    result["extractor"] = extractor
    return result
