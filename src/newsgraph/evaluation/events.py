"""Score event coding against two gold sets: PLOVER gold-standard records and ConfliBERT CAMEO classes.

**PLOVER gold-standard records** (``dev.jsonl``): one JSON object a line, one gold event per
record. The fields used are ``id``, ``text``, ``event`` (the type) and ``source`` / ``target``
(the actors). Variants the loader handles (all seen in the released file):

* ``event`` may be a PLOVER 0.5 name; :data:`OLD_NAMES` maps those to PLOVER 2.0
  (DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT). A name that
  maps to none of :data:`PLOVER_TYPES` is an error (``ValueError`` naming the record).
* ``source`` and ``target`` are a list of actor objects ``{actorText, code, sector?}``, a single
  actor object, an empty string, a bare non-empty string that names no actor, or missing. All
  but the first two mean "no actor".
* Actor ``code`` is usually an ISO 3166-1 alpha-3 country code. It is upper-cased; a code that
  is not three letters ("---", "", missing) is unknown (``None``); the CAMEO generic codes
  for organisations that are not states (:data:`NON_STATE_CODES`: IGO, NGO, IMG, MNC) are
  ``None`` as well, since the evaluation compares countries; and a few non-ISO codes that
  coders wrote for states are corrected (:data:`CODE_FIXES`).
* ``mode``, ``context``, ``textInfo.markup`` and the rest are not used.

**ConfliBERT CAMEO classification** (``class_train.tsv``): ``sentence<TAB>label``, label 0-4
(:data:`CONFLIBERT_CLASSES`; :func:`cameo_to_class` maps a CAMEO code to its class). Variants
the loader handles: ``\\r\\n`` line ends, a byte-order mark, a header line (skipped when its
label is not a number), spaces around the sentence or label (stripped), and CSV-style quoting
of a sentence that holds double quotes (wrapped in double quotes, inner quotes doubled,
as a CSV writer does); a sentence that merely starts and ends with a quote but is not a valid
quoted field is kept as written. The label is what follows the last tab, so a tab inside the
sentence does no harm.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

OLD_NAMES: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

# CAMEO actor codes of three letters that name a kind of organisation, not a state.
NON_STATE_CODES: frozenset[str] = frozenset({"IGO", "NGO", "IMG", "MNC"})

# Non-ISO codes that gold coders used for states, and the ISO 3166-1 alpha-3 code meant.
CODE_FIXES: dict[str, str] = {"ITL": "ITA", "JAP": "JPN", "VTN": "VNM"}

CONFLIBERT_CLASSES: tuple[str, ...] = (
    "statement/appeal",      # 0: CAMEO 01-02
    "verbal cooperation",    # 1: CAMEO 03-05
    "material cooperation",  # 2: CAMEO 06-08
    "verbal conflict",       # 3: CAMEO 09-13, 16
    "material conflict",     # 4: CAMEO 14-15, 17-20
)

NONE = "none"  # the confusion-matrix column for "nothing predicted"

Code = str | None


@dataclass(frozen=True)
class GoldEvent:
    id: str
    text: str
    type: str  # PLOVER 2.0 name
    sources: tuple[Code, ...]  # alpha-3 country codes of the source actors (None: unknown); () when none
    targets: tuple[Code, ...]


@dataclass(frozen=True)
class PredictedEvent:
    type: str
    sources: tuple[Code, ...] = ()
    targets: tuple[Code, ...] = ()


# --------------------------------------------------------------------------------------------
# Shared helpers


def plover_type(name: str) -> str:
    """The PLOVER 2.0 name for a type name (any case, old names mapped); ValueError if none."""
    if not isinstance(name, str):
        raise ValueError(f"event type must be a string, not {name!r}")
    key = name.strip().upper()
    key = OLD_NAMES.get(key, key)
    if key not in PLOVER_TYPES:
        raise ValueError(f"{name!r} is not a PLOVER 2.0 event type (nor a known older name)")
    return key


def country_code(code) -> Code:
    """Normalise an actor code: upper case; not three letters, or a non-state code -> None."""
    if not isinstance(code, str):
        return None
    key = code.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", key) or key in NON_STATE_CODES:
        return None
    return CODE_FIXES.get(key, key)


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = _ratio(2 * tp, 2 * tp + fp + fn)
    return precision, recall, f1


def _per_label(counts: dict[str, list[int]]) -> dict[str, dict]:
    """label -> [tp, fp, fn] as a dict of precision/recall/f1 (rounded) and the counts."""
    table = {}
    for label, (tp, fp, fn) in counts.items():
        precision, recall, f1 = _prf(tp, fp, fn)
        table[label] = {"precision": round(precision, 4), "recall": round(recall, 4),
                        "f1": round(f1, 4), "tp": tp, "fp": fp, "fn": fn}
    return table


def _macro_f1(counts: dict[str, list[int]]) -> float:
    """Mean F1 over the labels that occur in gold or predictions (tp + fp + fn > 0)."""
    f1s = [_prf(*c)[2] for c in counts.values() if sum(c)]
    return sum(f1s) / len(f1s) if f1s else 0.0


def _label_key(label: str):
    if label == NONE:
        return (3, 0, "")
    if label in PLOVER_TYPES:
        return (0, PLOVER_TYPES.index(label), "")
    if label.isdigit():
        return (1, int(label), "")
    return (2, 0, label)


def confusion_matrix(pairs: Iterable[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """gold label -> predicted label -> count ("none" when nothing was predicted)."""
    matrix: dict[str, dict[str, int]] = {}
    for gold, predicted in pairs:
        gold, predicted = str(gold), NONE if predicted is None else str(predicted)
        row = matrix.setdefault(gold, {})
        row[predicted] = row.get(predicted, 0) + 1
    ordered = {}
    for gold in sorted(matrix, key=_label_key):
        ordered[gold] = {p: matrix[gold][p] for p in sorted(matrix[gold], key=_label_key)}
    return ordered


def format_confusion(matrix: dict[str, dict[str, int]]) -> str:
    """A markdown table: a row per gold label, a column per label seen, and the row total."""
    if not matrix:
        return "(no items)"
    labels = set(matrix)
    for row in matrix.values():
        labels.update(row)
    columns = sorted(labels, key=_label_key)
    rows = sorted(matrix, key=_label_key)
    header = ["gold \\ predicted", *columns, "total"]
    body = []
    for gold in rows:
        cells = [str(matrix[gold][c]) if matrix[gold].get(c) else "." for c in columns]
        body.append([gold, *cells, str(sum(matrix[gold].values()))])
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        parts = [cells[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(cells[1:], widths[1:])]
        return "| " + " | ".join(parts) + " |"

    rule = "|" + "|".join(["-" * (widths[0] + 2)] + ["-" * (w + 1) + ":" for w in widths[1:]]) + "|"
    return "\n".join([line(header), rule, *(line(r) for r in body)])


# --------------------------------------------------------------------------------------------
# PLOVER


def _actors(value, where: str) -> tuple[Code, ...]:
    """Country codes of a source/target field: a list of actors, one actor, "" or missing."""
    if value is None or isinstance(value, str):
        return ()  # missing, "" or a bare word that names no actor
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise ValueError(f"{where}: expected a list of actors, an actor or a string, got {value!r}")
    codes = []
    for actor in value:
        if isinstance(actor, dict):
            codes.append(country_code(actor.get("code")))
        elif actor in ("", None):
            continue
        else:
            raise ValueError(f"{where}: an actor should be an object, got {actor!r}")
    return tuple(codes)


def load_plover(path) -> list[GoldEvent]:
    """Read PLOVER gold-standard records (JSON lines) as GoldEvents; ValueError on a bad record."""
    path = Path(path)
    events: list[GoldEvent] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8-sig") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}, line {lineno}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{where}: not JSON ({error})") from None
            if not isinstance(record, dict):
                raise ValueError(f"{where}: expected a JSON object")
            ident = record.get("id")
            if not isinstance(ident, str) or not ident.strip():
                raise ValueError(f"{where}: record without an id")
            where = f"{where} ({ident})"
            if ident in seen:
                raise ValueError(f"{where}: duplicate id")
            seen.add(ident)
            if "event" not in record:
                raise ValueError(f"{where}: record without an event")
            try:
                kind = plover_type(record["event"])
            except ValueError as error:
                raise ValueError(f"{where}: {error}") from None
            events.append(GoldEvent(
                id=ident, text=str(record.get("text") or ""), type=kind,
                sources=_actors(record.get("source"), f"{where}, source"),
                targets=_actors(record.get("target"), f"{where}, target"),
            ))
    return events


def _triples(kind: str, sources: Sequence[Code], targets: Sequence[Code]) -> set[tuple]:
    return {(s, kind, t) for s in (tuple(sources) or (None,)) for t in (tuple(targets) or (None,))}


def score_plover(gold: Sequence[GoldEvent],
                 predict: Callable[[GoldEvent], Sequence[PredictedEvent]]) -> dict:
    """Score predicted events against one gold event per record.

    Types: per record the gold set is {gold type} and the predicted set the predicted types;
    a type in both is a TP, predicted only an FP, gold only an FN. ``type_micro_*`` pool the
    counts over all types; ``type_macro_f1`` is the mean F1 of the types seen in gold or
    predictions. The confusion matrix pairs each gold type with the predicted type equal to
    it, else the first predicted type, else "none".

    Triples: (source, type, target) over country codes, one per source x target, with None
    standing for "no actor" or an unknown code (None matches only None). A record's gold and
    predicted triple sets are compared and the TP/FP/FN pooled over records. PLOVER
    compound actors ("Hungarian and Romanian officials" as the source) give several gold
    triples, one per country, and a prediction must find each of them.

    Predicted types and codes are normalised like the gold (old names, upper case, codes
    that are not three letters to None); a predicted type that is not PLOVER is a ValueError.
    """
    type_counts: dict[str, list[int]] = {}
    triple_tp = triple_fp = triple_fn = 0
    pairs: list[tuple[str, str]] = []
    for event in gold:
        predicted = list(predict(event) or ())
        ptypes = [plover_type(p.type) for p in predicted]
        gold_types, pred_types = {event.type}, set(ptypes)
        for kind in gold_types | pred_types:
            counts = type_counts.setdefault(kind, [0, 0, 0])
            if kind in gold_types and kind in pred_types:
                counts[0] += 1
            elif kind in pred_types:
                counts[1] += 1
            else:
                counts[2] += 1
        first = event.type if event.type in pred_types else (ptypes[0] if ptypes else NONE)
        pairs.append((event.type, first))

        gold_triples = _triples(event.type, event.sources, event.targets)
        pred_triples: set[tuple] = set()
        for kind, p in zip(ptypes, predicted):
            pred_triples |= _triples(kind, [country_code(c) for c in p.sources],
                                     [country_code(c) for c in p.targets])
        triple_tp += len(gold_triples & pred_triples)
        triple_fp += len(pred_triples - gold_triples)
        triple_fn += len(gold_triples - pred_triples)

    tp = sum(c[0] for c in type_counts.values())
    fp = sum(c[1] for c in type_counts.values())
    fn = sum(c[2] for c in type_counts.values())
    micro_p, micro_r, micro_f1 = _prf(tp, fp, fn)
    triple_p, triple_r, triple_f1 = _prf(triple_tp, triple_fp, triple_fn)
    ordered = {k: type_counts[k] for k in sorted(type_counts, key=_label_key)}
    return {
        "type_micro_f1": round(micro_f1, 4),
        "type_macro_f1": round(_macro_f1(ordered), 4),
        "triple_f1": round(triple_f1, 4),
        "n": len(gold),
        "type_micro_precision": round(micro_p, 4),
        "type_micro_recall": round(micro_r, 4),
        "triple_precision": round(triple_p, 4),
        "triple_recall": round(triple_r, 4),
        "per_type": _per_label(ordered),
        "confusion": confusion_matrix(pairs),
    }


# --------------------------------------------------------------------------------------------
# CAMEO / ConfliBERT

_CAMEO = re.compile(r"([0-9]{2})[0-9]{0,2}")
_ROOT_CLASS = {1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2,
               9: 3, 10: 3, 11: 3, 12: 3, 13: 3, 16: 3,
               14: 4, 15: 4, 17: 4, 18: 4, 19: 4, 20: 4}


def cameo_to_class(code: str) -> int:
    """The ConfliBERT class (0-4) of a CAMEO code of two to four digits ("190" -> 4)."""
    match = _CAMEO.fullmatch(code.strip()) if isinstance(code, str) else None
    root = int(match.group(1)) if match else None
    if root not in _ROOT_CLASS:
        raise ValueError(f"{code!r} is not a CAMEO event code (two to four digits, root 01-20)")
    return _ROOT_CLASS[root]


def _unquote(field: str) -> str:
    """Undo CSV-style quoting ("a ""b"" c" -> a "b" c); other text is returned as it is."""
    if len(field) >= 2 and field[0] == field[-1] == '"':
        inner = field[1:-1]
        if '"' not in inner.replace('""', ""):
            return inner.replace('""', '"')
    return field


def load_conflibert(path) -> list[tuple[str, int]]:
    """Read ``sentence<TAB>label`` lines as (sentence, label) pairs; ValueError on a bad line."""
    path = Path(path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        content = handle.read()
    items: list[tuple[str, int]] = []
    for lineno, line in enumerate(content.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        where = f"{path}, line {lineno}"
        sentence, tab, label = line.rpartition("\t")
        if not tab:
            raise ValueError(f"{where}: expected 'sentence<TAB>label': {line[:80]!r}")
        label = label.strip()
        if not re.fullmatch(r"[0-9]+", label):
            if not items and lineno == 1:
                continue  # a header line
            raise ValueError(f"{where}: label {label!r} is not a number")
        value = int(label)
        if not 0 <= value < len(CONFLIBERT_CLASSES):
            raise ValueError(f"{where}: label {value} is not in 0-{len(CONFLIBERT_CLASSES) - 1}")
        sentence = _unquote(sentence.strip()).strip()
        if not sentence:
            raise ValueError(f"{where}: empty sentence")
        items.append((sentence, value))
    return items


def _class_of(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise ValueError(f"a prediction must be a class 0-4 or None, got {value!r}")
    value = int(value)
    if not 0 <= value < len(CONFLIBERT_CLASSES):
        raise ValueError(f"a prediction must be a class 0-4 or None, got {value!r}")
    return value


def score_conflibert(items: Iterable[tuple[str, int]], predict: Callable[[str], int]) -> dict:
    """Accuracy and macro-F1 of a classifier over (sentence, label) items.

    ``predict`` returns a class 0-4, or None for no answer (wrong, and no FP for any class).
    Macro-F1 is the mean F1 of the classes seen in gold or predictions. ``per_class`` and
    ``confusion`` are keyed by the class as a string ("0" ... "4"; "none" for no answer).
    """
    counts: dict[str, list[int]] = {}
    pairs: list[tuple[str, str]] = []
    correct = n = 0
    for sentence, label in items:
        n += 1
        got = _class_of(predict(sentence))
        gold_key = str(label)
        if got == label:
            correct += 1
            counts.setdefault(gold_key, [0, 0, 0])[0] += 1
        else:
            counts.setdefault(gold_key, [0, 0, 0])[2] += 1
            if got is not None:
                counts.setdefault(str(got), [0, 0, 0])[1] += 1
        pairs.append((gold_key, NONE if got is None else str(got)))
    ordered = {k: counts[k] for k in sorted(counts, key=_label_key)}
    return {
        "accuracy": round(_ratio(correct, n), 4),
        "macro_f1": round(_macro_f1(ordered), 4),
        "n": n,
        "per_class": _per_label(ordered),
        "confusion": confusion_matrix(pairs),
    }


def label_counts(labels: Iterable) -> dict[str, int]:
    """How many items of each label, in the order of the labels (a helper for reports)."""
    counter = Counter(str(label) for label in labels)
    return {k: counter[k] for k in sorted(counter, key=_label_key)}
