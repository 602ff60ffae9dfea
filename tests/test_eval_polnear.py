"""PolNeAR loader and scorer: tiny synthetic corpora in tmp_path, plus a check on the real dev split."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph.evaluation.polnear import Attribution, GoldDoc, describe_cues, load_polnear, main, score

from .conftest import SHARED

POLNEAR_DEV = SHARED / "data" / "polnear" / "dev"


def at(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of phrase in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def tline(ident: str, kind: str, text: str, *spans: tuple[int, int]) -> str:
    offsets = ";".join(f"{s} {e}" for s, e in spans)
    return f"{ident}\t{kind} {offsets}\t{' '.join(text[s:e] for s, e in spans)}"


def make_corpus(root: Path, articles: dict[str, tuple[str, dict[str, str]]]) -> Path:
    """articles: name -> (text, {annotator: .ann content}); returns the split folder."""
    (root / "text").mkdir(parents=True, exist_ok=True)
    (root / "attributions").mkdir(exist_ok=True)
    for name, (text, anns) in articles.items():
        (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8", newline="")
        for annotator, ann in anns.items():
            (root / "attributions" / f"{name}_{annotator}.ann").write_text(ann, encoding="utf-8")
    return root


# --------------------------------------------------------------------------------------------
# Parsing

SIMPLE = "Officials said the ferry was late again.\n"
QUOTE = '"We will win the cup," the coach said, "because we trained all winter."\n'
PASSIVE = "It was reported that the old lighthouse had been sold.\n"
WRAPPED = "The mayor announced:\nthe market opens on Sunday.\nNothing else changed.\n"


def _simple(t: str = SIMPLE):
    ann = "\n".join([
        tline("T1", "Source", t, at(t, "Officials")),
        tline("T2", "Cue", t, at(t, "said")),
        tline("T3", "Content", t, at(t, "the ferry was late again")),
        tline("T4", "Attribution", t, at(t, "said")),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    ]) + "\n"
    expected = [Attribution(source=(at(t, "Officials"),), cue=(at(t, "said"),),
                            content=(at(t, "the ferry was late again"),))]
    return t, ann, expected


def _discontinuous():
    t = QUOTE
    first, second = at(t, '"We will win the cup,"'), at(t, '"because we trained all winter."')
    ann = "\n".join([
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",  # event before its T lines
        tline("T1", "Source", t, at(t, "the coach")),
        tline("T2", "Cue", t, at(t, "said")),
        tline("T3", "Content", t, first, second),
        tline("T4", "Attribution", t, at(t, "said")),
    ]) + "\n"
    expected = [Attribution(source=(at(t, "the coach"),), cue=(at(t, "said"),), content=(first, second))]
    return t, ann, expected


def _no_source():
    t = PASSIVE
    ann = "\n".join([
        tline("T1", "Cue", t, at(t, "was reported")),
        tline("T2", "Content", t, at(t, "the old lighthouse had been sold")),
        tline("T3", "Attribution-no-source", t, at(t, "was reported")),
        "E1\tAttribution-no-source:T3 ",  # a stub event with nothing but its trigger: skipped
        "E2\tAttribution-no-source:T3 Cue:T1 Content:T2",
    ]) + "\n"
    expected = [Attribution(source=(), cue=(at(t, "was reported"),),
                            content=(at(t, "the old lighthouse had been sold"),))]
    return t, ann, expected


def _content2_and_extras():
    t = QUOTE
    first, second = at(t, '"We will win the cup,"'), at(t, '"because we trained all winter."')
    ann = "\n".join([
        tline("T1", "Source", t, at(t, "the coach")),
        tline("T2", "Cue", t, at(t, "said")),
        tline("T3", "Content", t, first),
        tline("T4", "Attribution", t, at(t, "said")),
        tline("T5", "Content", t, second),
        tline("T6", "Discuss", t, at(t, "cup")),
        "E1\tAttribution:T4 Cue:T2 Source:T1 Content:T3 Content2:T5",
        "A1\tNegated E1",
        "R1\tRelated Arg1:T1 Arg2:T2",
        "#1\tAnnotatorNotes T3\tis the second quote part of it?",
        "",
    ]) + "\n\n"
    expected = [Attribution(source=(at(t, "the coach"),), cue=(at(t, "said"),), content=(first, second))]
    return t, ann, expected


def _multiline_text():
    t = WRAPPED
    content = at(t, "the market opens on Sunday.\nNothing else changed.")
    ann = "\n".join([
        tline("T1", "Source", t, at(t, "The mayor")),
        tline("T2", "Cue", t, at(t, "announced")),
        tline("T3", "Content", t, content),  # its text field runs over two lines of the .ann file
        tline("T4", "Attribution", t, at(t, "announced")),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    ]) + "\n"
    expected = [Attribution(source=(at(t, "The mayor"),), cue=(at(t, "announced"),), content=(content,))]
    return t, ann, expected


@pytest.mark.parametrize("case", [_simple, _discontinuous, _no_source, _content2_and_extras, _multiline_text],
                         ids=["continuous", "discontinuous", "no-source", "content2-and-ignored-lines",
                              "multiline-text"])
def test_parse(tmp_path, case):
    text, ann, expected = case()
    folder = make_corpus(tmp_path / "split", {"news_2016-01-01_story": (text, {"4b22": ann})})
    [doc] = load_polnear(folder)
    assert doc == GoldDoc(name="news_2016-01-01_story", text=text, annotator="4b22",
                          attributions=tuple(expected))


def test_first_annotator_is_used_and_articles_without_ann_are_skipped(tmp_path):
    t, ann, expected = _simple()
    other = "\n".join([tline("T1", "Cue", t, at(t, "was late")), tline("T2", "Attribution", t, at(t, "was late")),
                       "E1\tAttribution:T2 Cue:T1"]) + "\n"
    folder = make_corpus(tmp_path / "split", {
        "b_article": (t, {"f00d": other, "0a1f": ann, "c3d4": other}),
        "a_article": (t, {"beef": other}),
        "c_unannotated": (t, {}),
    })
    docs = load_polnear(folder)
    assert [(d.name, d.annotator) for d in docs] == [("a_article", "beef"), ("b_article", "0a1f")]
    assert docs[1].attributions == tuple(expected)
    assert [d.name for d in load_polnear(folder, limit=1)] == ["a_article"]


HEADED = "Ferry news\nUpdated at noon\n" + SIMPLE
HEADED_CRLF = HEADED.replace("\n", "\r\n")


@pytest.mark.parametrize("file_text, offsets_text", [
    ("\ufeff" + SIMPLE, SIMPLE),  # byte-order mark not counted in the offsets
    (HEADED_CRLF, HEADED),        # CRLF line ends, offsets counted with "\n"
    (HEADED_CRLF, HEADED_CRLF),   # CRLF line ends, offsets counted on the raw file
], ids=["bom", "crlf-translated", "crlf-raw"])
def test_text_file_conventions(tmp_path, file_text, offsets_text):
    _, ann, expected = _simple(offsets_text)
    folder = make_corpus(tmp_path / "split", {"art": ("", {"aaaa": ann})})
    (folder / "text" / "art.txt").write_bytes(file_text.encode("utf-8"))
    [doc] = load_polnear(folder)
    assert doc.text == offsets_text
    assert doc.attributions == tuple(expected)
    assert [doc.text[slice(*a.cue[0])] for a in doc.attributions] == ["said"]


@pytest.mark.parametrize("bad_line, message", [
    ("T9\tCue twelve 16\tsaid", "bad span"),
    ("T9\tCue 16 12\tsaid", "ends before it starts"),
    ("T9\tCue 10 14\tsays", "offsets do not match"),
    ("T9\tCue 10 400\tsaid", "beyond the end"),
    ("E9\tAttribution:T4 Cue:T99", "T99"),
    ("E9\tAttribution:T4 Cue", "Role:Id"),
    ("this line is not brat", "not a brat annotation line"),
], ids=["non-numeric", "reversed", "wrong-text", "past-end", "unknown-ref", "bad-arg", "garbage"])
def test_malformed_line_names_file_and_line(tmp_path, bad_line, message):
    _, ann, _ = _simple()
    folder = make_corpus(tmp_path / "split", {"art": (SIMPLE, {"ab12": ann + bad_line + "\n"})})
    with pytest.raises(ValueError, match=message) as error:
        load_polnear(folder)
    assert "art_ab12.ann" in str(error.value)
    assert "line 6" in str(error.value)


def test_layout_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere"):
        load_polnear(tmp_path / "nowhere")
    (tmp_path / "corpus" / "train" / "text").mkdir(parents=True)
    with pytest.raises(FileNotFoundError, match="corpus root"):
        load_polnear(tmp_path / "corpus")
    _, ann, _ = _simple()
    folder = make_corpus(tmp_path / "split", {"art": (SIMPLE, {"ab12": ann})})
    (folder / "text" / "art.txt").unlink()
    with pytest.raises(FileNotFoundError, match=r"art\.txt"):
        load_polnear(folder)
    (folder / "attributions" / "noannotator.ann").write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match="noannotator.ann"):
        load_polnear(folder)


# --------------------------------------------------------------------------------------------
# Scoring

RAIN = "Forecasters said rain falls on the coast tomorrow, and the harbour master agreed.\n"


def _rain_doc() -> GoldDoc:
    t = RAIN
    return GoldDoc(name="rain", text=t, annotator="aaaa", attributions=(
        Attribution(source=(at(t, "Forecasters"),), cue=(at(t, "said"),), content=(at(t, "rain falls"),)),
        Attribution(source=(at(t, "the harbour master"),), cue=(at(t, "agreed"),), content=()),
    ))


def _quote_doc() -> GoldDoc:
    t = QUOTE
    return GoldDoc(name="quote", text=t, annotator="aaaa", attributions=(
        Attribution(source=(at(t, "the coach"),), cue=(at(t, "said"),),
                    content=(at(t, '"We will win the cup,"'), at(t, '"because we trained all winter."'))),
    ))


def _widen(span: tuple[int, int], left: int = 0, right: int = 0) -> tuple[int, int]:
    return span[0] - left, span[1] + right


def _rain_with_content(content: tuple[tuple[int, int], ...]):
    doc = _rain_doc()
    first = doc.attributions[0]
    return [Attribution(source=first.source, cue=first.cue, content=content), doc.attributions[1]]


CONTENT = at(RAIN, "rain falls")  # 10 characters


@pytest.mark.parametrize("predict, expected", [
    (lambda doc: doc.attributions,
     {f"{r}_f1_{m}": 1.0 for r in ("source", "cue", "content") for m in ("exact", "overlap")}),
    (lambda doc: [],
     {f"{r}_{k}_{m}": 0.0 for r in ("source", "cue", "content") for k in ("f1", "precision", "recall")
      for m in ("exact", "overlap")} | {"n_predicted_attributions": 0}),
    # off by surrounding whitespace: still exact
    (lambda doc: [Attribution(source=tuple(_widen(s, 0, 1) for s in a.source),
                              cue=tuple(_widen(s, 1, 0) for s in a.cue),
                              content=tuple(_widen(s, 1, 1) for s in a.content) if doc.name == "rain"
                              else a.content)
                  for a in doc.attributions],
     {"source_f1_exact": 1.0, "cue_f1_exact": 1.0, "content_f1_exact": 1.0}),
    # 60% of the gold content ("rain f"): overlap but not exact
    (lambda doc: _rain_with_content(((CONTENT[0], CONTENT[0] + 6),)) if doc.name == "rain" else doc.attributions,
     {"content_f1_exact": 0.5, "content_recall_exact": 0.5, "content_f1_overlap": 1.0, "cue_f1_exact": 1.0}),
    # 40% of the gold content ("rain"): no match at all
    (lambda doc: _rain_with_content(((CONTENT[0], CONTENT[0] + 4),)) if doc.name == "rain" else doc.attributions,
     {"content_f1_exact": 0.5, "content_f1_overlap": 0.5, "content_precision_overlap": 0.5}),
    # duplicated predictions: each gold item is matched once
    (lambda doc: list(doc.attributions) * 2,
     {"cue_precision_exact": 0.5, "cue_recall_exact": 1.0, "cue_f1_exact": 0.6667, "content_f1_overlap": 0.6667,
      "n_predicted_attributions": 6, "n_gold_attributions": 3}),
    # a discontinuous gold content predicted as one continuous span: overlap only
    (lambda doc: doc.attributions if doc.name == "rain" else
     [Attribution(source=a.source, cue=a.cue, content=((a.content[0][0], a.content[-1][1]),))
      for a in doc.attributions],
     {"content_f1_exact": 0.5, "content_f1_overlap": 1.0}),
    # one wide prediction covering both sources: it matches only one of them
    (lambda doc: [Attribution(source=((0, len(RAIN) - 1),))] if doc.name == "rain" else doc.attributions,
     {"source_recall_overlap": 0.6667, "source_precision_overlap": 1.0, "source_f1_exact": 0.4}),
], ids=["gold", "nothing", "whitespace", "content-60pct", "content-40pct", "duplicates",
        "discontinuous-as-one", "one-to-one"])
def test_score(predict, expected):
    result = score([_rain_doc(), _quote_doc()], predict)
    for key in ("source_f1_exact", "source_f1_overlap", "cue_f1_exact", "cue_f1_overlap",
                "content_f1_exact", "content_f1_overlap", "n_docs", "n_gold_attributions",
                "n_predicted_attributions"):
        assert key in result
    assert result["n_docs"] == 2
    assert {key: result[key] for key in expected} == expected


def test_score_rejects_spans_outside_the_text():
    with pytest.raises(ValueError, match="rain"):
        score([_rain_doc()], lambda doc: [Attribution(cue=((5, 10_000),))])


def test_describe_cues_and_stats_command(tmp_path, capsys):
    folder = tmp_path / "split"
    for name, case in (("a", _simple), ("b", _no_source), ("c", _discontinuous)):
        text, ann, _ = case()
        make_corpus(folder, {name: (text, {"1234": ann})})
    docs = load_polnear(folder)
    assert describe_cues(docs) == {"said": 2, "was reported": 1}
    assert main([str(folder), "--stats"]) == 0
    out = capsys.readouterr().out
    assert "docs: 3" in out and "attributions: 3" in out
    assert "without a source: 1 (33.3%)" in out
    assert re.search(r"^\s+2  said$", out, re.M)
    assert main([str(tmp_path / "missing")]) == 2


# --------------------------------------------------------------------------------------------
# The real dev split (only where ../shared is present)

_RECORD = re.compile(r"(?:[A-Z]\d+|#\d*|\*)\t")


def test_real_dev_offsets_match_text():
    if not POLNEAR_DEV.is_dir():
        pytest.skip(f"PolNeAR dev split not found at {POLNEAR_DEV}: skipping the real-data check")
    ann_files = sorted((POLNEAR_DEV / "attributions").glob("*.ann"))
    checked = 0
    for ann in ann_files:
        text = (POLNEAR_DEV / "text" / (ann.stem.rsplit("_", 1)[0] + ".txt")).read_text(encoding="utf-8")
        records: list[str] = []
        for line in ann.read_text(encoding="utf-8").rstrip("\n").split("\n"):
            if _RECORD.match(line) or not records or not records[-1].startswith("T"):
                records.append(line)
            else:  # a span text running over a line break
                records[-1] += "\n" + line
        for record in records:
            if not record.startswith("T"):
                continue
            _, field, span_text = record.split("\t", 2)
            pieces = [tuple(map(int, piece.split())) for piece in field.split(" ", 1)[1].split(";")]
            assert " ".join(text[s:e] for s, e in pieces) == span_text, f"{ann.name}: {record[:80]}"
            checked += 1
    assert checked > 1000

    docs = load_polnear(POLNEAR_DEV)
    assert len(docs) == len({ann.stem.rsplit("_", 1)[0] for ann in ann_files})
    assert sum(len(doc.attributions) for doc in docs) > 1000
    assert any(not a.source for doc in docs for a in doc.attributions)
    assert any(len(a.content) > 1 for doc in docs for a in doc.attributions)
    result = score(docs, lambda doc: doc.attributions)
    assert all(result[f"{r}_f1_{m}"] == 1.0 for r in ("source", "cue", "content") for m in ("exact", "overlap"))


def _statement(text: str, cue: str, content: tuple[int, int], speaker: str):
    """A statement record over ``text``: the cue's first occurrence, the content span, the speaker's phrase."""
    from newsgraph.model import Statement

    cue_start, (content_start, content_end) = text.index(cue), content
    return Statement(article_id="a", start=content_start, end=content_end, content=text[content_start:content_end],
                     direct="“" in text, content_spans=(content,), cue=cue, cue_start=cue_start,
                     cue_end=cue_start + len(cue), speaker=speaker, speaker_start=text.index(speaker),
                     speaker_end=text.index(speaker) + len(speaker))


@pytest.mark.parametrize(
    "text, cue, expected",
    [
        ("Ruth Ellis said in a statement that the vote was fair.", "said", "said in a statement"),
        ("Ruth Ellis said in a phone interview that the vote was fair.", "said", "said in a phone interview"),
        ("Ruth Ellis said in Nairobi that the vote was fair.", "said", "said"),
        ("“The vote was fair,” Ruth Ellis said about the count.", "said", "said about the count"),
        ("“The vote was fair,” Ruth Ellis said on Monday.", "said", "said"),
        ("Ruth Ellis said: “The vote was fair.”", "said", "said:"),
        ("Ruth Ellis wrote in an email that the vote was fair.", "wrote in", "wrote in an email"),
        ("Ruth Ellis wrote in the Standard that the vote was fair.", "wrote in", "wrote in"),
    ],
)
def test_adapter_cue_takes_setting_and_trailing_phrase(text, cue, expected):
    from newsgraph.evaluation.quotes import to_attribution

    content_start = text.index("“") if "“" in text else text.index("that")
    content_end = text.index("”") + 1 if "“" in text else len(text) - 1
    attribution = to_attribution(text, _statement(text, cue, (content_start, content_end), "Ruth Ellis"))
    (start, end), = attribution.cue
    assert text[start:end] == expected


@pytest.mark.parametrize(
    "text, speaker, expected",
    [
        ("Ruth Ellis, who said the vote was fair, left early.", "Ruth Ellis, who", "who"),
        ("The union, which said the vote was fair, will strike.", "The union, which", "which"),
        ("Nations that said the vote was fair sent envoys.", "Nations that", "Nations that"),
        ("Ruth Ellis said the vote was fair.", "Ruth Ellis", "Ruth Ellis"),
        ("Ruth Ellis, a lawyer, said the vote was fair.", "Ruth Ellis, a lawyer", "Ruth Ellis, a lawyer,"),
        ("Ellis, Lee said the vote was fair.", "Lee", "Lee"),
    ],
)
def test_adapter_source_of_relative_clause_is_the_pronoun(text, speaker, expected):
    from newsgraph.evaluation.quotes import to_attribution

    content = (text.index("said") + len("said "), text.index("fair") + len("fair"))
    (start, end), = to_attribution(text, _statement(text, "said", content, speaker)).source
    assert text[start:end] == expected
