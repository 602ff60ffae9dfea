"""Language of an article, detected offline (py3langid: its model ships inside the package)."""
from __future__ import annotations

import functools
import os

# Only this much of the text is read: the language of a news article shows in its first lines.
SAMPLE_CHARS = 4000
# A non-English article is skipped for extraction only when the detector is at least this sure;
# below it (short or mixed texts) extraction runs and the guess is stored with its confidence.
SKIP_CONFIDENCE = 0.9
EXTRACTED = frozenset({"en"})


@functools.cache
def _identifier():
    from py3langid import langid

    return langid.LanguageIdentifier.from_modelpath(os.path.join(langid.MODEL_DIR, langid.MODEL_FILE),
                                                    norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and the detector's probability for it."""
    code, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return code, round(float(probability), 4)


def skip_reason(code: str, confidence: float) -> str | None:
    """Why an article in this language is not sent to the English extractors, or None."""
    if code in EXTRACTED or confidence < SKIP_CONFIDENCE:
        return None
    return f"language {code} (confidence {confidence:.2f}): extraction runs on English only"
