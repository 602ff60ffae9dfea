"""'X said that it …': the pronoun subject of a reported clause is the speaker, and when the
speaker is no known actor the pronoun is left alone rather than given to someone further back."""
from __future__ import annotations

import pytest

import newsgraph

EARLIER = "The Washington Post reported last year that the militants raised money.\n\n"


@pytest.mark.parametrize("text, actor", [
    # the speaker is known (a combatant command of the dictionary): "it" is the speaker
    (EARLIER + "The US military's Africa Command, which supports Somali forces, said on Wednesday "
               "that it had conducted an airstrike.", "usa.mil.africom"),
    (EARLIER + "The European Commission said on Monday that it would propose new sanctions.", "eu.commission"),
    # the speaker is unknown: "it" is not the outlet of the paragraph before
    (EARLIER + "The port authority, which runs the docks, said on Wednesday that it had closed two berths.", None),
])
def test_it_in_a_reported_clause(text, actor):
    result = newsgraph.analyze(text)
    pronouns = [m for m in result.mentions if result.article.text[m.start:m.end] == "it"]
    assert [m.actor_id for m in pronouns] == ([actor] if actor else [])
