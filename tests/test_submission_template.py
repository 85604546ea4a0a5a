"""A contributor prepares entries offline in the spreadsheet template (or as RDF) and uploads them as drafts."""

from __future__ import annotations

import html
import io
import re

import httpx
from openpyxl import Workbook, load_workbook

from form_support import csrf_of, server, signed_in  # noqa: F401 - fixtures


def download(url: str, lang: str = "es"):
    answer = httpx.get(url + "/curate/template/practice.xlsx", headers={"Accept-Language": lang})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    return load_workbook(io.BytesIO(answer.content))


def upload(client: httpx.Client, name: str, body: bytes) -> httpx.Response:
    token = csrf_of(client.get("/curate/upload/practice").text)
    return client.post("/curate/upload/practice", data={"csrf": token}, files={"file": (name, body)})


def column_of(sheet, key: str) -> int:
    return next(c.column for c in sheet[1] if c.value and c.value.endswith(f"[{key}]"))


def test_the_template_has_a_column_per_field_instructions_and_the_allowed_values(server):
    url, _ = server
    book = download(url, "es")
    assert book.sheetnames == ["registros", "traducciones", "instrucciones", "valores permitidos"]
    headers = [c.value for c in book["registros"][1]]
    assert "título (es) [title@es]" in headers and "objetivos principales del Pacto Mundial [primaryObjective]" \
        in headers and "en curso [ongoing]" in headers
    assert headers.index("título (en) [title@en]") < headers.index("fecha de inicio [startDate]")
    guide = [[c.value for c in row] for row in book["instrucciones"].iter_rows()]
    assert any(row[1] == "startDate" and "AAAA-MM-DD" in row[4] for row in guide if len(row) > 4 and row[1])
    allowed = {(r[1], r[2]) for r in book["valores permitidos"].iter_rows(values_only=True)}
    assert ("primaryObjective", "23") in allowed and ("spatial", "ARG") in allowed and ("sdg", "10.7") in allowed
    assert ("implementingOrganisation", "iom") in allowed


def test_a_filled_template_becomes_drafts_with_each_problem_at_its_row_and_column(server, signed_in):
    url, _ = server
    book = download(url, "en")
    sheet = book.worksheets[0]
    good = {"title@en": "Mobile clinics on the border", "abstract@en": "Clinics on wheels serve migrants.",
            "language": "en", "practiceType": "project-programme", "primaryObjective": "15; 16",
            "spatial": "Argentina; BRA", "startDate": "2019", "ongoing": "yes", "implementingOrganisation": "IOM",
            "source": "https://example.org/clinics"}
    bad = {**good, "title@en": "Clinics, badly filled", "spatial": "Atlantis", "startDate": "next spring"}
    for row, values in ((2, good), (3, bad)):
        for key, value in values.items():
            sheet.cell(row, column_of(sheet, key)).value = value
    body = io.BytesIO()
    book.save(body)
    client = signed_in()
    answer = upload(client, "filled.xlsx", body.getvalue())
    assert answer.status_code == 200, answer.text
    page = html.unescape(answer.text)
    assert "row 2: Mobile clinics on the border" in page and "row 3: Clinics, badly filled" in page
    second = page[page.index("row 3: Clinics"):]
    spatial = sheet.cell(1, column_of(sheet, "spatial")).column_letter
    start = sheet.cell(1, column_of(sheet, "startDate")).column_letter
    assert re.search(rf"<td>row 3, column {spatial}</td><td>geographic scope</td><td>“Atlantis” is not one", second)
    assert re.search(rf"<td>row 3, column {start}</td><td>start date</td>", second)
    first = page[page.index("row 2: Mobile"):page.index("row 3: Clinics")]
    assert "No problems: the draft can be submitted." in first
    edit = re.search(r'href="(/curate/entries/practice/mobile-clinics-on-the-border-[0-9a-f]+/edit)"', answer.text)
    draft = html.unescape(client.get(edit.group(1)).text)
    assert 'value="BRA Brazil"' in draft and 'value="International Organization for Migration"' in draft


RDF = b"""@prefix gcm: <https://w3id.org/gcmkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
_:p a gcm:Practice ; dcterms:title "Language classes for newcomers"@en ;
    <http://xmlns.com/foaf/0.1/nick> "classes" ;
    gcm:primaryObjective <https://w3id.org/gcmkg/gcm/objective/16> ;
    dcterms:spatial <https://w3id.org/gcmkg/country/MDA> .
"""


def test_an_rdf_file_becomes_a_draft_with_each_problem_against_its_field(signed_in):
    client = signed_in()
    answer = upload(client, "practice.ttl", RDF)
    assert answer.status_code == 200, answer.text
    page = html.unescape(answer.text)
    assert "Language classes for newcomers" in page
    assert re.search(r"<td></td><td>summary</td><td>Give at least one summary", page)
    assert re.search(r"<td></td><td>source</td><td>Give exactly one source", page)
    edit = re.search(r'href="(/curate/entries/practice/language-classes-for-newcomers-[0-9a-f]+/edit)"', answer.text)
    draft = html.unescape(client.get(edit.group(1)).text)
    assert "MDA Republic of Moldova" in draft, "the country shown by its official name"
    assert "This draft also holds http://xmlns.com/foaf/0.1/nick, which the form does not show" in draft


def test_an_unreadable_upload_is_refused_with_where_it_went_wrong(signed_in):
    client = signed_in()
    book = Workbook()
    book.active.append(["title (en) [title@en]", "budget"])
    book.active.append(["A title", "2 million"])
    body = io.BytesIO()
    book.save(body)
    answer = upload(client, "mine.xlsx", body.getvalue())
    assert answer.status_code == 422 and "mine.xlsx: row 1, column B: “budget” is not a column" in \
        html.unescape(answer.text)
    broken = upload(client, "broken.ttl", b"<a> <b> .")
    assert broken.status_code == 422 and "broken.ttl:1" in html.unescape(broken.text)
    assert client.post("/curate/upload/practice", files={"file": ("x.ttl", RDF)}).status_code == 403, "CSRF"
