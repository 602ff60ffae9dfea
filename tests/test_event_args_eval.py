"""The ConfliBERT NER reader of bench/event_args_eval.py: spans, spacing and roles."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def module():
    spec = importlib.util.spec_from_file_location("event_args_eval", ROOT / "bench" / "event_args_eval.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


BIO = """Rebels B-S
shelled O
the B-T
ministry I-T
's I-T
offices I-T
in O
Goma O
. O

Ruritania B-R
and I-R
Elbonia I-R
signed O
a O
truce O
( O
again O
) O
. O
"""


@pytest.mark.parametrize("index, text, spans", [
    (0, "Rebels shelled the ministry's offices in Goma.", {"S": ["Rebels"], "T": ["the ministry's offices"], "R": []}),
    (1, "Ruritania and Elbonia signed a truce (again).", {"S": [], "T": [], "R": ["Ruritania and Elbonia"]}),
])
def test_sentences_and_spans(module, tmp_path, index, text, spans):
    path = tmp_path / "ner.txt"
    path.write_text(BIO)
    sentence = module.load(path)[index]
    assert sentence.text == text
    assert {role: [text[s:e] for s, e in found] for role, found in sentence.spans.items()} == spans


@pytest.mark.parametrize("predicted, gold, right", [
    ("the ministry", ["the ministry's offices"], True),   # a shared word is enough
    ("Goma", ["the ministry's offices"], False),
    (None, ["Rebels"], False),
])
def test_a_phrase_is_right_when_it_shares_a_word(module, predicted, gold, right):
    text = "Rebels shelled the ministry's offices in Goma."
    spans = [(text.index(g), text.index(g) + len(g)) for g in gold]
    assert module._right(text, module._phrase_span(text, predicted, 0), spans) is right
