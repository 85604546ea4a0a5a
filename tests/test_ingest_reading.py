"""A curator's documents, in every format and in English, Spanish and French, read into text with structure."""

from __future__ import annotations

import pytest

from gcmkg.ingest.read import read_documents
from ingest_documents import DATA, blocks, make_docx, make_pdf, make_xlsx


def test_curator_reads_a_markdown_report_with_its_headings_and_language():
    [document] = read_documents(DATA / "practice-en.md")
    assert document.format == "text" and document.language == "en"
    assert [document.text[h.start:h.end] for h in document.headings] == [
        "Safe Labour Migration Corridor between Nepal and Malaysia", "Who implements it", "Results"]
    assert document.headings[0].level == 1
    assert all(p.language == "en" for p in document.parts)


def test_web_page_keeps_the_article_and_drops_menus_header_and_footer():
    [document] = read_documents(DATA / "practica-es.html")
    assert document.language == "es"
    assert "Las ventanillas de atención ofrecen orientación jurídica" in document.text
    for boilerplate in ("Inicio", "Contacto del ministerio", "Portal de buenas prácticas", "Todos los derechos"):
        assert boilerplate not in document.text
    assert document.text[document.headings[0].start:document.headings[0].end].startswith("Ventanillas")


def test_pdf_keeps_page_numbers_and_headings(tmp_path):
    content = blocks("fr")
    pdf = make_pdf(tmp_path / "rapport.pdf", [content[:3], content[3:]])
    [document] = read_documents(pdf)
    assert document.format == "pdf" and document.language == "fr" and len(document.pages) == 2
    evaluation = document.text.index("Une évaluation a eu lieu")
    assert document.page_at(evaluation) == 2
    assert document.page_at(document.text.index("Le guichet unique accompagne")) == 1
    titles = [(document.text[h.start:h.end], h.page) for h in document.headings]
    assert ("Guichet unique pour les travailleurs migrants au Sénégal", 1) in titles
    assert ("Résultats", 2) in titles


def test_word_document_headings_come_from_its_styles(tmp_path):
    [document] = read_documents(make_docx(tmp_path / "practica.docx", blocks("es")))
    assert document.format == "docx" and document.language == "es"
    headings = {document.text[h.start:h.end]: h.level for h in document.headings}
    assert headings == {"Ventanillas de atención al migrante en México y Guatemala": 1, "Organizaciones": 2}


def test_spreadsheet_gives_one_document_per_practice_row(tmp_path):
    rows = [["Title", "Countries", "Start year"], ["Guichet unique", "Sénégal; Mali", 2020], [None, None, None],
            ["Ventanillas", "México", 2019]]
    documents = read_documents(make_xlsx(tmp_path / "practices.xlsx", rows))
    assert [d.locator for d in documents] == ["Practices row 2", "Practices row 4"]
    cells = {p.column: documents[0].text[p.start:p.end] for p in documents[0].parts}
    assert cells == {"Title": "Guichet unique", "Countries": "Sénégal; Mali", "Start year": "2020"}


def test_csv_rows_name_their_line_and_each_row_its_language():
    documents = read_documents(DATA / "practices.csv")
    assert [d.locator for d in documents] == ["line 2", "line 3", "line 4"]
    assert [d.language for d in documents] == ["en", "es", "fr"]


def test_a_western_code_page_file_is_read_with_its_accents(tmp_path):
    path = tmp_path / "ancien.txt"
    path.write_bytes("Le guichet unique accompagne les travailleurs migrants au Sénégal depuis 2019, à Dakar."
                     .encode("cp1252"))
    [document] = read_documents(path)
    assert "Sénégal depuis 2019, à Dakar" in document.text


def test_part_in_a_language_outside_en_es_fr_is_marked_undetermined_not_guessed(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_text("The programme supports migrant workers who return home after years abroad.\n\n"
                    "Program ini membantu pekerja migran mendapatkan pelatihan sebelum keberangkatan dan bantuan hukum.\n",
                    encoding="utf-8")
    [document] = read_documents(path)
    assert [p.language for p in document.parts] == ["en", "und"]


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_forced_language_applies_to_every_part(language):
    [document] = read_documents(DATA / "practice-en.md", language=language)
    assert document.language == language and {p.language for p in document.parts} == {language}


def test_offsets_are_stable_when_the_same_file_is_read_again(tmp_path):
    pdf = make_pdf(tmp_path / "report.pdf", [blocks("en")])
    first, second = read_documents(pdf)[0], read_documents(pdf)[0]
    assert first.text == second.text and first.parts == second.parts
