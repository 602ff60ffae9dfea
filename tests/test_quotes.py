"""Statements (quotes and reported speech), as a table of cases, plus quote pairing and the seed."""
from __future__ import annotations

import random

import pytest

import newsgraph
from newsgraph.extract.quotes import find_quotes
from newsgraph.extract.sourcing import chain_of

from .conftest import SEED, load_cases, shared_file

CASES = load_cases("quotes.jsonl")


def _matches(statement, expect) -> bool:
    checks = {
        "speaker": lambda v: statement.speaker == v,
        "cue": lambda v: statement.cue == v,
        "content_contains": lambda v: v in statement.content,
        "content": lambda v: statement.content == v,
        "direct": lambda v: statement.direct is v,
        "speaker_actor": lambda v: statement.speaker_actor_id == v,
        "anonymous": lambda v: statement.anonymous is v,
        "medium": lambda v: statement.medium == v,
        "kind": lambda v: statement.kind == v,
        "pieces": lambda v: len(statement.content_spans) == v,
        "negated": lambda v: statement.negated is v,
        "rule": lambda v: statement.rule == v,
        "flag": lambda v: v in statement.flags,
    }
    return all(checks[key](value) for key, value in expect.items())


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_quote_case(case, nlp, request):
    if case["label"] == "known-failure":
        request.applymarker(pytest.mark.xfail(reason=case.get("note", "known failure"), strict=True))
    result = newsgraph.analyze(case["text"], published="2024-03-01")
    statements = list(result.statements)
    if case["count"] is not None:
        assert len(statements) == case["count"], [(s.speaker, s.cue, s.content) for s in statements]
    for expect in case["expect"]:
        assert any(_matches(s, expect) for s in statements), (expect, [(s.speaker, s.cue, s.content, s.rule) for s in statements])
    if case.get("no_speaker"):
        assert all(s.speaker != case["no_speaker"] for s in statements), [(s.speaker, s.cue) for s in statements]
    if case.get("check_disputes"):  # the denial disputes the claim it names
        denial = next(s for s in statements if s.kind != "document" and s.disputes is not None)
        assert statements[denial.disputes].kind == "document"
    if case.get("check_supports"):
        assert statements[-1].supports == 0 and statements[-1].disputes is None
    for s in statements:
        for start, end in s.content_spans:
            assert 0 <= start < end <= len(result.article.text)
        if s.speaker_start is not None:
            assert result.article.text[s.speaker_start:s.speaker_end] == s.speaker
        if s.cue_start is not None:
            assert result.article.text[s.cue_start:s.cue_end] == s.cue


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He said “yes” and “no”.", [(8, 13), (18, 22)]),
        ('A "straight" one', [(2, 12)]),
        ("The army’s ‘victory’ claim", [(11, 20)]),
        ("Open “without end", [(5, 17)]),
        ("“First part.\n\n“Second part.”", [(0, 12), (14, 28)]),
        ("''Yes,'' he said.", [(0, 8)]),
        ("''One.\n\n''Two.''", [(0, 6), (8, 16)]),
        ("rock 'n' roll and the boys' '' club", []),
    ],
)
def test_find_quotes_pieces(text, expected):
    pieces = [piece for quote in find_quotes(text) for piece in quote.pieces]
    assert pieces == expected


def test_multi_paragraph_quote_is_one_quote():
    quotes = find_quotes("“First part.\n\n“Second part.”")
    assert len(quotes) == 1 and len(quotes[0].pieces) == 2


@pytest.mark.parametrize("seed", range(30))
def test_random_quote_marks_never_raise_or_overlap(seed):
    rng = random.Random(seed)
    alphabet = ["“", "”", '"', "‘", "’", "'", "«", "»", " ", "a", "b", ".", "\n\n", ","]
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
    quotes = find_quotes(text)
    pieces = sorted(piece for quote in quotes for piece in quote.pieces)
    for (s1, e1), (s2, e2) in zip(pieces, pieces[1:]):
        assert e1 <= s2
    for start, end in pieces:
        assert 0 <= start < end <= len(text)


@pytest.fixture(scope="module")
def seed(nlp):
    return newsgraph.analyze(shared_file(SEED).read_text(encoding="utf-8"))


def _statement(result, speaker_startswith):
    found = [i for i, s in enumerate(result.statements) if (s.speaker or "").startswith(speaker_startswith)]
    assert found, [s.speaker for s in result.statements]
    return found[0]


def test_seed_chains(seed):
    links = list(seed.source_links)
    official = _statement(seed, "A senior defence official")
    assert chain_of(links, official)[:2] == ["Dawn", "The Washington Post"]
    assert chain_of(links, official)[-1] == "A senior defence official"
    assert seed.statements[official].anonymous and seed.statements[official].speaker_country == "USA"
    assert seed.statements[official].speaker_sector == "MIL"
    watson = [i for i, s in enumerate(seed.statements) if s.speaker_actor_id == "person:adrienne-watson"][0]
    assert chain_of(links, watson) == ["Dawn", "The Washington Post", "Adrienne Watson"]
    assessment = _statement(seed, "a leaked Pentagon assessment")
    assert seed.statements[assessment].kind == "document"
    assert "staging ground" in seed.statements[assessment].content
    assert chain_of(links, assessment) == ["Dawn", "The Washington Post", "a leaked Pentagon assessment"]


def test_seed_direct_quotes_have_speakers(seed):
    text = seed.article.text
    direct = [s for s in seed.statements if s.direct]
    for quote in find_quotes(text):
        if "single-quotes" in quote.flags:
            continue
        holders = [s for s in direct if any(a <= quote.start and quote.end <= b for a, b in s.content_spans)]
        assert holders, text[quote.start:quote.end]
        assert holders[0].speaker, text[quote.start:quote.end]
    he = [s for s in seed.statements if s.speaker == "he"]
    assert he and all(s.speaker_actor_id == "person:suhail-shaheen" for s in he)


def test_seed_rejection_disputes_the_assessment(seed):
    shaheen = [i for i, s in enumerate(seed.statements) if s.speaker_actor_id == "person:suhail-shaheen"][0]
    disputed = seed.statements[shaheen].disputes
    assert disputed is not None and seed.statements[disputed].speaker == "a leaked Pentagon assessment"


def test_eval_quotes_command_on_a_small_polnear_folder(tmp_path, nlp):
    import json

    from click.testing import CliRunner

    from newsgraph.cli import cli

    text = "The minister said that the border would reopen on Monday.\n"
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc1.txt").write_text(text, encoding="utf-8")
    source, cue, content = (0, 12), (13, 17), (18, 56)
    assert text[content[0]:content[1]] == "that the border would reopen on Monday"
    (tmp_path / "attributions" / "doc1_aaaa.ann").write_text(
        f"T1\tSource {source[0]} {source[1]}\t{text[source[0]:source[1]]}\n"
        f"T2\tCue {cue[0]} {cue[1]}\t{text[cue[0]:cue[1]]}\n"
        f"T3\tContent {content[0]} {content[1]}\t{text[content[0]:content[1]]}\n"
        f"T4\tAttribution {cue[0]} {cue[1]}\t{text[cue[0]:cue[1]]}\n"
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["eval", "quotes", "--polnear", str(tmp_path), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["n_docs"] == 1
    for key in ("source_f1_exact", "cue_f1_exact", "content_f1_exact", "source_f1_overlap", "cue_f1_overlap",
                "content_f1_overlap"):
        assert scores[key] == 1.0, key


def test_eval_quotes_bad_folder_is_a_clear_error(tmp_path):
    from click.testing import CliRunner

    from newsgraph.cli import cli

    result = CliRunner().invoke(cli, ["eval", "quotes", "--polnear", str(tmp_path)])
    assert result.exit_code == 2 and "error:" in result.stderr


def test_title_case_headline_cue(nlp):
    """A title-case first line the parser reads as one name still gives its cue, source and content."""
    result = newsgraph.analyze("Harbour Workers Union Praises New Port Safety Rules\n\nThe union welcomed the rules on Monday.",
                               clean=False)
    headline = [s for s in result.statements if s.rule == "headline:praise"]
    assert len(headline) == 1
    assert (headline[0].speaker, headline[0].cue, headline[0].content) == (
        "Harbour Workers Union", "Praises", "New Port Safety Rules")
    plain = newsgraph.analyze("Harbour workers praised the rules\n\nThe union welcomed them on Monday.", clean=False)
    assert not any(s.rule.startswith("headline:") for s in plain.statements)


def test_cue_words_are_strings():
    """YAML reads a bare on / no / yes / off as a boolean: every word in cues.yaml must stay a string."""
    from newsgraph.extract.quotes import load_cues

    cues = load_cues()
    assert all(isinstance(p, str) for particles in cues.phrasal.values() for p in particles)
    assert "on" in cues.phrasal["call"] and "no" in cues.negations


@pytest.mark.parametrize("text", [
    "Some Indian media outlets reported on Wednesday evening, citing officials in New Delhi, that the long-running "
    "boundary dispute over Kalapani and Lipulekh had also been raised during the talks.",  # the sample corpus
    "The paper reported last year, citing current and former officials, that the base would close.",
])
def test_no_statement_says_its_own_speaker(nlp, text):
    """A misparsed "citing X" once gave X as both the speaker and what was said."""
    statements = newsgraph.analyze(text).statements
    assert statements
    for s in statements:
        if s.speaker_start is not None:
            assert not any(start < s.speaker_end and s.speaker_start < end for start, end in s.content_spans) \
                or s.kind == "according-to", (s.speaker, s.cue, s.content)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a live blog's label before a colon is no speaker
        ("The Latest: Storm closes ports along the northern coast\n\nThe storm reached the coast.", []),
        # a headline noun in -er is no cue verb ("Supporter" is not "support")
        ("Longtime Supporter Leaves the Party Over the Tax Plan\n\nThe party lost members in May.", []),
        # a headline's cue verb is found
        ("Longtime Donor Praises the Party Over the Tax Plan\n\nThe party lost members in May.",
         [("Longtime Donor", "Praises")]),
    ],
)
def test_first_line_kept_verbatim(text, expected):
    """Texts taken as they are (an evaluation corpus's files): the first line is part of the text."""
    from newsgraph.model import RawDocument
    from newsgraph.pipeline import process

    [result] = process([RawDocument(uri="case", text=text, hints={"verbatim": True})])
    assert [(s.speaker, s.cue) for s in result.statements] == expected
