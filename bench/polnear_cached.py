"""PolNeAR scores in seconds while working on the quote extractor.

`newsgraph eval quotes` parses every article and runs every extractor (dev: 25 s, train: 5 min).
Only the quote extractor and the PolNeAR adapter change while cues are tuned, so this script parses
a split once, keeps the spaCy parses with the actor mentions in a cache file, and then re-runs only
`extract_statements` and the adapter (dev: 3 s, train: about 30 s). The figures are the same as the
command's (checked by tests/test_polnear_cached.py on a few articles).

The cache is keyed by the split's files and every source file of the package except the quote
extractor, its cue lists and the adapter: a change anywhere else (the parser's settings, the
actors, the cleaner) builds it again. It lives in $NEWSGRAPH_CACHE or ~/.cache/newsgraph.

    python bench/polnear_cached.py [--split dev|train | --polnear DIR] [--limit N] [--json]

Skipped with a message when ../shared is absent.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
PACKAGE = ROOT / "src" / "newsgraph"
# What the cached parses and mentions do not depend on: every file of the extract/quotes/ package,
# its cue lists and the adapter.
QUOTE_PACKAGE = "extract/quotes/"
QUOTE_FILES = {"data/quotes/cues.yaml", "evaluation/quotes.py"}


def quote_file(rel: str) -> bool:
    """A file (its path below src/newsgraph) of the quote extractor, its cue lists or the adapter."""
    return rel.startswith(QUOTE_PACKAGE) or rel in QUOTE_FILES


def cache_key(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.relative_to(folder)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    for path in sorted(PACKAGE.rglob("*")):
        rel = path.relative_to(PACKAGE).as_posix()
        if path.is_file() and path.suffix in {".py", ".yaml", ".yml", ".jsonl", ".txt"} and not quote_file(rel):
            digest.update(rel.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def cache_path(folder: Path, limit: int | None = None) -> Path:
    root = Path(os.environ.get("NEWSGRAPH_CACHE") or Path.home() / ".cache" / "newsgraph")
    return root / f"polnear-{folder.name}-{cache_key(folder)}-{limit or 'all'}.pkl"


def build(folder: Path, path: Path, limit: int | None = None) -> None:
    from spacy.tokens import DocBin

    from newsgraph.actordict import actor_dictionary
    from newsgraph.evaluation.polnear import load_polnear
    from newsgraph.extract.actors import extract_mentions
    from newsgraph.model import RawDocument
    from newsgraph.nlp import load_nlp
    from newsgraph.pipeline import prepare_article

    nlp = load_nlp()
    book = actor_dictionary()
    matchers = book.matchers(nlp)
    golds = load_polnear(folder, limit=limit)
    articles = [prepare_article(RawDocument(uri=g.name, text=g.text, hints={"verbatim": True})) for g in golds]
    parses = DocBin(store_user_data=True)
    rest = []
    for gold, article, doc in zip(golds, articles, nlp.pipe(a.text for a in articles)):
        mentions, actors = extract_mentions(doc, article, book, matchers)
        parses.add(doc)
        rest.append((gold, article, mentions, actors))
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    with partial.open("wb") as handle:
        pickle.dump((parses.to_bytes(), rest), handle)
    os.replace(partial, path)  # a reader never sees half a file


def evaluate(folder: Path, limit: int | None = None) -> dict:
    from spacy.tokens import DocBin

    from newsgraph.evaluation.polnear import score
    from newsgraph.evaluation.quotes import to_attribution
    from newsgraph.extract.quotes import extract_statements
    from newsgraph.nlp import load_nlp

    path = cache_path(folder, limit)
    if not path.exists():
        print(f"parsing {folder} once into {path} …", file=sys.stderr)
        build(folder, path, limit)
    with path.open("rb") as handle:
        blob, rest = pickle.load(handle)
    docs = list(DocBin().from_bytes(blob).get_docs(load_nlp().vocab))
    predicted = {}
    for doc, (gold, article, mentions, actors) in zip(docs, rest):
        predicted[gold.name] = [to_attribution(gold.text, st)
                                for st in extract_statements(doc, article, mentions, actors)]
    return score([item[0] for item in rest], lambda gold: predicted[gold.name])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", help="dev or train (under ../shared/data/polnear)")
    parser.add_argument("--polnear", type=Path, help="a PolNeAR-format folder instead of --split")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    folder = args.polnear or POLNEAR / args.split
    if not folder.is_dir():
        print(f"skipped: {folder} is absent (PolNeAR lives in ../shared/data/polnear)", file=sys.stderr)
        return 0
    started = time.perf_counter()
    result = evaluate(folder, args.limit)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    roles = ("source", "cue", "content")
    print(f"{folder.name} ({result['n_docs']} articles, {time.perf_counter() - started:.0f} s)")
    for role in roles:
        print(f"  {role:8} overlap P/R/F1 {result[f'{role}_precision_overlap']:.3f} / "
              f"{result[f'{role}_recall_overlap']:.3f} / {result[f'{role}_f1_overlap']:.4f}   "
              f"exact F1 {result[f'{role}_f1_exact']:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
