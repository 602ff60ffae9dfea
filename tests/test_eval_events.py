"""PLOVER and ConfliBERT loaders and scorers: small synthetic files in tmp_path, plus shape checks on the real files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.evaluation.events import (
    OLD_NAMES,
    PLOVER_TYPES,
    GoldEvent,
    PredictedEvent,
    cameo_to_class,
    confusion_matrix,
    format_confusion,
    load_conflibert,
    load_plover,
    score_conflibert,
    score_plover,
)

from .conftest import SHARED, shared_file

PLOVER_DEV = SHARED / "data" / "plover-gsr" / "dev.jsonl"
CONFLIBERT_TRAIN = SHARED / "data" / "conflibert-cameo" / "class_train.tsv"

MISSING = object()  # a field left out of the record


def record(ident: str = "R-1", event: str = "AGREE", source=MISSING, target=MISSING,
           text: str = "The river towns agreed to share the new ferry.") -> dict:
    data = {"id": ident, "text": text, "event": event, "context": "",
            "textInfo": {"markup": text}}
    if source is not MISSING:
        data["source"] = source
    if target is not MISSING:
        data["target"] = target
    return data


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def actor(code, text: str = "someone", **extra) -> dict:
    data = {"actorText": text, **extra}
    if code is not MISSING:
        data["code"] = code
    return data


def gold(type_: str, sources=(), targets=(), ident: str = "g") -> GoldEvent:
    return GoldEvent(id=ident, text="", type=type_, sources=tuple(sources), targets=tuple(targets))


def oracle(table: dict[str, list[PredictedEvent]]):
    return lambda event: table.get(event.id, [])


# --------------------------------------------------------------------------------------------
# PLOVER loading


def test_plover_types_are_the_sixteen():
    assert len(PLOVER_TYPES) == len(set(PLOVER_TYPES)) == 16
    assert set(OLD_NAMES.values()) <= set(PLOVER_TYPES)


@pytest.mark.parametrize(("written", "expected"), [
    ("DEMAND", "REQUEST"),
    ("DISAPPROVE", "ACCUSE"),
    ("INVESTIGATE", "ACCUSE"),
    ("FIGHT", "ASSAULT"),
    ("AGREE", "AGREE"),
    ("REQUEST", "REQUEST"),
    ("assault", "ASSAULT"),
    (" Protest ", "PROTEST"),
    ("demand", "REQUEST"),
])
def test_old_names_map_to_plover_2(tmp_path, written, expected):
    events = load_plover(write_jsonl(tmp_path / "g.jsonl", [record(event=written)]))
    assert [e.type for e in events] == [expected]


@pytest.mark.parametrize("written", ["YIELD", "", "MEET", None, 12])
def test_unknown_event_type_is_an_error_naming_the_record(tmp_path, written):
    path = write_jsonl(tmp_path / "g.jsonl", [record("R-1"), record("R-2", event=written)])
    with pytest.raises(ValueError, match="line 2.*R-2"):
        load_plover(path)


SHAPES = [
    # (field value, expected codes)
    ([actor("FRA"), actor("DEU")], ("FRA", "DEU")),
    ([actor("FRA")], ("FRA",)),
    (actor("FRA"), ("FRA",)),
    ("", ()),
    (MISSING, ()),
    ("lowland", ()),        # a bare word that names no actor
    (None, ()),
    ([], ()),
    ([actor("fra")], ("FRA",)),
    ([actor(" nor ")], ("NOR",)),
    ([actor("---")], (None,)),
    ([actor("")], (None,)),
    ([actor(MISSING)], (None,)),
    ([actor(None)], (None,)),
    ([actor("FR")], (None,)),
    ([actor("FRAN")], (None,)),
    ([actor("GOV")], ("GOV",)),   # three letters: kept (the loader does not know every ISO code)
    ([actor("IGO")], (None,)),    # organisations that are not states
    ([actor("NGO")], (None,)),
    ([actor("IMG")], (None,)),
    ([actor("ITL")], ("ITA",)),   # non-ISO codes for states are corrected
    ([actor("JAP")], ("JPN",)),
    ([actor("VTN")], ("VNM",)),
    ([actor("CHL", sector="GOV"), actor("IGO", sector="MIL")], ("CHL", None)),
]


@pytest.mark.parametrize(("value", "expected"), SHAPES)
@pytest.mark.parametrize("role", ["source", "target"])
def test_source_and_target_shapes(tmp_path, role, value, expected):
    other = [actor("PER")]
    fields = {"source": other, "target": other, role: value}
    events = load_plover(write_jsonl(tmp_path / "g.jsonl", [record(**fields)]))
    event = events[0]
    assert getattr(event, f"{role}s") == expected
    assert getattr(event, "targets" if role == "source" else "sources") == ("PER",)


@pytest.mark.parametrize(("line", "message"), [
    ("{not json", "not JSON"),
    ('["a list"]', "JSON object"),
    (json.dumps({"text": "x", "event": "AGREE"}), "without an id"),
    (json.dumps({"id": "R-9", "text": "x"}), "without an event"),
    (json.dumps(record("R-9", source=[7])), "actor should be an object"),
    (json.dumps(record("R-9", target=7)), "expected a list of actors"),
])
def test_bad_plover_records(tmp_path, line, message):
    path = tmp_path / "g.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_plover(path)


def test_duplicate_ids_and_blank_lines(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text("\n" + json.dumps(record("A")) + "\n\n" + json.dumps(record("B")) + "\n", encoding="utf-8")
    assert [e.id for e in load_plover(path)] == ["A", "B"]
    write_jsonl(path, [record("A"), record("A")])
    with pytest.raises(ValueError, match="duplicate id"):
        load_plover(path)


def test_loaded_event_keeps_id_and_text(tmp_path):
    text = "Two harbour cities agreed to rebuild the old bridge together."
    path = write_jsonl(tmp_path / "g.jsonl", [record("X-7", "AGREE", [actor("NZL"), actor("FJI")], "", text)])
    assert load_plover(path) == [GoldEvent("X-7", text, "AGREE", ("NZL", "FJI"), ())]


# --------------------------------------------------------------------------------------------
# PLOVER scoring

GOLD = [
    gold("AGREE", ["NZL", "FJI"], [], "a"),
    gold("PROTEST", ["CHL"], [None], "b"),
    gold("AID", ["NOR"], ["PER"], "c"),
]
SCALARS = ("type_micro_f1", "type_macro_f1", "triple_f1", "type_micro_precision",
           "type_micro_recall", "triple_precision", "triple_recall")


def test_perfect_prediction_scores_one_everywhere():
    result = score_plover(GOLD, lambda g: [PredictedEvent(g.type, g.sources, g.targets)])
    assert {k: result[k] for k in SCALARS} == dict.fromkeys(SCALARS, 1.0)
    assert result["n"] == 3
    assert all(row["f1"] == 1.0 for row in result["per_type"].values())
    assert result["confusion"] == {"AGREE": {"AGREE": 1}, "PROTEST": {"PROTEST": 1}, "AID": {"AID": 1}}


def test_result_keys():
    result = score_plover(GOLD, lambda g: [])
    assert set(result) == {*SCALARS, "n", "per_type", "confusion"}


def test_no_prediction_scores_zero():
    result = score_plover(GOLD, lambda g: [])
    assert {k: result[k] for k in SCALARS} == dict.fromkeys(SCALARS, 0.0)
    assert result["confusion"] == {"AGREE": {"none": 1}, "PROTEST": {"none": 1}, "AID": {"none": 1}}
    assert result["per_type"]["AGREE"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 1}


def test_none_from_predict_is_no_prediction():
    assert score_plover(GOLD, lambda g: None)["type_micro_f1"] == 0.0


def test_empty_gold():
    result = score_plover([], lambda g: [])
    assert result["n"] == 0 and result["type_micro_f1"] == 0.0 and result["confusion"] == {}


def test_wrong_type_is_a_false_positive_and_a_false_negative():
    result = score_plover([gold("PROTEST", ["CHL"])], lambda g: [PredictedEvent("ASSAULT", ("CHL",))])
    assert result["per_type"]["PROTEST"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 1}
    assert result["per_type"]["ASSAULT"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 1, "fn": 0}
    assert result["confusion"] == {"PROTEST": {"ASSAULT": 1}}
    assert result["triple_precision"] == result["triple_recall"] == 0.0


def test_hand_computed_micro_and_macro():
    predictions = {
        "a": [PredictedEvent("AGREE", ("NZL", "FJI"))],
        "b": [PredictedEvent("ASSAULT", ("CHL",))],
        "c": [PredictedEvent("SUPPORT", ("NOR",), ("PER",)), PredictedEvent("AID", ("NOR",), ("PER",))],
    }
    result = score_plover(GOLD, oracle(predictions))
    # types: TP AGREE, AID; FP ASSAULT, SUPPORT; FN PROTEST
    assert result["type_micro_precision"] == 0.5
    assert result["type_micro_recall"] == 0.6667
    assert result["type_micro_f1"] == 0.5714          # 2*2 / (2*2 + 2 + 1)
    assert result["type_macro_f1"] == 0.4             # (1 + 0 + 0 + 1 + 0) / 5
    assert set(result["per_type"]) == {"AGREE", "PROTEST", "AID", "SUPPORT", "ASSAULT"}
    # gold AID is among the predictions though not first: the pair is (AID, AID)
    assert result["confusion"] == {"AGREE": {"AGREE": 1}, "PROTEST": {"ASSAULT": 1}, "AID": {"AID": 1}}
    # triples: TP (NZL,AGREE,-) (FJI,AGREE,-) (NOR,AID,PER); FP (CHL,ASSAULT,-) (NOR,SUPPORT,PER); FN (CHL,PROTEST,-)
    assert result["triple_precision"] == 0.6
    assert result["triple_recall"] == 0.75
    assert result["triple_f1"] == 0.6667


def test_confusion_uses_first_prediction_when_gold_type_is_missing():
    result = score_plover([gold("AID")], lambda g: [PredictedEvent("COERCE"), PredictedEvent("SANCTION")])
    assert result["confusion"] == {"AID": {"COERCE": 1}}
    assert result["per_type"]["SANCTION"]["fp"] == 1


def test_repeated_predicted_type_counts_once_per_record():
    result = score_plover([gold("AID")], lambda g: [PredictedEvent("AID"), PredictedEvent("AID")])
    assert result["per_type"]["AID"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}


@pytest.mark.parametrize(("predicted", "precision", "recall", "f1"), [
    ([PredictedEvent("AGREE", ("NZL", "FJI"))], 1.0, 1.0, 1.0),
    ([PredictedEvent("AGREE", ("FJI", "NZL"))], 1.0, 1.0, 1.0),
    ([PredictedEvent("AGREE", ("NZL",))], 1.0, 0.5, 0.6667),
    ([PredictedEvent("AGREE", ("NZL",)), PredictedEvent("AGREE", ("FJI",))], 1.0, 1.0, 1.0),
    ([PredictedEvent("AGREE", ("NZL", "FJI", "TON"))], 0.6667, 1.0, 0.8),
    ([PredictedEvent("AGREE", ("NZL", "FJI"), ("TON",))], 0.0, 0.0, 0.0),   # None matches only None
    ([PredictedEvent("AGREE")], 0.0, 0.0, 0.0),
    ([PredictedEvent("AGREE", ("nzl", "fji"))], 1.0, 1.0, 1.0),             # codes normalised
])
def test_compound_sources_give_two_triples(predicted, precision, recall, f1):
    result = score_plover([GOLD[0]], lambda g: predicted)
    assert (result["triple_precision"], result["triple_recall"], result["triple_f1"]) == (precision, recall, f1)
    assert result["type_micro_f1"] == 1.0


@pytest.mark.parametrize(("gold_event", "predicted", "matches"), [
    (gold("AID", [], []), PredictedEvent("AID"), True),
    (gold("AID", [None], [None]), PredictedEvent("AID"), True),
    (gold("AID", [None], ["PER"]), PredictedEvent("AID", (None,), ("PER",)), True),
    (gold("AID", [None], ["PER"]), PredictedEvent("AID", ("IGO",), ("PER",)), True),   # IGO is no country
    (gold("AID", [None], ["PER"]), PredictedEvent("AID", ("NOR",), ("PER",)), False),
    (gold("AID", ["NOR"], ["PER"]), PredictedEvent("AID", (), ("PER",)), False),
    (gold("AID", ["NOR"], ["PER"]), PredictedEvent("AID", ("PER",), ("NOR",)), False),  # direction matters
])
def test_triple_matching(gold_event, predicted, matches):
    result = score_plover([gold_event], lambda g: [predicted])
    assert result["triple_f1"] == (1.0 if matches else 0.0)


def test_predicted_types_are_normalised_and_checked():
    result = score_plover([gold("REQUEST")], lambda g: [PredictedEvent("demand")])
    assert result["type_micro_f1"] == 1.0
    with pytest.raises(ValueError, match="not a PLOVER"):
        score_plover([gold("REQUEST")], lambda g: [PredictedEvent("PLEAD")])


def test_plover_from_a_file_end_to_end(tmp_path):
    path = write_jsonl(tmp_path / "g.jsonl", [
        record("E-1", "FIGHT", [actor("MLI")], [actor("BFA")], "Troops from one side shelled a border post."),
        record("E-2", "DEMAND", [actor("CAN"), actor("MEX")], "", "Two governments asked for new talks."),
    ])
    events = load_plover(path)
    assert [(e.type, e.sources, e.targets) for e in events] == [
        ("ASSAULT", ("MLI",), ("BFA",)), ("REQUEST", ("CAN", "MEX"), ())]
    result = score_plover(events, lambda g: [PredictedEvent(g.type, g.sources, g.targets)])
    assert result["triple_f1"] == 1.0 and result["n"] == 2


# --------------------------------------------------------------------------------------------
# Confusion matrix


def test_confusion_matrix_and_table():
    matrix = confusion_matrix([("AID", "AID"), ("AID", "SUPPORT"), ("AGREE", "none"), ("AID", "AID"), ("AGREE", None)])
    assert matrix == {"AGREE": {"none": 2}, "AID": {"AID": 2, "SUPPORT": 1}}
    assert list(matrix) == ["AGREE", "AID"]   # PLOVER order
    table = format_confusion(matrix)
    lines = table.splitlines()
    assert len(lines) == 4
    assert lines[0].split("|")[1:-1] == [" gold \\ predicted ", " AGREE ", " SUPPORT ", " AID ", " none ", " total "]
    assert [c.strip() for c in lines[3].split("|")[1:-1]] == ["AID", ".", "1", "2", ".", "3"]
    assert format_confusion({}) == "(no items)"


def test_numeric_labels_sort_as_numbers():
    matrix = confusion_matrix([("10", "2"), ("2", "10"), ("2", "2")])
    assert list(matrix) == ["2", "10"] and list(matrix["2"]) == ["2", "10"]


# --------------------------------------------------------------------------------------------
# CAMEO codes

CAMEO_CASES = [
    ("01", 0), ("010", 0), ("0211", 0), ("02", 0),
    ("03", 1), ("036", 1), ("05", 1),
    ("06", 2), ("061", 2), ("08", 2),
    ("09", 3), ("10", 3), ("11", 3), ("112", 3), ("12", 3), ("13", 3), ("138", 3),
    ("14", 4), ("145", 4), ("15", 4),
    ("16", 3), ("166", 3),
    ("17", 4), ("18", 4), ("183", 4), ("19", 4), ("190", 4), ("195", 4), ("20", 4), ("204", 4),
    (" 190 ", 4),
]


@pytest.mark.parametrize(("code", "expected"), CAMEO_CASES)
def test_cameo_to_class(code, expected):
    assert cameo_to_class(code) == expected


@pytest.mark.parametrize("junk", [
    "", " ", "0", "1", "00", "000", "21", "99", "210", "abc", "1a", "19x", "01234", "-19", "1.9",
    "\u0661\u0669\u0660", None, 190, 19.0,
])
def test_cameo_junk_is_an_error(junk):
    with pytest.raises(ValueError):
        cameo_to_class(junk)


# --------------------------------------------------------------------------------------------
# ConfliBERT loading


def write_tsv(path: Path, lines: list[str], end: str = "\n", bom: bool = False) -> Path:
    data = ("\ufeff" if bom else "") + end.join(lines) + end
    path.write_bytes(data.encode("utf-8"))
    return path


def test_conflibert_loader_handles_the_variants(tmp_path):
    path = write_tsv(tmp_path / "c.tsv", [
        "sentence\tlabel",
        "The envoy urged both sides to stay calm.\t0",
        "A farmers' union praised the new water deal. \t1 ",
        '"The minister called the plan ""a good start"" on Monday."\t1',
        '"A quoted field with\ta tab inside."\t3',
        '"Leave now," the officer told the crowd.\t4',
        '"Stop" and "go" were painted on the road.\t2',
        '"Stop" and "go"\t2',
        "",
        "Militia fighters seized two villages.\t4",
    ], end="\r\n", bom=True)
    assert load_conflibert(path) == [
        ("The envoy urged both sides to stay calm.", 0),
        ("A farmers' union praised the new water deal.", 1),
        ('The minister called the plan "a good start" on Monday.', 1),
        ("A quoted field with\ta tab inside.", 3),
        ('"Leave now," the officer told the crowd.', 4),
        ('"Stop" and "go" were painted on the road.', 2),
        ('"Stop" and "go"', 2),
        ("Militia fighters seized two villages.", 4),
    ]


def test_conflibert_without_header_or_final_newline(tmp_path):
    path = tmp_path / "c.tsv"
    path.write_text("Rebels shelled the airport.\t4\nThe two leaders met in Oslo.\t1", encoding="utf-8")
    assert load_conflibert(path) == [("Rebels shelled the airport.", 4), ("The two leaders met in Oslo.", 1)]


@pytest.mark.parametrize(("lines", "message"), [
    (["A sentence with no label"], "expected 'sentence<TAB>label'"),
    (["Police broke up the march.\t7"], "not in 0-4"),
    (["Police broke up the march.\t4", "Another line.\tfour"], "line 2.*not a number"),
    (["Police broke up the march.\t4", "   \t2"], "empty sentence"),
])
def test_bad_conflibert_lines(tmp_path, lines, message):
    with pytest.raises(ValueError, match=message):
        load_conflibert(write_tsv(tmp_path / "c.tsv", lines))


# --------------------------------------------------------------------------------------------
# ConfliBERT scoring

ITEMS = [("s1", 0), ("s2", 0), ("s3", 1), ("s4", 2), ("s5", 3), ("s6", 4)]
GUESSES = {"s1": 0, "s2": 1, "s3": 1, "s4": 2, "s5": 4, "s6": None}


def test_conflibert_scorer_hand_computed():
    result = score_conflibert(ITEMS, GUESSES.get)
    assert set(result) == {"accuracy", "macro_f1", "n", "per_class", "confusion"}
    assert result["n"] == 6
    assert result["accuracy"] == 0.5
    # F1: class 0 = 2/3, class 1 = 2/3, class 2 = 1, class 3 = 0, class 4 = 0 -> 7/3 / 5
    assert result["macro_f1"] == 0.4667
    assert result["per_class"]["1"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "tp": 1, "fp": 1, "fn": 0}
    assert result["per_class"]["4"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 1, "fn": 1}
    assert result["confusion"] == {"0": {"0": 1, "1": 1}, "1": {"1": 1}, "2": {"2": 1},
                                   "3": {"4": 1}, "4": {"none": 1}}


def test_conflibert_macro_only_over_classes_seen():
    result = score_conflibert([("a", 0), ("b", 0), ("c", 3)], lambda s: 0)
    # class 0: P 2/3 R 1 F1 0.8; class 3: F1 0 -> (0.8 + 0) / 2
    assert result["macro_f1"] == 0.4
    assert set(result["per_class"]) == {"0", "3"}


def test_conflibert_perfect_and_empty():
    assert score_conflibert(ITEMS, dict(ITEMS).get)["macro_f1"] == 1.0
    assert score_conflibert([], lambda s: 0) == {"accuracy": 0.0, "macro_f1": 0.0, "n": 0,
                                                 "per_class": {}, "confusion": {}}


@pytest.mark.parametrize("bad", [5, -1, "3", 2.0, True])
def test_conflibert_bad_prediction_is_an_error(bad):
    with pytest.raises(ValueError, match="class 0-4"):
        score_conflibert([("a", 2)], lambda s: bad)


# --------------------------------------------------------------------------------------------
# The real files (shape only)


def test_real_plover_dev():
    events = load_plover(shared_file(PLOVER_DEV))
    assert len(events) == 161
    assert len({e.id for e in events}) == 161
    assert all(e.type in PLOVER_TYPES for e in events)
    assert all(c is None or (len(c) == 3 and c.isupper()) for e in events for c in e.sources + e.targets)
    assert sum(len(e.sources) > 1 for e in events) > 0   # compound actors occur


def test_real_conflibert_train():
    items = load_conflibert(shared_file(CONFLIBERT_TRAIN))
    assert len(items) == 1349
    assert {label for _, label in items} <= {0, 1, 2, 3, 4}
    assert all(sentence and sentence == sentence.strip() and "\t" not in sentence for sentence, _ in items)


# --------------------------------------------------------------------------------------------
# The scorer's convention for one-event-per-record gold: the principal event


def _event(start: int, kind: str, confidence: float = 0.8):
    from newsgraph.model import Event

    return Event(article_id="a", start=start, end=start + 3, trigger="xyz", plover_type=kind, confidence=confidence)


def test_principal_event_is_highest_in_the_tree_then_most_confident_then_first():
    from newsgraph.evaluation.coding import principal_events

    main, sub, other = _event(0, "SANCTION", 0.55), _event(10, "ASSAULT", 0.8), _event(20, "PROTEST", 0.8)
    assert principal_events([sub, main], {0: 0, 10: 2}) == [main]           # depth before confidence
    assert principal_events([main, sub], {0: 1, 10: 1}) == [sub]            # a tie: the more confident
    assert principal_events([other, sub], {10: 1, 20: 1}) == [sub]         # then the first
    twin = _event(0, "SANCTION", 0.4)
    assert principal_events([main, twin, sub], {0: 0, 10: 1}) == [main, twin]  # every event of that trigger
    assert principal_events([], {}) == []


def test_principal_scoring_keeps_the_main_clause_event(nlp):
    import newsgraph
    from newsgraph.evaluation.coding import predicted_events, trigger_depths

    analysis = newsgraph.analyze("Serbia expelled the Albanian ambassador after Albanian troops shelled a border post.")
    assert {p.type for p in predicted_events(analysis, "all")} == {"SANCTION", "ASSAULT"}
    depths = trigger_depths(analysis)
    assert [p.type for p in predicted_events(analysis, "principal", depths)] == ["SANCTION"]
    assert [p.type for p in predicted_events(analysis, "principal")] == ["SANCTION"]  # depths computed itself
    assert {e.plover_type for e in analysis.events} == {"SANCTION", "ASSAULT"}  # the coder's output is all events
    with pytest.raises(ValueError, match="scoring"):
        predicted_events(analysis, "best")


def test_evaluate_plover_reports_both_scorings(tmp_path, nlp):
    from newsgraph.evaluation.coding import evaluate_plover

    path = write_jsonl(tmp_path / "g.jsonl", [record(
        "P-1", "SANCTION", [actor("SRB")], [actor("ALB")],
        "Serbia expelled the Albanian ambassador after Albanian troops shelled a border post.")])
    result = evaluate_plover(path)
    assert result["scoring"] == "principal"
    assert result["type_micro_f1"] == 1.0 and result["triple_f1"] == 1.0
    assert result["all_events"]["type_micro_precision"] == 0.5  # the shelling is a false positive there
    other = evaluate_plover(path, scoring="all")
    assert other["scoring"] == "all" and other["type_micro_f1"] == result["all_events"]["type_micro_f1"]
    assert other["principal_event"]["type_micro_f1"] == 1.0
    with pytest.raises(ValueError, match="scoring"):
        evaluate_plover(path, scoring="best")


def test_evaluate_conflibert_reports_both_scorings(tmp_path, nlp):
    from newsgraph.evaluation.coding import evaluate_conflibert, sentence_class

    tsv = tmp_path / "c.tsv"
    tsv.write_text("Serbia expelled the Albanian ambassador after Albanian troops shelled a border post.\t3\n",
                   encoding="utf-8")
    result = evaluate_conflibert(tsv)
    assert result["scoring"] == "principal" and result["accuracy"] == 1.0  # the expulsion (CAMEO 16x), class 3
    assert set(result["most_confident_event"]) == {"accuracy", "macro_f1"}
    assert evaluate_conflibert(tsv, scoring="most-confident")["scoring"] == "most-confident"
    assert sentence_class(None, "principal") == 0
    with pytest.raises(ValueError, match="scoring"):
        sentence_class(None, "best")


@pytest.mark.parametrize("scoring, other", [("principal", "all_events"), ("all", "principal_event")])
def test_the_cli_scores_either_way_and_reports_the_other(tmp_path, scoring, other):
    """`eval events --scoring` picks what is scored; the other scoring's figures come along."""
    from click.testing import CliRunner

    from newsgraph.cli import cli

    # a principal event (the assault) and a secondary one in a subordinate clause (the talks)
    path = write_jsonl(tmp_path / "g.jsonl", [
        record("E-1", "FIGHT", [actor("MLI")], [actor("BFA")],
               "Malian troops shelled a Burkinabe border post after talks with Burkina Faso failed.")])
    result = CliRunner().invoke(cli, ["eval", "events", "--plover", str(path), "--scoring", scoring, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["scoring"] == scoring and data["n"] == 1 and set(data[other]) >= {"type_micro_f1", "triple_f1"}
    text = CliRunner().invoke(cli, ["eval", "events", "--plover", str(path), "--scoring", scoring])
    assert f"scoring: {scoring}" in text.stdout and other.replace("_", " ") in text.stdout
