"""Throughput and memory of the full pipeline against spaCy alone, on the same texts.

Each measurement runs in a fresh process (so peak memory is its own), and the two modes
alternate (spaCy, pipeline, spaCy, pipeline, ...) so that drift on a shared machine hits
both alike; the ratio of medians is the figure to watch (target >= 0.8).

One process means one core: both modes run with the numerical libraries single-threaded
(``OPENBLAS_NUM_THREADS=1`` …, as ``ingest``'s workers run, one per core). With ``--threads
default`` they keep their own thread pools, and spaCy alone then borrows the second core for
part of its matrix work — a comparison of unequal resources, reported for the record.

    python bench/throughput.py --articles 300 --repeats 3
    python bench/throughput.py --articles 300 --repeats 3 --threads default
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def run_one(mode: str, folder: Path) -> dict:
    """One measurement in this process: words per second and peak resident memory."""
    from newsgraph.ingest import iter_inputs
    from newsgraph.nlp import load_nlp
    from newsgraph.pipeline import prepare_article, process
    from newsgraph.store import Store

    nlp = load_nlp()
    paths = sorted(str(p) for p in folder.glob("*.txt"))
    # The same clean texts for both modes; words are counted on them.
    texts = [prepare_article(doc).text for doc in iter_inputs(paths)]
    words = sum(len(t.split()) for t in texts)
    nlp("warm up the model once")
    startup = 0.0
    if mode != "spacy":
        # Per-process start-up is left out of both timings, as spaCy's model load is: the actor
        # dictionary, the gazetteer, the language model and the extractors' word lists are loaded
        # once per process (a worker pays them once, in `pipeline.warm_up`); reported on its own.
        from newsgraph.pipeline import warm_up

        startup = warm_up()
    start = time.perf_counter()
    if mode == "spacy":
        for _ in nlp.pipe(texts, batch_size=16):
            pass
    else:
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
            counts = store.ingest(process(iter_inputs(paths)))
            assert counts["failed"] == 0, counts
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"mode": mode, "articles": len(texts), "words": words, "seconds": seconds, "startup_seconds": startup,
            "words_per_second": words / seconds, "peak_rss_mb": peak_kb / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", choices=["one", "default"], default="one",
                        help="one: each mode single-threaded (one process, one core); default: as the libraries start")
    parser.add_argument("--one", choices=["spacy", "pipeline"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.folder)))
        return

    from corpus import generate

    from newsgraph.scale.local import SINGLE_THREAD_ENV

    env = dict(os.environ)
    if args.threads == "one":
        env.update(SINGLE_THREAD_ENV)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        generate(args.articles, folder)
        runs: dict[str, list[dict]] = {"spacy": [], "pipeline": []}
        for _ in range(args.repeats):
            for mode in ("spacy", "pipeline"):
                out = subprocess.run(
                    [sys.executable, __file__, "--one", mode, "--folder", str(folder)],
                    check=True, capture_output=True, text=True, env=env,
                ).stdout
                runs[mode].append(json.loads(out))
    result = {}
    for mode, items in runs.items():
        result[mode] = {
            "words_per_second": statistics.median(r["words_per_second"] for r in items),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in items),
            "articles": items[0]["articles"],
            "words": items[0]["words"],
            "startup_seconds": statistics.median(r["startup_seconds"] for r in items),
        }
    result["threads"] = args.threads
    result["ratio_pipeline_to_spacy"] = result["pipeline"]["words_per_second"] / result["spacy"]["words_per_second"]
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
