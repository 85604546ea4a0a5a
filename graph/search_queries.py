"""The SPARQL behind the search index: what it reads from the public store, and the reference counts.

Two kinds of query live here, one function or constant each:

- extraction: what `SearchIndex.build` reads (the vocabulary's shape, labels,
  one row of facet facts per entry, one row of texts per entry) and what
  `SearchIndex.upsert` reads for a single entry;
- reference: `facet_counts_query`, the same facet counts written as a plain
  SPARQL GROUP BY, so tests and the benchmark can check the index against
  the store.

Why the facts query looks odd: on the on-disk store, turning an IRI back
into text costs a RocksDB read (~6 us), and 100k practices carry ~1.5M facet
values. Joining each value with a `VALUES (?v ?code)` table of the known
concepts and organisations lets Oxigraph compare internal ids and return a
short code instead, and grouping by entry decodes each entry IRI once:
3.4 s instead of 13 s at 100k. Values missing from the table come back as
text (`COALESCE`), so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from pyoxigraph import Literal, NamedNode

from gcmkg.names import APPROVED, DCTERMS, ELI, GCM, PLACES_SCHEME, SKOS

from .instrument_parties import today
from .search_facet_index import FACETS, READERS
from .search_facets import at_day
from .queries import PROLOGUE
from .store import named_query

# -- what the index reads ---------------------------------------------------

# Each property the index reads (graph/search_facets.py says which facets read it).
FACT_PROPERTIES: tuple[str, ...] = tuple(READERS)

PREF_LABEL = SKOS + "prefLabel"
ALT_LABEL = SKOS + "altLabel"

# Free-text fields of an entry, in every language; titles are ranked higher.
TITLE_PROPERTY = DCTERMS + "title"
TEXT_PROPERTIES: tuple[str, ...] = (
    TITLE_PROPERTY, DCTERMS + "alternative", DCTERMS + "abstract", DCTERMS + "description",
    GCM + "benefitAndImpact", GCM + "keyLessons", GCM + "replicationRecommendations",
    GCM + "innovation", ELI + "id_local",
)

# The vocabulary's shape: which concept is a country or a region, which
# scheme it is in, what is broader than what, and which regions are M49
# regions (the rest are sub-regions or intermediate regions).
# Not the places below the country: no facet lists them (they count under their country, which BROADER
# gives), and 3,590 rows would cost the index build for nothing.
CONCEPTS = named_query("search index: concepts", PROLOGUE + f"""
SELECT ?concept ?scheme ?type WHERE {{
  ?concept a skos:Concept ; skos:inScheme ?scheme .
  FILTER(?scheme != <{PLACES_SCHEME}>)
  OPTIONAL {{ ?concept a ?type . VALUES ?type {{ gcm:Country gcm:Region }} }}
}}
""")

# skos:broader alone: the index closes it itself, and a place's or country's skos:broaderTransitive (every
# ancestor, stated for SPARQL) would read ~5 rows per concept for nothing (3,590 places).
BROADER = named_query("search index: broader", PROLOGUE + """
SELECT ?concept ?broader WHERE { ?concept skos:broader ?broader }
""")

M49_REGIONS = named_query("search index: m49 regions", PROLOGUE + """
SELECT DISTINCT ?region WHERE { ?country gcm:m49Region ?region }
""")

GROUPING_MEMBERS = named_query("search index: grouping members", PROLOGUE + """
SELECT ?grouping ?member WHERE { ?grouping a gcm:Grouping ; skos:member ?member }
""")


# Labels of everything an entry can link to, for matching queries in any language.
LABELS = named_query("search index: labels", PROLOGUE + """
SELECT ?concept ?label ?preferred WHERE {
  # Of the 3,590 places below the country, only those an entry is scoped to: reading and indexing every
  # province's name took the build ~0.5 s. A place first used after the build gets its labels when the
  # entry is indexed (SearchIndex.upsert reads them with PLACE_LABELS). MINUS and the places in use read
  # once, rather than a FILTER (NOT) EXISTS per concept: ~110 ms instead of ~230 at 10k practices.
  { ?concept a skos:Concept MINUS { ?concept a gcm:Place } }
  UNION { { SELECT DISTINCT ?concept WHERE { ?entry dcterms:spatial|eli:jurisdiction ?concept } } ?concept a gcm:Place }
  UNION { ?concept a org:Organization } UNION { ?concept a gcm:Grouping }
  { ?concept skos:prefLabel ?label BIND(true AS ?preferred) } UNION { ?concept skos:altLabel ?label }
}
""")

# The labels of one place, read when an entry is the first to be scoped to it after the build.
PLACE_LABELS = named_query("search index: labels of a place", PROLOGUE + """
SELECT ?label ?preferred WHERE {
  $place a gcm:Place .
  { $place skos:prefLabel ?label BIND(true AS ?preferred) } UNION { $place skos:altLabel ?label }
}
""")

# Every statement about one entry (upsert reads the entry through this; an instrument's parties are
# read as its timeline, graph/instrument_parties.py).
STATEMENTS_OF = named_query("search index: statements of", PROLOGUE + "SELECT ?p ?v WHERE { $entry ?p ?v }")


# The areas with observations in a loaded dataset (each dataset's description sums up what it covers).
COVERED_AREAS = named_query("search index: areas with indicator data", PROLOGUE + """
SELECT DISTINCT ?area WHERE { ?dataset gcm:coverage ?covers .
  ?covers <http://purl.org/linked-data/sdmx/2009/dimension#refArea> ?area }
""")


def _values(rows: Iterable[tuple]) -> str:
    """Inline data for VALUES: pyoxigraph terms only, in N-Triples form (a str is written as a plain literal).

    The index's long reads go through `Store.run`, which takes no bindings; a term is escaped by pyoxigraph.
    """
    def term(value) -> str:
        if isinstance(value, str):
            value = Literal(value)
        if not isinstance(value, (NamedNode, Literal)):
            raise TypeError(f"inline data takes IRIs and literals, not {type(value).__name__}")
        return str(value)
    return " ".join(f"({' '.join(map(term, row))})" if len(row) > 1 else term(row[0]) for row in rows)


# The classes whose instances are a facet's known values (organisations), and their instances.
INSTANCE_CLASSES = frozenset(f.instances_of for f in FACETS if f.instances_of)
INSTANCES = named_query("search index: instances", PROLOGUE + f"""
SELECT ?organisation ?class WHERE {{
  VALUES ?class {{ {_values((NamedNode(c),) for c in sorted(INSTANCE_CLASSES))} }}
  ?organisation a ?class
}}
""")

def entry_facts_query(codes: Mapping[str, str]) -> str:
    """One row per subject: ?e and ?facts, space-separated `<property letter><mark><value>`.

    `codes` maps known value IRIs (concepts, organisations, classes) to short
    digit codes. The mark says what follows: `#` a code, `<` any other IRI,
    `"` a literal's lexical form, percent-encoded so it holds no space. Property
    letters index `FACT_PROPERTIES` (see PROPERTY_BY_LETTER).
    """
    roles = _values((NamedNode(p), _letter(i)) for i, p in enumerate(FACT_PROPERTIES))
    values = _values((NamedNode(iri), code) for iri, code in codes.items())
    return named_query("search index: entry facts", PROLOGUE + f"""
SELECT ?e (GROUP_CONCAT(?fact; separator=" ") AS ?facts) WHERE {{        # Virtuoso: no default separator
  ?e ?p ?v .
  VALUES (?p ?role) {{ {roles} }}
  OPTIONAL {{ VALUES (?v ?code) {{ {values} }} }}
  BIND(CONCAT(?role, COALESCE(IF(BOUND(?code), CONCAT("#", ?code),       # Virtuoso: CONCAT of unbound is ""
                                 IF(isIRI(?v), CONCAT("<", STR(?v)), CONCAT("\\"", ENCODE_FOR_URI(STR(?v))))),
                              "?")) AS ?fact)
}} GROUP BY ?e
""")


def _letter(index: int) -> str:
    return chr(ord("a") + index)        # a-z then {|}~ and on: never a space, "#", "<" or '"'


PROPERTY_BY_LETTER = {_letter(i): prop for i, prop in enumerate(FACT_PROPERTIES)}
TEXT_SEPARATOR = "\u001e"  # between texts in ENTRY_TEXTS; never in prose


def _entry_texts() -> str:
    fields = _values((NamedNode(p), str(i)) for i, p in enumerate(TEXT_PROPERTIES))
    # No join with the entry's class here: it triples the time at 100k. The
    # caller keeps the subjects its facts query found to be public entries.
    # Literals only: one odd value (an IRI, a blank node) would void the group (LANG fails on it).
    # Not COALESCE(LANG(?text), ""): Virtuoso 7.2 never finishes that, and stalls other queries.
    return named_query("search index: entry texts", PROLOGUE + f"""
SELECT ?e (GROUP_CONCAT(CONCAT(?field, " ", LANG(?text), " ", STR(?text));
                        separator="{TEXT_SEPARATOR}") AS ?texts)
WHERE {{
  ?e ?p ?text . FILTER(isLiteral(?text))
  VALUES (?p ?field) {{ {fields} }}
}} GROUP BY ?e
""")


# One row per subject with text fields: its texts as `<field index> <lang> <text>` joined by TEXT_SEPARATOR.
ENTRY_TEXTS = _entry_texts()


# -- the reference: facet counts as plain SPARQL ------------------------------

# For each dimension, two patterns linking entry ?e to ?value (graph/search_facets.py): one to count
# (?e is bound, so it starts from the entry) and one to filter (?value is bound, so it starts from the value).
DIMENSION_PATTERNS: dict[str, tuple[str, str]] = {f.name: (f.count_pattern, f.filter_pattern) for f in FACETS}
_YEAR = next(f.name for f in FACETS if f.values == "year")

_ENTRY = (f"?e a ?kind ; gcm:reviewStatus {APPROVED} . "
          "VALUES ?kind { gcm:Practice gcm:NationalNorm gcm:InternationalInstrument }")


def _renamed(pattern: str, suffix: str) -> str:
    """A dimension pattern with its own variables, so several can sit in one query."""
    for var in ("?value", "?tag", "?place", "?country", "?goal", "?up", "?date", "?class", "?party", "?until",
                "?normStatus", "?normClass", "?stated", "?amender", "?inForce", "?adopted", "?start", "?end",
                "?ongoing", "?atDay", "?practiceStatus", "?none", "?area", "?covers", "?dataset", "?indicatorEntry",
                "?indicatorData"):
        pattern = pattern.replace(var, f"{var}_{suffix}")
    return pattern


def facet_counts_query(dimension: str, filters: Mapping[str, Sequence[str]] | None = None,
                       year_from: int | None = None, year_to: int | None = None,
                       entries: Sequence[str] | None = None, excluded: Sequence[str] | None = None,
                       at: str | None = None) -> str:
    """SELECT ?value ?count: entries per value of `dimension` under every filter but its own, on day `at` (today).

    The plain-SPARQL twin of the index's disjunctive facet counts: the
    filtered entries first (OR within a facet through VALUES, AND across
    facets through the join), then a GROUP BY. `entries` restricts to a given
    set (the free-text matches, which SPARQL cannot compute the same way), or
    `excluded` leaves a set out (the same, when the non-matches are fewer).
    Values are IRIs, written as N-Triples terms.
    """
    parts = []
    if entries is not None:
        parts.append("VALUES ?e { " + " ".join(str(NamedNode(e)) for e in entries) + " }")
    for n, (dim, values) in enumerate(sorted((filters or {}).items())):
        if dim == dimension or not values:
            continue
        terms = " ".join(str(NamedNode(v)) for v in values)
        parts.append(f"VALUES ?value_f{n} {{ {terms} }} {_renamed(DIMENSION_PATTERNS[dim][1], f'f{n}')}")
    if dimension != _YEAR and (year_from is not None or year_to is not None):
        low = f"?value_y >= {int(year_from)}" if year_from is not None else "true"
        high = f"?value_y <= {int(year_to)}" if year_to is not None else "true"
        parts.append(f"{_renamed(DIMENSION_PATTERNS[_YEAR][1], 'y')} FILTER({low} && {high})")
    parts.append(_ENTRY)
    if excluded is not None:
        parts.append("MINUS { VALUES ?e { " + " ".join(str(NamedNode(e)) for e in excluded) + " } }")
    filtered = "\n    ".join(parts)
    return named_query("reference facet counts", PROLOGUE + at_day(f"""
SELECT ?value (COUNT(DISTINCT ?e) AS ?count) WHERE {{
  {{ SELECT DISTINCT ?e WHERE {{
    {filtered}
  }} }}
  {DIMENSION_PATTERNS[dimension][0]}
}} GROUP BY ?value
""", at or today()))
