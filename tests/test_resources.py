"""The data files' YAML loader: YAML 1.2 booleans only, so word lists keep "on", "off", "no"."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.resources import load_yaml, parse_yaml

DATA = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data"


@pytest.mark.parametrize("text, value", [
    ("[on, off, yes, no, On, NO]", ["on", "off", "yes", "no", "On", "NO"]),
    ("[true, false, True, FALSE]", [True, False, True, False]),
    ("[1, 2.5, null, ~, '07']", [1, 2.5, None, None, "07"]),
])
def test_booleans_are_only_true_and_false(text, value):
    assert parse_yaml(text) == value


def _bools_in_lists(node, where=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _bools_in_lists(value, f"{where}/{key}")
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, bool):
                yield where
            else:
                yield from _bools_in_lists(item, where)


@pytest.mark.parametrize("path", sorted(p.relative_to(DATA) for p in DATA.rglob("*.yaml")), ids=str)
def test_no_data_list_holds_a_boolean(path):
    assert list(_bools_in_lists(load_yaml(*path.parts))) == []


def test_the_prepositions_and_point_words_keep_on():
    assert {"on", "off"} <= set(load_yaml("places", "places.yaml")["locative"])
    assert "on" in load_yaml("dates", "dates.yaml")["point_words"]
