"""The chain of sources: the publisher's own outlet is no hop, and its own reporting closes a
cited outlet's frame."""
from __future__ import annotations

import pytest

import newsgraph
from newsgraph.extract.sourcing import chain_of

CITED_THEN_OWN = ("The Washington Post reported that the envoy had resigned. Diplomats said he was tired.\n\n"
                  "A ministry official told Reuters that talks would resume. Officials said no date was set.")


@pytest.mark.parametrize(
    "publisher, speaker, chain",
    [
        # a cited outlet opens a frame that covers what follows …
        ("Reuters", "Diplomats", ["Reuters", "The Washington Post", "Diplomats"]),
        # … until the publisher reports first-hand ("told Reuters" in a Reuters report)
        ("Reuters", "A ministry official", ["Reuters", "A ministry official"]),
        ("Reuters", "Officials", ["Reuters", "Officials"]),
        # in another outlet's report, "told Reuters" is a hop and opens Reuters' frame
        ("Dawn", "A ministry official", ["Dawn", "Reuters", "A ministry official"]),
        ("Dawn", "Officials", ["Dawn", "Reuters", "Officials"]),
        # the publisher written with "The" is still the publisher
        ("The Washington Post", "Diplomats", ["The Washington Post", "Diplomats"]),
    ],
)
def test_chain_with_the_publishers_own_outlet(publisher, speaker, chain):
    result = newsgraph.analyze(CITED_THEN_OWN, publisher=publisher, published="2024-01-02")
    found = {st.speaker: chain_of(list(result.source_links), i) for i, st in enumerate(result.statements)}
    assert found[speaker] == chain
