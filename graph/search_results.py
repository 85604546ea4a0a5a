"""Search results as JSON: the one serializer behind /api/practices (and /api/norms, /api/search) and
/practices.json (and the other downloads).

A result row always starts with the same fields (`identity`); the API adds
its links and what the row links to, the download adds every column a
reader uses (`COLUMNS`), with labels and texts in the reader's language
(English otherwise) under stable English names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from gcmkg.names import DCTERMS, ELI, GCM, SCHEMA, local_href

from .concept_labels import ConceptLabels
from .page_data import PageData
from .queries import pick
from .search import ResultRow
from .search_index import SearchIndex

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
IDENTITY = ("iri", "kind", "title", "title_lang", "year")
# A download's columns, in order (the CSV header).
HEADER = ["iri", "page", *IDENTITY[1:], *(name for name, _paths, _how in COLUMNS[:1]), "summary_lang",
          *(name for name, _p, _h in COLUMNS[1:])]


class ResultRows:
    """Writes result rows as JSON in a reader's language: the API's rows and the downloads' records."""

    def __init__(self, index: SearchIndex, concepts: ConceptLabels, public: PageData, lang: str):
        self.index, self.concepts, self.public, self.lang = index, concepts, public, lang

    def label(self, iri: str) -> str:
        """An organisation's name or a concept's label in the reader's language."""
        return self.index.label(iri, self.lang) or self.concepts.label(iri, self.lang)

    @staticmethod
    def identity(row: ResultRow) -> dict:
        """The fields every serialized row starts with."""
        return {name: getattr(row, name) for name in IDENTITY}

    def api_rows(self, rows: Iterable[ResultRow], base: str) -> list[dict]:
        """The JSON API's rows: identity, what each links to (labelled), its score, its API and page paths."""
        def linked(iris) -> list[dict]:
            return [{"iri": i, "label": self.label(i)} for i in iris]
        return [{**self.identity(r),
                 "countries": linked(r.countries), "regions": linked(r.regions), "objectives": linked(r.objectives),
                 **({"score": round(r.score, 4)} if r.score is not None else {}),
                 "api": f"/api/{'practices' if r.kind == 'practice' else 'norms'}/{r.iri.rsplit('/', 1)[-1]}",
                 "html": local_href(r.iri, base)} for r in rows]

    def records(self, rows: list[ResultRow], page_of: Callable[[str], str]) -> list[dict]:
        """A download's rows: identity, the page showing it (`page_of(iri)`), every column; values as lists."""
        lang, labels = self.lang, self.concepts
        statements = self.public.entry_statements([r.iri for r in rows], {p for _n, ps, _h in COLUMNS for p in ps})
        out = []
        for r in rows:
            mine = statements.get(r.iri, {})
            record = {"iri": r.iri, "page": page_of(r.iri), **self.identity(r)}
            for name, props, how in COLUMNS:
                if how == "places":
                    record[name] = [labels.label(p, lang) for p in (r.countries if name == "countries" else r.regions)]
                    continue
                terms = [t for p in props for t in mine.get(p, ())]
                record[name] = self._written(how, terms)
                if name == "summary":
                    summaries = {t.language or "": t.value for t in terms}
                    record["summary_lang"] = next((k for k, v in summaries.items()
                                                   if record[name] and v == record[name][0]), None)
            out.append(record)
        return out

    def _written(self, how: str, terms: list) -> list[str]:
        lang, labels = self.lang, self.concepts
        if how == "text":
            chosen = pick({t.language or "": t.value for t in terms}, lang)
            return [chosen] if chosen else []
        if how == "date":
            return sorted(t.value for t in terms)
        if how == "organisation":
            return [self.index.label(t.value, lang) or t.value.rsplit("/", 1)[-1] for t in terms]
        if how == "objective":
            found = sorted((labels.get(t.value, lang) for t in terms), key=lambda f: int(f.notation or 0) if f else 0)
            return [f"{f.notation}. {f.label}" for f in found if f]
        if how == "notation":
            return sorted((labels.get(t.value, lang).notation if labels.get(t.value, lang)
                           else t.value.rsplit("/", 1)[-1]) for t in terms)
        if how == "address":
            return [t.value for t in terms]
        return [labels.label(t.value, lang) for t in terms]
