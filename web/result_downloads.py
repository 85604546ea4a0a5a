"""Downloads of the current results (/practices.csv, /norms.json, /search.ttl ...).

CSV and JSON carry every field a reader would use — summary, dates, type,
status, objectives, principles, SDGs, places, organisations, source — with
labels and texts in the reader's language where the data has them (English
otherwise), under stable English column names: the rows come from
graph/search_results.py, the serializer the JSON API's rows come from too.
Turtle carries each entry's whole graph.
"""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
from fastapi import Request
from fastapi.responses import Response

from gcmkg.graph.search import InvalidParameter, SearchRequest
from gcmkg.graph.search_params import search_request
from gcmkg.graph.search_results import HEADER, ResultRows
from gcmkg.names import PREFIXES
from gcmkg.problems import invalid_parameter

from .render import local_href, reader
from .search_pages import page_params

DOWNLOAD_LIMIT = 10_000          # rows in a CSV/JSON download
TURTLE_LIMIT = 2_000             # entries in a Turtle download (each its whole graph)


def _all_rows(request: Request, kind: str | None, limit: int):
    lang = reader(request).lang
    params = {k: v for k, v in page_params(request).items() if k not in ("page", "page_size")}
    first = search_request(params, request.app.state.short_values, kind=kind, lang=lang, page_size=100)
    index = request.app.state.search
    result = index.search(first)
    rows = list(result.rows)
    page = 1
    while len(rows) < min(result.total, limit):
        page += 1
        more = index.search(SearchRequest(q=first.q, filters=first.filters, year_from=first.year_from,
                                          year_to=first.year_to, sort=first.sort, lang=lang, page=page,
                                          page_size=100))
        if not more.rows:
            break
        rows.extend(more.rows)
    return first, result.total, rows[:limit]


def download(request: Request, kind: str | None, fmt: str) -> Response:
    """The current results as CSV, JSON (rows with labels) or Turtle (each entry's whole graph)."""
    try:
        sreq, total, rows = _all_rows(request, kind, TURTLE_LIMIT if fmt == "ttl" else DOWNLOAD_LIMIT)
    except InvalidParameter as error:          # machines download: the API's problem shape
        raise invalid_parameter(error) from None
    lang = sreq.lang
    name = {"practice": "practices", "norm": "norms", None: "entries"}[kind]
    headers = {"Content-Disposition": f'attachment; filename="gcmkg-{name}.{fmt}"',
               "GCMKG-Total-Results": str(total), "Content-Language": lang}
    if total > len(rows):
        headers["GCMKG-Results-Capped"] = f"first {len(rows)} of {total} results"
    if fmt == "ttl":
        public = request.app.state.public
        triples = [t for r in rows for t in public.graph(r.iri) or ()]
        body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        return Response(body, media_type="text/turtle; charset=utf-8", headers=headers)
    state = request.app.state
    serializer = ResultRows(state.search, state.concept_labels, state.public, lang)
    records = serializer.records(rows, lambda iri: state.public_url + local_href(iri, state.base_iri))
    if fmt == "json":
        body = {"total": total, "lang": lang, "rows": records}
        return Response(json.dumps(body, ensure_ascii=False, indent=1), media_type="application/json",
                        headers=headers)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for record in records:
        writer.writerow(["; ".join(v) if isinstance(v, list) else ("" if v is None else v)
                         for v in (record[c] for c in HEADER)])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
