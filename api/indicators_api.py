"""The JSON API of statistical data under /api/indicators: the indicators, what data each has, and its
observations with the same filters as the indicator pages (graph/indicator_params.py)."""

from __future__ import annotations

from fastapi import APIRouter, Path, Query, Request

from gcmkg.graph.indicator_params import observation_filter
from gcmkg.graph.indicator_queries import FILTER_COLUMNS
from gcmkg.graph.search import InvalidParameter
from gcmkg.problems import Problem, invalid_parameter

from .json_api import INVALID, LANG, NOT_FOUND

router = APIRouter(prefix="/api/indicators", tags=["Indicators"], responses=INVALID)
MAX_LIMIT = 10_000
CODE = Path(description="The indicator's code, e.g. inbound-mobility-rate (GET /api/indicators lists them).")


def _indicator(request: Request, code: str, lang: str):
    found = next((i for i in request.app.state.public.indicators(lang) if i.code == code), None)
    if found is None:
        raise Problem("not-found", 404, f"no indicator '{code}' (GET /api/indicators lists them)")
    return found


def _datasets(summaries) -> list[dict]:
    return [{"id": d.id, "observations": d.observations, "modified": d.modified, "title": d.title or None,
             "source": d.source or None, "formula": d.formula or None, "columns": list(d.columns),
             "codes": {c: list(v) for c, v in d.codes.items()},
             "download": {"csv": f"/indicators/{d.indicator}/{d.id}.csv",
                          "sdmx-csv": f"/indicators/{d.indicator}/{d.id}.sdmx.csv"}} for d in summaries]


@router.get("", summary="The indicators, with their metadata and stored datasets")
def list_indicators(request: Request, lang: str = LANG) -> list[dict]:
    public = request.app.state.public
    by_indicator: dict[str, list] = {}
    for d in public.datasets():
        by_indicator.setdefault(d.indicator, []).append(d)
    return [{**_metadata(i), "observations": sum(d.observations for d in by_indicator.get(i.code, [])),
             "href": f"/api/indicators/{i.code}"} for i in public.indicators(lang)]


def _metadata(i) -> dict:
    return {"code": i.code, "iri": i.iri, "label": i.label, "definition": i.definition or None,
            "method": i.method or None, "formula": i.formula or None, "unit": i.unit or None,
            "custodian": i.custodian or None, "periodicity": i.periodicity or None, "sources": i.sources,
            "derived_from": i.derived_from, "informs": i.informs}


@router.get("/availability", summary="Which indicators have data for which countries, for which years")
def availability(request: Request) -> dict:
    """Indicator code -> area code -> the years with at least one value (from every dataset of it)."""
    matrix: dict[str, dict[str, list[str]]] = {}
    for d in request.app.state.public.datasets():
        row = matrix.setdefault(d.indicator, {})
        for area, years in d.coverage.items():
            row[area] = sorted(set(row.get(area, [])) | set(years))
    return {"indicators": matrix}


@router.get("/{code}", summary="One indicator: metadata, datasets and data availability", responses=NOT_FOUND)
def indicator(request: Request, code: str = CODE, lang: str = LANG) -> dict:
    found = _indicator(request, code, lang)
    summaries = request.app.state.public.datasets(code)
    coverage: dict[str, set[str]] = {}
    for d in summaries:
        for area, years in d.coverage.items():
            coverage.setdefault(area, set()).update(years)
    return {**_metadata(found), "datasets": _datasets(summaries),
            "availability": {a: sorted(y) for a, y in sorted(coverage.items())},
            "observations_href": f"/api/indicators/{code}/observations"}


@router.get("/{code}/observations", summary="An indicator's observations, filtered as on its page",
            responses=NOT_FOUND)
def indicator_observations(
        request: Request, code: str = CODE,
        area: list[str] = Query([], description="Countries (ISO 3166 alpha-3) or M49 regions; repeat or "
                                                "separate with commas. For flow datasets, the destination."),
        from_: str | None = Query(None, alias="from", description="First year (YYYY), inclusive."),
        to: str | None = Query(None, description="Last year (YYYY), inclusive."),
        sex: str | None = Query(None, description="SDMX sex code: F, M, _T (total), _U, _N."),
        age: str | None = Query(None, description="Age group, as the dataset codes it."),
        level: str | None = Query(None, description="ISCED 2011 level: 0 to 8."),
        migration: str | None = Query(None, description="Migration status: national, migrant, refugee, "
                                                        "asylum-seeker, stateless, returnee."),
        status: str | None = Query(None, description="SDMX observation status: A, B, E, F, I, M, P, S."),
        dataset: list[str] = Query([], description="Only these datasets of the indicator."),
        limit: int = Query(1000, ge=1, le=MAX_LIMIT, description="At most this many observations."),
        offset: int = Query(0, ge=0, description="Skip this many first (ordered by dataset, area, period)."),
        lang: str = LANG) -> dict:
    _indicator(request, code, lang)
    params = {k: request.query_params.getlist(k) for k in request.query_params.keys()}
    try:
        wanted = observation_filter(params)
    except InvalidParameter as error:
        raise invalid_parameter(error) from None
    found = request.app.state.public.observations(code, wanted)
    page = found[offset:offset + limit]
    return {"indicator": code, "total": len(found), "offset": offset, "limit": limit,
            "filters": {"area": list(wanted.areas), "from": wanted.year_from, "to": wanted.year_to,
                        **{name: wanted.slice[column] for name, column in FILTER_COLUMNS.items()
                           if column in wanted.slice}},
            "observations": [{"dataset": o.dataset, "area": o.area, "period": o.period,
                              "value": float(o.value) if o.value is not None else None,
                              **{c.lower(): v for c, v in o.cells.items()}} for o in page]}
