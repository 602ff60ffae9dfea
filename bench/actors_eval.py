"""Mention-resolution precision and recall against hand-checked gold mentions.

Gold: bench/gold/actor_mentions.jsonl, one mention of an actor per line:
  {"doc": "<corpus file name>" or "seed", "start": .., "end": .., "text": "..", "actor": "<actor id>",
   "kind": "name" | "role" | "person" | "pronoun" | "description"}
Offsets are into the clean text (newsgraph.clean.clean_text). The seed is read from
../shared/seeds and skipped when absent.

A system mention is right when it overlaps a gold mention and resolves to the same actor id.
Precision = right system mentions / system mentions with an actor, over the documents that
have gold; recall = gold mentions found with the right actor / gold mentions.

    python bench/actors_eval.py [--show-errors]

Only the seed's errors are listed by default: the corpus sample is held out, and reading its
errors would turn it into tuning data.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

import newsgraph
from newsgraph.cli import sample_corpus_files

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold" / "actor_mentions.jsonl"
SEED = ROOT.parent / "shared" / "seeds" / "dawn-2023-04-25-taliban-is.txt"


def load_gold() -> dict[str, list[dict]]:
    gold: dict[str, list[dict]] = defaultdict(list)
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            gold[item["doc"]].append(item)
    return gold


def document_text(doc: str) -> str | None:
    if doc == "seed":
        return SEED.read_text(encoding="utf-8") if SEED.exists() else None
    (path,) = [p for p in sample_corpus_files() if p.name == doc]
    return path.read_text(encoding="utf-8")


def score(show_errors: bool | str = False) -> dict:
    gold = load_gold()
    totals: dict[str, Counter] = defaultdict(Counter)
    errors = []
    for doc, items in sorted(gold.items()):
        page = document_text(doc)
        if page is None:
            print(f"skipped {doc}: {SEED} is absent")
            continue
        group = "seed (tuned on)" if doc == "seed" else "corpus sample (held out)"
        result = newsgraph.analyze(page)
        text = result.article.text
        for g in items:
            assert text[g["start"]:g["end"]] == g["text"], f"{doc}: gold offsets do not match {g}"
        system = [m for m in result.mentions if m.actor_id]
        used = set()
        for g in items:
            totals[group]["gold"] += 1
            totals[f"{group} / {g['kind']}"]["gold"] += 1
            hit = [i for i, m in enumerate(system) if m.start < g["end"] and g["start"] < m.end]
            right = [i for i in hit if system[i].actor_id == g["actor"]]
            if right:
                totals[group]["recalled"] += 1
                totals[f"{group} / {g['kind']}"]["recalled"] += 1
                used.update(right)
            elif show_errors and (doc == "seed" or show_errors == "all"):
                got = [system[i].actor_id for i in hit] or ["(not found)"]
                errors.append(f"{doc} {g['start']}-{g['end']} {g['text']!r}: want {g['actor']}, got {', '.join(got)}")
        for i, m in enumerate(system):
            totals[group]["system"] += 1
            if i in used:
                totals[group]["correct"] += 1
            elif show_errors and (doc == "seed" or show_errors == "all") and not any(m.start < g["end"] and g["start"] < m.end for g in items):
                errors.append(f"{doc} {m.start}-{m.end} {m.text!r}: system says {m.actor_id}, gold has no actor here")
    report = {}
    for group, c in sorted(totals.items()):
        entry = {"gold": c["gold"], "recall": round(c["recalled"] / c["gold"], 3) if c["gold"] else None}
        if c["system"]:
            entry.update(system=c["system"], precision=round(c["correct"] / c["system"], 3))
        report[group] = entry
    if show_errors:
        print("\n".join(errors))
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show-errors", action="store_true",
                        help="list the errors on the seed (the document we tune on)")
    parser.add_argument("--show-held-out-errors", action="store_true",
                        help="also list errors on the held-out sample (looking at them spends it: say so in the log)")
    args = parser.parse_args()
    print(json.dumps(score("all" if args.show_held_out_errors else args.show_errors), indent=2))
