"""The pages of statistical data: the indicators, an indicator (chart, table, summary, downloads), a map
of an indicator for a year, the data-availability matrix, and the small charts of country and objective pages.

Every page is a GET URL whose parameters are the JSON API's filters
(graph/indicator_params.py): `/indicators/inbound-mobility-rate?area=ARG&area=CHL&from=2010`
and `/api/indicators/inbound-mobility-rate/observations?area=ARG&area=CHL&from=2010` show the same numbers.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from gcmkg.graph.indicator_params import observation_filter
from gcmkg.graph.indicator_queries import DatasetSummary, ObservationFilter
from gcmkg.graph.search import InvalidParameter
from gcmkg.names import BASE
from gcmkg.problems import Problem, invalid_parameter

from . import world_map
from .i18n import translator
from .indicator_charts import format_value, line_chart, sparkline, summary
from .render import reader, render

router = APIRouter(include_in_schema=False)
DEFAULT_AREAS = 5           # countries charted when the reader has not chosen
CHOICES = ("SEX", "AGE", "EDUCATION_LEV", "MIGRATION_STATUS")   # one value each is charted
PARAMETERS = {"SEX": "sex", "AGE": "age", "EDUCATION_LEV": "level", "MIGRATION_STATUS": "migration"}
CODE_SCHEMES = {"SEX": None, "EDUCATION_LEV": BASE + "isced-2011/", "MIGRATION_STATUS": BASE + "migration-status/"}
SEX_NAMES = {"F": "Female", "M": "Male", "_T": "Total", "_U": "Unknown", "_N": "Not applicable"}


def _params(request: Request) -> dict[str, list[str]]:
    return {k: request.query_params.getlist(k) for k in request.query_params.keys()}


def _filter(request: Request) -> ObservationFilter:
    try:
        return observation_filter(_params(request))
    except InvalidParameter as error:
        raise invalid_parameter(error) from None


def _indicator(request: Request, code: str, lang: str):
    found = next((i for i in request.app.state.public.indicators(lang) if i.code == code), None)
    if found is None:
        raise Problem("not-found", 404, f"no indicator '{code}'")
    return found


def _area_labels(request: Request, codes, lang: str) -> dict[str, str]:
    labels, areas = request.app.state.concept_labels, request.app.state.areas
    by_code = {a.code: a.iri for a in areas.values()}
    return {c: labels.label(by_code[c], lang) if c in by_code else c for c in codes}


def _area_iri(request: Request, code: str) -> str | None:
    return next((a.iri for a in request.app.state.areas.values() if a.code == code), None)


def _code_label(request: Request, column: str, code: str, lang: str) -> str:
    _ = translator(lang)
    if column == "SEX":
        return _(SEX_NAMES.get(code, code))
    scheme = CODE_SCHEMES.get(column)
    if scheme:
        return request.app.state.concept_labels.label(scheme + code, lang)
    return code


def chartable(summaries: list[DatasetSummary]) -> list[DatasetSummary]:
    """The datasets a line per country can show: those with a reference area (flows are tables of pairs)."""
    return [d for d in summaries if "REF_AREA" in d.columns]


def slice_of(dataset: DatasetSummary, chosen: dict[str, str]) -> dict[str, str]:
    """One code for each of the dataset's other dimensions: the reader's, else the total, else the first."""
    out = {}
    for column in CHOICES:
        codes = dataset.codes.get(column, ())
        if column not in dataset.columns or not codes:
            continue
        if column in chosen:
            out[column] = chosen[column]
        else:
            out[column] = "_T" if "_T" in codes else codes[0]
    if "OBS_STATUS" in chosen:
        out["OBS_STATUS"] = chosen["OBS_STATUS"]
    return out


def default_areas(dataset: DatasetSummary, labels: dict[str, str], count: int = DEFAULT_AREAS) -> list[str]:
    """The countries with the most recent data, up to `count`, in alphabetical order."""
    ranked = sorted(dataset.coverage, key=lambda a: (-int(dataset.coverage[a][-1]), -len(dataset.coverage[a]),
                                                     labels.get(a, a)))
    return sorted(ranked[:count], key=lambda a: labels.get(a, a))


def _series(observations) -> dict[str, list[tuple[str, str]]]:
    series: dict[str, list[tuple[str, str]]] = {}
    for o in observations:
        series.setdefault(o.area, [])
        if o.value is not None:
            series[o.area].append((o.period, o.value))
    return series


def _table(observations, areas: list[str], lang: str) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """A table of the chart's numbers: a row per period, a column per area; a status letter after a value."""
    cells: dict[str, dict[str, str]] = {}
    for o in observations:
        status = o.cells.get("OBS_STATUS", "")
        text = format_value(o.value, lang) + (f" ({status})" if status and status != "A" else "")
        cells.setdefault(o.period, {})[o.area] = text
    return areas, [(p, [cells[p].get(a, "") for a in areas]) for p in sorted(cells)]


def panel(request: Request, indicator, dataset: DatasetSummary, areas: list[str], lang: str,
          wanted: ObservationFilter | None = None, small: bool = False) -> dict:
    """What a chart shows and its text alternatives: the chart, the same numbers as a table, a sentence."""
    chosen = slice_of(dataset, wanted.slice if wanted else {})
    query = ObservationFilter(tuple(areas), wanted.year_from if wanted else None,
                              wanted.year_to if wanted else None, chosen, (dataset.id,))
    found = request.app.state.public.observations(indicator.code, query)
    labels = _area_labels(request, areas, lang)
    series = {a: s for a, s in _series(found).items() if s}
    series = {a: series[a] for a in areas if a in series}
    chart = sparkline(next(iter(series.values())), lang) if small and series else \
        line_chart(series, labels, lang) if series else None
    columns, rows = _table(found, [a for a in areas if a in series] or areas, lang)
    return {"indicator": indicator, "dataset": dataset, "chart": chart, "labels": labels, "columns": columns,
            "rows": rows, "summary": summary(indicator.label, indicator.unit, series, labels, lang),
            "slice": [(c, _code_label(request, c, v, lang)) for c, v in chosen.items()],
            "statuses": sorted({o.cells.get("OBS_STATUS") for o in found} - {None, "", "A"})}


# -- pages ---------------------------------------------------------------------------------------

@router.get("/indicators", response_class=HTMLResponse)
def indicators_page(request: Request):
    lang = reader(request).lang
    public = request.app.state.public
    by_indicator: dict[str, list[DatasetSummary]] = {}
    for d in public.datasets():
        by_indicator.setdefault(d.indicator, []).append(d)
    items = []
    for ind in public.indicators(lang):
        held = by_indicator.get(ind.code, [])
        years = sorted({y for d in held for ys in d.coverage.values() for y in ys})
        items.append({"indicator": ind, "observations": sum(d.observations for d in held),
                      "areas": len({a for d in held for a in d.coverage}),
                      "years": f"{years[0]}–{years[-1]}" if len(years) > 1 else (years[0] if years else "")})
    _ = translator(lang)
    return render(request, "indicators.html", title=_("Indicators"), items=items,
                  loaded=any(i["observations"] for i in items))


@router.get("/indicators/availability", response_class=HTMLResponse)
def availability_page(request: Request):
    lang = reader(request).lang
    _ = translator(lang)
    public = request.app.state.public
    indicators = {i.code: i for i in public.indicators(lang)}
    matrix: dict[str, dict[str, set[str]]] = {}
    for d in public.datasets():
        for area, years in d.coverage.items():
            matrix.setdefault(area, {}).setdefault(d.indicator, set()).update(years)
    columns = [indicators[c] for c in indicators if any(c in row for row in matrix.values())]
    labels = _area_labels(request, matrix, lang)
    rows = [{"code": a, "label": labels[a], "href": "/country/" + a if len(a) == 3 and a.isalpha() else None,
             "cells": [(c.code, year_ranges(matrix[a].get(c.code, ())), len(matrix[a].get(c.code, ())))
                       for c in columns]}
            for a in sorted(matrix, key=lambda a: labels[a])]
    return render(request, "indicator_availability.html", title=_("Data availability"), columns=columns, rows=rows,
                  without=[i for c, i in indicators.items() if i not in columns])


def year_ranges(years) -> str:
    """Years as runs: 2010–2012, 2015.

    >>> year_ranges(["2010", "2011", "2012", "2015"])
    '2010–2012, 2015'
    """
    runs: list[list[int]] = []
    for y in sorted(int(y) for y in years):
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(f"{a}–{b}" if b > a else str(a) for a, b in runs)


def _chosen(request: Request, code: str, lang: str):
    """What an indicator's page or map shows: the indicator, the reader's filter, its datasets, and the
    dataset charted (the one asked for with `dataset=`, else the first with a reference area)."""
    indicator = _indicator(request, code, lang)
    wanted = _filter(request)
    summaries = request.app.state.public.datasets(code)
    charted = chartable(summaries)
    dataset = next((d for d in charted if d.id in wanted.datasets), charted[0] if charted else None)
    return indicator, wanted, summaries, dataset


@router.get("/indicators/{code}", response_class=HTMLResponse)
def indicator_page(request: Request, code: str):
    lang = reader(request).lang
    indicator, wanted, summaries, dataset = _chosen(request, code, lang)
    public = request.app.state.public
    panel_ = form = None
    if dataset is not None:
        labels = _area_labels(request, dataset.coverage, lang)
        areas = list(wanted.areas) or default_areas(dataset, labels)
        panel_ = panel(request, indicator, dataset, areas, lang, wanted)
        years = sorted({y for ys in dataset.coverage.values() for y in ys})
        current = slice_of(dataset, wanted.slice)
        form = {"areas": sorted(((a, labels[a], a in areas) for a in dataset.coverage), key=lambda t: t[1]),
                "years": years, "from": str(wanted.year_from or ""), "to": str(wanted.year_to or ""),
                "choices": [(PARAMETERS[c], c, [(v, _code_label(request, c, v, lang), v == current.get(c))
                                                for v in dataset.codes.get(c, ())])
                            for c in CHOICES if len(dataset.codes.get(c, ())) > 1],
                "datasets": [(d.id, d.title or d.id, d is dataset) for d in chartable(summaries)]}
    informs = public.labels(indicator.informs, lang)
    derived = {i.code: i.label for i in public.indicators(lang) if i.code in indicator.derived_from}
    api = f"/api/indicators/{code}/observations" + (("?" + urlencode(list(request.query_params.multi_items())))
                                                    if request.query_params else "")
    return render(request, "indicator.html", title=indicator.label, indicator=indicator, datasets=summaries,
                  panel=panel_, form=form, informs=informs, derived=derived, api=api,
                  flows=[flow_table(request, code, d, wanted, lang) for d in summaries if "ORIGIN" in d.columns])


FLOW_ROWS = 25   # the largest flows a page lists; the downloads hold them all
FLOW_SUMMARY = ("In {year}, {n} flows between pairs of countries, {total} students in all; the largest: {origin} to "
                "{destination}, {value}.")    # translated in catalogue.py


def flow_table(request: Request, code: str, dataset, wanted: ObservationFilter, lang: str) -> dict:
    """A flows dataset (students by origin and destination) for one year: the largest flows as a table with
    bars and a sentence that says what it shows. The year is `flow_year` (else the latest); the countries
    chosen on the page (`area`) keep the flows from or to them."""
    _ = translator(lang)
    years = sorted({y for ys in dataset.coverage.values() for y in ys})
    asked = request.query_params.get("flow_year")
    if asked is not None and asked not in years:
        raise Problem("invalid-parameter", 422, f"flow_year: {dataset.id} has no data for {asked!r}",
                      parameter="flow_year", value=asked)
    year = asked or (years[-1] if years else None)
    found = request.app.state.public.observations(code, ObservationFilter(datasets=(dataset.id,), period=year)) \
        if year else []
    chosen = set(wanted.areas)
    pairs = [(o.cells.get("ORIGIN", ""), o.area, Decimal(o.value)) for o in found if o.value is not None
             and (not chosen or chosen & {o.area, o.cells.get("ORIGIN", "")})]
    pairs.sort(key=lambda p: (-p[2], p[0], p[1]))
    labels = _area_labels(request, {c for p in pairs for c in p[:2]}, lang)
    rows = [{"origin": labels[o], "destination": labels[d], "value": v, "shown": format_value(str(v), lang)}
            for o, d, v in pairs[:FLOW_ROWS]]
    total = sum(v for _o, _d, v in pairs)
    summary = _("No flow is recorded for this year.") if not rows else _(
        FLOW_SUMMARY, year=year, n=len(pairs), total=format_value(str(total), lang), origin=rows[0]["origin"],
        destination=rows[0]["destination"], value=rows[0]["shown"])
    return {"dataset": dataset, "year": year, "years": years, "rows": rows, "most": rows[0]["value"] if rows else 0,
            "shown": len(rows), "count": len(pairs), "summary": summary}



@router.get("/indicators/{code}/map", response_class=HTMLResponse)
def map_page(request: Request, code: str):
    lang = reader(request).lang
    _ = translator(lang)
    indicator, wanted, _summaries, dataset = _chosen(request, code, lang)
    public = request.app.state.public
    years = sorted({y for ys in dataset.coverage.values() for y in ys}) if dataset else []
    year = request.query_params.get("year") or (years[-1] if years else None)
    if year is not None and year not in years:
        raise invalid_parameter(InvalidParameter("year", f"{year!r} is not a year with data "
                                                         f"({', '.join(years) or 'none'})", year))
    shapes, table, legend = [], [], []
    if dataset is not None and year is not None:
        chosen = slice_of(dataset, wanted.slice)
        found = public.observations(code, ObservationFilter((), None, None, chosen, (dataset.id,),
                                                            period=year))
        values = {o.area: o.value for o in found if o.value is not None}
        labels = _area_labels(request, values, lang)
        limits = classes([float(v) for v in values.values()])
        legend = [(n + 1, f"{format_value(repr(lo), lang)} – {format_value(repr(hi), lang)}")
                  for n, (lo, hi) in enumerate(limits)]
        by_numeric = {a.numeric: a for a in request.app.state.areas.values() if a.is_country and a.numeric}
        names = request.app.state.concept_labels
        for shape in world_map.shapes():
            area = by_numeric.get(shape.numeric)
            if area is None:
                continue
            value = values.get(area.code)
            shapes.append({"d": shape.d, "level": level(float(value), limits) if value is not None else 0,
                           "label": names.label(area.iri, lang),
                           "value": format_value(value, lang) if value is not None else _("no data")})
        table = sorted(((labels[a], a, format_value(v, lang), float(v)) for a, v in values.items()),
                       key=lambda t: (-t[3], t[0]))
    return render(request, "indicator_map.html", title=_("{indicator}: map", indicator=indicator.label),
                  indicator=indicator, year=year, years=years, shapes=shapes, table=table, legend=legend,
                  map_width=world_map.WIDTH, map_height=world_map.HEIGHT)


def classes(values: list[float], count: int = 5) -> list[tuple[float, float]]:
    """Up to `count` colour classes (low, high) holding about as many values each (quantiles).

    >>> classes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)
    [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10)]
    """
    ordered = sorted(values)
    if not ordered:
        return []
    out = []
    for n in range(count):
        part = ordered[len(ordered) * n // count:len(ordered) * (n + 1) // count]
        if part and (not out or part[-1] > out[-1][1]):
            out.append((max(part[0], out[-1][1]) if out else part[0], part[-1]))
    return out


def level(value: float, limits: list[tuple[float, float]]) -> int:
    """The colour class (1..5) of a value."""
    return next((n + 1 for n, (_, high) in enumerate(limits) if value <= high), len(limits))


@router.get("/indicators/{code}/{name}")
def dataset_download(request: Request, code: str, name: str):
    """A dataset of the indicator as CSV (`ID.csv`) or SDMX-CSV 1.0 (`ID.sdmx.csv`)."""
    sdmx = name.endswith(".sdmx.csv")
    dataset_id = name.removesuffix(".sdmx.csv") if sdmx else name.removesuffix(".csv")
    if not name.endswith(".csv") or dataset_id not in {d.id for d in request.app.state.public.datasets(code)}:
        raise Problem("not-found", 404, f"no dataset '{name}' of indicator '{code}'")
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(request.app.state.public.dataset_rows(dataset_id, sdmx))
    return Response(text.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


# -- small charts of the country and objective pages ---------------------------------------------------

def country_panels(request: Request, code: str, lang: str) -> list[dict]:
    """A small chart of each indicator with data for the country `code`."""
    public = request.app.state.public
    by_code = {i.code: i for i in public.indicators(lang)}
    out = []
    for dataset in chartable(public.datasets()):
        if code in dataset.coverage and dataset.indicator in by_code and \
                all(p["dataset"].indicator != dataset.indicator for p in out):
            out.append(panel(request, by_code[dataset.indicator], dataset, [code], lang, small=True))
    return out


def objective_panels(request: Request, objective: str, lang: str) -> list[dict]:
    """A small chart of each indicator that informs the objective and has data (the latest countries)."""
    public = request.app.state.public
    out = []
    for ind in public.indicators(lang):
        if objective not in ind.informs:
            continue
        dataset = next(iter(chartable(public.datasets(ind.code))), None)
        if dataset is not None and dataset.coverage:
            labels = _area_labels(request, dataset.coverage, lang)
            out.append(panel(request, ind, dataset, default_areas(dataset, labels, 1), lang, small=True))
    return out
