"""Our direct quotes against textacy's ``direct_quotations``, side by side on the same parsed texts.

Accuracy: PolNeAR gold attributions whose content holds a quote mark (direct quotes), scored
with the same PolNeAR scorer for both systems (source, cue and content spans; exact and
overlap). Ours counts only statements marked direct. Speed: extraction time alone on the same
spaCy Docs (parsing is shared and not timed): ours = actor mentions + statements (our
speakers need the mentions); textacy = ``textacy.extract.triples.direct_quotations``.

textacy is not a dependency of newsgraph: install it beside the project for this script only,
e.g. ``python -m venv /tmp/tx && /tmp/tx/bin/pip install -c constraints.txt -e . textacy``, then

    /tmp/tx/bin/python bench/quotes_vs_textacy.py --polnear ../shared/data/polnear/dev
"""
from __future__ import annotations

import argparse
import json
import sys
import time

from newsgraph.actordict import actor_dictionary
from newsgraph.evaluation.polnear import Attribution, GoldDoc, load_polnear, score
from newsgraph.evaluation.quotes import to_attribution
from newsgraph.extract.actors import extract_mentions
from newsgraph.extract.quotes import extract_statements
from newsgraph.model import Article
from newsgraph.nlp import load_nlp

QUOTE_MARKS = "\"“”«»"


def direct_only(docs: list[GoldDoc]) -> list[GoldDoc]:
    out = []
    for doc in docs:
        kept = tuple(a for a in doc.attributions
                     if any(ch in doc.text[s:e] for s, e in a.content for ch in QUOTE_MARKS))
        out.append(GoldDoc(doc.name, doc.text, doc.annotator, kept))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--polnear", required=True)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        sys.exit("textacy is not installed here: see this script's docstring")

    docs = direct_only(load_polnear(args.polnear, limit=args.limit))
    nlp = load_nlp()
    book = actor_dictionary()
    matchers = book.matchers(nlp)
    parsed = list(nlp.pipe(d.text for d in docs))
    words = sum(len(d) for d in parsed)

    ours: dict[str, list[Attribution]] = {}
    start = time.perf_counter()
    for doc, spacy_doc in zip(docs, parsed):
        article = Article(id=doc.name, uri=doc.name, text=doc.text)
        mentions, actors = extract_mentions(spacy_doc, article, book, matchers)
        statements = extract_statements(spacy_doc, article, mentions, actors)
        ours[doc.name] = [to_attribution(doc.text, s) for s in statements if s.direct]
    ours_seconds = time.perf_counter() - start

    theirs: dict[str, list[Attribution]] = {}
    bailed = 0
    start = time.perf_counter()
    for doc, spacy_doc in zip(docs, parsed):
        items = []
        try:
            triples = list(direct_quotations(spacy_doc))
        except ValueError:  # textacy refuses a text with an odd number of quote marks
            triples, bailed = [], bailed + 1
        for triple in triples:
            def span(tokens):
                return ((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)),) if tokens else ()
            content = triple.content
            items.append(Attribution(source=span(list(triple.speaker)), cue=span(list(triple.cue)),
                                     content=((content.start_char, content.end_char),)))
        theirs[doc.name] = items
    textacy_seconds = time.perf_counter() - start

    result = {
        "documents": len(docs),
        "gold_direct_quotes": sum(len(d.attributions) for d in docs),
        "tokens": words,
        "newsgraph": {**score(docs, lambda d: ours[d.name]), "seconds": round(ours_seconds, 3),
                      "tokens_per_second": round(words / ours_seconds)},
        "textacy": {**score(docs, lambda d: theirs[d.name]), "seconds": round(textacy_seconds, 3),
                    "tokens_per_second": round(words / textacy_seconds), "documents_refused": bailed},
    }
    keys = ["source_f1_exact", "source_f1_overlap", "cue_f1_exact", "cue_f1_overlap", "content_f1_exact",
            "content_f1_overlap", "n_predicted_attributions", "seconds", "tokens_per_second", "documents_refused"]
    print(json.dumps({k: v for k, v in result.items() if not isinstance(v, dict)}, indent=2))
    for system in ("newsgraph", "textacy"):
        print(system, json.dumps({k: result[system][k] for k in keys if k in result[system]}))


if __name__ == "__main__":
    main()
