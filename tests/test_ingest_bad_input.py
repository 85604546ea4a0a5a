"""Documents that cannot be read are refused with one line that says what and where, and nothing is written."""

from __future__ import annotations

import random

import pytest

from conftest import gcmkg
from gcmkg.ingest.input_guard import IngestError
from gcmkg.ingest.read import read_documents
from ingest_documents import blocks, make_docx, make_encrypted_pdf, make_image_only_pdf, make_xlsx


def written(path, text: str, **options):
    path.write_text(text, **options)
    return path


def refused(path, **options) -> str:
    with pytest.raises(IngestError) as caught:
        read_documents(path, **options)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(path.name)
    return message


def test_scanned_pdf_without_text_layer_is_refused_saying_ocr_is_not_supported(tmp_path):
    assert "no text layer; OCR is not supported" in refused(make_image_only_pdf(tmp_path / "scan.pdf"))


def test_password_protected_pdf_is_refused(tmp_path):
    assert "encrypted" in refused(make_encrypted_pdf(tmp_path / "locked.pdf"))


def test_file_that_is_not_a_pdf_is_refused(tmp_path):
    path = written(tmp_path / "fake.pdf", "this is not a PDF at all")
    assert "not a readable PDF" in refused(path)


def test_file_over_the_size_cap_is_refused_before_reading(tmp_path):
    path = written(tmp_path / "big.txt", "Migration " * 20_000)
    assert refused(path, max_bytes=100_000) == "big.txt: 0.2 MB is over the 0.1 MB limit for a document"


def test_archive_bomb_inside_a_docx_is_refused_before_it_is_unpacked(tmp_path):
    bomb = make_docx(tmp_path / "bomb.docx", blocks("en"), padding=30 * 1024 * 1024)
    assert "archive bomb" in refused(bomb)


def test_archive_bomb_inside_an_xlsx_is_refused(tmp_path):
    import zipfile

    bomb = make_xlsx(tmp_path / "bomb.xlsx", [["Title"], ["A practice"]])
    with zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (30 * 1024 * 1024))
    assert "archive bomb" in refused(bomb)


def test_html_with_a_comment_never_closed_names_line_and_column(tmp_path):
    path = written(tmp_path / "broken.html", "<html><body>\n<p>Programme in Mexico.</p>\n  <!-- menu\n<p>Rest of the page</p></body></html>")
    assert refused(path) == "broken.html: malformed HTML: comment opened at line 3, column 3 is never closed"


def test_html_with_a_tag_never_closed_names_line_and_column(tmp_path):
    path = written(tmp_path / "cut.html", "<html><body><p>Programme in Mexico.</p>\n<p class=\"lead\"")
    assert "tag opened at line 2, column 1 is never closed" in refused(path)


def test_csv_with_a_broken_quote_names_line_and_column(tmp_path):
    path = written(tmp_path / "practices.csv", 'Title,Summary,Countries\nCorridor,"Training" for workers,Nepal\n', encoding="utf-8")
    message = refused(path)
    assert "line 2" in message and "column 2 ('Summary')" in message


def test_csv_row_longer_than_its_header_names_line_and_column(tmp_path):
    path = written(tmp_path / "practices.csv", "Title,Countries\nCorridor,Nepal\nVentanillas,México,Guatemala\n", encoding="utf-8")
    assert "line 3, column 3" in refused(path)


def test_text_in_an_unknown_encoding_is_refused_not_guessed(tmp_path):
    path = tmp_path / "binary.txt"
    noise = random.Random(7)
    path.write_bytes(bytes(noise.randrange(256) for _ in range(4000)))
    assert "unknown text encoding" in refused(path)


def test_unsupported_file_type_is_refused(tmp_path):
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK")
    assert "unsupported file type .pptx" in refused(path)


def test_command_line_refusal_is_one_line_and_prints_no_suggestions(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("A practice in Mexico since 2019.")
    scan = make_image_only_pdf(tmp_path / "scan.pdf")
    result = gcmkg("ingest", str(scan), str(good), "--dry-run")
    assert result.returncode == 2
    assert result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("gcmkg:")]
    assert errors == ["gcmkg: error: scan.pdf: no text layer; OCR is not supported"]
    assert "Traceback" not in result.stderr
