"""Read any supported document into Documents: one per file, or one per spreadsheet row."""

from __future__ import annotations

from pathlib import Path

from gcmkg.ingest.document import Document
from gcmkg.ingest.input_guard import DEFAULT_MAX_BYTES, IngestError, check_size

FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".docx": "docx", ".txt": "text", ".md": "text",
           ".csv": "csv", ".xlsx": "xlsx"}


def read_documents(path: Path | str, *, language: str | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document]:
    """Read `path` by its extension; `language` forces the language of every part."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise IngestError(f"{path.name}: unsupported file type {path.suffix or '(none)'};"
                          f" expected one of {', '.join(sorted(FORMATS))}")
    try:
        check_size(path, max_bytes)
    except OSError as error:
        raise IngestError(f"{path}: cannot read ({error.strerror})") from None
    if fmt == "pdf":
        from gcmkg.ingest.pdf_reader import read_pdf
        return [read_pdf(path, language)]
    if fmt == "html":
        from gcmkg.ingest.html_reader import read_html
        return [read_html(path, language)]
    if fmt == "docx":
        from gcmkg.ingest.docx_reader import read_docx
        return [read_docx(path, language)]
    if fmt == "text":
        from gcmkg.ingest.text_reader import read_text
        return [read_text(path, language)]
    from gcmkg.ingest.table_reader import read_csv, read_xlsx
    return read_csv(path, language) if fmt == "csv" else read_xlsx(path, language)
