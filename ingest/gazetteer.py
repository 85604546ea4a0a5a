"""The names the rule layer looks for, from our own vocabularies and stored organisations.

Countries and M49 regions come from `ontology/vocab/countries.ttl` (every label
in every language it carries, plus the part before a parenthesis or comma when
that names one place only, plus the demonyms of `demonyms.py`); norm types from
`norm-types.ttl`; organisations from the demo files or any Turtle given (names,
acronyms, names in other languages).
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from gcmkg.ingest.demonyms import demonym_forms

SKOS = "http://www.w3.org/2004/02/skos/core#"
GCM = "https://w3id.org/gcmkg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ORG = "http://www.w3.org/ns/org#Organization"
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&\-]{1,9}$")


@dataclass(frozen=True)
class Entry:
    """A name to look for and what it stands for."""

    label: str
    iri: str
    kind: str  # "country" | "region" | "organisation" | "norm-type"
    how: str  # "name" | "other name" | "short name" | "acronym" | "demonym"
    preferred: str  # the thing's English (or first) preferred label, for display

    @property
    def case_sensitive(self) -> bool:
        """Acronyms match exactly ("IOM", not "iom"); names match in any case."""
        return self.how == "acronym"


CONFIDENCE = {"name": 0.9, "other name": 0.85, "short name": 0.8, "acronym": 0.75, "demonym": 0.55}


@dataclass
class Gazetteer:
    """All entries, and the M49 parent of each country (for regional roll-up)."""

    entries: list[Entry]
    parent_region: dict[str, str]
    region_label: dict[str, str]
    pipelines: dict = field(default_factory=dict, repr=False)  # language -> RulePipeline, built on demand


def demo_organisation_files() -> list[Path]:
    """The demo organisation files shipped in the package."""
    folder = resources.files("gcmkg.demo")
    return sorted(Path(str(folder / name)) for name in ("organisations-practices.ttl", "organisations-norms.ttl"))


ORGANISATION_LABELS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
CONSTRUCT { ?o a org:Organization ; skos:prefLabel ?name ; skos:altLabel ?other }
WHERE { ?o a org:Organization . { ?o skos:prefLabel ?name } UNION { ?o skos:altLabel ?other } }
"""


def stored_organisations(store) -> list:
    """The organisations of a store (gcmkg.graph.store.Store) with their names, as triples for `build_gazetteer`."""
    return store.construct(ORGANISATION_LABELS)


class StoredGazetteer:
    """The gazetteer of a store's organisations, built again only when they change: building its spaCy
    pipelines takes seconds per language, and a server reads documents between rare organisation edits."""

    def __init__(self, store):
        self.store = store
        self._lock = threading.Lock()
        self._key: frozenset | None = None
        self._gazetteer: Gazetteer | None = None

    def current(self) -> Gazetteer:
        """The vocabularies with the organisations stored now (and the demo files, as `build_gazetteer`)."""
        triples = stored_organisations(self.store)
        key = frozenset(map(str, triples))
        with self._lock:
            if self._gazetteer is None or key != self._key:
                self._key, self._gazetteer = key, build_gazetteer(organisations=triples)
            return self._gazetteer


def build_gazetteer(organisation_files: list[Path] | None = None, organisations: Iterable = ()) -> Gazetteer:
    """Read the vocabularies, organisation Turtle files (the demo ones by default) and organisation triples."""
    vocab = resources.files("gcmkg.ontology.vocab")
    places = _quads(Path(str(vocab / "countries.ttl")))
    entries: list[Entry] = []
    parent_region, region_label = {}, {}
    for subject, facts in places.items():
        types = facts.get(RDF_TYPE, [])
        kind = "country" if GCM + "Country" in [t for t, _ in types] else \
            "region" if GCM + "Region" in [t for t, _ in types] else None
        if kind is None:
            continue
        preferred = _preferred(facts)
        if kind == "region":
            region_label[subject] = preferred
        elif facts.get(SKOS + "broader"):
            parent_region[subject] = facts[SKOS + "broader"][0][0]
        entries += _label_entries(subject, kind, facts, preferred)
        if kind == "country":
            alpha3 = subject.rsplit("/", 1)[-1]
            entries += [Entry(form, subject, kind, "demonym", preferred) for form, _ in demonym_forms(alpha3)]
    for subject, facts in _quads(Path(str(vocab / "norm-types.ttl"))).items():
        if facts.get(SKOS + "prefLabel"):
            entries += _label_entries(subject, "norm-type", facts, _preferred(facts), short_names=False)
    files = organisation_files if organisation_files is not None else demo_organisation_files()
    for facts_by_subject in [_quads(path) for path in files] + [_facts(organisations)]:
        for subject, facts in facts_by_subject.items():
            if ORG in [t for t, _ in facts.get(RDF_TYPE, [])]:
                entries += _label_entries(subject, "organisation", facts, _preferred(facts), short_names=False)
    return Gazetteer(_drop_ambiguous(entries), parent_region, region_label)


def _label_entries(subject: str, kind: str, facts: dict, preferred: str, short_names: bool = True) -> list[Entry]:
    out = []
    for predicate, how in ((SKOS + "prefLabel", "name"), (SKOS + "altLabel", "other name")):
        for label, _ in facts.get(predicate, []):
            label = label.strip()
            out.append(Entry(label, subject, kind, "acronym" if _ACRONYM.match(label) else how, preferred))
            if short_names:
                # "Bolivia (Plurinational State of)" -> "Bolivia"; "Korea, Republic of" -> "Korea" (then dropped as ambiguous)
                short = re.split(r"\s*[(,]", label, maxsplit=1)[0].strip()
                if short and short != label and len(short) > 3:
                    out.append(Entry(short, subject, kind, "short name", preferred))
    return out


def _drop_ambiguous(entries: list[Entry]) -> list[Entry]:
    """A derived name that points at two things is no evidence for either."""
    things = defaultdict(set)
    for e in entries:
        things[(e.label.lower(), e.kind)].add(e.iri)
    keep, seen = [], set()
    for e in entries:
        key = (e.label if e.case_sensitive else e.label.lower(), e.iri, e.kind)
        if key in seen or (e.how in ("short name", "demonym") and len(things[(e.label.lower(), e.kind)]) > 1):
            continue
        seen.add(key)
        keep.append(e)
    return keep


def _preferred(facts: dict) -> str:
    labels = facts.get(SKOS + "prefLabel", [])
    return next((text for text, lang in labels if lang == "en"), labels[0][0] if labels else "")


def _quads(path: Path) -> dict[str, dict[str, list[tuple[str, str | None]]]]:
    return _facts(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))


def _facts(triples: Iterable) -> dict[str, dict[str, list[tuple[str, str | None]]]]:
    """subject -> predicate -> [(value, language)], for named subjects."""
    out: dict = defaultdict(lambda: defaultdict(list))
    for triple in triples:
        if isinstance(triple.subject, ox.NamedNode):
            obj = triple.object
            out[triple.subject.value][triple.predicate.value].append(
                (obj.value, obj.language if isinstance(obj, ox.Literal) else None))
    return out
