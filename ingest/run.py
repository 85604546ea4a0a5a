"""One ingest run: read files, suggest fields, and describe the run (no writing; the desk will)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from gcmkg.ingest.gazetteer import Gazetteer
from gcmkg.ingest.input_guard import DEFAULT_MAX_BYTES
from gcmkg.ingest.nlp import PIPELINE
from gcmkg.ingest.read import read_documents
from gcmkg.ingest.suggestions import PRACTICE, suggest


def pipeline_description() -> dict:
    """The declared pipeline with the versions of the libraries it ran on."""
    import spacy

    from gcmkg.ingest.classifier import default_classifier

    return {**PIPELINE, "spacy": spacy.__version__, "classifier": default_classifier().method}


def ingest_files(paths: Iterable[Path | str], *, kind: str = PRACTICE, language: str | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, each: Callable[[Path], None] | None = None,
                 gazetteer: Gazetteer | None = None) -> dict:
    """Read every file and suggest; the first unreadable file stops the run (IngestError) before any output.

    `gazetteer` defaults to the vocabularies with the demo organisations.
    """
    started = datetime.now(timezone.utc)
    documents = []
    for path in paths:
        path = Path(path)
        if each:
            each(path)
        for document in read_documents(path, language=language, max_bytes=max_bytes):
            documents.append({"document": document.summary(),
                              "suggestions": [s.to_json() for s in suggest(document, kind, gazetteer)]})
    return {"run": {"type": kind, "started": started.isoformat(timespec="seconds"),
                    "ended": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "pipeline": pipeline_description()},
            "documents": documents}
