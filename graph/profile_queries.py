"""What the thematic profiles' pages ask of the public store, and the implementation analysis built on it.

Three questions, each one named query with its values bound: the assessments of
the norms of some countries on a profile's dimensions (the comparison page and a
country's profile), the entries of those countries by GCM objective and by the
profile's dimensions (what norms and practices cover), and the indicators with
observations for those countries (graph/cubes.py: the current version of each
dataset). :func:`analyse` puts the three side by side and says where they
disagree: a right guaranteed in law with no practice or data behind it, a practice
that no norm enables.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from gcmkg.names import GCM
from gcmkg.profiles import Profile

from .queries import PROLOGUE
from .store import Store, named_query

OBJECTIVES = [f"https://w3id.org/gcmkg/gcm/objective/{n}" for n in range(1, 24)]
GUARANTEEING = ("guaranteed", "partly-guaranteed")   # assessment values that state a right in law

# What an assessment holds, for norms chosen by their country or by their IRI.
_ASSESSED = """
  ?norm eli:jurisdiction ?country ; gcm:assessment ?a .
  ?a gcm:dimension ?dimension ; gcm:assessmentValue ?value ; gcm:provision ?provision ; dcterms:source ?source .
  ?dimension skos:inScheme $scheme .
  OPTIONAL { ?a gcm:provisionReference ?reference }
}"""
_SELECT = "SELECT ?norm ?country ?dimension ?value ?provision ?reference ?source WHERE {\n"
ASSESSMENTS = named_query("profile: assessments of norms",
                          PROLOGUE + _SELECT + "  VALUES ?country { $countries }" + _ASSESSED)
ASSESSMENTS_OF_NORMS = named_query("profile: assessments of given norms",
                                   PROLOGUE + _SELECT + "  VALUES ?norm { $norms }" + _ASSESSED)

COVERAGE = named_query("profile: entries by objective and dimension", PROLOGUE + """
SELECT DISTINCT ?entry ?class ?country ?topic ?enabledBy WHERE {
  VALUES ?country { $countries }
  ?entry dcterms:spatial|eli:jurisdiction ?country ; a ?class .
  VALUES ?class { gcm:Practice gcm:NationalNorm }
  { ?entry gcm:primaryObjective|gcm:secondaryObjective|gcm:addressesObjective ?topic }
  UNION { ?entry $tag ?topic }
  UNION { ?entry gcm:assessment/gcm:dimension ?topic }
  OPTIONAL { ?enabledBy gcm:enablesPractice ?entry }
}""")

INDICATOR_DATA = named_query("profile: indicators with observations", PROLOGUE + """
PREFIX qb: <http://purl.org/linked-data/cube#>
SELECT ?country ?indicator ?topic (COUNT(DISTINCT ?obs) AS ?observations) WHERE {
  GRAPH ?d { ?d a qb:DataSet ; gcm:indicator ?indicator ; gcm:currentVersion ?v }
  GRAPH ?v { VALUES ?country { $countries } ?obs ?where ?country .
             VALUES ?where { <http://purl.org/linked-data/sdmx/2009/dimension#refArea> gcm:origin gcm:destination } }
  OPTIONAL { ?indicator gcm:informs|gcm:addressesObjective|$tag ?topic }   # gcm:informs: what the indicator pages use
} GROUP BY ?country ?indicator ?topic""")


@dataclass(frozen=True)
class Assessment:
    """What one norm says on one dimension, with its evidence."""
    norm: str
    country: str
    dimension: str
    value: str
    provision: str
    provision_lang: str | None
    reference: str | None
    source: str

    @property
    def value_key(self) -> str:
        """The value's last IRI segment (guaranteed, partly-guaranteed ...): a CSS class, a CSV cell."""
        return self.value.rsplit("/", 1)[-1]

    @property
    def anchor(self) -> str:
        """The fragment of the norm's page that shows this assessment."""
        return "assessment-" + self.dimension.rsplit("/", 1)[-1]


def assessments(store: Store, profile: Profile, countries: Iterable[str] = (),
                norms: Iterable[str] = ()) -> list[Assessment]:
    """The assessments on the dimensions of `profile` of the norms of `countries`, or of the `norms` given."""
    countries, norms = [NamedNode(c) for c in countries], [NamedNode(n) for n in norms]
    if not countries and not norms:
        return []
    scheme = NamedNode(profile.dimension_scheme)
    rows = store.select(ASSESSMENTS, {"countries": countries, "scheme": scheme}) if countries else \
        store.select(ASSESSMENTS_OF_NORMS, {"norms": norms, "scheme": scheme})
    found = {Assessment(r["norm"].value, r["country"].value, r["dimension"].value, r["value"].value,
                        r["provision"].value, r["provision"].language, r["reference"].value if "reference" in r
                        else None, r["source"].value) for r in rows}
    return sorted(found, key=lambda a: (a.country, a.dimension, a.norm, a.provision))


@dataclass
class Topic:
    """One row of the analysis: a GCM objective or a profile dimension, in one country."""
    iri: str
    kind: str                                   # "objective" | "dimension"
    norms: set[str] = field(default_factory=set)
    practices: set[str] = field(default_factory=set)
    indicators: set[str] = field(default_factory=set)
    values: set[str] = field(default_factory=set)   # assessment values of the country's norms (dimensions)

    @property
    def law_without_practice_or_data(self) -> bool:
        """A right the country's norms guarantee (or cover, for an objective) with no practice and no data."""
        in_law = bool(self.norms) if self.kind == "objective" else \
            any(v.rsplit("/", 1)[-1] in GUARANTEEING for v in self.values)
        return in_law and not self.practices and not self.indicators

    @property
    def practice_without_norm(self) -> bool:
        return bool(self.practices) and not self.norms

    @property
    def finding(self) -> str | None:
        """Where norms, practices and data disagree on this row, as a code the pages name; None if they agree."""
        if self.law_without_practice_or_data:
            return "guaranteed-without-practice" if self.kind == "dimension" else "norms-without-practice"
        return "practices-without-norm" if self.practice_without_norm else None


@dataclass
class CountryAnalysis:
    """Norms, practices and indicator data of one country, by objective and by dimension, and where they disagree."""
    country: str
    topics: dict[str, Topic]
    assessments: list[Assessment]
    unenabled_practices: list[str]              # practices of the profile that no norm enables
    indicators: dict[str, int]                  # indicator -> observations for the country

    def rows(self, kind: str) -> list[Topic]:
        return [t for t in self.topics.values() if t.kind == kind]

    @property
    def has_anything(self) -> bool:
        """Whether the country has a norm, a practice or indicator data to analyse."""
        return bool(self.indicators) or any(t.norms or t.practices or t.indicators for t in self.topics.values())

    @property
    def findings(self) -> int:
        return (sum(t.finding is not None for t in self.topics.values())
                + len(self.unenabled_practices))


def analyse(store: Store, profile: Profile, countries: list[str], dimensions: list[str]) -> list[CountryAnalysis]:
    """The implementation analysis of each of `countries` on the GCM objectives and `dimensions` of `profile`."""
    tag = NamedNode(profile.tag_property)
    bound = [NamedNode(c) for c in countries]
    if not bound:
        return []
    by_country = {c: {iri: Topic(iri, "objective") for iri in OBJECTIVES}
                  | {iri: Topic(iri, "dimension") for iri in dimensions} for c in countries}
    in_profile: dict[str, set[str]] = defaultdict(set)
    enabled: set[str] = set()
    for r in store.select(COVERAGE, {"countries": bound, "tag": tag}):
        topic = by_country[r["country"].value].get(r["topic"].value)
        entry = r["entry"].value
        if "enabledBy" in r:
            enabled.add(entry)
        if topic is None:
            continue
        is_practice = r["class"].value == GCM + "Practice"
        (topic.practices if is_practice else topic.norms).add(entry)
        if is_practice and topic.kind == "dimension":
            in_profile[r["country"].value].add(entry)
    indicators: dict[str, dict[str, int]] = defaultdict(dict)
    for r in store.select(INDICATOR_DATA, {"countries": bound, "tag": tag}):
        country, indicator = r["country"].value, r["indicator"].value
        indicators[country][indicator] = int(r["observations"].value)
        topic = by_country[country].get(r["topic"].value) if "topic" in r else None
        if topic is not None:
            topic.indicators.add(indicator)
    found = assessments(store, profile, countries)
    for a in found:
        topic = by_country[a.country].get(a.dimension)
        if topic is not None:
            topic.values.add(a.value)
            topic.norms.add(a.norm)
    return [CountryAnalysis(c, by_country[c], [a for a in found if a.country == c],
                            sorted(in_profile[c] - enabled), indicators.get(c, {})) for c in countries]
