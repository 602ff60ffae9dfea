"""Who did it and to whom, on real news sentences: our events' source and target phrases against
the source/target spans of ConfliBERT's CAMEO NER data (never tuned on).

Gold: ../shared/data/conflibert-cameo/ner_train.txt, one token per line with a BIO tag of
S (source), T (target) or R (reciprocal: both sides, "X and Y agreed"), a blank line between
sentences. Skipped with a message when ../shared is absent.

Each sentence is analysed on its own (tokens joined back into text); the sentence's principal
event (as `newsgraph eval events` chooses it: highest trigger in the parse) gives one predicted
source phrase and one target phrase. A predicted phrase is right when it overlaps a gold span of
its role (R counts for both) by at least one word. Precision = right phrases / phrases
predicted; recall = gold roles found / sentences whose gold has that role. The gold spans are
wide ("the Croatian government's request") and sometimes name a weapon as the source ("a car
bomb"), so these are figures for argument finding, not for exact spans. Most of these sentences
are also in class_train.tsv, which the coder's event classes were tuned on (their source and
target spans never were); the figures are also given for the sentences that are not ("unseen").

    python bench/event_args_eval.py [--json] [--show-errors N]
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "data" / "conflibert-cameo" / "ner_train.txt"
CLASSES = GOLD.with_name("class_train.tsv")

NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "%", "'s", "'", "n't", "'re", "'ve", "'ll", "'d", "'m"}
NO_SPACE_AFTER = {"(", "[", "$"}


@dataclass
class Sentence:
    text: str
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: {"S": [], "T": [], "R": []})


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text with ordinary spacing, and each token's character span in it."""
    out, offsets = "", []
    for i, token in enumerate(tokens):
        if i and token not in NO_SPACE_BEFORE and tokens[i - 1] not in NO_SPACE_AFTER:
            out += " "
        offsets.append((len(out), len(out) + len(token)))
        out += token
    return out, offsets


def load(path: Path) -> list[Sentence]:
    sentences, rows = [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.strip():
            token, _, tag = line.rpartition(" ")
            rows.append((token, tag))
            continue
        if not rows:
            continue
        text, offsets = detokenize([t for t, _ in rows])
        sentence = Sentence(text)
        current: list | None = None
        for (_, tag), (start, end) in zip(rows, offsets):
            if tag.startswith("B-") or (tag.startswith("I-") and current is None):
                current = [tag[2:], start, end]
                sentence.spans.setdefault(tag[2:], []).append(current)
            elif tag.startswith("I-") and current is not None and current[0] == tag[2:]:
                current[2] = end
            else:
                current = None
        sentence.spans = {role: [(s, e) for _, s, e in spans] for role, spans in sentence.spans.items()}
        sentences.append(sentence)
        rows = []
    return sentences


def _words(text: str, start: int, end: int) -> set[int]:
    """Character offsets of the word starts inside [start, end) (alphanumeric words only)."""
    starts, i = set(), start
    while i < end:
        if text[i].isalnum() and (i == 0 or not text[i - 1].isalnum()):
            starts.add(i)
        i += 1
    return starts


def _phrase_span(text: str, phrase: str | None, near: int) -> tuple[int, int] | None:
    if not phrase:
        return None
    hits, at = [], text.find(phrase)
    while at != -1:
        hits.append(at)
        at = text.find(phrase, at + 1)
    if not hits:
        return None
    start = min(hits, key=lambda h: abs(h - near))
    return start, start + len(phrase)


def _right(text: str, span: tuple[int, int] | None, gold: list[tuple[int, int]]) -> bool:
    if span is None:
        return False
    words = _words(text, *span)
    return any(words & _words(text, *g) for g in gold)


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _tuned_on() -> set[str]:
    from newsgraph.evaluation.events import load_conflibert

    return {_key(sentence) for sentence, _ in load_conflibert(CLASSES)} if CLASSES.exists() else set()


def score(show_errors: int = 0) -> dict:
    sentences = load(GOLD)
    tuned = _tuned_on()
    result = _score(sentences, show_errors)
    unseen = [s for s in sentences if _key(s.text) not in tuned]
    result["unseen"] = {k: v for k, v in _score(unseen, 0).items() if k != "errors"}
    return result


def _score(sentences: list[Sentence], show_errors: int = 0) -> dict:
    from newsgraph.evaluation.coding import _analyses, _happened, principal_events, trigger_depths
    from newsgraph.nlp import load_nlp

    analyses = _analyses([s.text for s in sentences])
    nlp = load_nlp()
    counts = {role: {"predicted": 0, "right": 0, "gold": 0, "found": 0} for role in ("source", "target")}
    with_event = both_found = both_gold = 0
    errors = []
    for sentence, analysis in zip(sentences, analyses):
        gold = {"source": sentence.spans.get("S", []) + sentence.spans.get("R", []),
                "target": sentence.spans.get("T", []) + sentence.spans.get("R", [])}
        events = _happened(analysis) if analysis is not None else []
        event = None
        if events:
            event = principal_events(events, trigger_depths(analysis, nlp(analysis.article.text)))[0]
            with_event += 1
        predicted = {
            "source": _phrase_span(sentence.text, event.source_text, event.start) if event else None,
            "target": _phrase_span(sentence.text, event.target_text, event.start) if event else None,
        }
        hit = {}
        for role in ("source", "target"):
            c = counts[role]
            right = _right(sentence.text, predicted[role], gold[role])
            hit[role] = right
            c["predicted"] += predicted[role] is not None
            c["right"] += right
            c["gold"] += bool(gold[role])
            c["found"] += right and bool(gold[role])
        if gold["source"] and gold["target"]:
            both_gold += 1
            both_found += hit["source"] and hit["target"]
        if show_errors and len(errors) < show_errors and not (hit["source"] and hit["target"]):
            errors.append({
                "text": sentence.text,
                "gold": {role: [sentence.text[s:e] for s, e in gold[role]] for role in gold},
                "predicted": {"trigger": event.trigger if event else None,
                              "type": event.plover_type if event else None,
                              "source": event.source_text if event else None,
                              "target": event.target_text if event else None},
            })
    result: dict = {"n": len(sentences), "sentences_with_event": with_event}
    for role, c in counts.items():
        p = c["right"] / c["predicted"] if c["predicted"] else 0.0
        r = c["found"] / c["gold"] if c["gold"] else 0.0
        result[f"{role}_precision"] = round(p, 4)
        result[f"{role}_recall"] = round(r, 4)
        result[f"{role}_f1"] = round(2 * p * r / (p + r), 4) if p + r else 0.0
    result["both_found"] = round(both_found / both_gold, 4) if both_gold else 0.0
    result["n_with_source_and_target"] = both_gold
    if errors:
        result["errors"] = errors
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    if not GOLD.exists():
        print(f"skipped: {GOLD} is absent (the ConfliBERT NER data lives in ../shared)")
        return 0
    result = score(args.show_errors)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    errors = result.pop("errors", [])
    unseen = result.pop("unseen")
    for key, value in result.items():
        print(f"{key:28} {value:<10} unseen: {unseen[key]}")
    for error in errors:
        print(json.dumps(error, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
