"""One instrument, one entity in the demo (issue 13): the demo loads without a single duplicate warning.

The warnings fired on the demo until each instrument was stored once: Fiji's relocation guidelines
were a practice and a norm, Colombia's Circular 16 was a norm and a practice citing its text, German
and Argentine entries shared home pages as sources, and five laws were all titled "Migration Law"."""

from __future__ import annotations

from gcmkg.graph.system_graphs import demo_files
from gcmkg.ingest.rdf_input import FORMATS, parse_bytes

SHARED = {"https://w3id.org/gcmkg/shapes#Entry-sharedSource", "https://w3id.org/gcmkg/shapes#Entry-sharedTitle"}


def _demo_warnings(kg, *extra):
    parsed = [parse_bytes(f.read_bytes(), FORMATS[".ttl"], f"demo/{f.name}") for f in demo_files()]
    return kg.load(parsed + list(extra)).warnings


def _shared(warnings) -> set[str]:
    return {w.violation.focus_node.rsplit("/", 1)[-1] for w in warnings if w.violation.source_shape in SHARED}


def test_curator_loading_the_demo_is_warned_of_no_entry_stored_twice(memory_kg):
    assert _shared(_demo_warnings(memory_kg)) == set()


def test_a_demo_norm_stored_twice_would_be_caught(memory_kg):
    # The check is on: the same Act again under another IRI is warned, the original with it.
    norms = next(f for f in demo_files() if f.name == "norms.ttl").read_text(encoding="utf-8")
    start = norms.index("norm:gbr-modern-slavery-act-2015 a")
    entry = norms[:norms.index("\n\n", norms.index("@prefix"))] + "\n\n" + norms[start:norms.index(" .\n", start) + 3]
    copy = entry.replace("norm:gbr-modern-slavery-act-2015 a", "norm:gbr-modern-slavery-act-2015-again a")
    extra = parse_bytes(copy.encode(), FORMATS[".ttl"], "demo-copy.ttl")
    assert _shared(_demo_warnings(memory_kg, extra)) == {"gbr-modern-slavery-act-2015",
                                                         "gbr-modern-slavery-act-2015-again"}


def test_an_entry_loaded_later_is_warned_of_a_stored_one_it_repeats(memory_kg):
    # The demo is in the store first; the copy comes in a load of its own, and is still caught.
    assert _shared(_demo_warnings(memory_kg)) == set()
    norms = next(f for f in demo_files() if f.name == "norms.ttl").read_text(encoding="utf-8")
    start = norms.index("norm:gbr-modern-slavery-act-2015 a")
    entry = norms[:norms.index("\n\n", norms.index("@prefix"))] + "\n\n" + norms[start:norms.index(" .\n", start) + 3]
    # Loading a stored entry again (a replacement) warns of nothing: it repeats only itself.
    again = memory_kg.load([parse_bytes(entry.encode(), FORMATS[".ttl"], "again.ttl")]).warnings
    assert _shared(again) == set()
    copy = entry.replace("norm:gbr-modern-slavery-act-2015 a", "norm:gbr-modern-slavery-act-2015-again a")
    later = memory_kg.load([parse_bytes(copy.encode(), FORMATS[".ttl"], "later.ttl")]).warnings
    assert _shared(later) == {"gbr-modern-slavery-act-2015-again"}
