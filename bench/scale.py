"""Scaling: 1 vs 2 local workers, Ray with 2 workers, and a worker's peak memory against corpus size.

Speed (``--speed``): the whole ``newsgraph ingest`` command (read → clean → spaCy → extract →
DuckDB), timed from outside, on N generated articles (``bench/corpus.py``). The modes alternate
in each repeat (local 1, local 2, ray 2, ray 2 to Parquet, then again …), each in a fresh
process and a fresh database, so drift on a shared machine hits them alike; the ratios of the
medians are the figures (target ≥ 1.7 on 2 cores). Worker start-up (spawning, loading spaCy,
starting Ray) is included, as a user pays it.

Memory (``--memory 1000 10000``): a 2-worker ingest of each corpus size in a fresh process;
each worker reports its peak resident memory (``ru_maxrss``) with every chunk; the main process
(reading and storing) is reported apart. Target: flat (within 10 %) and ≤ 1.5 GB per worker.

    python bench/scale.py --speed --articles 600 --repeats 2
    python bench/scale.py --memory 1000 10000
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

EXE = str(Path(sys.executable).parent / "newsgraph")
MODES = {
    "local-1": ["--workers", "1"],
    "local-2": ["--workers", "2"],
    "ray-2": ["--engine", "ray", "--workers", "2"],
    "ray-2-parquet": ["--engine", "ray", "--workers", "2", "--out", "{out}"],
}


LOAD_TIMES: list[float] = []
CPU_TIMES: dict[str, list[float]] = {}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_mode(mode: str, folder: Path, tmp: Path) -> float:
    db, out = tmp / f"{mode}.duckdb", tmp / f"{mode}-parquet"
    args = [a.replace("{out}", str(out)) for a in MODES[mode]]
    cpu = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run([EXE, "ingest", str(folder), "--db", str(db), *args, "--json"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    # CPU time of the command and every worker process it waited for (Ray's processes are not
    # its children, so this is kept for the local modes only)
    CPU_TIMES.setdefault(mode, []).append(_children_cpu() - cpu)
    if proc.returncode != 0:
        raise SystemExit(f"{mode} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    counts = json.loads(proc.stdout[proc.stdout.index("{"):])
    done = counts.get("added", counts.get("analysed"))
    if done != len(list(folder.iterdir())):
        raise SystemExit(f"{mode}: {counts}")
    if out.exists():  # the Parquet mode: also time `newsgraph load` into a fresh database
        start = time.perf_counter()
        subprocess.run([EXE, "load", str(out), "--db", str(db)], check=True, capture_output=True)
        LOAD_TIMES.append(time.perf_counter() - start)
    db.unlink(missing_ok=True)
    shutil.rmtree(out, ignore_errors=True)
    return seconds


def speed(articles: int, repeats: int, modes: list[str]) -> dict:
    from corpus import generate

    from newsgraph.ingest import iter_inputs
    from newsgraph.pipeline import prepare_article

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folder = tmp / "corpus"
        paths = generate(articles, folder)
        words = sum(len(prepare_article(doc).text.split()) for doc in iter_inputs([str(p) for p in paths]))
        times: dict[str, list[float]] = {m: [] for m in modes}
        for _ in range(repeats):
            for mode in modes:
                times[mode].append(run_mode(mode, folder, tmp))
                print(f"  {mode}: {times[mode][-1]:.1f} s", file=sys.stderr)
    base = statistics.median(times["local-1"])
    result = {"articles": articles, "words": words, "cores": os.cpu_count(), "repeats": repeats}
    for mode in modes:
        median = statistics.median(times[mode])
        result[mode] = {"seconds": [round(t, 1) for t in times[mode]], "median_s": round(median, 1),
                        "words_per_second": round(words / median), "speedup_vs_local_1": round(base / median, 2)}
    for mode in ("local-1", "local-2"):
        if mode in CPU_TIMES:
            result[mode]["cpu_s"] = [round(t, 1) for t in CPU_TIMES[mode]]
    if "local-2" in CPU_TIMES:
        # the work the 2-worker run adds (spawning, a second spaCy, passing records): with two
        # cores to itself it can go at most 2 × cpu(local-1) / cpu(local-2) times faster
        ratio = statistics.median(CPU_TIMES["local-1"]) / statistics.median(CPU_TIMES["local-2"])
        result["local-2"]["cpu_bound_speedup_on_2_free_cores"] = round(2 * ratio, 2)
    if LOAD_TIMES:
        result["load_parquet_s"] = [round(t, 1) for t in LOAD_TIMES]
        result["load_articles_per_second"] = round(articles / statistics.median(LOAD_TIMES))
    return result


def memory_one(articles: int) -> dict:
    """In this process: a 2-worker ingest of ``articles`` generated articles; peak RSS per process."""
    from corpus import generate

    from newsgraph.ingest import iter_inputs
    from newsgraph.scale.local import analyze_in_processes
    from newsgraph.store import Store

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folder = tmp / "corpus"
        generate(articles, folder)
        stats: dict = {}
        start = time.perf_counter()
        with Store(tmp / "m.duckdb") as store:
            counts = store.ingest(analyze_in_processes(iter_inputs([str(folder)]), workers=2, stats=stats))
        seconds = time.perf_counter() - start
    peaks = stats["worker_peak_rss_mb"]
    return {"articles": articles, "counts": counts, "seconds": round(seconds, 1),
            "worker_peak_rss_mb": sorted(round(v) for v in peaks.values()),
            "main_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated: " + ", ".join(MODES))
    parser.add_argument("--memory", type=int, nargs="*", help="corpus sizes, e.g. 1000 10000")
    parser.add_argument("--memory-one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_one:
        print(json.dumps(memory_one(args.memory_one)))
        return
    result = {}
    if args.speed:
        modes = args.modes.split(",")
        if "local-1" not in modes:
            modes.insert(0, "local-1")
        result["speed"] = speed(args.articles, args.repeats, modes)
    if args.memory:
        runs = []
        for n in args.memory:
            out = subprocess.run([sys.executable, __file__, "--memory-one", str(n)], check=True,
                                 capture_output=True, text=True).stdout
            runs.append(json.loads(out.strip().splitlines()[-1]))
            print(f"  memory {n}: {runs[-1]}", file=sys.stderr)
        worst = [max(r["worker_peak_rss_mb"]) for r in runs]
        result["memory"] = {"runs": runs, "worker_peak_growth": round(worst[-1] / worst[0] - 1, 3)}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
