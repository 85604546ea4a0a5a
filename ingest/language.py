"""Which language a piece of text is in, offline (py3langid ships its model in the wheel).

The identifier chooses among a dozen languages so that German is not called
English for lack of a better answer; short or unclear text is "und"
(undetermined, ISO 639-2) rather than a guess.
"""

from __future__ import annotations

from functools import lru_cache

SUPPORTED = ("en", "es", "fr")
# Detected so they are not mistaken for the supported ones; reported as such.
CANDIDATES = SUPPORTED + ("ar", "ru", "zh", "pt", "de", "it", "nl", "ca")
UNDETERMINED = "und"
MIN_CHARS = 20
MIN_CONFIDENCE = 0.6


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(CANDIDATES))
    return identifier


def detect_language(text: str) -> str:
    """The ISO 639-1 code of `text`'s language, or "und" when it is short or unclear.

    >>> detect_language("Le programme soutient les travailleurs migrants au Sénégal.")
    'fr'
    >>> detect_language("2019")
    'und'
    """
    letters = sum(c.isalpha() for c in text)
    if letters < MIN_CHARS:
        return UNDETERMINED
    language, confidence = _identifier().classify(text)
    return language if confidence >= MIN_CONFIDENCE else UNDETERMINED
