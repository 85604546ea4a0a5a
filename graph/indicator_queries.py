"""What the indicator pages and the JSON API ask of the statistical datasets (graph/cubes.py).

One function per question, values passed as bound terms: the indicators and
their metadata, a dataset's summary (what it covers: which areas, which years,
which codes; written at load time so no question scans the observations), and
an indicator's observations filtered by area, period range, sex, age,
education level, migration status and observation status.

Observations are read per dataset from its current version graph, with each
given filter as a bound pattern, the most selective first (Oxigraph keeps the
order as written): a page that charts five countries reads their observations
only, whatever the size of the cube.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from threading import Lock

from pyoxigraph import Literal, NamedNode

from gcmkg.names import GCM, XSD

from .cubes import (COMPONENTS, DATASET_BASE, INDICATOR_BASE, OBS_VALUE, QB, VALUE_COLUMN, area_column, code_lists,
                    columns_of, observation_iri)
from .queries import PROLOGUE, pick
from .store import Store, named_query

#: The API's and the pages' filter parameters -> the column each restricts.
FILTER_COLUMNS = {"sex": "SEX", "age": "AGE", "level": "EDUCATION_LEV", "migration": "MIGRATION_STATUS",
                  "status": "OBS_STATUS"}


@dataclass
class Indicator:
    """An indicator's metadata in one language (English where a text has no translation)."""
    code: str
    iri: str
    label: str
    definition: str = ""
    method: str = ""
    formula: str = ""
    unit: str = ""
    custodian: str = ""
    periodicity: str = ""
    sources: list[str] = field(default_factory=list)
    derived_from: list[str] = field(default_factory=list)   # indicator codes
    informs: list[str] = field(default_factory=list)        # GCM objectives and SDG indicators it informs


@dataclass(frozen=True)
class DatasetSummary:
    """A stored dataset as the pages see it: its columns, the codes it uses, and each area's years."""
    id: str
    indicator: str
    version: str
    observations: int
    modified: str
    title: str
    source: str
    formula: str
    columns: tuple[str, ...]
    codes: dict[str, tuple[str, ...]]           # column -> the codes used, sorted
    coverage: dict[str, tuple[str, ...]]        # area code -> years with a value, sorted
    periods: dict[str, tuple[str, ...]]         # area code -> periods with a value (2020, 2020-05...), sorted

    @property
    def area_column(self) -> str:
        return area_column(list(self.columns))


@dataclass(frozen=True)
class Observation:
    """One observation as SDMX-CSV codes; `value` is None when missing (status M, reason in `comment`)."""
    dataset: str
    area: str
    period: str
    value: str | None
    cells: dict[str, str]          # every other column: SEX, EDUCATION_LEV, OBS_STATUS, COMMENT, UNIT_MEASURE...


@dataclass(frozen=True)
class ObservationFilter:
    """Which observations: areas (codes), a year range, and one code per sliced column (FILTER_COLUMNS)."""
    areas: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    slice: dict[str, str] = field(default_factory=dict)     # column -> code
    datasets: tuple[str, ...] = ()
    period: str | None = None      # one period exactly (the map's year): an index lookup, not a scan


INDICATORS = named_query("indicators", PROLOGUE + """
SELECT ?i ?code ?p ?o WHERE {
  ?i a gcm:Indicator ; skos:notation ?code ; ?p ?o .
  VALUES ?p { skos:prefLabel skos:definition gcm:calculationMethod gcm:formula gcm:unit gcm:custodian
              dcterms:source gcm:derivedFrom gcm:informs dcterms:accrualPeriodicity }
}
""")

_FIELDS = {"http://www.w3.org/2004/02/skos/core#prefLabel": "label",
           "http://www.w3.org/2004/02/skos/core#definition": "definition",
           GCM + "calculationMethod": "method", GCM + "formula": "formula", GCM + "unit": "unit",
           GCM + "custodian": "custodian", "http://purl.org/dc/terms/accrualPeriodicity": "periodicity"}
_LISTS = {"http://purl.org/dc/terms/source": "sources", GCM + "derivedFrom": "derived_from",
          GCM + "informs": "informs"}


def indicators(store: Store, lang: str) -> list[Indicator]:
    """Every indicator gcmkg knows, ordered by label, with its texts in `lang`."""
    texts: dict[str, dict[str, dict[str, str]]] = {}
    found: dict[str, Indicator] = {}
    for r in store.select(INDICATORS):
        code, p, o = r["code"].value, r["p"].value, r["o"]
        ind = found.setdefault(code, Indicator(code, r["i"].value, code))
        if p in _FIELDS:
            texts.setdefault(code, {}).setdefault(_FIELDS[p], {}).setdefault(
                o.language or "" if isinstance(o, Literal) else "", o.value)
        else:
            values = getattr(ind, _LISTS[p])
            value = o.value[len(INDICATOR_BASE):] if p == GCM + "derivedFrom" else o.value
            if value not in values:
                values.append(value)
    for code, fields in texts.items():
        for name, by_lang in fields.items():
            setattr(found[code], name, pick(by_lang, lang) or "")
    for ind in found.values():
        ind.sources.sort()
        ind.informs.sort()
    return sorted(found.values(), key=lambda i: i.label.lower())


CUBE_PROLOGUE = PROLOGUE + f"PREFIX qb: <{QB}>\nPREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>\n"

CURRENT_DATASETS = named_query("current datasets", CUBE_PROLOGUE + """
SELECT ?d ?i ?v WHERE { GRAPH ?d { ?d a qb:DataSet ; gcm:indicator ?i ; gcm:currentVersion ?v } }
""")

DATASET_DESCRIPTION = named_query("dataset description", PROLOGUE + """
SELECT ?n ?m ?title ?source ?formula WHERE { GRAPH $d {
  $d gcm:observationCount ?n ; dcterms:modified ?m .
  OPTIONAL { $d dcterms:title ?title } OPTIONAL { $d dcterms:source ?source } OPTIONAL { $d gcm:formula ?formula }
} }
""")

DATASET_COVERAGE = named_query("dataset coverage", CUBE_PROLOGUE + """
SELECT ?area ?year WHERE { GRAPH $d { $d gcm:coverage ?c . ?c sdmx-dimension:refArea ?area ;
  sdmx-dimension:refPeriod ?year } }
""")

DATASET_CODES = named_query("dataset codes used", CUBE_PROLOGUE + """
SELECT ?p ?code WHERE { GRAPH $d { $d qb:structure ?s . ?s qb:component ?spec . ?spec gcm:codeUsed ?code ;
  ?role ?p FILTER(?role IN (qb:dimension, qb:attribute)) } }
""")


class DatasetSummaries:
    """Dataset summaries, read once per stored version: a version's graph never changes, a new load
    makes a new version, so a summary is looked up by version and never goes stale."""

    def __init__(self, store: Store):
        self._store = store
        self._by_version: dict[str, DatasetSummary] = {}
        self._lock = Lock()

    def of(self, indicator: str | None = None) -> list[DatasetSummary]:
        """The current datasets (of `indicator`, a code, when given), ordered by id."""
        rows = self._store.select(CURRENT_DATASETS)
        out = []
        for r in sorted(rows, key=lambda r: r["d"].value):
            code = r["i"].value[len(INDICATOR_BASE):]
            if indicator is not None and code != indicator:
                continue
            version = r["v"].value
            with self._lock:
                summary = self._by_version.get(version)
            if summary is None:
                summary = self._read(r["d"], code, version)
                with self._lock:
                    live = {row["v"].value for row in rows}
                    self._by_version = {v: s for v, s in self._by_version.items() if v in live}
                    self._by_version[version] = summary
            out.append(summary)
        return out

    def _read(self, dataset: NamedNode, indicator: str, version: str) -> DatasetSummary:
        store = self._store
        described = store.select(DATASET_DESCRIPTION, {"d": dataset})
        first = described[0] if described else {}
        lists = code_lists()
        to_code = {kind: {v.value: k for k, v in table.items()} for kind, table in lists.items()}
        periods: dict[str, set[str]] = {}
        for r in store.select(DATASET_COVERAGE, {"d": dataset}):
            area = to_code["area"].get(r["area"].value, r["area"].value)
            periods.setdefault(area, set()).add(r["year"].value)
        by_iri = {c.iri.value: c for c in COMPONENTS.values()}
        codes: dict[str, set[str]] = {}
        for r in store.select(DATASET_CODES, {"d": dataset}):
            component = by_iri.get(r["p"].value)
            if component is None:
                continue
            value = r["code"].value
            code = value if component.codes == "text" else to_code.get(component.codes, {}).get(value, value)
            codes.setdefault(component.column, set()).add(code)
        return DatasetSummary(
            dataset.value[len(DATASET_BASE):], indicator, version,
            int(first["n"].value) if "n" in first else 0, first["m"].value if "m" in first else "",
            first["title"].value if "title" in first else "", first["source"].value if "source" in first else "",
            first["formula"].value if "formula" in first else "", tuple(columns_of(store, dataset)),
            {c: tuple(sorted(v, key=_code_order)) for c, v in codes.items()},
            {a: tuple(sorted({p[:4] for p in ps})) for a, ps in sorted(periods.items())},
            {a: tuple(sorted(ps)) for a, ps in sorted(periods.items())})


def _code_order(code: str) -> tuple:
    return (code.startswith("_") is False, int(code) if code.isdigit() else 0, code)


_VARIABLES = {"REF_AREA": "area", "ORIGIN": "origin", "DESTINATION": "destination", "TIME_PERIOD": "period",
              "SEX": "sex", "AGE": "age", "EDUCATION_LEV": "level", "MIGRATION_STATUS": "migration",
              "OBS_STATUS": "status", "UNIT_MEASURE": "unit", "COMMENT": "comment", "SOURCE": "source"}


def observations_query(summary: DatasetSummary, wanted: ObservationFilter) -> tuple[str, dict]:
    """The query (and its bindings) for `wanted`'s observations of one dataset.

    The text is assembled from fixed patterns only, chosen by which filters are given; every value
    is a binding. The most selective bound pattern comes first.
    """
    lists = code_lists()
    where = summary.area_column
    bindings: dict = {"v": NamedNode(summary.version)}
    head, rest = [], []
    if wanted.areas:
        bindings["areas"] = [lists["area"][a] for a in wanted.areas]
        head.append(f"VALUES ?{_VARIABLES[where]} {{ $areas }}")
        head.append(f"?o <{COMPONENTS[where].iri.value}> ?{_VARIABLES[where]} .")
    for column, code in wanted.slice.items():
        if column not in summary.columns:
            continue
        component = COMPONENTS[column]
        term = Literal(code) if component.codes == "text" else lists[component.codes][code]
        name = _VARIABLES[column]
        bindings[name] = term
        head.append(f"?o <{component.iri.value}> ${name} .")
    selected = []
    for column in summary.columns:
        if column == VALUE_COLUMN or (column in wanted.slice) or (wanted.areas and column == where):
            continue
        var, prop = _VARIABLES[column], COMPONENTS[column].iri.value
        selected.append(f"?{var}")
        if COMPONENTS[column].role == "dimension":
            rest.append(f"?o <{prop}> ?{var} .")
        else:
            rest.append(f"OPTIONAL {{ ?o <{prop}> ?{var} }}")
    period = f"?o <{COMPONENTS['TIME_PERIOD'].iri.value}> ?period ."
    if wanted.period is not None:
        bindings["period"] = year_literal(int(wanted.period)) if len(wanted.period) == 4 else Literal(wanted.period)
        head.insert(0, period.replace("?period", "$period"))
        rest = [p for p in rest if p != period]
    elif not head:
        head.append(period)
        rest = [p for p in rest if p != period]
    filters = []
    if wanted.year_from is not None:
        bindings["from"] = Literal(f"{wanted.year_from:04d}")
        filters.append("SUBSTR(STR(?period), 1, 4) >= STR($from)")
    if wanted.year_to is not None:
        bindings["to"] = Literal(f"{wanted.year_to:04d}")
        filters.append("SUBSTR(STR(?period), 1, 4) <= STR($to)")
    variables = " ".join(dict.fromkeys(["?o", *selected, f"?{_VARIABLES[where]}", "?period", "?value"]))
    text = (f"SELECT {variables} WHERE {{ GRAPH $v {{\n  " + "\n  ".join(head + rest)
            + f"\n  OPTIONAL {{ ?o <{OBS_VALUE.value}> ?value }}\n"
            + (f"  FILTER({' && '.join(filters)})\n" if filters else "") + "} }")
    return named_query("indicator observations", text), bindings


def cells_query(summary: DatasetSummary, wanted: ObservationFilter) -> tuple[str, dict] | None:
    """When `wanted` names a code for every dimension but area and period (a chart's slice, a map's), the
    query that reads its observations by IRI (graph/cubes.observation_iri), from the periods the dataset's
    summary lists: a few hundred lookups instead of a join over every observation of the areas. Else None."""
    dimensions = [c for c in summary.columns if c in COMPONENTS and COMPONENTS[c].role == "dimension"]
    if summary.area_column != "REF_AREA" or any(c not in wanted.slice for c in dimensions
                                                if c not in ("REF_AREA", "TIME_PERIOD")):
        return None
    version = NamedNode(summary.version)
    iris = []
    for area in wanted.areas or tuple(summary.periods):
        for period in summary.periods.get(area, ()):
            year = int(period[:4])
            if (wanted.period is not None and period != wanted.period) or \
                    (wanted.year_from is not None and year < wanted.year_from) or \
                    (wanted.year_to is not None and year > wanted.year_to):
                continue
            cell = {"REF_AREA": area, "TIME_PERIOD": period, **wanted.slice}
            iris.append(observation_iri(version, [cell[c] for c in dimensions]))
    status = wanted.slice.get("OBS_STATUS")
    bindings: dict = {"v": version, "cells": iris}
    if status is not None:
        bindings["status"] = code_lists()["status"][status]
    attributes = [c for c in summary.columns if c in COMPONENTS and COMPONENTS[c].role == "attribute"
                  and c != "OBS_STATUS"]
    text = ("SELECT ?o ?area ?period ?value ?status " + " ".join(f"?{_VARIABLES[c]}" for c in attributes)
            + " WHERE { GRAPH $v {\n  VALUES ?o { $cells }\n"
            + f"  ?o <{COMPONENTS['REF_AREA'].iri.value}> ?area ; <{COMPONENTS['TIME_PERIOD'].iri.value}> ?period .\n"
            + (f"  ?o <{COMPONENTS['OBS_STATUS'].iri.value}> $status . BIND($status AS ?status)\n" if status else
               f"  OPTIONAL {{ ?o <{COMPONENTS['OBS_STATUS'].iri.value}> ?status }}\n")
            + "".join(f"  OPTIONAL {{ ?o <{COMPONENTS[c].iri.value}> ?{_VARIABLES[c]} }}\n" for c in attributes)
            + f"  OPTIONAL {{ ?o <{OBS_VALUE.value}> ?value }}\n}} }}")
    return (named_query("indicator cells", text), bindings) if iris else ("", bindings)


def observations(store: Store, summaries: list[DatasetSummary], wanted: ObservationFilter) -> list[Observation]:
    """The observations of `summaries` (an indicator's datasets) that `wanted` lets through,
    ordered by dataset, area, period and the other dimensions."""
    to_code = {kind: {v.value: k for k, v in table.items()} for kind, table in code_lists().items()}
    out = []
    for summary in summaries:
        if wanted.datasets and summary.id not in wanted.datasets:
            continue
        if any(column not in summary.columns for column in wanted.slice):
            continue          # a filter on a column the dataset does not have matches none of it
        query, bindings = cells_query(summary, wanted) or observations_query(summary, wanted)
        kinds = {_VARIABLES[c]: (c, COMPONENTS[c].codes) for c in summary.columns if c != VALUE_COLUMN}
        fixed = {_VARIABLES[c]: code for c, code in wanted.slice.items()}
        rows = []
        for r in store.select(query, bindings) if query else ():
            cells = {kinds[k][0]: v for k, v in fixed.items() if k in kinds}
            for var, term in r.items():
                if var in kinds:
                    column, kind = kinds[var]
                    cells[column] = to_code.get(kind, {}).get(term.value, term.value)
            area = cells.pop(summary.area_column, "")
            rows.append(Observation(summary.id, area, cells.pop("TIME_PERIOD", wanted.period or ""),
                                    r["value"].value if "value" in r else None, cells))
        rows.sort(key=lambda o: (o.area, o.period, tuple(sorted(o.cells.items()))))
        out.extend(rows)
    return out


def year_literal(year: int) -> Literal:
    return Literal(f"{year:04d}", datatype=NamedNode(XSD + "gYear"))

