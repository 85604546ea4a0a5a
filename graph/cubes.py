"""Statistical data as W3C RDF Data Cubes: indicators' observations, checked, stored, read back and derived.

A dataset holds the observations of one indicator (ontology/vocab/statistics.ttl).
Its components are SDMX's where SDMX has one (reference area and period, sex,
age; observation status, unit) and gcmkg's otherwise (education level, migration
status, origin, destination). Columns are named as in SDMX-CSV (REF_AREA,
TIME_PERIOD, OBS_VALUE...), so a file exported from an SDMX service loads as is.

Storage. Each dataset is the named graph ``<dataset/ID>`` (its description and
structure) pointing with ``gcm:currentVersion`` at a version graph
``<dataset/ID/vN>`` that holds the observations. A new load writes the new
version with the store's bulk path (journalled: a killed load leaves nothing),
then switches the pointer and drops the old version in one transaction: readers
see the old observations or the new ones, never a mixture.

Checks, before anything is written, each naming the file, row and column:
every observation has every dimension of the dataset (IC-11); at most one
observation per cell (IC-12); codes come from the declared code lists (IC-19);
a value is a number, or is missing with status M and a reason (footnote).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Quad, Triple

from gcmkg.names import BASE, DATASET_BASE, DCTERMS, GCM, RDF_TYPE, RDFS, SKOS, XSD

from gcmkg.ingest.observations import IGNORED, Row
from gcmkg.shapes.cubes import PYSHACL_LIMIT, problems_in_graph
from gcmkg.shapes.cubes import problems as shape_problems

from .crash_points import crash_point
from .knowledge_graph import KnowledgeGraph
from .store import Store

QB = "http://purl.org/linked-data/cube#"
SDMX_DIMENSION = "http://purl.org/linked-data/sdmx/2009/dimension#"
SDMX_ATTRIBUTE = "http://purl.org/linked-data/sdmx/2009/attribute#"
SDMX_MEASURE = "http://purl.org/linked-data/sdmx/2009/measure#"
SDMX_CODE = "http://purl.org/linked-data/sdmx/2009/code#"
PROV = "http://www.w3.org/ns/prov#"
INDICATOR_BASE = BASE + "indicator/"

DATASET_CLASS, OBSERVATION_CLASS = NamedNode(QB + "DataSet"), NamedNode(QB + "Observation")
STRUCTURE_CLASS = NamedNode(QB + "DataStructureDefinition")
DATA_SET, STRUCTURE, COMPONENT = NamedNode(QB + "dataSet"), NamedNode(QB + "structure"), NamedNode(QB + "component")
OBS_VALUE = NamedNode(SDMX_MEASURE + "obsValue")
INDICATOR, CURRENT_VERSION = NamedNode(GCM + "indicator"), NamedNode(GCM + "currentVersion")
MISSING = "M"   # SDMX observation status: missing value (a reason goes in the footnote)


@dataclass(frozen=True)
class Component:
    """One column of a dataset: its SDMX-CSV name, its property and where its codes come from."""
    column: str
    iri: NamedNode
    role: str        # "dimension" | "attribute"
    codes: str       # "area" | "period" | "sex" | "isced" | "migration" | "status" | "text" | "iri"


COMPONENTS: dict[str, Component] = {c.column: c for c in (
    Component("REF_AREA", NamedNode(SDMX_DIMENSION + "refArea"), "dimension", "area"),
    Component("TIME_PERIOD", NamedNode(SDMX_DIMENSION + "refPeriod"), "dimension", "period"),
    Component("SEX", NamedNode(SDMX_DIMENSION + "sex"), "dimension", "sex"),
    Component("AGE", NamedNode(SDMX_DIMENSION + "age"), "dimension", "text"),
    Component("EDUCATION_LEV", NamedNode(GCM + "educationLevel"), "dimension", "isced"),
    Component("MIGRATION_STATUS", NamedNode(GCM + "migrationStatus"), "dimension", "migration"),
    Component("ORIGIN", NamedNode(GCM + "origin"), "dimension", "area"),
    Component("DESTINATION", NamedNode(GCM + "destination"), "dimension", "area"),
    Component("OBS_STATUS", NamedNode(SDMX_ATTRIBUTE + "obsStatus"), "attribute", "status"),
    Component("UNIT_MEASURE", NamedNode(SDMX_ATTRIBUTE + "unitMeasure"), "attribute", "text"),
    Component("COMMENT", NamedNode(RDFS + "comment"), "attribute", "text"),
    Component("SOURCE", NamedNode(DCTERMS + "source"), "attribute", "iri"),
)}
VALUE_COLUMN = "OBS_VALUE"

# SDMX's code lists, as the SDMX-RDF vocabulary publishes them.
SEX = {"F": "sex-F", "M": "sex-M", "_T": "sex-T", "_U": "sex-U", "_N": "sex-N"}
STATUS = {"A": "obsStatus-A", "B": "obsStatus-B", "E": "obsStatus-E", "F": "obsStatus-F", "I": "obsStatus-I",
          "M": "obsStatus-M", "P": "obsStatus-P", "S": "obsStatus-S"}
_PERIOD = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_NUMBER = re.compile(r"-?[\d,]*\.?\d+([eE]-?\d+)?")
_DECIMAL = NamedNode(XSD + "decimal")


class CubeError(ValueError):
    """A dataset that cannot be stored; `problems` lists each as 'FILE, row R, column C: what'."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(problems[0] + more)


@dataclass
class Dataset:
    """A dataset to store: its id, the indicator it measures, its columns and rows, and where it came from."""
    id: str
    indicator: str
    columns: list[str]
    rows: list[Row]
    source: str = ""                              # the file (or URL) read, for messages and provenance
    title: str = ""
    derived_from: list[NamedNode] = field(default_factory=list)
    formula: str = ""

    @property
    def iri(self) -> NamedNode:
        return dataset_iri(self.id)

    @property
    def dimensions(self) -> list[Component]:
        return [COMPONENTS[c] for c in self.columns if c in COMPONENTS and COMPONENTS[c].role == "dimension"]


def dataset_iri(dataset_id: str) -> NamedNode:
    return NamedNode(DATASET_BASE + dataset_id)


def indicator_iri(code: str) -> NamedNode:
    return NamedNode(INDICATOR_BASE + code)


@lru_cache(maxsize=1)
def code_lists() -> dict[str, dict[str, NamedNode]]:
    """Code -> concept for each kind of coded column, read from the vocabularies gcmkg ships."""
    from .system_graphs import system_graphs
    from gcmkg.names import vocab_graph
    notation = NamedNode(SKOS + "notation")
    areas = {t.subject.value.rsplit("/", 1)[-1]: t.subject for t in system_graphs().get(vocab_graph("countries"), ())
             if t.predicate == RDF_TYPE and t.object.value in (GCM + "Country", GCM + "Region")}
    by_scheme: dict[str, dict[str, NamedNode]] = {}
    for t in system_graphs().get(vocab_graph("statistics"), ()):
        if t.predicate == notation and isinstance(t.subject, NamedNode):
            by_scheme.setdefault(t.subject.value.rsplit("/", 2)[-2], {})[t.object.value] = t.subject
    return {"area": areas, "isced": by_scheme.get("isced-2011", {}),
            "migration": by_scheme.get("migration-status", {}),
            "sex": {k: NamedNode(SDMX_CODE + v) for k, v in SEX.items()},
            "status": {k: NamedNode(SDMX_CODE + v) for k, v in STATUS.items()},
            "indicator": by_scheme.get("indicator", {})}


def _period(text: str) -> Literal | None:
    if not _PERIOD.match(text):
        return None
    kind = {4: "gYear", 7: "gYearMonth", 10: "date"}[len(text)]
    try:
        if kind == "date":
            dt.date.fromisoformat(text)
        elif kind == "gYearMonth" and not 1 <= int(text[5:]) <= 12:
            return None
    except ValueError:
        return None
    return Literal(text, datatype=NamedNode(XSD + kind))


def _term(component: Component, text: str, lists) -> Literal | NamedNode | None:
    """The RDF value of a cell, or None when it is not a value of the column's code list."""
    if component.codes == "period":
        return _period(text)
    if component.codes == "text":
        return Literal(text)
    if component.codes == "iri":
        return NamedNode(text) if re.match(r"^https?://[^\s<>\"{}|\\^`]+$", text) else None
    return lists[component.codes].get(text)


_EXPECTED = {"area": "a country (ISO 3166 alpha-3) or M49 region code", "period": "a year, YYYY-MM or a date",
             "sex": "an SDMX sex code (F, M, _T, _U, _N)", "isced": "an ISCED 2011 level (0-8)",
             "migration": "a migration status (national, migrant, refugee, asylum-seeker, stateless, returnee)",
             "status": "an SDMX observation status (A, B, E, F, I, M, P, S)", "iri": "an http(s) address"}


def observation_triples(dataset: Dataset, version: NamedNode, graph: NamedNode | None = None) -> Iterator[Triple]:
    """Check every row (raising CubeError with every problem found, up to 50) and yield the observations
    (as quads in `graph` when it is given, which spares a large load a second pass)."""
    lists, problems = code_lists(), []
    terms: dict[tuple[str, str], Literal | NamedNode | None] = {}   # a cube repeats its codes: look each up once
    make = Triple if graph is None else (lambda s, p, o: Quad(s, p, o, graph))
    where = dataset.source or dataset.id
    unknown = [c for c in dataset.columns if c not in COMPONENTS and c != VALUE_COLUMN and c not in IGNORED]
    if unknown:
        raise CubeError([f"{where}, header: unknown column {unknown[0]!r} (known: "
                         f"{', '.join([*COMPONENTS, VALUE_COLUMN])})"])
    given = set(dataset.columns)
    if not {VALUE_COLUMN, "TIME_PERIOD"} <= given or not ("REF_AREA" in given or {"ORIGIN", "DESTINATION"} <= given):
        raise CubeError([f"{where}, header: a dataset needs TIME_PERIOD, OBS_VALUE and REF_AREA (or, for flows, "
                         "ORIGIN and DESTINATION)"])
    dimensions = dataset.dimensions
    attributes = [COMPONENTS[c] for c in dataset.columns if c in COMPONENTS and COMPONENTS[c].role == "attribute"]
    seen: dict[tuple, int] = {}
    out: list[Triple] = []
    for row in dataset.rows:
        def problem(column: str, text: str) -> None:
            problems.append(f"{where}, row {row.number}, column {column}: {text}")
        key, values = [], []
        for c in dimensions:
            text = row.cells.get(c.column, "").strip()
            if not text:
                problem(c.column, "empty: every observation has a value for every dimension")
                continue
            term = terms.get((c.column, text), False)
            if term is False:
                term = terms[(c.column, text)] = _term(c, text, lists)
            if term is None:
                problem(c.column, f"{text!r} is not {_EXPECTED[c.codes]}")
                continue
            key.append(text)
            values.append((c.iri, term))
        if len(key) == len(dimensions):
            cell = tuple(key)
            if cell in seen:
                problem(dimensions[0].column, f"a second observation for the cell {'/'.join(cell)} "
                                              f"(first on row {seen[cell]}): one observation per cell")
            seen.setdefault(cell, row.number)
        for c in attributes:
            text = row.cells.get(c.column, "").strip()
            if text:
                term = _term(c, text, lists)
                if term is None:
                    problem(c.column, f"{text!r} is not {_EXPECTED[c.codes]}")
                else:
                    values.append((c.iri, term))
        raw = row.cells.get(VALUE_COLUMN, "").strip()
        status = row.cells.get("OBS_STATUS", "").strip()
        if raw:
            try:
                number = Decimal(raw.replace(",", "")) if _NUMBER.fullmatch(raw) else None
            except InvalidOperation:
                number = None
            if number is None or not number.is_finite():
                problem(VALUE_COLUMN, f"{raw!r} is not a number")
            else:
                values.append((OBS_VALUE, Literal(format(number, "f"), datatype=_DECIMAL)))
        elif status != MISSING or not row.cells.get("COMMENT", "").strip():
            problem(VALUE_COLUMN, "empty: a missing value needs OBS_STATUS M and the reason in COMMENT")
        if len(problems) >= 50:
            break
        if problems:
            continue
        obs = observation_iri(version, key)
        out.append(make(obs, RDF_TYPE, OBSERVATION_CLASS))
        out.append(make(obs, DATA_SET, version))
        out.extend(make(obs, p, o) for p, o in values)
    if problems:
        raise CubeError(problems)
    if not dataset.rows:
        raise CubeError([f"{where}: no observations"])
    yield from out


def observation_iri(version: NamedNode, key: list[str]) -> NamedNode:
    """An observation's IRI: its version's, then its dimensions' codes in the structure's order. A reader
    who knows every code of a cell finds its observation by IRI, without a scan."""
    return NamedNode(f"{version.value}/{'/'.join(_slug(k) for k in key)}")


@lru_cache(maxsize=4096)
def _slug(code: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", code)


def description(dataset: Dataset, version: NamedNode, count: int) -> list[Triple]:
    """The dataset's own graph: what it measures, its structure (components) and its current version."""
    iri, structure = dataset.iri, NamedNode(dataset.iri.value + "/structure")
    triples = [Triple(iri, RDF_TYPE, DATASET_CLASS), Triple(iri, STRUCTURE, structure),
               Triple(iri, INDICATOR, indicator_iri(dataset.indicator)), Triple(iri, CURRENT_VERSION, version),
               Triple(iri, NamedNode(DCTERMS + "modified"),
                      Literal(dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
                              datatype=NamedNode(XSD + "dateTime"))),
               Triple(iri, NamedNode(GCM + "observationCount"), Literal(str(count), datatype=NamedNode(XSD + "integer"))),
               Triple(version, RDF_TYPE, DATASET_CLASS), Triple(version, STRUCTURE, structure),
               Triple(version, NamedNode(DCTERMS + "isVersionOf"), iri),
               Triple(structure, RDF_TYPE, STRUCTURE_CLASS)]
    if dataset.title:
        triples.append(Triple(iri, NamedNode(DCTERMS + "title"), Literal(dataset.title, language="en")))
    if dataset.source.startswith(("http://", "https://")):
        triples.append(Triple(iri, NamedNode(DCTERMS + "source"), NamedNode(dataset.source)))
    for n, column in enumerate([*[c.column for c in dataset.dimensions], VALUE_COLUMN,
                                *[c for c in dataset.columns if c in COMPONENTS
                                  and COMPONENTS[c].role == "attribute"]], start=1):
        spec = NamedNode(f"{structure.value}/{column.lower()}")
        kind, prop = ("measure", OBS_VALUE) if column == VALUE_COLUMN else (COMPONENTS[column].role,
                                                                               COMPONENTS[column].iri)
        triples += [Triple(structure, COMPONENT, spec), Triple(spec, NamedNode(QB + kind), prop),
                    Triple(spec, NamedNode(QB + "order"), Literal(str(n), datatype=NamedNode(XSD + "integer")))]
    triples += coverage(dataset, structure)
    for source in dataset.derived_from:
        triples.append(Triple(iri, NamedNode(PROV + "wasDerivedFrom"), source))
    if dataset.formula:
        triples.append(Triple(iri, NamedNode(GCM + "formula"), Literal(dataset.formula)))
    return triples


COVERAGE, CODE_USED = NamedNode(GCM + "coverage"), NamedNode(GCM + "codeUsed")
REF_AREA, REF_PERIOD = COMPONENTS["REF_AREA"].iri, COMPONENTS["TIME_PERIOD"].iri
#: The coded columns whose values a page offers as filters (and the attribute OBS_STATUS).
SLICE_COLUMNS = ("SEX", "AGE", "EDUCATION_LEV", "MIGRATION_STATUS", "OBS_STATUS")


def area_column(columns: list[str]) -> str:
    """The column that places an observation on the map: REF_AREA, or a flow's DESTINATION."""
    return "REF_AREA" if "REF_AREA" in columns else "DESTINATION"


def coverage(dataset: Dataset, structure: NamedNode) -> list[Triple]:
    """What the dataset covers, summarised in its description so that the pages and the availability
    matrix read a few thousand triples rather than scan a million observations: for each area the years
    periods with a value (`gcm:coverage`), and for each coded column the codes used (`gcm:codeUsed`)."""
    lists, where = code_lists(), area_column(dataset.columns)
    years: dict[str, set[str]] = {}
    used: dict[str, set[str]] = {c: set() for c in SLICE_COLUMNS if c in dataset.columns}
    for row in dataset.rows:
        cells = row.cells
        if cells.get(VALUE_COLUMN, "").strip():
            years.setdefault(cells[where].strip(), set()).add(cells["TIME_PERIOD"].strip())
        for column, codes in used.items():
            text = cells.get(column, "").strip()
            if text:
                codes.add(text)
    triples = []
    for code, found in sorted(years.items()):
        node = NamedNode(f"{dataset.iri.value}/coverage/{_slug(code)}")
        triples += [Triple(dataset.iri, COVERAGE, node), Triple(node, REF_AREA, lists["area"][code])]
        triples += [Triple(node, REF_PERIOD, _period(p)) for p in sorted(found)]
    for column, codes in used.items():
        spec, kind = NamedNode(f"{structure.value}/{column.lower()}"), COMPONENTS[column].codes
        for code in sorted(codes):
            triples.append(Triple(spec, CODE_USED, Literal(code) if kind == "text" else lists[kind][code]))
    return triples


def put_dataset(kg: KnowledgeGraph, dataset: Dataset) -> int:
    """Check and store `dataset` in the public store, replacing its previous version; returns the count.

    Nothing is written unless every row is right (CubeError lists what is not).
    """
    if dataset.indicator not in code_lists()["indicator"]:
        raise CubeError([f"{dataset.source or dataset.id}: unknown indicator {dataset.indicator!r} (known: "
                         f"{', '.join(sorted(code_lists()['indicator']))})"])
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", dataset.id):
        raise CubeError([f"dataset id {dataset.id!r}: use lower-case letters, digits and hyphens"])
    store = kg.public
    old = current_version(store, dataset.iri)
    version = NamedNode(f"{dataset.iri.value}/v{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%S%f}")
    observations = list(observation_triples(dataset, version, graph=version))
    count = sum(1 for q in observations if q.predicate == RDF_TYPE)
    described = description(dataset, version, count)
    # The version graph describes itself too (a DataSet with its structure), so it can be checked alone.
    structure = NamedNode(dataset.iri.value + "/structure")
    observations += [Quad(version, RDF_TYPE, DATASET_CLASS, version), Quad(version, STRUCTURE, structure, version),
                     Quad(structure, RDF_TYPE, STRUCTURE_CLASS, version)]
    # The shapes (shapes/cube/cube.ttl), both validators: a small dataset before anything is written; a
    # large one where it is bulk-written, before it becomes current (and removed if it fails).
    in_place = len(observations) > PYSHACL_LIMIT
    found = shape_problems(described if in_place else [*described, *(q.triple for q in observations)])
    where = dataset.source or dataset.id
    if found:
        raise CubeError([f"{where}: {focus}: {message}" for focus, message in found[:50]])
    with kg.writing:
        store.add_new_graphs(observations)
        del observations
        found = problems_in_graph(store, version) if in_place else []
        if found:
            store.delete_graphs([version])
            raise CubeError([f"{where}: {focus}: {message}" for focus, message in found[:50]])
        crash_point("cube-version-written")      # written, not yet current: the next load clears it
        # One transaction: the new description points at the new version and the old version goes, with any
        # version a process that died between writing and switching left behind.
        gone = {g: [] for g in (*([old] if old is not None else []), *stray_versions(store, dataset.iri, version))}
        store.replace_graphs({dataset.iri: described, **gone})
    kg.announce([dataset.iri])      # the search index's "has indicator data" follows what datasets cover
    return count


def stray_versions(store: Store, dataset: NamedNode, keep: NamedNode) -> list[NamedNode]:
    """Version graphs of `dataset` that are neither current nor `keep`: a load that died after writing its
    version and before making it current leaves one (a version graph describes itself as a DataSet)."""
    rows = store.select(f"""SELECT DISTINCT ?v WHERE {{ GRAPH ?v {{ ?v a <{QB}DataSet> }}
        FILTER(STRSTARTS(STR(?v), CONCAT(STR($d), "/v")) && ?v != $keep)
        FILTER NOT EXISTS {{ GRAPH $d {{ $d <{CURRENT_VERSION.value}> ?v }} }} }}""", {"d": dataset, "keep": keep})
    return [r["v"] for r in rows]


def current_version(store: Store, dataset: NamedNode) -> NamedNode | None:
    rows = store.select("SELECT ?v WHERE { GRAPH $d { $d <%s> ?v } }" % CURRENT_VERSION.value, {"d": dataset})
    return rows[0]["v"] if rows else None


@dataclass(frozen=True)
class DatasetInfo:
    id: str
    indicator: str
    observations: int
    modified: str


def datasets(store: Store) -> list[DatasetInfo]:
    """Every dataset stored, with its indicator and size."""
    rows = store.select(f"""SELECT ?d ?i ?n ?m WHERE {{ GRAPH ?d {{ ?d a <{QB}DataSet> ; <{INDICATOR.value}> ?i ;
        <{GCM}observationCount> ?n ; <{DCTERMS}modified> ?m }} }} ORDER BY ?d""")
    return [DatasetInfo(r["d"].value[len(DATASET_BASE):], r["i"].value[len(INDICATOR_BASE):], int(r["n"].value),
                        r["m"].value) for r in rows]


def columns_of(store: Store, dataset: NamedNode) -> list[str]:
    """The dataset's columns in its structure's order (dimensions, OBS_VALUE, attributes)."""
    rows = store.select(f"""SELECT ?p ?o WHERE {{ GRAPH $d {{ $d <{QB}structure> ?s . ?s <{QB}component> ?c .
        ?c ?kind ?p ; <{QB}order> ?o . FILTER(?kind IN (<{QB}dimension>, <{QB}measure>, <{QB}attribute>)) }} }}
        ORDER BY xsd:integer(?o)""".replace("xsd:integer", f"<{XSD}integer>"), {"d": dataset})
    by_iri = {c.iri.value: c.column for c in COMPONENTS.values()} | {OBS_VALUE.value: VALUE_COLUMN}
    return [by_iri[r["p"].value] for r in rows]


def observations(store: Store, dataset: NamedNode) -> Iterator[dict[str, str]]:
    """The current observations of a dataset as SDMX-CSV cells (codes, not IRIs), in a stable order."""
    version = current_version(store, dataset)
    if version is None:
        raise CubeError([f"no dataset {dataset.value}"])
    columns = columns_of(store, dataset)
    by_column = {c: COMPONENTS[c] for c in columns if c in COMPONENTS}
    codes = {kind: {v.value: k for k, v in table.items()} for kind, table in code_lists().items()}
    found: dict[str, dict[str, str]] = {}
    props = {c.iri.value: c for c in by_column.values()} | {OBS_VALUE.value: None}
    for q in store.quads(version):
        if q.predicate.value not in props:
            continue
        cells = found.setdefault(q.subject.value, {})
        c = props[q.predicate.value]
        if c is None:
            cells[VALUE_COLUMN] = q.object.value
        elif c.codes in codes:
            cells[c.column] = codes[c.codes].get(q.object.value, q.object.value)
        else:
            cells[c.column] = q.object.value
    dims = [c for c in columns if c in by_column and by_column[c].role == "dimension"]
    for cells in sorted(found.values(), key=lambda r: tuple(r.get(d, "") for d in dims)):
        yield {c: cells.get(c, "") for c in columns}


def export_rows(store: Store, dataset_id: str, sdmx: bool) -> Iterator[list[str]]:
    """The dataset as CSV rows, header first; `sdmx`: SDMX-CSV 1.0 (a DATAFLOW column first)."""
    iri = dataset_iri(dataset_id)
    columns = columns_of(store, iri)
    if not columns:
        raise CubeError([f"no dataset {dataset_id!r} (gcmkg indicators list shows the stored ones)"])
    yield (["DATAFLOW"] if sdmx else []) + columns
    for cells in observations(store, iri):
        yield ([f"GCMKG:{dataset_id}(1.0)"] if sdmx else []) + [cells[c] for c in columns]


# -- derived indicators (UIS definitions: see ontology/vocab/statistics.ttl) -----------------------
FORMULAS = {
    "inbound-mobility-rate": "100 × Σ_origin flows(origin → area, period) ÷ enrolment(area, period)",
    "outbound-mobility-ratio": "100 × Σ_destination flows(area → destination, period) ÷ enrolment(area, period)",
    "net-flow-ratio": "100 × (inbound(area, period) − outbound(area, period)) ÷ enrolment(area, period)",
}


def derive_mobility(kg: KnowledgeGraph, indicator: str, flows_id: str, enrolment_id: str, target_id: str) -> int:
    """Compute a UIS mobility indicator from a flows dataset (ORIGIN, DESTINATION, TIME_PERIOD) and a
    tertiary enrolment dataset (REF_AREA, TIME_PERIOD), and store it as dataset `target_id`.

    Inbound students of a country are the flows whose destination it is; outbound, whose origin it is.
    A country-year without enrolment (or with zero) gets no value rather than a guess.
    """
    if indicator not in FORMULAS:
        raise CubeError([f"no formula for {indicator!r} (known: {', '.join(FORMULAS)})"])
    store = kg.public
    inbound: dict[tuple[str, str], Decimal] = {}
    outbound: dict[tuple[str, str], Decimal] = {}
    for cells in observations(store, dataset_iri(flows_id)):
        if not cells.get(VALUE_COLUMN):
            continue
        value, period = Decimal(cells[VALUE_COLUMN]), cells["TIME_PERIOD"]
        inbound[(cells["DESTINATION"], period)] = inbound.get((cells["DESTINATION"], period), Decimal(0)) + value
        outbound[(cells["ORIGIN"], period)] = outbound.get((cells["ORIGIN"], period), Decimal(0)) + value
    rows = []
    for cells in observations(store, dataset_iri(enrolment_id)):
        if not cells.get(VALUE_COLUMN) or Decimal(cells[VALUE_COLUMN]) == 0:
            continue
        cell, enrolled = (cells["REF_AREA"], cells["TIME_PERIOD"]), Decimal(cells[VALUE_COLUMN])
        into, out = inbound.get(cell), outbound.get(cell)
        numerator = {"inbound-mobility-rate": into, "outbound-mobility-ratio": out,
                     "net-flow-ratio": None if into is None or out is None else into - out}[indicator]
        if numerator is None:
            continue
        rows.append(Row(len(rows) + 1, {"REF_AREA": cell[0], "TIME_PERIOD": cell[1], "UNIT_MEASURE": "percent",
                                        VALUE_COLUMN: str((100 * numerator / enrolled).quantize(Decimal("0.001")))}))
    derived = Dataset(target_id, indicator, ["REF_AREA", "TIME_PERIOD", VALUE_COLUMN, "UNIT_MEASURE"], rows,
                      source=f"derived from {flows_id} and {enrolment_id}",
                      derived_from=[v for v in (current_version(store, dataset_iri(flows_id)),
                                                current_version(store, dataset_iri(enrolment_id))) if v],
                      formula=FORMULAS[indicator])
    return put_dataset(kg, derived)
