"""Downloads of the current results (/practices.csv, /norms.json, /search.ttl ...).

CSV and JSON carry every field a reader would use — summary, dates, type,
status, objectives, principles, SDGs, places, organisations, source — with
labels and texts in the reader's language where the data has them (English
otherwise), under stable English column names. Turtle carries each entry's
whole graph.
"""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
from fastapi import Request
from fastapi.responses import Response

from gcmkg.graph.queries import pick
from gcmkg.graph.search import InvalidParameter, SearchRequest
from gcmkg.graph.search_params import search_request
from gcmkg.names import DCTERMS, ELI, GCM, PREFIXES, SCHEMA
from gcmkg.problems import invalid_parameter

from .render import local_href, reader
from .search_pages import page_params

DOWNLOAD_LIMIT = 10_000          # rows in a CSV/JSON download
TURTLE_LIMIT = 2_000             # entries in a Turtle download (each its whole graph)

# Column -> the properties it gathers, and how a value is written: text in the reader's language,
# a date, a concept's label, an organisation's name, or an address.
COLUMNS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("summary", (DCTERMS + "abstract",), "text"),
    ("start_date", (SCHEMA + "startDate",), "date"),
    ("end_date", (SCHEMA + "endDate",), "date"),
    ("date_adopted", (ELI + "date_document",), "date"),
    ("date_in_force", (ELI + "first_date_entry_in_force",), "date"),
    ("date_no_longer_in_force", (ELI + "date_no_longer_in_force",), "date"),
    ("type", (GCM + "practiceType", ELI + "type_document"), "concept"),
    ("status", (GCM + "normStatus",), "concept"),
    ("objectives", (GCM + "primaryObjective", GCM + "secondaryObjective", GCM + "addressesObjective"), "objective"),
    ("principles", (GCM + "guidingPrinciple",), "concept"),
    ("sdg_targets", (GCM + "sdg",), "notation"),
    ("countries", (), "places"),
    ("regions", (), "places"),
    ("implementing_organisations", (GCM + "implementingOrganisation",), "organisation"),
    ("partner_organisations", (GCM + "partnerOrganisation",), "organisation"),
    ("donor_organisations", (GCM + "donorOrganisation",), "organisation"),
    ("passed_by", (ELI + "passed_by",), "organisation"),
    ("source", (DCTERMS + "source",), "address"),
)
HEADER = ["iri", "page", "kind", "title", "title_lang", "year",
          *(name for name, _paths, _how in COLUMNS[:1]), "summary_lang", *(name for name, _p, _h in COLUMNS[1:])]


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


def _records(request: Request, rows, lang: str) -> list[dict]:
    """One dict per result row with every column, values as lists (joined for CSV)."""
    state = request.app.state
    labels, index, base = state.concept_labels, state.search, state.base_iri
    paths = {p for _name, ps, _how in COLUMNS for p in ps}
    statements = state.public.entry_statements([r.iri for r in rows], paths)

    def written(how: str, terms: list) -> list[str]:
        if how == "text":
            texts = {t.language or "": t.value for t in terms}
            chosen = pick(texts, lang)
            return [chosen] if chosen else []
        if how == "date":
            return sorted(t.value for t in terms)
        if how == "organisation":
            return [index.label(t.value, lang) or t.value.rsplit("/", 1)[-1] for t in terms]
        if how == "objective":
            found = sorted((labels.get(t.value, lang) for t in terms), key=lambda f: int(f.notation or 0) if f else 0)
            return [f"{f.notation}. {f.label}" for f in found if f]
        if how == "notation":
            return sorted((labels.get(t.value, lang).notation if labels.get(t.value, lang) else t.value.rsplit("/", 1)[-1])
                          for t in terms)
        if how == "address":
            return [t.value for t in terms]
        return [labels.label(t.value, lang) for t in terms]

    out = []
    for r in rows:
        mine = statements.get(r.iri, {})
        record = {"iri": r.iri, "page": state.public_url + local_href(r.iri, base), "kind": r.kind,
                  "title": r.title, "title_lang": r.title_lang, "year": r.year}
        for name, props, how in COLUMNS:
            if how == "places":
                record[name] = [labels.label(p, lang) for p in (r.countries if name == "countries" else r.regions)]
                continue
            terms = [t for p in props for t in mine.get(p, ())]
            record[name] = written(how, terms)
            if name == "summary":
                summaries = {t.language or "": t.value for t in terms}
                record["summary_lang"] = next((k for k, v in summaries.items() if record[name] and v == record[name][0]), None)
        out.append(record)
    return out


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
    records = _records(request, rows, lang)
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
