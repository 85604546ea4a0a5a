"""One instrument, one entity: a curator is warned when a new entry shares a source document or a title
with one already stored (issue 13). A warning, not a refusal: the entry is still saved."""

from __future__ import annotations

from pyoxigraph import NamedNode, RdfFormat, parse

from gcmkg.ingest.rdf_input import parse_file

SOURCE, TITLE = "http://purl.org/dc/terms/source", "http://purl.org/dc/terms/title"
NEW = NamedNode("https://w3id.org/gcmkg/id/norm/the-same-thing-again")
COPY = """
@prefix gcm: <https://w3id.org/gcmkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/gcmkg/id/norm/the-same-thing-again> a gcm:NationalNorm ;
    dcterms:title %s ;
    dcterms:language "es"^^xsd:language ;
    eli:type_document <https://w3id.org/gcmkg/norm-type/decree> ;
    eli:jurisdiction <https://w3id.org/gcmkg/country/ARG> ;
    gcm:normStatus <https://w3id.org/gcmkg/norm-status/in-force> ;
    dcterms:abstract "A decree whose programme is already stored as a practice."@en ;
    gcm:addressesObjective <https://w3id.org/gcmkg/gcm/objective/5> ;
    dcterms:source <%s> ;
    gcm:reviewStatus <https://w3id.org/gcmkg/review-status/approved> ;
    gcm:reviewedBy <https://w3id.org/gcmkg/id/org/test-reviewers> ;
    gcm:reviewedOn "2026-12-03T00:00:00Z"^^xsd:dateTime .
"""


def _stored(kg, data_dir):
    kg.load([parse_file(data_dir / "entries.ttl")])
    practice = NamedNode("https://w3id.org/gcmkg/id/practice/test-school-enrolment")
    source = next(r["o"] for r in kg.public.select("SELECT ?o WHERE { $s <%s> ?o }" % SOURCE, {"s": practice}))
    return source.value


def test_curator_is_warned_when_a_new_entry_cites_a_stored_entrys_source(memory_kg, data_dir):
    source = _stored(memory_kg, data_dir)
    triples = list(parse(COPY % ('"Decreto nuevo"@es', source), format=RdfFormat.TURTLE))
    found = memory_kg.check_entry(NEW, triples)
    warned = {(v.path, v.severity) for v in found}
    assert (SOURCE, "Warning") in warned and not any(v.severity == "Violation" for v in found)
    assert "same source document" in next(v for v in found if v.path == SOURCE).message("en")
    assert memory_kg.put_entry(NEW, triples) == "public"          # saved all the same


def test_curator_is_warned_when_a_new_entry_repeats_a_stored_title(memory_kg, data_dir):
    _stored(memory_kg, data_dir)
    triples = list(parse(COPY % ('"Matrícula escolar sin documentos"@es', "https://example.org/decree"),
                         format=RdfFormat.TURTLE))
    found = memory_kg.check_entry(NEW, triples)
    assert {(v.path, v.severity) for v in found} == {(TITLE, "Warning")}
    assert "mismo título" in found[0].message("es")


def test_an_entry_with_its_own_source_and_title_gets_no_warning(memory_kg, data_dir):
    _stored(memory_kg, data_dir)
    triples = list(parse(COPY % ('"Decreto nuevo"@es', "https://example.org/decree"), format=RdfFormat.TURTLE))
    assert memory_kg.check_entry(NEW, triples) == []
