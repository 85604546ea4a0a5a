"""The topics a document can be about, from the project's vocabularies and demo entries.

GCM objectives (titles and short labels), guiding principles, SDG goals (the
goal's text with its targets' and indicators' texts) and SDG targets, each in
en/es/fr; and the demo entries with the objectives, principles and SDGs their
curators gave them (examples for the classifier's nearest-neighbour vote).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from gcmkg.ingest.topic_cues import OBJECTIVE_CUES, PRINCIPLE_CUES, SDG_CUES

SKOS = "http://www.w3.org/2004/02/skos/core#"
GCM = "https://w3id.org/gcmkg/ontology#"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OBJECTIVE, PRINCIPLE, SDG_GOAL, SDG_TARGET = "objective", "principle", "sdg-goal", "sdg-target"
SCHEMES = (OBJECTIVE, PRINCIPLE, SDG_GOAL, SDG_TARGET)
LANGUAGES = ("en", "es", "fr")
SDG = "http://metadata.un.org/sdg/"
OBJECTIVE_IRI = "https://w3id.org/gcmkg/gcm/objective/"
PRINCIPLE_IRI = "https://w3id.org/gcmkg/gcm/principle/"


@dataclass
class Topic:
    """One label a document can get, and the texts that describe it in each language."""

    iri: str
    scheme: str
    notation: str
    labels: dict[str, str]  # language -> preferred label
    texts: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    cues: list[str] = field(default_factory=list)
    goal: str | None = None  # a target's goal IRI


@dataclass(frozen=True)
class Example:
    """A curated entry: its text and the topics its curators chose, with a weight each (primary 1, secondary 0.5)."""

    iri: str
    kind: str  # "practice" | "norm"
    text: str
    language: str
    topics: dict[str, float]


def _facts(path: Path) -> dict[str, dict[str, list[ox.Term]]]:
    out: dict = defaultdict(lambda: defaultdict(list))
    for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        if isinstance(triple.subject, ox.NamedNode):
            out[triple.subject.value][triple.predicate.value].append(triple.object)
    return out


def _by_language(terms: list[ox.Term]) -> dict[str, list[str]]:
    out = defaultdict(list)
    for term in terms:
        if isinstance(term, ox.Literal) and term.language in LANGUAGES:
            out[term.language].append(term.value)
    return out


@lru_cache(maxsize=1)
def topics() -> dict[str, list[Topic]]:
    """Every topic by scheme, in notation order (read from the packaged vocabularies once)."""
    vocab = resources.files("gcmkg.ontology.vocab")
    out: dict[str, list[Topic]] = {scheme: [] for scheme in SCHEMES}
    for file, scheme, cues in (("gcm-objectives.ttl", OBJECTIVE, OBJECTIVE_CUES),
                               ("gcm-principles.ttl", PRINCIPLE, PRINCIPLE_CUES)):
        for iri, facts in _facts(Path(str(vocab / file))).items():
            if not facts.get(SKOS + "notation"):
                continue
            notation = facts[SKOS + "notation"][0].value
            preferred = _by_language(facts[SKOS + "prefLabel"])
            topic = Topic(iri, scheme, notation, {lang: texts[0] for lang, texts in preferred.items()},
                          cues=cues.get(notation, []))
            for predicate in (SKOS + "prefLabel", SKOS + "altLabel"):
                for lang, texts in _by_language(facts.get(predicate, [])).items():
                    topic.texts[lang] += texts
            out[scheme].append(topic)
    goals: dict[str, Topic] = {}
    sdg = _facts(Path(str(vocab / "sdg.ttl")))
    for iri, facts in sdg.items():
        notation = facts[SKOS + "notation"][0].value if facts.get(SKOS + "notation") else ""
        if notation.isdigit():
            labels = {lang: texts[0] for lang, texts in _by_language(facts[SKOS + "prefLabel"]).items()}
            goals[iri] = Topic(iri, SDG_GOAL, notation, labels, cues=SDG_CUES.get(notation, []))
            for lang, text in labels.items():
                goals[iri].texts[lang].append(text)
    targets: dict[str, Topic] = {}
    for iri, facts in sdg.items():
        broader = [t.value for t in facts.get(SKOS + "broader", [])]
        notation = facts[SKOS + "notation"][0].value if facts.get(SKOS + "notation") else ""
        if notation.count(".") == 1 and broader and broader[0] in goals:
            labels = {lang: texts[0] for lang, texts in _by_language(facts[SKOS + "prefLabel"]).items()}
            targets[iri] = Topic(iri, SDG_TARGET, notation, labels, goal=broader[0])
            for lang, text in labels.items():
                targets[iri].texts[lang].append(text)
                goals[broader[0]].texts[lang].append(text)
    for iri, facts in sdg.items():  # indicators describe their targets and goals too
        notation = facts[SKOS + "notation"][0].value if facts.get(SKOS + "notation") else ""
        if notation.count(".") != 2:
            continue
        for target in (t.value for t in facts.get(SKOS + "broader", [])):
            if target in targets:
                for lang, texts in _by_language(facts[SKOS + "prefLabel"]).items():
                    targets[target].texts[lang] += texts
                    goals[targets[target].goal].texts[lang] += texts
    order = lambda t: tuple(int(p) if p.isdigit() else ord(p[0]) + 100 for p in t.notation.split("."))  # noqa: E731
    out[SDG_GOAL] = sorted(goals.values(), key=order)
    out[SDG_TARGET] = sorted(targets.values(), key=order)
    out[OBJECTIVE].sort(key=order)
    out[PRINCIPLE].sort(key=lambda t: t.notation)
    return out


def goal_of(iri: str) -> str | None:
    """The SDG goal IRI of a goal or target IRI (None for anything else)."""
    if not iri.startswith(SDG):
        return None
    code = iri[len(SDG):].split(".")[0]
    return SDG + code if code.isdigit() else None


_WEIGHTS = {GCM + "primaryObjective": 1.0, GCM + "secondaryObjective": 0.5, GCM + "addressesObjective": 0.75,
            GCM + "guidingPrinciple": 1.0, GCM + "sdg": 1.0}


@lru_cache(maxsize=1)
def demo_examples() -> tuple[Example, ...]:
    """The demo practices and norms as labelled examples (title and summary, English where given)."""
    folder = resources.files("gcmkg.demo")
    out = []
    for name, kind in (("practices.ttl", "practice"), ("norms.ttl", "norm")):
        for iri, facts in _facts(Path(str(folder / name))).items():
            types = [t.value for t in facts.get(RDF_TYPE, [])]
            if GCM + "Practice" not in types and GCM + "NationalNorm" not in types:
                continue
            text, language = _example_text(facts)
            labels: dict[str, float] = {}
            for predicate, weight in _WEIGHTS.items():
                for value in facts.get(predicate, []):
                    labels[value.value] = max(labels.get(value.value, 0.0), weight)
                    if predicate == GCM + "sdg" and (goal := goal_of(value.value)) and goal != value.value:
                        labels[goal] = max(labels.get(goal, 0.0), weight)
            out.append(Example(iri, kind, text, language, labels))
    return tuple(out)


def _example_text(facts: dict) -> tuple[str, str]:
    """Title and summary in one language: English if the entry has it, else the first one given."""
    parts: dict[str, list[str]] = defaultdict(list)
    for predicate in (DCTERMS + "title", DCTERMS + "abstract"):
        for term in facts.get(predicate, []):
            if isinstance(term, ox.Literal):
                parts[term.language or "und"].append(term.value)
    language = "en" if "en" in parts else next(iter(parts), "und")
    return ". ".join(parts.get(language, [])), language
