"""The IRIs gcmkg mints and the vocabularies it reuses, in one place.

Everything else imports its names from here, so a deployment that changes the
base IRI changes it once.
"""

from pyoxigraph import NamedNode

BASE = "https://w3id.org/gcmkg/"
DATASET_BASE = BASE + "dataset/"      # statistical datasets: <dataset/ID> (graph/cubes.py)

GCM = "https://w3id.org/gcmkg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
ELI = "http://data.europa.eu/eli/ontology#"
FOAF = "http://xmlns.com/foaf/0.1/"
SH = "http://www.w3.org/ns/shacl#"
SDG = "http://metadata.un.org/sdg/"          # the SDG goals, targets and indicators (sdg:10.7)
SDG_OWN = "https://w3id.org/gcmkg/sdg/"   # SDG indicators whose UN IRI is not confirmed (scripts/build_sdg.py)
SDG_SCHEME = "http://metadata.un.org/sdg"     # their concept scheme
OBJECTIVES_SCHEME = BASE + "gcm/objectives"   # the 23 GCM objectives
PLACES_SCHEME = BASE + "places"          # provinces, states and cities, each under its country
WORLD = BASE + "region/001"                   # the World: where a global entry is scoped

PREFIXES = {
    "gcm": GCM, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL, "skos": SKOS,
    "dcterms": DCTERMS, "schema": SCHEMA, "org": ORG, "prov": PROV, "eli": ELI,
    "foaf": FOAF, "sh": SH, "sdg": SDG,
    "objective": BASE + "gcm/objective/", "principle": BASE + "gcm/principle/",
    "country": BASE + "country/", "region": BASE + "region/",
}

RDF_TYPE = NamedNode(RDF + "type")

# What counts as an entry: each instance of these classes gets its own named
# graph, named by its IRI, so replacing or deleting it is one atomic step.
PRACTICE = NamedNode(GCM + "Practice")
NATIONAL_NORM = NamedNode(GCM + "NationalNorm")
ORGANISATION = NamedNode(ORG + "Organization")
INTERNATIONAL_INSTRUMENT = NamedNode(GCM + "InternationalInstrument")
ENTRY_CLASSES = (PRACTICE, NATIONAL_NORM, ORGANISATION, INTERNATIONAL_INSTRUMENT)

REVIEW_STATUS = NamedNode(GCM + "reviewStatus")
APPROVED = NamedNode(BASE + "review-status/approved")

# Graphs that gcmkg itself manages (written by `gcmkg init`, never by `load`
# of entries): the ontology, one graph per vocabulary file, the shapes.
SYSTEM_GRAPH_PREFIX = BASE + "graph/"
ONTOLOGY_GRAPH = NamedNode(SYSTEM_GRAPH_PREFIX + "ontology")
SHAPES_GRAPH = NamedNode(SYSTEM_GRAPH_PREFIX + "shapes")
# Bookkeeping of the store itself (interrupted loads); never public.
JOURNAL_GRAPH = NamedNode(SYSTEM_GRAPH_PREFIX + "journal")
# The store's version: a fresh token on every write, so what is derived from the
# store (the search index saved on disk) can tell whether it is still current.
VERSION_GRAPH = NamedNode(SYSTEM_GRAPH_PREFIX + "version")
STORE_VERSION = NamedNode(GCM + "storeVersion")


def vocab_graph(name: str) -> NamedNode:
    """The named graph holding the vocabulary file `name` (without .ttl)."""
    return NamedNode(SYSTEM_GRAPH_PREFIX + "vocab/" + name)


def is_system_graph(iri: str) -> bool:
    return iri.startswith(SYSTEM_GRAPH_PREFIX)


def local_href(iri: str, base: str = BASE) -> str:
    """The path on this server that shows `iri`, or the IRI itself when it is not ours.

    >>> local_href("https://w3id.org/gcmkg/country/MDA"), local_href("http://metadata.un.org/sdg/10.7")
    ('/country/MDA', '/sdg/10.7')
    >>> local_href("https://example.org/x")
    'https://example.org/x'
    """
    for prefix in dict.fromkeys((base, BASE)):
        if iri.startswith(prefix):
            return "/" + iri[len(prefix):]
    if iri.startswith(SDG):
        return "/sdg/" + iri[len(SDG):]
    if iri == SDG_SCHEME:
        return "/sdg"
    return iri
