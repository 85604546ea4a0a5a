"""Test documents for ingest: the en/es/fr texts in tests/data/ingest, made into PDF, DOCX and XLSX here
(generated, not committed as binaries)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

DATA = Path(__file__).parent / "data" / "ingest"
TEXTS = {"en": DATA / "practice-en.md", "es": DATA / "practica-es.html", "fr": DATA / "pratique-fr.md"}


def blocks(language: str) -> list[tuple[str, str]]:
    """(kind, text) blocks of the test document in `language`: headings and paragraphs."""
    raw = TEXTS[language].read_text(encoding="utf-8")
    if TEXTS[language].suffix == ".html":
        raw = raw.split("<article>")[1].split("</article>")[0]
        found = re.findall(r"<(h\d|p)>(.*?)</\1>", raw, re.S)
        return [("heading" if tag.startswith("h") else "paragraph", text.strip()) for tag, text in found]
    out = []
    for block in raw.strip().split("\n\n"):
        out.append(("heading", block.lstrip("# ").strip()) if block.startswith("#") else ("paragraph", block.strip()))
    return out


def make_pdf(path: Path, pages: list[list[tuple[str, str]]]) -> Path:
    """A PDF with a text layer: each page's headings in bold, paragraphs wrapped."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    for page in pages:
        pdf.add_page()
        for kind, text in page:
            # The PDF core fonts are Latin-1.
            text = text.replace("œ", "oe").replace("’", "'")
            if kind == "heading":
                pdf.set_font("Helvetica", "B", 14)
                pdf.multi_cell(0, 8, text)
                pdf.ln(3)
            else:
                pdf.set_font("Helvetica", "", 11)
                pdf.multi_cell(0, 6, text)
                pdf.ln(4)
    pdf.output(str(path))
    return path


def make_image_only_pdf(path: Path) -> Path:
    """A 'scanned' PDF: drawings, no text layer."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 120, 60, style="F")
    pdf.output(str(path))
    return path


def make_encrypted_pdf(path: Path) -> Path:
    """A PDF that opens only with a user password."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "Confidential practice report on labour migration from Nepal.")
    pdf.output(str(path))
    return path


def make_docx(path: Path, content: list[tuple[str, str]], *, padding: int = 0) -> Path:
    """A DOCX with Heading 1/2 styles; `padding` adds a member of that many zero bytes (an archive bomb)."""
    import docx

    document = docx.Document()
    first = True
    for kind, text in content:
        if kind == "heading":
            document.add_heading(text, level=1 if first else 2)
        else:
            document.add_paragraph(text)
        first = False
    document.save(str(path))
    if padding:
        with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("word/media/padding.bin", b"\0" * padding)
    return path


def make_xlsx(path: Path, rows: list[list[object]]) -> Path:
    """An XLSX whose first sheet holds `rows` (the first is the header)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Practices"
    for row in rows:
        sheet.append(row)
    workbook.save(str(path))
    return path
