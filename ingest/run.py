"""One ingest run: read files, suggest fields, and describe the run (drafts.py writes it to the review queue)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from gcmkg.ingest.gazetteer import Gazetteer
from gcmkg.ingest.input_guard import DEFAULT_MAX_BYTES
from gcmkg.ingest.nlp import PIPELINE
from gcmkg.ingest.read import read_documents
from gcmkg.ingest.document import Document
from gcmkg.ingest.suggestions import PRACTICE, Suggestion, suggest


def pipeline_description() -> dict:
    """The declared pipeline with the versions of the libraries it ran on."""
    import spacy

    from gcmkg.ingest.classifier import default_classifier

    from gcmkg.ingest.ner import installed_models

    return {**PIPELINE, "spacy": spacy.__version__, "classifier": default_classifier().method,
            "models": installed_models()}


def suggest_files(paths: Iterable[Path | str], *, kind: str = PRACTICE, language: str | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES, each: Callable[[Path], None] | None = None,
                  gazetteer: Gazetteer | None = None) -> list[tuple[Document, list[Suggestion]]]:
    """Read every file (one document per file, or per spreadsheet row) and suggest its fields.

    The first unreadable file stops the run (IngestError) before anything is
    returned, so a caller writes all or nothing. `gazetteer` defaults to the
    vocabularies with the demo organisations.
    """
    out = []
    for path in paths:
        path = Path(path)
        if each:
            each(path)
        for document in read_documents(path, language=language, max_bytes=max_bytes):
            out.append((document, suggest(document, kind, gazetteer)))
    return out


def ingest_files(paths: Iterable[Path | str], *, kind: str = PRACTICE, language: str | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, each: Callable[[Path], None] | None = None,
                 gazetteer: Gazetteer | None = None) -> dict:
    """The run as JSON (what `gcmkg ingest --dry-run` prints): the run, each document and its suggestions."""
    started = datetime.now(timezone.utc)
    found = suggest_files(paths, kind=kind, language=language, max_bytes=max_bytes, each=each, gazetteer=gazetteer)
    return {"run": {"type": kind, "started": started.isoformat(timespec="seconds"),
                    "ended": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "pipeline": pipeline_description()},
            "documents": [{"document": document.summary(), "suggestions": [s.to_json() for s in suggestions]}
                          for document, suggestions in found]}
