"""One story, many outlets: near-duplicate articles grouped with MinHash LSH over word shingles.

Every article gets a MinHash signature of its word 4-gram shingles. Two articles whose
signatures collide in an LSH band are the same story; a story is a connected group of such
pairs, named by the smallest article id in it, so that the grouping does not depend on the
order articles arrive in. The signatures are stored with the article (``article_signatures``)
and the LSH index is rebuilt from them when a writer opens the database.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import numpy as np

NUM_PERM = 128
SHINGLE = 4
# Estimated Jaccard similarity of shingle sets above which two articles are one story: a wire
# story lightly edited by another outlet (headline, first paragraph, a sentence cut) stays well
# above it; two articles on the same topic written separately stay far below.
THRESHOLD = 0.5
SEED = 1
# datasketch's hashing scheme, fixed so that stored signatures stay comparable across versions.
SCHEME = "affine32"

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str) -> list[int]:
    """The MinHash signature of a text's word shingles (NUM_PERM unsigned 32-bit values)."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    found = shingles(text)
    if found:
        minhash.update_batch(sorted(found))
    return [int(v) for v in minhash.hashvalues]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(np.asarray(a, dtype=np.uint32) == np.asarray(b, dtype=np.uint32)))


class StoryIndex:
    """The LSH index over every stored article's signature, and each article's story."""

    def __init__(self, rows: Iterable[tuple[str, list[int], str | None]] = ()):
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self.story: dict[str, str] = {}
        for article_id, values, story in rows:
            self._insert(article_id, values)
            self.story[article_id] = story or article_id

    def _minhash(self, values: list[int]):
        from datasketch import MinHash

        return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashvalues=np.asarray(values, dtype=np.uint32))

    def _insert(self, article_id: str, values: list[int]) -> None:
        if article_id not in self.story:
            self._lsh.insert(article_id, self._minhash(values))

    def assign(self, article_id: str, values: list[int]) -> tuple[str, set[str]]:
        """Add an article: its story id and the earlier story ids it joins (to be renamed).

        The caller renames every article of the joined stories to the returned id, in the
        same transaction as the article; then calls :meth:`commit` with the same arguments.
        """
        near = [key for key in self._lsh.query(self._minhash(values)) if key != article_id]
        joined = {self.story[key] for key in near if key in self.story}
        story = min(joined | {article_id})
        return story, joined - {story}

    def commit(self, article_id: str, values: list[int], story: str, renamed: set[str]) -> None:
        """Record an assignment once the database has it."""
        if renamed:
            for key, value in self.story.items():
                if value in renamed:
                    self.story[key] = story
        self._insert(article_id, values)
        self.story[article_id] = story
