"""Cleaning, as a table of cases (tests/cases/clean.jsonl), plus the seed page."""
from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.clean import clean_text, normalise_text, parse_date, split_paragraphs
from newsgraph.resources import clean_rules

from .conftest import SEED, load_cases, shared_file

CASES = load_cases("clean.jsonl")


def _value(value):
    return value.isoformat() if isinstance(value, dt.date) else value


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_clean_case(case):
    if case["label"] == "known-failure":
        pytest.xfail(case.get("note", "known failure"))
    result = clean_text(case["input"])
    for key, expected in case["expect"].items():
        if key == "text_startswith":
            assert result.text.startswith(expected), result.text[:80]
        else:
            assert _value(getattr(result, key)) == expected, key


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_clean_keeps_every_kept_paragraph_whole(case):
    """Every paragraph of the clean text is a whole paragraph of the input (or its tail after a dateline)."""
    result = clean_text(case["input"])
    source = " ".join(normalise_text(case["input"]).split())
    for paragraph in result.text.split("\n\n"):
        assert " ".join(paragraph.split()) in source


def test_every_removed_line_is_explained():
    result = clean_text(CASES[0]["input"])
    actions = [step.action for step in result.steps]
    assert actions == ["headline", "repeated-headline", "publication-line", "boilerplate", "boilerplate", "dateline"]
    assert {step.rule for step in result.steps} >= {"first-line", "published-in-outlet", "dateline"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("April 25th, 2023", dt.date(2023, 4, 25)),
        ("Sept. 3, 2024", dt.date(2024, 9, 3)),
        ("3 March 2024", dt.date(2024, 3, 3)),
        ("1st of June, 2022", dt.date(2022, 6, 1)),
        ("2025-01-31", dt.date(2025, 1, 31)),
        ("February 30, 2023", None),
        ("Smarch 3, 2024", None),
        ("no date here", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_empty_and_blank_input_give_empty_text():
    assert clean_text("").text == ""
    assert clean_text(" \n\n \t\n").text == ""


def test_headline_given_by_caller_is_removed_from_body():
    result = clean_text("Talks end\n\nThe talks ended on Friday.\n", headline="Talks end")
    assert result.headline == "Talks end"
    assert result.text == "The talks ended on Friday."


def test_paragraphs_one_per_line_without_blank_lines():
    text = "First paragraph, which is long enough to be a real paragraph of news text.\nSecond one."
    assert split_paragraphs(text) == [
        "First paragraph, which is long enough to be a real paragraph of news text.",
        "Second one.",
    ]


def test_rules_load_and_compile():
    rules = clean_rules()
    assert rules.months["sept"] == 9
    assert rules.is_boilerplate("Leave a Reply") and not rules.is_boilerplate("Leave the country")


def test_seed_metadata():
    """The seed page from ../shared: metadata, headline once, no comment-form text."""
    result = clean_text(shared_file(SEED).read_text(encoding="utf-8"))
    assert result.headline == "Afghan Taliban ready to help US in countering IS: report"
    assert result.publisher == "Dawn"
    assert result.published == dt.date(2023, 4, 25)
    assert result.dateline == "WASHINGTON"
    assert result.headline not in result.text
    assert "Leave a Reply" not in result.text
    assert "email address" not in result.text
    assert "Published in" not in result.text
    assert result.text.startswith("The Afghan Taliban are ready to cooperate")
    # The mid-article subheading is body, and the last paragraph is intact.
    assert "\n\nLeaked intelligence pose militant group as a potent threat\n\n" in result.text
    assert result.text.endswith("as it had during the invasion.”")
