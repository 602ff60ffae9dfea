"""Make N varied articles from the bundled sample corpus, so that dedupe does not fold them away.

Each copy keeps the page noise of its source and changes the body: the order of body
paragraphs after the first, and a copy number in the headline and in a closing line.
"""
from __future__ import annotations

import random
from pathlib import Path

from newsgraph.cli import sample_corpus_files


def generate(n: int, folder: Path, *, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sample_corpus_files()]
    if not sources:
        raise SystemExit("the bundled sample corpus is empty")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        lines = sources[i % len(sources)].split("\n")
        headline, rest = lines[0], lines[1:]
        paragraphs = [line for line in rest if line.strip()]
        body = paragraphs[2:-3]
        rng.shuffle(body)
        varied = [f"{headline} ({i})", ""]
        for paragraph in paragraphs[:2] + body + paragraphs[-3:]:
            varied += [paragraph, ""]
        varied.insert(-2, f"This is copy {i} of the sample, made for the benchmark.")
        path = folder / f"article-{i:06d}.txt"
        path.write_text("\n".join(varied), encoding="utf-8")
        paths.append(path)
    return paths
