"""Example queries a researcher would start from, shown on the SPARQL page (and run by the tests)."""

from __future__ import annotations

from dataclasses import dataclass

PREFIXES = """PREFIX gcm: <https://w3id.org/gcmkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@dataclass(frozen=True)
class Example:
    title: str
    body: str

    @property
    def query(self) -> str:
        return PREFIXES + self.body.strip() + "\n"


EXAMPLES = (
    Example("Practices per GCM objective", """
SELECT ?objective ?label (COUNT(DISTINCT ?practice) AS ?practices) WHERE {
  ?objective skos:inScheme <https://w3id.org/gcmkg/gcm/objectives> ; skos:prefLabel ?label .
  FILTER(LANG(?label) = "en")
  OPTIONAL { ?practice a gcm:Practice ; gcm:primaryObjective|gcm:secondaryObjective ?objective }
} GROUP BY ?objective ?label ORDER BY DESC(?practices)"""),
    Example("National norms in force, per country", """
SELECT ?country ?name (COUNT(?norm) AS ?norms) WHERE {
  ?norm a gcm:NationalNorm ; eli:jurisdiction ?country ;
        gcm:normStatus ?status .
  VALUES ?status { <https://w3id.org/gcmkg/norm-status/in-force> <https://w3id.org/gcmkg/norm-status/amended> }
  ?country skos:prefLabel ?name FILTER(LANG(?name) = "en")
} GROUP BY ?country ?name ORDER BY DESC(?norms)"""),
    Example("GCM objectives with no practice in Africa", """
SELECT ?objective ?label WHERE {
  ?objective skos:inScheme <https://w3id.org/gcmkg/gcm/objectives> ; skos:prefLabel ?label .
  FILTER(LANG(?label) = "en")
  FILTER NOT EXISTS {
    ?practice a gcm:Practice ; gcm:primaryObjective|gcm:secondaryObjective ?objective ; dcterms:spatial ?place .
    { FILTER(?place = <https://w3id.org/gcmkg/region/002>) }
    UNION { ?place skos:broaderTransitive <https://w3id.org/gcmkg/region/002> }
  }
} ORDER BY ?objective"""),
    Example("Practices linked to SDG target 10.7", """
SELECT ?practice ?title WHERE {
  ?practice a gcm:Practice ; gcm:sdg <http://metadata.un.org/sdg/10.7> ; dcterms:title ?title .
  FILTER(LANG(?title) = "en")
} ORDER BY ?title"""),
    Example("Norms and the practices they enable", """
SELECT ?norm ?normTitle ?practice ?practiceTitle WHERE {
  ?norm gcm:enablesPractice ?practice ; dcterms:title ?normTitle .
  ?practice dcterms:title ?practiceTitle .
  FILTER(LANG(?practiceTitle) = "en")
} ORDER BY ?norm"""),
    Example("Norms amended or repealed by later norms", """
# One row per pair of norms: a norm has a title in several languages, so take one (English if there is one).
SELECT ?norm ?relation ?later (SAMPLE(?t) AS ?title) (SAMPLE(?lt) AS ?laterTitle) WHERE {
  { ?norm eli:amended_by ?later BIND("amended by" AS ?relation) }
  UNION { ?norm eli:repealed_by ?later BIND("repealed by" AS ?relation) }
  UNION { ?later eli:repeals ?norm BIND("repealed by" AS ?relation) }
  ?norm dcterms:title ?anyTitle . OPTIONAL { ?norm dcterms:title ?en FILTER(LANGMATCHES(LANG(?en), "en")) }
  ?later dcterms:title ?anyLater . OPTIONAL { ?later dcterms:title ?laterEn FILTER(LANGMATCHES(LANG(?laterEn), "en")) }
  BIND(COALESCE(?en, ?anyTitle) AS ?t) BIND(COALESCE(?laterEn, ?anyLater) AS ?lt)
} GROUP BY ?norm ?relation ?later ORDER BY ?norm ?later"""),
    Example("Entries per M49 region", """
SELECT ?region ?name (COUNT(DISTINCT ?entry) AS ?entries) WHERE {
  ?region a gcm:Region ; skos:broader <https://w3id.org/gcmkg/region/001> ; skos:prefLabel ?name .
  FILTER(LANG(?name) = "en")
  ?entry dcterms:spatial|eli:jurisdiction ?place .
  ?place skos:broaderTransitive ?region .
} GROUP BY ?region ?name ORDER BY DESC(?entries)"""),
    Example("Organisations implementing the most practices", """
SELECT ?organisation ?name (COUNT(?practice) AS ?practices) WHERE {
  ?practice gcm:implementingOrganisation ?organisation .
  ?organisation skos:prefLabel ?name FILTER(LANG(?name) = "en")
} GROUP BY ?organisation ?name ORDER BY DESC(?practices) LIMIT 20"""),
    Example("Ongoing practices that exemplify the child-sensitive principle", """
SELECT ?practice ?title ?start WHERE {
  ?practice gcm:guidingPrinciple <https://w3id.org/gcmkg/gcm/principle/child-sensitive> ;
            dcterms:title ?title .
  OPTIONAL { ?practice schema:startDate ?start }
  FILTER NOT EXISTS { ?practice schema:endDate ?end }
  FILTER(LANG(?title) = "en")
} ORDER BY ?title"""),
    Example("The SDG targets each GCM objective maps to", """
# Objectives in their order (1, 2, ... 23): their notation as a number, not as text.
SELECT ?objective ?n ?target ?targetLabel WHERE {
  ?objective skos:relatedMatch ?target ; skos:inScheme <https://w3id.org/gcmkg/gcm/objectives> ; skos:notation ?n .
  ?target skos:prefLabel ?targetLabel FILTER(LANG(?targetLabel) = "en")
} ORDER BY xsd:integer(?n) ?target"""),
    Example("Objective labels in English, Spanish and French", """
SELECT ?objective ?en ?es ?fr WHERE {
  ?objective skos:inScheme <https://w3id.org/gcmkg/gcm/objectives> ; skos:notation ?n .
  OPTIONAL { ?objective skos:altLabel ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?objective skos:altLabel ?es FILTER(LANG(?es) = "es") }
  OPTIONAL { ?objective skos:altLabel ?fr FILTER(LANG(?fr) = "fr") }
} ORDER BY xsd:integer(?n)"""),
    Example("Indicator values for a country over time (statistical data cubes)", """
# Each dataset is the named graph <dataset/ID>, pointing at its current version's graph of observations.
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
SELECT ?indicator ?period ?value WHERE {
  GRAPH ?dataset { ?dataset gcm:indicator ?indicator ; gcm:currentVersion ?version }
  GRAPH ?version { ?o sdmx-dimension:refArea <https://w3id.org/gcmkg/country/ARG> ;
                      sdmx-dimension:refPeriod ?period ; sdmx-measure:obsValue ?value }
} ORDER BY ?indicator ?period LIMIT 500"""),
    Example("Which countries have data for which indicator, and for how many years", """
# Read from each dataset's coverage summary, written when it is loaded: no scan of the observations.
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
SELECT ?indicator ?country (COUNT(?period) AS ?periods) (MIN(?period) AS ?first) (MAX(?period) AS ?last) WHERE {
  GRAPH ?dataset { ?dataset gcm:indicator ?indicator ; gcm:coverage ?c .
                   ?c sdmx-dimension:refArea ?country ; sdmx-dimension:refPeriod ?period }
} GROUP BY ?indicator ?country ORDER BY ?indicator ?country"""),
    Example("Indicators computed from others: their formula and sources", """
SELECT ?indicator ?label ?formula ?from ?source WHERE {
  ?indicator a gcm:Indicator ; skos:prefLabel ?label ; gcm:formula ?formula ; gcm:derivedFrom ?from .
  OPTIONAL { ?indicator dcterms:source ?source }
  FILTER(LANG(?label) = "en")
} ORDER BY ?indicator ?from"""),
    Example("Named graphs: one per entry", """
SELECT ?graph (COUNT(*) AS ?triples) WHERE {
  GRAPH ?graph { ?s ?p ?o }
  FILTER(STRSTARTS(STR(?graph), "https://w3id.org/gcmkg/id/"))
} GROUP BY ?graph ORDER BY DESC(?triples) LIMIT 25"""),
)
