"""Dereferenceable IRIs: every IRI gcmkg mints has a path here that describes it.

Convention (documented in the README): content negotiation on the IRI's own
path, answered directly with 200 and `Vary: Accept` — no 303 hop. HTML for
browsers (with the same data embedded as JSON-LD), Turtle, JSON-LD,
N-Triples or RDF/XML for machines; `?format=ttl|jsonld|nt|rdf` overrides
Accept. Only public data is described: the review queue is never consulted.
"""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pyoxigraph import NamedNode

from gcmkg.names import ONTOLOGY_GRAPH, PREFIXES, local_href
from gcmkg.profiles import MINTED_CONCEPT_PREFIXES, MINTED_SCHEMES

from .negotiate import RDF, choose, wants_html
from gcmkg.graph.merges import replacement
from gcmkg.graph.queries import describe
from gcmkg.problems import Problem

router = APIRouter()


# Path prefixes of the IRIs we mint (entries, GCM concepts, countries, regions, small schemes).
MINTED_PREFIXES = ("id", "gcm", "country", "region", "place", "grouping", "practice-type", "norm-type", "norm-status",
                   "review-status", "organisation-type", "indicator", "isced-2011", "migration-status")
SCHEMES = ("countries", "places", "practice-types", "norm-types", "norm-statuses", "review-statuses",
           "organisation-types")
# The thematic profiles' vocabularies (gcmkg/profiles.py).
MINTED_PREFIXES += MINTED_CONCEPT_PREFIXES
SCHEMES += MINTED_SCHEMES


def _answer(request: Request, iri: str, triples: list[ox.Triple]) -> Response:
    if not triples:
        raise Problem("not-found", 404, f"nothing is published about <{iri}>")
    if request.query_params.get("format") is None and wants_html(request.headers.get("accept")):
        jsonld = ox.serialize(triples, format=ox.RdfFormat.JSON_LD).decode()
        return request.app.state.render_resource(request, iri, triples, jsonld)
    fmt = choose(request.headers.get("accept"), RDF, request.query_params.get("format"))
    body = ox.serialize(triples, format=ox.RdfFormat.from_media_type(fmt.media_type), prefixes=PREFIXES)
    return Response(body, media_type=fmt.media_type, headers={"Vary": "Accept"})


def _resource(request: Request, path: str) -> Response:
    base = request.app.state.base_iri
    iri = base + path
    try:
        node = NamedNode(iri)
    except ValueError:
        raise Problem("not-found", 404, f"'{path}' is not an IRI this server mints") from None
    store = request.app.state.kg.public
    if path.startswith("id/"):
        moved = moved_to(request, node, lambda into: local_href(into.value, base))
        if moved is not None:
            return moved
    triples = describe(store, node)
    if not triples and base != "https://w3id.org/gcmkg/":
        iri = "https://w3id.org/gcmkg/" + path   # the shared vocabularies keep their w3id IRIs
        triples = describe(store, NamedNode(iri))
    if not triples:
        _gone_if_unpublished(request, node)
    return _answer(request, iri, triples)


def moved_to(request: Request, entry: NamedNode, address) -> RedirectResponse | None:
    """`301 Moved Permanently` to where a merged entry went (graph/merges.py), at `address(into)`, the query
    string kept; None if `entry` was not merged. The same answer for every format, hence no Vary."""
    into = replacement(request.app.state.kg.public, entry)
    if into is None:
        return None
    query = request.url.query
    return RedirectResponse(address(into) + (f"?{query}" if query else ""), status_code=301)


def _gone_if_unpublished(request: Request, node: NamedNode) -> None:
    """An entry the curators unpublished answers 410 with their public note, never 404: it existed."""
    curation = getattr(request.app.state, "curation", None)
    note = curation.workbench.withdrawal_note(node) if curation is not None else None
    if note is not None:
        raise Problem("gone", 410, note, iri=node.value)


def _under(prefix: str):
    def handler(request: Request, rest: str) -> Response:
        return _resource(request, f"{prefix}/{rest}")
    return handler


def _scheme_page(scheme: str):
    def handler(request: Request) -> Response:
        return _resource(request, scheme)
    return handler


for _prefix in MINTED_PREFIXES:
    router.add_api_route(f"/{_prefix}/{{rest:path}}", _under(_prefix), methods=["GET"], include_in_schema=False)
for _scheme in SCHEMES:
    router.add_api_route(f"/{_scheme}", _scheme_page(_scheme), methods=["GET"], include_in_schema=False)


@router.get("/ontology", include_in_schema=False)
def ontology(request: Request) -> Response:
    """The whole ontology: its terms are hash IRIs (https://w3id.org/gcmkg/ontology#Practice)."""
    store = request.app.state.kg.public
    return _answer(request, "https://w3id.org/gcmkg/ontology", [q.triple for q in store.quads(ONTOLOGY_GRAPH)])
