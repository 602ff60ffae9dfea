"""The accuracy gate: run the evaluations on the shared gold data and fail below the floors.

Floors live in bench/baseline.json. Sets whose data is absent (no ../shared beside the
project) are skipped with a message; sets whose extractor does not exist yet are listed as
not measured. Exit code 0 when every measured score is at or above its floor, 1 otherwise.

    python bench/gate.py                 # check
    python bench/gate.py --json          # scores and floors as JSON
    python bench/gate.py --raise-floors  # write the current scores (rounded down) as new floors where higher
    python bench/gate.py --lower-floors --reason "why"   # on purpose only; say why in the commit
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "bench" / "baseline.json"
SHARED = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "bench"))

NOT_YET: dict[str, str] = {}


def measure_polnear() -> dict[str, float] | None:
    folder = SHARED / "polnear" / "dev"
    if not folder.exists():
        return None
    from newsgraph.evaluation.quotes import evaluate_polnear

    result = evaluate_polnear(folder)
    return {k: v for k, v in result.items() if k.endswith(("_f1_overlap", "_f1_exact"))}


def measure_actor_mentions() -> dict[str, float] | None:
    import actors_eval

    if not actors_eval.SEED.exists():  # the seed's floors cannot be measured without ../shared
        return None
    report = actors_eval.score()
    out = {}
    for group, prefix in (("seed (tuned on)", "seed"), ("corpus sample (held out)", "held_out")):
        if group in report:
            out[f"{prefix}_precision"] = report[group]["precision"]
            out[f"{prefix}_recall"] = report[group]["recall"]
    return out or None


def measure_plover() -> dict[str, float] | None:
    path = SHARED / "plover-gsr" / "dev.jsonl"
    if not path.exists():
        return None
    from newsgraph.evaluation.coding import evaluate_plover

    result = evaluate_plover(path)
    return {k: result[k] for k in ("type_micro_f1", "type_macro_f1", "triple_f1")}


def measure_conflibert() -> dict[str, float] | None:
    path = SHARED / "conflibert-cameo" / "class_train.tsv"
    if not path.exists():
        return None
    from newsgraph.evaluation.coding import evaluate_conflibert

    result = evaluate_conflibert(path)
    return {k: result[k] for k in ("accuracy", "macro_f1")}


def measure_event_arguments() -> dict[str, float] | None:
    import event_args_eval

    if not event_args_eval.GOLD.exists():
        return None
    result = event_args_eval.score()
    return {k: result[k] for k in ("source_f1", "target_f1")}


def measure_extraction() -> dict[str, float] | None:
    folder = SHARED / "article-extraction"
    if not (folder / "ground-truth.json").exists():
        return None
    from newsgraph.evaluation.extraction import evaluate_extraction

    result = evaluate_extraction(folder)
    return {k: result[k] for k in ("f1", "precision", "recall")}


MEASURES = {
    "polnear_dev": measure_polnear,
    "actor_mentions": measure_actor_mentions,
    "plover_dev": measure_plover,
    "conflibert_train": measure_conflibert,
    "conflibert_ner_arguments": measure_event_arguments,
    "article_extraction": measure_extraction,
}


def run(args: argparse.Namespace) -> int:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    failures, report = [], {}
    for name, measure in MEASURES.items():
        scores = measure()
        floors = baseline.get(name, {})
        if scores is None:
            print(f"skipped {name}: its gold data is absent (../shared/data)")
            continue
        report[name] = {"scores": scores, "floors": floors}
        for key, floor in floors.items():
            value = scores.get(key)
            status = "ok" if value is not None and value >= floor else "BELOW FLOOR"
            if status != "ok":
                failures.append(f"{name}.{key} = {value} < floor {floor}")
            if not args.json:
                print(f"{status:12} {name}.{key}: {value} (floor {floor})")
        if args.raise_floors or args.lower_floors:
            for key, value in scores.items():
                new = math.floor(value * 100) / 100
                old = floors.get(key)
                if old is None or new > old or (args.lower_floors and new < old):
                    floors[key] = new
            baseline[name] = floors
    for name, why in NOT_YET.items():
        if not args.json:
            print(f"not measured {name}: {why}")
    if args.json:
        print(json.dumps(report, indent=2))
    if args.raise_floors or args.lower_floors:
        if args.lower_floors and not args.reason:
            print("--lower-floors needs --reason", file=sys.stderr)
            return 2
        BASELINE.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
        print(f"floors written to {BASELINE}" + (f" (lowered: {args.reason})" if args.lower_floors else ""))
        return 0
    for failure in failures:
        print(f"gate failed: {failure}", file=sys.stderr)
    return 1 if failures else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--raise-floors", action="store_true")
    parser.add_argument("--lower-floors", action="store_true")
    parser.add_argument("--reason")
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
