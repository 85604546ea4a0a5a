"""The JSON API under /api, documented by FastAPI's OpenAPI page at /docs.

Entries come from graph.entry_view and vocabularies from graph.queries; the
searches go through the one search-and-facets module the web pages use too.
"""

from __future__ import annotations

from fastapi import APIRouter, Path, Query, Request

from gcmkg.graph.entry_view import entry_view
from gcmkg.graph.labels import labels
from gcmkg.graph.queries import SCHEMES, scheme_concepts

from .problems import Problem

router = APIRouter(prefix="/api", tags=["JSON API"])

LANG = Query("en", pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
             description="Language of labels (BCP 47, e.g. en, es, fr); English where a label is missing.")
KIND_PATHS = {"practices": "practice", "norms": "norm", "organisations": "org"}


@router.get("/vocabularies", summary="The vocabularies and their titles")
def vocabularies(request: Request, lang: str = LANG) -> list[dict]:
    titles = labels(request.app.state.kg.public, SCHEMES.values(), lang)
    return [{"name": name, "iri": iri, "title": titles.get(iri, name), "href": f"/api/vocabularies/{name}"}
            for name, iri in SCHEMES.items()]


@router.get("/vocabularies/{name}", summary="The concepts of one vocabulary with labels in a language")
def vocabulary(request: Request, name: str = Path(description="One of: " + ", ".join(SCHEMES)),
               lang: str = LANG) -> dict:
    if name not in SCHEMES:
        raise Problem("not-found", 404, f"no vocabulary '{name}' (there are: {', '.join(SCHEMES)})")
    concepts = scheme_concepts(request.app.state.kg.public, SCHEMES[name], lang)
    return {"name": name, "iri": SCHEMES[name], "lang": lang, "concepts": concepts}


@router.get("/{kind}/{slug}", summary="One published practice, national norm or organisation")
def entry(request: Request, kind: str = Path(description="practices, norms or organisations"),
          slug: str = Path(pattern=r"^[A-Za-z0-9._~-]+$"), lang: str = LANG) -> dict:
    if kind not in KIND_PATHS:
        raise Problem("not-found", 404, f"no such collection '{kind}' (practices, norms, organisations)")
    iri = f"{request.app.state.base_iri}id/{KIND_PATHS[kind]}/{slug}"
    view = entry_view(request.app.state.kg.public, iri, lang)
    if view is None:
        raise Problem("not-found", 404, f"no published entry <{iri}>")
    return view.as_json()
