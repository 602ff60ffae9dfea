"""The batch function and the Python API, with the real spaCy model."""
from __future__ import annotations

import datetime as dt

import pytest

import newsgraph
from newsgraph import errors
from newsgraph.errors import InputError
from newsgraph.model import IngestError, RawDocument
from newsgraph.pipeline import article_id, process

from .conftest import SEED, shared_file

STORY = (
    "Ceasefire talks resume in Doha\n\n"
    "DOHA: Negotiators from Sudan's army and the Rapid Support Forces met in Doha on Monday, "
    "Qatari mediators said.\n\nThe United Nations welcomed the meeting.\n\nPublished in Dawn, May 6th, 2024\n"
)


def test_analyze_returns_article_and_offsets_that_match(nlp):
    result = newsgraph.analyze(STORY, url="https://example.org/doha")
    article = result.article
    assert article.headline == "Ceasefire talks resume in Doha"
    assert article.publisher == "Dawn" and article.published == dt.date(2024, 5, 6)
    assert article.dateline == "DOHA" and article.uri == "https://example.org/doha"
    assert article.id == article_id(article.text)
    assert result.mentions, "the model finds named entities"
    for mention in result.mentions:
        assert article.text[mention.start:mention.end] == mention.text
    assert {"Doha", "the United Nations"} & {m.text for m in result.mentions}


def test_caller_metadata_wins_over_the_page(nlp):
    result = newsgraph.analyze(STORY, publisher="Reuters", published="2024-05-07")
    assert result.article.publisher == "Reuters"
    assert result.article.published == dt.date(2024, 5, 7)


def test_analyze_bad_published_is_a_clear_error(nlp):
    with pytest.raises(InputError) as info:
        newsgraph.analyze(STORY, published="next Tuesday")
    assert info.value.code == errors.BAD_METADATA


@pytest.mark.parametrize("text", ["", "   ", "Leave a Reply\n\nYour email address will not be published.\n",
                                  '\n\n"\n\n\u201d\n\n--- * ---\n'])  # only quote marks and symbols
def test_analyze_without_article_text_is_a_clear_error(nlp, text):
    with pytest.raises(InputError) as info:
        newsgraph.analyze(text)
    assert info.value.code == errors.NO_TEXT


def test_process_keeps_order_and_passes_errors_through(nlp):
    items = [
        RawDocument("a", "First story.\n\nIt happened in Kabul."),
        IngestError("b", errors.BINARY, "binary file (PNG image), not text"),
        RawDocument("c", "Share on Facebook\n"),
        RawDocument("d", "Second story about Nairobi."),
    ]
    results = list(process(items, nlp=nlp, batch_size=2))
    assert [type(r).__name__ for r in results] == ["Analysis", "IngestError", "IngestError", "Analysis"]
    assert results[2].code == errors.NO_TEXT and results[2].uri == "c"
    assert results[3].article.uri == "d"


def test_too_long_text_is_refused(nlp):
    (result,) = list(process([RawDocument("long", "A sentence of text. " * 10)], nlp=nlp, max_chars=50))
    assert isinstance(result, IngestError) and result.code == errors.TOO_LONG


def test_seed_through_the_pipeline(nlp):
    result = newsgraph.analyze(shared_file(SEED).read_text(encoding="utf-8"))
    article = result.article
    assert (article.headline, article.publisher, article.published, article.dateline) == (
        "Afghan Taliban ready to help US in countering IS: report", "Dawn", dt.date(2023, 4, 25), "WASHINGTON",
    )
    names = {m.text for m in result.mentions}
    assert {"Suhail Shaheen", "Adrienne Watson"} <= names


def test_records_per_article_are_capped_and_the_cut_is_recorded(nlp):
    text = "Kenya and Somalia met. " * 10 + "The minister said the talks went well."
    (result,) = list(process([RawDocument("many", text)], nlp=nlp, max_records=3))
    assert len(result.mentions) == 3
    notes = [step for step in result.article.cleaning if step.action == "truncated"]
    assert notes and notes[0].rule == "max-records-per-kind" and "mentions: kept 3 of" in notes[0].line
    assert all(m.refers_to is None or m.refers_to < 3 for m in result.mentions)
    (full,) = list(process([RawDocument("many", text)], nlp=nlp))
    assert len(full.mentions) > 3 and not [s for s in full.article.cleaning if s.action == "truncated"]


def test_run_on_text_is_cut_into_sentences_for_the_parser_and_the_cut_is_recorded(nlp):
    from newsgraph.nlp import MAX_SENTENCE_TOKENS

    words = "officials in Kabul said the talks with Pakistan would go on".split()
    text = " ".join(words[i % len(words)] for i in range(MAX_SENTENCE_TOKENS * 3 + 10))
    (result,) = list(process([RawDocument("run-on", text)], nlp=nlp))
    steps = [s for s in result.article.cleaning if s.action == "split"]
    assert steps and steps[0].rule == "max-sentence-tokens" and steps[0].line.startswith("3 runs")
    doc = nlp(text)
    assert max(len(sentence) for sentence in doc.sents) <= MAX_SENTENCE_TOKENS
    (plain,) = list(process([RawDocument("short", "Officials said the talks would go on.")], nlp=nlp))
    assert not [s for s in plain.article.cleaning if s.action == "split"]


@pytest.mark.parametrize("text, first_words", [
    # a paragraph's closing quote mark stays with it; the next paragraph starts a sentence
    ('The medic said: "We buried them at night."\n\nThe army accused the rebels of the attack.',
     ["The", "The"]),
    # a line with no final stop (a heading) is a sentence of its own
    ("Talks resume in Doha\n\nMediators said on Monday that talks would resume.", ["Talks", "Mediators"]),
])
def test_a_paragraph_starts_a_sentence(nlp, text, first_words):
    sentences = [s for s in nlp(text).sents if not s.text.isspace()]
    assert [s[0].text for s in sentences] == first_words
    assert sentences[0].text.rstrip().endswith(('."', "Doha"))


def test_the_accusing_army_of_a_later_paragraph_is_the_source(nlp):
    text = ("The medic said: \"We buried them at night.\"\n\n"
            "The army accused the rebels of the attack.")
    accusations = [e for e in newsgraph.analyze(text).events if e.trigger == "accused"]
    assert accusations and accusations[0].source_text == "The army"
