"""The values a submission form offers for a linked field: the concepts of a scheme, or the organisations.

One named query per kind of choice, read once per vocabulary version and kept
in memory (a few thousand labels). Each choice carries every label in every
language, its notations (an objective's number, a country's ISO codes, an SDG
target's "10.7") and the name of what it sits under (a country's region, a
target's goal), so a type-ahead finds it by any of them and a typed value can
be resolved without JavaScript.

    >>> c = Choice("https://w3id.org/gcmkg/country/ARG", "ARG", {"en": "Argentina", "fr": "Argentine"},
    ...            ("AR", "032"), {"en": ("Argentine Republic",)}, "https://w3id.org/gcmkg/region/419")
    >>> c.matches(fold("argent")), c.matches(fold("AR")), c.exact(fold("Argentine Republic"))
    (True, True, True)
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from pyoxigraph import NamedNode

from gcmkg.names import GCM, ORG, PLACES_SCHEME, SDG, SDG_OWN

from .queries import PROLOGUE, SCHEMES, pick
from .store import Store

ORGANISATIONS = "organisations"   # the pseudo-scheme of the organisation records
COUNTRY_CLASS = GCM + "Country"

SCHEME_CONCEPTS = PROLOGUE + """
SELECT ?concept ?label ?alt ?notation ?broader ?type WHERE {
  ?concept skos:inScheme $scheme .
  { ?concept skos:prefLabel ?label } UNION { ?concept skos:altLabel ?alt }
  UNION { ?concept skos:notation ?notation } UNION { ?concept skos:broader ?broader }
  UNION { ?concept a ?type }
}
"""

GROUPING_RECORDS = PROLOGUE + """
SELECT ?concept ?label ?alt ?notation ?type WHERE {
  ?concept a gcm:Grouping .
  { ?concept skos:prefLabel ?label } UNION { ?concept skos:altLabel ?alt }
  UNION { ?concept skos:notation ?notation } UNION { ?concept a ?type }
}
"""

ORGANISATION_RECORDS = PROLOGUE + """
SELECT ?concept ?label ?alt ?notation WHERE {
  GRAPH ?concept { ?concept a org:Organization .
    { ?concept skos:prefLabel ?label } UNION { ?concept skos:altLabel ?alt }
    UNION { ?concept skos:notation ?notation } }
}
"""


#: Short name (as in /api/vocabularies/{name}) -> scheme IRI, for every kind of choice a form offers.
CHOICE_SCHEMES = {**SCHEMES, ORGANISATIONS: ORGANISATIONS}
COUNTRIES = SCHEMES["countries"]
PLACES = PLACES_SCHEME


def scheme_name(scheme: str) -> str:
    """The short name of a scheme IRI (or ORGANISATIONS).

    >>> scheme_name("http://metadata.un.org/sdg"), scheme_name(ORGANISATIONS)
    ('sdg', 'organisations')
    """
    return next(name for name, iri in CHOICE_SCHEMES.items() if iri == scheme)


def fold(text: str) -> str:
    """Lower case without accents, spaces collapsed: how typed text and labels are compared.

    >>> fold("  Côte  d'Ivoire ")
    "cote d'ivoire"
    """
    plain = "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))
    return " ".join(plain.split())


@dataclass(frozen=True)
class Choice:
    """One value a linked field may take."""
    iri: str
    code: str                               # the short code shown and typed: a notation, else the IRI's end
    labels: dict[str, str]                  # language -> preferred label
    notations: tuple[str, ...] = ()
    alternatives: dict[str, tuple[str, ...]] = field(default_factory=dict)   # acronyms, short titles
    broader: str | None = None
    record: bool = False                    # an organisation record rather than a concept
    types: frozenset[str] = frozenset()     # its classes (gcm:Country sets a country apart from a region)

    def label(self, lang: str = "en") -> str:
        return pick(self.labels, lang) or self.code

    def short(self, lang: str = "en") -> str | None:
        """The short title (an objective's "Data"), when there is one in `lang` or English."""
        for key in (lang, "en"):
            if self.alternatives.get(key):
                return self.alternatives[key][0]
        return None

    def display(self, lang: str = "en") -> str:
        """What a picker shows and puts in its box: "10.7 Facilitate orderly...", "ARG Argentina";
        an organisation by its name alone (its code is only the end of its IRI)."""
        return self.label(lang) if self.record else f"{self.code} {self.label(lang)}"

    @cached_property
    def words(self) -> tuple[str, ...]:
        """Everything a user may type to mean this choice, folded."""
        return tuple(fold(t) for t in (self.iri, self.code, *self.notations, *self.labels.values(),
                                       *(a for alts in self.alternatives.values() for a in alts),
                                       *(f"{self.code} {label}" for label in self.labels.values())))

    def exact(self, folded: str) -> bool:
        return folded in self.words

    def matches(self, folded: str) -> bool:
        return any(w.startswith(folded) or f" {folded}" in w for w in self.words)


def _is_indicator(iri: str, notations: list[str]) -> bool:
    # The SDG scheme also holds the indicators ("10.7.1"; those added by the 2020 review have gcmkg's own
    # IRIs, SDG_OWN); an entry serves goals and targets.
    return iri.startswith((SDG, SDG_OWN)) and any(n.count(".") > 1 for n in notations)


def scheme_choices(store: Store, scheme: str) -> list[Choice]:
    """The concepts of `scheme` (its IRI) with all their labels, notations and broader concept,
    in the scheme's natural order (by notation, numbers as numbers); SDG indicators are left out.

    Where a country is picked, so are the places below it (each right after its country) and the
    groupings of countries (last): a scope may be a city or a regional commission."""
    if scheme == COUNTRIES:
        places: dict[str, list[Choice]] = {}
        for place in _choices(store, PLACES, store.select(SCHEME_CONCEPTS, {"scheme": NamedNode(PLACES)})):
            places.setdefault(place.broader, []).append(place)
        countries = _choices(store, scheme, store.select(SCHEME_CONCEPTS, {"scheme": NamedNode(scheme)}))
        return ([c for country in countries for c in (country, *places.get(country.iri, ()))]
                + _choices(store, scheme, store.select(GROUPING_RECORDS)))
    if scheme == ORGANISATIONS:
        return _choices(store, scheme, store.select(ORGANISATION_RECORDS))
    return _choices(store, scheme, store.select(SCHEME_CONCEPTS, {"scheme": NamedNode(scheme)}))


def _choices(store: Store, scheme: str, rows) -> list[Choice]:
    found: dict[str, dict] = {}
    for row in rows:
        iri = row["concept"].value
        c = found.setdefault(iri, {"labels": {}, "alt": {}, "notations": [], "broader": None, "types": set()})
        if "label" in row:
            c["labels"].setdefault(row["label"].language or "en", row["label"].value)
        if "alt" in row:
            c["alt"].setdefault(row["alt"].language or "en", []).append(row["alt"].value)
        if "notation" in row and row["notation"].value not in c["notations"]:
            c["notations"].append(row["notation"].value)
        if "broader" in row:
            c["broader"] = c["broader"] or row["broader"].value
        if "type" in row:
            c["types"].add(row["type"].value)
    choices = []
    for iri, c in found.items():
        if _is_indicator(iri, c["notations"]):
            continue
        notations = sorted(c["notations"], key=lambda n: (n.isdigit(), -len(n), n))   # ARG before AR before 032
        code = notations[0] if notations else iri.rstrip("/").rsplit("/", 1)[-1]
        choices.append(Choice(iri, code, c["labels"], tuple(sorted(c["notations"])),
                              {k: tuple(sorted(v)) for k, v in c["alt"].items()}, c["broader"],
                              scheme == ORGANISATIONS, frozenset(c["types"]) or frozenset({ORG + "Organization"}
                                                                             if scheme == ORGANISATIONS else ())))
    return sorted(choices, key=_natural)


def _natural(choice: Choice) -> tuple:
    parts = choice.code.replace("-", ".").split(".")
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts), choice.iri


def search(choices: list[Choice], text: str, limit: int = 20) -> list[Choice]:
    """The choices a typed `text` may mean: exact matches first (a code, a full label, an acronym),
    then codes starting with it, then those with a word starting with it, in the scheme's order;
    the first ones when `text` is empty."""
    folded = fold(text)
    if not folded:
        return choices[:limit]
    ranked = sorted((0 if c.exact(folded) else 1 if fold(c.code).startswith(folded) else 2, i)
                    for i, c in enumerate(choices) if c.matches(folded))
    return [choices[i] for _rank, i in ranked[:limit]]


def word_index(choices: list[Choice]) -> dict[str, frozenset[str]]:
    """Every folded word a user may type -> the IRIs of the choices it names (what `resolve` looks up)."""
    found: dict[str, set[str]] = {}
    countries = set()
    for c in choices:
        if COUNTRY_CLASS in c.types:
            countries.add(c.iri)
        for word in c.words:
            found.setdefault(word, set()).add(c.iri)
    # A country's name names the country: Niger, not also Nigeria's Niger State (typed "NG-NI" for that).
    return {word: frozenset(iris & countries if len(iris) > 1 and len(iris & countries) == 1 else iris)
            for word, iris in found.items()}


def resolve(choices: list[Choice] | dict[str, frozenset[str]], text: str) -> str | None:
    """The one choice `text` names exactly (its IRI, code, a notation, a label or an acronym in any language),
    or None when it names none or several. This is how a form sent without JavaScript is read.
    `choices` may be their `word_index` (one dictionary look-up a value)."""
    index = choices if isinstance(choices, dict) else word_index(choices)
    found = index.get(fold(text), frozenset())
    return next(iter(found)) if len(found) == 1 else None


class Choices:
    """The choices of each scheme, read again only when the store has changed since (its version token):
    a type-ahead asks on every key press, the vocabularies and organisations change seldom."""

    def __init__(self, store: Store):
        self.store = store
        self._read: dict[str, tuple[str | None, list[Choice], dict[str, frozenset[str]]]] = {}

    def _current(self, scheme: str):
        version = self.store.version()
        cached = self._read.get(scheme)
        if cached is None or cached[0] != version or version is None:
            choices = scheme_choices(self.store, scheme)
            cached = (version, choices, word_index(choices))
            self._read[scheme] = cached
        return cached

    def of(self, scheme: str) -> list[Choice]:
        """The choices of `scheme` (a scheme IRI or ORGANISATIONS), in order."""
        return self._current(scheme)[1]

    def index(self, scheme: str) -> dict[str, frozenset[str]]:
        """The `word_index` of the choices of `scheme`."""
        return self._current(scheme)[2]

    def resolve(self, scheme: str, text: str) -> str | None:
        """`resolve` over the choices of `scheme` (the form's Resolver)."""
        return resolve(self.index(scheme), text)


__all__ = ["CHOICE_SCHEMES", "Choice", "Choices", "ORG", "ORGANISATIONS", "fold", "resolve", "scheme_choices",
           "scheme_name", "search", "word_index"]
