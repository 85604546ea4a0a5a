"""Which language a piece of text is in, offline (py3langid ships its model in the wheel).

The identifier ranks all of its 97 languages: text whose best match is a
language outside `CANDIDATES` (Swahili, Indonesian...) is "und" (undetermined,
ISO 639-2) rather than forced onto the nearest candidate, and so is short or
unclear text. Among the candidates, the share of their probability decides.
"""

from __future__ import annotations

from functools import lru_cache

SUPPORTED = ("en", "es", "fr")
# Detected so they are not mistaken for the supported ones; reported as such.
CANDIDATES = SUPPORTED + ("ar", "ru", "zh", "pt", "de", "it", "nl", "ca")
UNDETERMINED = "und"
MIN_CHARS = 20
MIN_CONFIDENCE = 0.6
OTHER_LANGUAGE = 0.5


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of `text`'s language, or "und" when it is short or unclear.

    >>> detect_language("Le programme soutient les travailleurs migrants au Sénégal.")
    'fr'
    >>> detect_language("Mpango huu unawasaidia wafanyakazi wahamiaji kupata mafunzo.")  # Swahili
    'und'
    >>> detect_language("2019")
    'und'
    """
    if too_short_to_tell(text):
        return UNDETERMINED
    ranked = _identifier().rank(text)
    best, best_probability = ranked[0]
    if best not in CANDIDATES and best_probability >= OTHER_LANGUAGE:
        return UNDETERMINED
    candidates = [(language, p) for language, p in ranked if language in CANDIDATES]
    share = candidates[0][1] / (sum(p for _, p in candidates) or 1.0)
    return candidates[0][0] if share >= MIN_CONFIDENCE else UNDETERMINED


def too_short_to_tell(text: str) -> bool:
    """Whether `text` has too few letters for any language to be told."""
    return sum(c.isalpha() for c in text) < MIN_CHARS
