"""Self-descriptions of the service: SPARQL Service Description, VoID and DCAT (with the licence)."""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import Request
from fastapi.responses import Response
from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from gcmkg.names import DCTERMS, RDF, XSD

from .negotiate import RDF as RDF_FORMATS, choose

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
PREFIXES = {"sd": SD, "void": VOID, "dcat": DCAT, "dcterms": DCTERMS, "xsd": XSD}


def _n(iri: str) -> NamedNode:
    return NamedNode(iri)


def rdf_response(request: Request, triples: list[Triple], prefixes: dict | None = None) -> Response:
    fmt = choose(request.headers.get("accept"), RDF_FORMATS, request.query_params.get("format"))
    body = ox.serialize(triples, format=ox.RdfFormat.from_media_type(fmt.media_type), prefixes=prefixes or PREFIXES)
    return Response(body, media_type=fmt.media_type, headers={"Vary": "Accept"})


def _root(request: Request) -> str:
    """The server's public address, from the settings (the Host header of a request is not trusted)."""
    return request.app.state.public_url


def service_description(request: Request) -> Response:
    """SPARQL 1.1 Service Description: what the endpoint accepts and that its default graph is a union."""
    endpoint = _n(_root(request) + "/sparql")
    service, dataset, default = BlankNode(), BlankNode(), BlankNode()
    t = [Triple(service, _n(RDF + "type"), _n(SD + "Service")),
         Triple(service, _n(SD + "endpoint"), endpoint),
         Triple(service, _n(SD + "supportedLanguage"), _n(SD + "SPARQL11Query")),
         Triple(service, _n(SD + "feature"), _n(SD + "UnionDefaultGraph")),
         Triple(service, _n(SD + "defaultDataset"), dataset),
         Triple(dataset, _n(RDF + "type"), _n(SD + "Dataset")),
         Triple(dataset, _n(SD + "defaultGraph"), default),
         Triple(default, _n(RDF + "type"), _n(SD + "Graph")),
         Triple(default, _n(DCTERMS + "description"), Literal(
             "The union of all public graphs: ontology, vocabularies, shapes, organisations and approved "
             "entries. Each entry is also reachable as a named graph named by its IRI. Drafts and entries "
             "under review are never visible here. Read-only; SERVICE is refused.", language="en"))]
    for fmt in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        t.append(Triple(service, _n(SD + "resultFormat"), _n("http://www.w3.org/ns/formats/" + fmt)))
    return rdf_response(request, t)


def void_description(request: Request, triples: int) -> Response:
    """A VoID description of the public dataset, with its endpoint, dumps, licence and URI space."""
    root = _root(request)
    ds = _n(root + "/void#gcmkg")
    base = request.app.state.base_iri
    t = [Triple(ds, _n(RDF + "type"), _n(VOID + "Dataset")),
         Triple(ds, _n(DCTERMS + "title"), Literal("GCM Knowledge Graph", language="en")),
         Triple(ds, _n(DCTERMS + "license"), _n(LICENCE)),
         Triple(ds, _n(VOID + "sparqlEndpoint"), _n(root + "/sparql")),
         Triple(ds, _n(VOID + "dataDump"), _n(root + "/dumps/gcmkg.trig.gz")),
         Triple(ds, _n(VOID + "dataDump"), _n(root + "/dumps/gcmkg.nq.gz")),
         Triple(ds, _n(VOID + "uriSpace"), Literal(base)),
         Triple(ds, _n(VOID + "triples"), Literal(str(triples), datatype=_n(XSD + "integer"))),
         Triple(ds, _n(VOID + "vocabulary"), _n("https://w3id.org/gcmkg/ontology#")),
         Triple(ds, _n(VOID + "vocabulary"), _n("http://www.w3.org/2004/02/skos/core#")),
         Triple(ds, _n(VOID + "vocabulary"), _n("http://data.europa.eu/eli/ontology#")),
         Triple(ds, _n(VOID + "exampleResource"), _n("https://w3id.org/gcmkg/gcm/objective/20"))]
    return rdf_response(request, t)


def dcat_description(request: Request, dumps) -> Response:
    """DCAT catalogue of the downloadable dumps (api/dumps.Dump): licence, size and date of every distribution."""
    root = _root(request)
    catalog, ds = _n(root + "/dumps/#catalog"), _n(root + "/dumps/#gcmkg")
    t = [Triple(catalog, _n(RDF + "type"), _n(DCAT + "Catalog")),
         Triple(catalog, _n(DCTERMS + "title"), Literal("GCM Knowledge Graph downloads", language="en")),
         Triple(catalog, _n(DCAT + "dataset"), ds),
         Triple(ds, _n(RDF + "type"), _n(DCAT + "Dataset")),
         Triple(ds, _n(DCTERMS + "title"), Literal("GCM Knowledge Graph", language="en")),
         Triple(ds, _n(DCTERMS + "description"), Literal(
             "Migration practices and national norms tagged with the Global Compact for Migration's objectives "
             "and guiding principles, the SDGs, countries and organisations.", language="en")),
         Triple(ds, _n(DCTERMS + "license"), _n(LICENCE)),
         Triple(ds, _n(DCAT + "accessService"), _n(root + "/sparql"))]
    for dump in dumps:
        name, mime = dump.name, dump.media_type
        dist = _n(f"{root}/dumps/#{name}")
        t += [Triple(ds, _n(DCAT + "distribution"), dist),
              Triple(dist, _n(RDF + "type"), _n(DCAT + "Distribution")),
              Triple(dist, _n(DCAT + "downloadURL"), _n(f"{root}/dumps/{name}")),
              Triple(dist, _n(DCAT + "mediaType"), _n("https://www.iana.org/assignments/media-types/" + mime)),
              Triple(dist, _n(DCAT + "compressFormat"), _n("https://www.iana.org/assignments/media-types/application/gzip")),
              Triple(dist, _n(DCTERMS + "license"), _n(LICENCE)),
              Triple(dist, _n(DCAT + "byteSize"), Literal(str(dump.size), datatype=_n(XSD + "nonNegativeInteger"))),
              Triple(dist, _n(DCTERMS + "modified"),
                     Literal(dump.modified.isoformat(timespec="seconds"), datatype=_n(XSD + "dateTime")))]
    return rdf_response(request, t)
