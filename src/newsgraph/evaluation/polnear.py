"""Load the PolNeAR attribution corpus and score attribution extraction against it.

PolNeAR (Newell et al., LREC 2018) is a folder with ``text/<name>.txt`` (the article) and
``attributions/<name>_<annotator>.ann`` (brat standoff annotation, one file per annotator).
An attribution ties a *source* (who), a *cue* (e.g. "said") and a *content* (what was said);
each of them may be made of several pieces (a discontinuous span).

Variants of the brat files that the loader handles (all seen in the released data):

* ``T`` lines of types ``Source``, ``Cue`` and ``Content`` carry the spans; ``Attribution`` and
  ``Attribution-no-source`` are the event triggers (a copy of the cue) and are not used;
  other types (``Discuss``, ``Discard``, ...) are ignored.
* Discontinuous spans ``start end;start end``; the text field joins the pieces with a space.
* A span that covers a line break is written over several physical lines of the ``.ann`` file:
  the lines that follow a ``T`` line and do not start a new record continue its text.
* ``E`` lines name the trigger first (``Attribution:T4`` or ``Attribution-no-source:T4``), then
  the roles in any order; a role may be missing (no source), repeated with a number
  (``Content2:``, ``Source2:`` ...: the pieces join the role's span set), or all missing
  (a stub ``E1<TAB>Attribution:T3`` with nothing else, which is skipped).
* ``#`` (annotator notes), ``A``, ``M``, ``R``, ``N`` and ``*`` lines and blank lines are ignored.

Offsets are character offsets into the article text.  The loader checks every ``T`` line's
text against the article; if a text file has a byte-order mark or ``\\r\\n`` line ends it picks
the reading of the file under which all offsets agree (the released data has neither).

Run ``python -m newsgraph.evaluation.polnear DIR --stats`` for corpus statistics.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

Span = tuple[int, int]

ROLES = ("source", "cue", "content")

# Start of a brat record: an id (letter + digits, "#<n>" for notes, "*" for equivalences) and a tab.
_RECORD = re.compile(r"(?:[A-Z]\d+|#\d*|\*)\t")
_SPAN = re.compile(r"(\d+) (\d+)")
_ROLE_NUMBER = re.compile(r"\d+$")


@dataclass(frozen=True)
class Attribution:
    """One attribution; each role is a tuple of (start, end) character spans (may be empty)."""

    source: tuple[Span, ...] = ()
    cue: tuple[Span, ...] = ()
    content: tuple[Span, ...] = ()


@dataclass(frozen=True)
class GoldDoc:
    name: str
    text: str
    annotator: str
    attributions: tuple[Attribution, ...]


# --------------------------------------------------------------------------------------------
# Loading


@dataclass
class _TextBound:
    ident: str
    kind: str
    spans: tuple[Span, ...]
    text: str | None  # None when the line has no text field
    lineno: int

    def expected_length(self) -> int:
        return sum(end - start for start, end in self.spans) + len(self.spans) - 1


@dataclass
class _Event:
    ident: str
    args: list[tuple[str, str]]  # (role, referenced id), trigger first
    lineno: int


def _malformed(path: Path, lineno: int, reason: str, line: str) -> ValueError:
    shown = line if len(line) <= 120 else line[:117] + "..."
    return ValueError(f"{path}, line {lineno}: {reason}: {shown!r}")


def _parse_spans(field: str, path: Path, lineno: int, line: str) -> tuple[str, tuple[Span, ...]]:
    kind, _, rest = field.partition(" ")
    if not kind or not rest:
        raise _malformed(path, lineno, "expected '<Type> <start> <end>[;<start> <end>...]'", line)
    spans = []
    for piece in rest.split(";"):
        match = _SPAN.fullmatch(piece.strip())
        if match is None:
            raise _malformed(path, lineno, f"bad span {piece!r} (expected two integers)", line)
        start, end = int(match.group(1)), int(match.group(2))
        if start > end:
            raise _malformed(path, lineno, f"span {start} {end} ends before it starts", line)
        spans.append((start, end))
    return kind, tuple(spans)


def _parse_ann(path: Path) -> tuple[dict[str, _TextBound], list[_Event]]:
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 ({error})") from None
    bounds: dict[str, _TextBound] = {}
    events: list[_Event] = []
    open_bound: _TextBound | None = None  # a T line whose text continues on the next lines
    for lineno, line in enumerate(content.split("\n"), start=1):
        if open_bound is not None and not _RECORD.match(line):
            open_bound.text = f"{open_bound.text}\n{line}"
            if len(open_bound.text) >= open_bound.expected_length():
                open_bound = None
            continue
        open_bound = None  # a short text without continuation: the offset check reports it
        if not line.strip():
            continue
        if not _RECORD.match(line):
            raise _malformed(path, lineno, "not a brat annotation line", line)
        ident, _, rest = line.partition("\t")
        if ident.startswith("T"):
            field, tab, text = rest.partition("\t")
            kind, spans = _parse_spans(field, path, lineno, line)
            if ident in bounds:
                raise _malformed(path, lineno, f"{ident} is defined twice", line)
            bound = _TextBound(ident, kind, spans, text if tab else None, lineno)
            bounds[ident] = bound
            if bound.text is not None and len(bound.text) < bound.expected_length():
                open_bound = bound
        elif ident.startswith("E"):
            args = []
            for arg in rest.split():
                role, colon, ref = arg.partition(":")
                if not colon or not role or not ref:
                    raise _malformed(path, lineno, f"bad event argument {arg!r} (expected Role:Id)", line)
                args.append((role, ref))
            if not args:
                raise _malformed(path, lineno, "event without a trigger", line)
            events.append(_Event(ident, args, lineno))
        # A, M, R, N, # and * lines carry nothing the evaluation uses.
    return bounds, events


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _first_mismatch(text: str, bounds: Iterable[_TextBound]) -> tuple[_TextBound, str] | None:
    for bound in bounds:
        if any(end > len(text) for _, end in bound.spans):
            return bound, f"span beyond the end of the text ({len(text)} characters)"
        if bound.text is None:
            continue
        found = " ".join(text[start:end] for start, end in bound.spans)
        if _normalise_newlines(found) != _normalise_newlines(bound.text):
            return bound, f"the text at these offsets is {found!r}"
    return None


def _read_text(text_path: Path, ann_path: Path, bounds: dict[str, _TextBound]) -> str:
    """The article text under the reading (BOM kept or not, newlines as is or translated)
    in which every T line's offsets point at its text."""
    try:
        raw = text_path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"{text_path}: not UTF-8 ({error})") from None
    bases = [raw] + ([raw[1:]] if raw.startswith("\ufeff") else [])
    readings: list[str] = []
    for base in bases:  # Python's default reading (BOM kept, newlines translated) first
        for reading in (_normalise_newlines(base), base):
            if reading not in readings:
                readings.append(reading)
    ordered = sorted(bounds.values(), key=lambda bound: bound.lineno)
    first_error = None
    for reading in readings:
        mismatch = _first_mismatch(reading, ordered)
        if mismatch is None:
            return reading
        first_error = first_error or mismatch
    assert first_error is not None
    bound, reason = first_error
    raise _malformed(ann_path, bound.lineno, f"offsets do not match {text_path.name}: {reason}",
                     f"{bound.ident}\t{bound.kind} {bound.spans}\t{bound.text}")


def _attributions(path: Path, bounds: dict[str, _TextBound], events: list[_Event]) -> tuple[Attribution, ...]:
    result = []
    for event in events:
        pieces: dict[str, set[Span]] = {role: set() for role in ROLES}
        for position, (role, ref) in enumerate(event.args):
            if ref not in bounds:
                raise ValueError(f"{path}, line {event.lineno}: {event.ident} refers to {ref}, "
                                 f"which is not a T line of this file")
            if position == 0:
                continue  # the trigger (Attribution / Attribution-no-source): a copy of the cue
            base = _ROLE_NUMBER.sub("", role).lower()  # Content2 -> content
            if base in pieces:
                pieces[base].update(bounds[ref].spans)
        if not any(pieces.values()):
            continue  # a stub event with nothing but its trigger
        result.append(Attribution(**{role: tuple(sorted(spans)) for role, spans in pieces.items()}))
    return tuple(result)


def load_polnear(folder: str | Path, *, limit: int | None = None) -> list[GoldDoc]:
    """Read text/ and attributions/; one annotator per article: when several annotated it, take the
    lexicographically first annotator id (deterministic). Articles without any .ann file are skipped.
    Raise FileNotFoundError / ValueError with a clear message naming the folder or file when the
    layout is wrong or a line is malformed.

    Documents come sorted by article name; ``limit`` keeps the first ``limit`` of them.
    """
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0, not {limit}")
    root = Path(folder)
    if not root.is_dir():
        raise FileNotFoundError(f"PolNeAR folder {root} does not exist or is not a directory")
    text_dir, ann_dir = root / "text", root / "attributions"
    for sub in (text_dir, ann_dir):
        if not sub.is_dir():
            hint = ""
            if any((root / split / sub.name).is_dir() for split in ("train", "dev", "test")):
                hint = " (this looks like the corpus root: pass one split, e.g. its train/ or dev/)"
            raise FileNotFoundError(f"PolNeAR folder {root} has no {sub.name}/ subfolder{hint}")

    annotators: dict[str, list[str]] = {}
    for path in ann_dir.iterdir():
        if path.suffix != ".ann" or not path.is_file():
            continue
        name, sep, annotator = path.stem.rpartition("_")
        if not sep or not name or not annotator:
            raise ValueError(f"{path}: annotation files must be named <article>_<annotator>.ann")
        annotators.setdefault(name, []).append(annotator)

    names = sorted(annotators)
    if limit is not None:
        names = names[:limit]
    docs = []
    for name in names:
        annotator = min(annotators[name])
        ann_path = ann_dir / f"{name}_{annotator}.ann"
        text_path = text_dir / f"{name}.txt"
        if not text_path.is_file():
            raise FileNotFoundError(f"{ann_path} has no article text: {text_path} is missing")
        bounds, events = _parse_ann(ann_path)
        text = _read_text(text_path, ann_path, bounds)
        docs.append(GoldDoc(name=name, text=text, annotator=annotator,
                            attributions=_attributions(ann_path, bounds, events)))
    return docs


# --------------------------------------------------------------------------------------------
# Scoring

_Item = tuple[Span, ...]  # sorted, non-overlapping, non-touching, whitespace-trimmed pieces


def _item(text: str, spans: Sequence[Span]) -> _Item:
    """Trim whitespace off each piece, drop empty pieces, merge pieces that overlap or touch."""
    trimmed = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            trimmed.append((start, end))
    merged: list[Span] = []
    for start, end in sorted(trimmed):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def _size(item: _Item) -> int:
    return sum(end - start for start, end in item)


def _shared(a: _Item, b: _Item) -> int:
    i = j = total = 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start < end:
            total += end - start
        if a[i][1] <= b[j][1]:
            i += 1
        else:
            j += 1
    return total


def _greedy(gold: list[_Item], predicted: list[_Item], exact: bool) -> int:
    """One-to-one matches: candidate pairs by decreasing shared characters (ties: the pair with
    the larger Jaccard, then document order); each item is used at most once."""
    candidates = []
    for g, gold_item in enumerate(gold):
        gold_size = _size(gold_item)
        for p, pred_item in enumerate(predicted):
            if exact:
                if gold_item != pred_item:
                    continue
                shared = gold_size
            else:
                shared = _shared(gold_item, pred_item)
                if shared == 0 or 2 * shared < gold_size:
                    continue
            union = gold_size + _size(pred_item) - shared
            candidates.append((-shared, -shared / union, g, p))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, _, g, p in candidates:
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
    return len(used_gold)


def _check_prediction(doc: GoldDoc, attribution: object) -> Attribution:
    if not isinstance(attribution, Attribution):
        raise TypeError(f"predict({doc.name}) returned {type(attribution).__name__}, not Attribution")
    for role in ROLES:
        for span in getattr(attribution, role):
            try:
                start, end = span
                valid = (isinstance(start, int) and isinstance(end, int)
                         and 0 <= start <= end <= len(doc.text))
            except (TypeError, ValueError):
                valid = False
            if not valid:
                raise ValueError(f"predict({doc.name}) returned an invalid {role} span {span!r} "
                                 f"(the text has {len(doc.text)} characters)")
    return attribution


def _prf(matched: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    precision = matched / n_pred if n_pred else 0.0
    recall = matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(docs: Sequence[GoldDoc], predict: Callable[[GoldDoc], Sequence[Attribution]]) -> dict:
    """Run predict on every doc and score span sets per role.

    Per role, each attribution's span set (all its pieces, whitespace-trimmed) is one item; empty
    ones are skipped. Exact: identical piece sets. Overlap: shared characters >= 50% of the gold
    item's length. Matching is one-to-one and greedy within a document; counts are summed over
    documents (micro average). Floats are rounded to 4 decimals.
    """
    counts = {role: Counter() for role in ROLES}
    n_gold_attributions = n_predicted_attributions = 0
    for doc in docs:
        predicted = [_check_prediction(doc, a) for a in predict(doc)]
        n_gold_attributions += len(doc.attributions)
        n_predicted_attributions += len(predicted)
        for role in ROLES:
            gold_items = [i for a in doc.attributions if (i := _item(doc.text, getattr(a, role)))]
            pred_items = [i for a in predicted if (i := _item(doc.text, getattr(a, role)))]
            tally = counts[role]
            tally["gold"] += len(gold_items)
            tally["predicted"] += len(pred_items)
            tally["exact"] += _greedy(gold_items, pred_items, exact=True)
            tally["overlap"] += _greedy(gold_items, pred_items, exact=False)

    result: dict = {}
    extras: dict = {}
    for role in ROLES:
        tally = counts[role]
        for mode in ("exact", "overlap"):
            precision, recall, f1 = _prf(tally[mode], tally["gold"], tally["predicted"])
            result[f"{role}_f1_{mode}"] = round(f1, 4)
            extras[f"{role}_precision_{mode}"] = round(precision, 4)
            extras[f"{role}_recall_{mode}"] = round(recall, 4)
            extras[f"{role}_matched_{mode}"] = tally[mode]
        extras[f"{role}_n_gold"] = tally["gold"]
        extras[f"{role}_n_predicted"] = tally["predicted"]
    result["n_docs"] = len(docs)
    result.update(extras)
    result["n_gold_attributions"] = n_gold_attributions
    result["n_predicted_attributions"] = n_predicted_attributions
    return result


# --------------------------------------------------------------------------------------------
# Corpus statistics


def span_text(text: str, spans: Sequence[Span]) -> str:
    """The text of a (possibly discontinuous) span, pieces joined by a space, whitespace collapsed."""
    return " ".join(" ".join(text[start:end] for start, end in sorted(spans)).split())


def describe_cues(docs: Iterable[GoldDoc]) -> Counter:
    """How often each lowercased gold cue text occurs (no lemmatisation)."""
    cues: Counter = Counter()
    for doc in docs:
        for attribution in doc.attributions:
            if attribution.cue:
                cues[span_text(doc.text, attribution.cue).lower()] += 1
    return cues


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newsgraph.evaluation.polnear",
        description="Load a PolNeAR split (a folder with text/ and attributions/) and describe it.")
    parser.add_argument("folder", type=Path, help="e.g. .../polnear/train")
    parser.add_argument("--stats", action="store_true",
                        help="print attribution counts, the most common cues and the share without a source")
    parser.add_argument("--limit", type=int, default=None, help="read only the first N articles")
    parser.add_argument("--top", type=int, default=60, help="how many cues to list (default 60)")
    args = parser.parse_args(argv)
    try:
        docs = load_polnear(args.folder, limit=args.limit)
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    attributions = [a for doc in docs for a in doc.attributions]
    print(f"docs: {len(docs)}")
    print(f"attributions: {len(attributions)}")
    if not args.stats:
        return 0
    no_source = sum(1 for a in attributions if not a.source)
    share = no_source / len(attributions) if attributions else 0.0
    print(f"attributions without a source: {no_source} ({share:.1%})")
    cues = describe_cues(docs)
    print(f"distinct cue texts: {len(cues)}")
    print(f"top {args.top} cue texts (lowercased):")
    for cue, count in cues.most_common(args.top):
        print(f"{count:7d}  {cue}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
