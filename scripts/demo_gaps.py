#!/usr/bin/env python3
"""List what the demo entries still lack, for the curator who re-checks them against their sources.

    python scripts/demo_gaps.py

Prints, one line per gap and entry: norms without a date of entry into force, practices with
neither an end date nor "ongoing", practices without a guiding principle or without lessons,
entries whose source is a site's home page, and which entries carry a "last checked" date
(gcm:lastChecked). gcmkg/demo/CHECKED.md records what was checked and how.
"""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import RdfFormat, Store

DEMO = Path(__file__).resolve().parent.parent / "gcmkg" / "demo"
PREFIXES = """
PREFIX gcm: <https://w3id.org/gcmkg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
# Each gap: what is missing, and the entries that lack it.
GAPS = {
    "norm without a date of entry into force":
        "SELECT ?e WHERE { ?e a gcm:NationalNorm FILTER NOT EXISTS { ?e eli:first_date_entry_in_force ?d } }",
    "practice with neither an end date nor ongoing":
        "SELECT ?e WHERE { ?e a gcm:Practice FILTER NOT EXISTS { ?e schema:endDate ?d } "
        "FILTER NOT EXISTS { ?e gcm:ongoing ?o } }",
    "practice without a guiding principle":
        "SELECT ?e WHERE { ?e a gcm:Practice FILTER NOT EXISTS { ?e gcm:guidingPrinciple ?p } }",
    "practice without lessons":
        "SELECT ?e WHERE { ?e a gcm:Practice FILTER NOT EXISTS { ?e gcm:keyLessons ?l } }",
    "source is a home page":
        "SELECT ?e WHERE { ?e dcterms:source ?s ; gcm:reviewStatus ?r "
        "FILTER(REGEX(STR(?s), '^https?://[^/]+/?$')) }",
    "last checked against its source":
        "SELECT ?e WHERE { ?e gcm:lastChecked ?d }",
}


def demo_store() -> Store:
    """The demo files in an in-memory store (the default graph)."""
    store = Store()
    for path in sorted(DEMO.glob("*.ttl")):
        store.load(path.read_bytes(), RdfFormat.TURTLE)
    return store


def gaps(store: Store) -> dict[str, list[str]]:
    """Each gap with the local names of the entries it concerns, sorted."""
    return {gap: sorted(row["e"].value.rsplit("/", 1)[-1] for row in store.query(PREFIXES + query))
            for gap, query in GAPS.items()}


def main() -> None:
    for gap, entries in gaps(demo_store()).items():
        print(f"{gap}: {len(entries)}")
        for entry in entries:
            print(f"  {entry}")


if __name__ == "__main__":
    main()
