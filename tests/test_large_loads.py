"""Big files are loaded in bounded chunks of entries, with the same result and the same checks as a
load held in memory, and a `gcmkg load` process's memory stays flat as its file grows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import gcmkg.graph.streamed_load as streamed_load
from gcmkg.graph.entries import EntryError
from gcmkg.graph.knowledge_graph import ValidationFailed
from gcmkg.ingest.rdf_input import LargeFile, parse_file

BENCH = Path(__file__).parent.parent / "bench"
ID = "https://w3id.org/gcmkg/id/"
# Statements about one entry far apart, a blank node, links across chunks (norm -> practice,
# practice -> organisation defined last).
SCATTERED = """@prefix gcm: <https://w3id.org/gcmkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

<{id}practice/p1> a gcm:Practice ;
    dcterms:title "First half"@en ;
    gcm:primaryObjective <https://w3id.org/gcmkg/gcm/objective/3> ;
    gcm:practiceType <https://w3id.org/gcmkg/practice-type/other> ;
    dcterms:spatial <https://w3id.org/gcmkg/country/FRA> .
<{id}practice/p2> a gcm:Practice ;
    dcterms:title "Second practice"@en ;
    dcterms:abstract "Another one."@en ;
    gcm:primaryObjective <https://w3id.org/gcmkg/gcm/objective/5> ;
    gcm:practiceType <https://w3id.org/gcmkg/practice-type/other> ;
    dcterms:spatial <https://w3id.org/gcmkg/country/ARG> ;
    gcm:implementingOrganisation <{id}org/late> ;
    dcterms:source <https://example.org/p2> ;
    dcterms:language "en"^^xsd:language ;
    gcm:reviewStatus <https://w3id.org/gcmkg/review-status/submitted> .
<{id}practice/p1>
    dcterms:abstract "Its statements are scattered through the file."@en ;
    gcm:implementingOrganisation <{id}org/late> ;
    dcterms:source <https://example.org/p1> ;
    dcterms:language "en"^^xsd:language ;
    gcm:reviewStatus <https://w3id.org/gcmkg/review-status/approved> ;
    gcm:reviewedBy <{id}org/late> ;
    gcm:reviewedOn "2026-11-24T00:00:00Z"^^xsd:dateTime .
<{id}org/late> a org:Organization ;
    skos:prefLabel "An organisation defined last"@en ;
    org:classification <https://w3id.org/gcmkg/organisation-type/other> .
""".replace("{id}", ID)


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(streamed_load, "CHUNK_ENTRIES", 1)


def quads(kg) -> dict[str, set[str]]:
    """The entries' quads (the system graphs of two stores differ in their blank nodes' names)."""
    from gcmkg.names import is_system_graph
    return {name: {str(q) for q in store.quads() if not is_system_graph(q.graph_name.value)}
            for name, store in (("public", kg.public), ("review", kg.review))}


def both_ways(tmp_path, text: str):
    path = tmp_path / "entries.ttl"
    path.write_text(text, encoding="utf-8")
    large = parse_file(path, stream_above=0)
    assert isinstance(large, LargeFile)
    return parse_file(path), large


def test_a_file_loaded_in_chunks_gives_the_store_a_load_in_memory_gives(memory_kg, tmp_path, small_chunks,
                                                                         data_dir):
    from gcmkg.graph.open import open_knowledge_graph
    in_memory, large = both_ways(tmp_path, SCATTERED + (data_dir / "entries.ttl").read_text())
    expected = memory_kg.load([in_memory])
    streamed = open_knowledge_graph(in_memory=True)
    streamed.init()
    report = streamed.load([large])
    assert quads(streamed) == quads(memory_kg)
    assert (report.entries, report.published, report.queued_for_review, report.quads, report.by_class) == \
        (expected.entries, expected.published, expected.queued_for_review, expected.quads, expected.by_class)
    again = streamed.load([large])          # a second time: every entry is replaced
    assert again.replaced == again.entries and quads(streamed) == quads(memory_kg)


def test_one_invalid_entry_in_a_late_chunk_refuses_the_whole_file(memory_kg, tmp_path, small_chunks):
    _, large = both_ways(tmp_path, SCATTERED.replace('skos:prefLabel "An organisation defined last"@en ;', ""))
    with pytest.raises(ValidationFailed) as refused:
        memory_kg.load([large])
    assert refused.value.violations[0].source == str(large.path)
    assert "org/late" in refused.value.violations[0].line()
    assert not any("id/" in g for g in memory_kg.public.named_graphs() | memory_kg.review.named_graphs())


def test_statements_that_belong_to_no_entry_are_refused_in_chunks_too(memory_kg, tmp_path, small_chunks):
    _, large = both_ways(tmp_path, SCATTERED + '<https://example.org/stray> <https://example.org/p> "x" .\n')
    with pytest.raises(EntryError, match="stray> belong to no entry"):
        memory_kg.load([large])


def peak_memory_mib(store: Path, path: Path) -> float:
    """The peak resident memory of a `gcmkg load` of `path`, streamed whatever its size."""
    gcmkg = Path(sys.executable).parent / "gcmkg"
    assert subprocess.run([str(gcmkg), "--store", str(store), "init"], capture_output=True).returncode == 0
    proc = subprocess.Popen([str(gcmkg), "--store", str(store), "load", str(path)], stderr=subprocess.PIPE,
                            env={**os.environ, "GCMKG_TEST_STREAM_ABOVE": "0"})
    _, status, usage = os.wait4(proc.pid, 0)
    assert status == 0, proc.stderr.read().decode()
    return usage.ru_maxrss / 1024


def test_loading_a_file_four_times_bigger_takes_about_the_same_memory(tmp_path):
    sys.path.insert(0, str(BENCH))
    from generate import generate
    peaks = {}
    for n in (1000, 4000):        # 5 and 19 MB of N-Triples; held in memory, memory grew with the file
        path = tmp_path / f"practices-{n}.nt"
        with path.open("w", encoding="utf-8") as out:
            generate(n, out=out)
        peaks[n] = peak_memory_mib(tmp_path / f"store-{n}", path)
    assert peaks[4000] < peaks[1000] * 1.5, peaks


def test_a_syntax_error_in_a_streamed_file_names_the_file_and_line(memory_kg, tmp_path):
    from gcmkg.ingest.rdf_input import RdfInputError
    path = tmp_path / "broken.ttl"
    path.write_text(SCATTERED + "<https://example.org/broken> <https://example.org/p> .\n", encoding="utf-8")
    large = parse_file(path, stream_above=0)
    with pytest.raises(RdfInputError, match=rf"^{large.path}:33:54: \. is not a valid RDF object$"):
        memory_kg.load([large])
