"""Make N realistic, varied articles from the bundled sample corpus for the benchmarks.

Each article keeps the page around its *base* article (headline, publication line, byline,
captions, comment-form and share boilerplate, related headlines) and gets a new body:

- the base's lead paragraph (with its dateline), then a random 35–65 % of its other body
  paragraphs, mixed with paragraphs taken from two other articles of the corpus;
- numbers changed ("40 trucks" → "57 trucks"; years kept), weekdays swapped;
- a new publication date (2021–2024) in the publication line, so that months vary.

Dedupe must not fold them away: ``python bench/corpus.py --check 1000`` builds MinHash
signatures (datasketch, 5-word shingles, as near-duplicate detection does) and reports the
pairs above a Jaccard similarity of 0.8.

    python bench/corpus.py 1000 /tmp/corpus           # write 1,000 articles
    python bench/corpus.py --check 1000               # how many near-duplicate pairs
"""
from __future__ import annotations

import argparse
import random
import re
import tempfile
from pathlib import Path

from newsgraph.cli import sample_corpus_files

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DATE = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{1,2})(st|nd|rd|th)?, (20\d\d)\b")
_NUMBER = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d{3})+|\d{1,3})(?![\d,]*\d)(?!\s*(?:" + "|".join(MONTHS) + r"))")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
BODY_MIN_CHARS = 120


class Source:
    """One sample article split into page header, lead, body paragraphs, short inline lines, footer."""

    def __init__(self, text: str):
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        long = [i for i, p in enumerate(paragraphs) if len(p) >= BODY_MIN_CHARS]
        first, last = long[0], long[-1]
        self.header = paragraphs[:first]
        self.lead = paragraphs[first]
        self.body = [p for p in paragraphs[first + 1:last + 1] if len(p) >= BODY_MIN_CHARS]
        self.inline = [p for p in paragraphs[first + 1:last + 1] if len(p) < BODY_MIN_CHARS]
        self.footer = paragraphs[last + 1:]


def _suffix(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _new_number(rng: random.Random, match: re.Match) -> str:
    raw = match.group(1)
    value = int(raw.replace(",", ""))
    if value < 2:  # "one of 1" reads oddly when changed
        return raw
    new = max(2, int(value * rng.uniform(0.5, 1.8)))
    return f"{new:,}" if "," in raw else str(new)


def vary(text: str, rng: random.Random) -> str:
    text = _NUMBER.sub(lambda m: _new_number(rng, m), text)
    return _WEEKDAY.sub(lambda m: rng.choice(WEEKDAYS), text)


def make_article(i: int, sources: list[Source], rng: random.Random) -> str:
    base = sources[i % len(sources)]
    donors = rng.sample([s for s in sources if s is not base], 2)
    keep = max(2, round(len(base.body) * rng.uniform(0.35, 0.65)))
    body = [p for p in base.body if p in set(rng.sample(base.body, min(keep, len(base.body))))]
    for donor in donors:
        picks = rng.sample(donor.body, min(len(donor.body), rng.randint(2, 3)))
        for paragraph in picks:
            body.insert(rng.randint(0, len(body)), paragraph)
    for line in base.inline[:2]:  # captions and "Read more" lines stay somewhere in the page
        body.insert(rng.randint(0, len(body)), line)
    year, month, day = rng.randint(2021, 2024), rng.randint(1, 12), rng.randint(1, 28)
    header = [_DATE.sub(lambda m: f"{MONTHS[month - 1]} {day}{_suffix(day) if m.group(3) else ''}, {year}", line)
              for line in base.header]
    paragraphs = header + [vary(base.lead, rng)] + [vary(p, rng) for p in body] + base.footer
    return "\n\n".join(paragraphs) + "\n"


def load_sources() -> list[Source]:
    sources = [Source(p.read_text(encoding="utf-8")) for p in sample_corpus_files()]
    if not sources:
        raise SystemExit("the bundled sample corpus is empty")
    return sources


def generate(n: int, folder: Path, *, seed: int = 7) -> list[Path]:
    """Write ``n`` articles to ``folder`` (article-000000.txt …); the same seed gives the same files."""
    rng = random.Random(seed)
    sources = load_sources()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"article-{i:06d}.txt"
        path.write_text(make_article(i, sources, rng), encoding="utf-8")
        paths.append(path)
    return paths


def near_duplicate_pairs(paths: list[Path], threshold: float = 0.8) -> int:
    """Pairs of articles whose MinHash Jaccard estimate (5-word shingles of the clean text) ≥ threshold."""
    from datasketch import MinHash, MinHashLSH

    from newsgraph.clean import clean_text

    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    pairs = 0
    for path in paths:
        words = clean_text(path.read_text(encoding="utf-8")).text.lower().split()
        signature = MinHash(num_perm=128)
        for k in range(len(words) - 4):
            signature.update(" ".join(words[k:k + 5]).encode("utf-8"))
        pairs += len(lsh.query(signature))
        lsh.insert(str(path), signature)
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("folder", type=Path, nargs="?")
    parser.add_argument("--check", action="store_true", help="count near-duplicate pairs (MinHash, Jaccard ≥ 0.8)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or Path(tmp) / "corpus"
        paths = generate(args.n, folder, seed=args.seed)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
        print(f"{len(paths)} articles, {words:,} words (page noise included) in {folder}")
        if args.check:
            print(f"near-duplicate pairs (MinHash Jaccard >= 0.8): {near_duplicate_pairs(paths)}")


if __name__ == "__main__":
    main()
