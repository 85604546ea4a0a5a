"""Opening the knowledge graph a deployment is configured for."""

from __future__ import annotations

from pathlib import Path

from .knowledge_graph import KnowledgeGraph
from .oxigraph_store import OxigraphStore
from .remote_store import RemoteStore


def open_knowledge_graph(store: str | None = None, sparql_endpoint: str | None = None,
                         review_sparql_endpoint: str | None = None, *, in_memory: bool = False) -> KnowledgeGraph:
    """The embedded store in directory `store` (public/ and review/ inside it), or a remote SPARQL server."""
    if sparql_endpoint:
        public = RemoteStore(sparql_endpoint)
        public.recover_interrupted_load()
        review = RemoteStore(review_sparql_endpoint) if review_sparql_endpoint else None
        kg = KnowledgeGraph(public, review)
    elif in_memory:
        return KnowledgeGraph(OxigraphStore(), OxigraphStore())
    else:
        root = Path(store or "gcmkg-store")
        kg = KnowledgeGraph(OxigraphStore(root / "public"), OxigraphStore(root / "review"))
    kg.recover_interrupted_load()   # a load killed before it committed is undone, whole
    return kg


def saved_index_path(store: str | None = None, sparql_endpoint: str | None = None,
                     index_file: str | None = None, **_ignored) -> Path | None:
    """Where the search index is saved (graph/search_saved_index.py): `index_file` if given, else beside an
    embedded store; None on a SPARQL server unless given (each API process its own file)."""
    if index_file:
        return Path(index_file)
    return None if sparql_endpoint else Path(store or "gcmkg-store") / "search-index.pickle"
