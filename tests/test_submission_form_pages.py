"""A contributor fills in the submission form over HTTP, without JavaScript and with its JSON helpers.

Against a real server on an embedded demo store whose accounts were made with `gcmkg user add`.
"""

from __future__ import annotations

import html
import re

import httpx

from form_support import HTML, OBJECTIVE, csrf_of, server, signed_in, valid_practice  # noqa: F401 - fixtures


def post_form(client: httpx.Client, path: str, data: dict, action: str = "save", **headers) -> httpx.Response:
    page = client.get(path)
    version = re.search(r'name="version" value="(\d+)"', page.text).group(1)
    return client.post(path, data={**data, "csrf": csrf_of(page.text), "version": version, "_action": action},
                       headers=headers)


def field_errors(page: str, key: str) -> list[str]:
    block = re.search(rf'id="field-{key}".*?id="problems-{key}"[^>]*>(.*?)</div>', page, re.S).group(1)
    return [html.unescape(re.sub(r"<[^>]+>", "", m)) for m in re.findall(r'class="field-error">(.*?)</p>', block)]


def test_the_form_shows_every_field_of_the_shapes_in_the_users_language(signed_in):
    page = signed_in(lang="es").get("/curate/new/practice")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    text = html.unescape(page.text)
    for name in ("objetivos principales del Pacto Mundial", "alcance geográfico", "fecha de inicio", "en curso",
                 "organizaciones ejecutoras", "Alineación con el Pacto Mundial y los ODS"):
        assert name in text
    assert text.index("Identificación") < text.index("Alineación con el Pacto Mundial") \
        < text.index("Alcance y fechas")
    assert 'type="checkbox" name="primaryObjective" value="https://w3id.org/gcmkg/gcm/objective/1"' in page.text
    assert "<strong>Datos</strong>" in page.text, "objectives show their short title"
    assert 'list="choices-countries"' in page.text and 'list="choices-sdg"' in page.text
    assert 'href="/curate/new/organisation"' in page.text, "add a new organisation"
    assert 'name="title.lang"' in page.text and 'value="false"' in page.text and "Sin indicar" in page.text


def test_a_signed_out_browser_is_sent_to_sign_in_first(server):
    url, _ = server
    answer = httpx.get(url + "/curate/new/practice", headers=HTML)
    assert answer.status_code == 303 and answer.headers["location"] == "/login?next=%2Fcurate%2Fnew%2Fpractice"


def test_a_contributor_saves_a_draft_without_javascript_and_finds_it_on_return(signed_in):
    client = signed_in()
    saved = post_form(client, "/curate/new/practice", valid_practice())
    assert saved.status_code == 303
    edit = saved.headers["location"].split("?")[0]
    assert re.fullmatch(r"/curate/entries/practice/community-interpreters-in-clinics-[0-9a-f]{8}/edit", edit)
    again = client.get(edit)
    assert again.status_code == 200 and 'name="version" value="1"' in again.text
    text = html.unescape(again.text)
    assert "Community interpreters in clinics" in text and 'value="ARG Argentina"' in text
    assert 'value="International Organization for Migration"' in text
    assert re.search(rf'value="{OBJECTIVE}" checked', again.text)
    assert 'error-summary" tabindex="-1" hidden' in again.text, "a valid draft shows no problems"


def test_problems_are_shown_next_to_their_fields_and_summarised_with_links(signed_in):
    client = signed_in(lang="fr")
    answer = post_form(client, "/curate/new/practice", valid_practice(
        spatial=["Atlantis"], startDate=["2021"], endDate=["2019"], ongoing=["false"], primaryObjective=[]))
    assert answer.status_code == 422
    page = answer.text
    assert any("Atlantis" in e for e in field_errors(page, "spatial"))
    assert any("au plus tard à la date de fin" in e for e in field_errors(page, "startDate"))
    assert field_errors(page, "primaryObjective"), "a required field left empty"
    summary = re.search(r'id="error-summary".*?</ul>', page, re.S).group(0)
    assert 'href="#field-spatial"' in summary and 'href="#field-primaryObjective"' in summary
    assert 'value="Atlantis"' in page, "what the user typed is shown back"
    assert 'aria-invalid="true"' in page


def test_a_stale_save_is_refused_and_what_the_user_typed_is_shown_back(signed_in):
    client = signed_in()
    edit = post_form(client, "/curate/new/practice", valid_practice()).headers["location"].split("?")[0]
    page = client.get(edit).text
    token = csrf_of(page)
    first = client.post(edit, data={**valid_practice(), "csrf": token, "version": "1", "_action": "save"})
    assert first.status_code == 303
    mine = valid_practice(**{"title.text": ["My careful rewording"]})
    late = client.post(edit, data={**mine, "csrf": token, "version": "1", "_action": "save"})
    assert late.status_code == 409
    assert "Someone else saved this entry since you opened it" in html.unescape(late.text)
    assert "My careful rewording" in late.text and 'name="version" value="2"' in late.text
    assert "My careful rewording" not in client.get(edit).text, "the stale save changed nothing"


def test_submitting_a_valid_practice_makes_the_workflows_submit_transition(signed_in):
    client = signed_in()
    invalid = post_form(client, "/curate/new/practice", valid_practice(source=[]), action="submit")
    assert invalid.status_code == 422 and "Not submitted" in invalid.text
    assert field_errors(invalid.text, "source")
    edit = re.search(r'action="(/curate/entries/[^"]+/edit)"', invalid.text).group(1)
    fixed = post_form(client, edit, valid_practice(), action="submit")
    assert fixed.status_code == 303 and fixed.headers["location"].endswith("?done=submitted")
    page = client.get(fixed.headers["location"])
    assert "Submitted for review" in page.text and 'class="form-body" disabled' in page.text
    assert "Save draft" not in page.text, "a submitted entry is not edited"


def test_a_post_without_the_csrf_token_is_refused(signed_in):
    client = signed_in()
    answer = client.post("/curate/new/practice", data={**valid_practice(), "version": "0"})
    assert answer.status_code == 403


def test_nobody_else_opens_a_contributors_draft(signed_in):
    alice, bruno = signed_in(), signed_in("bruno@example.org")
    edit = post_form(alice, "/curate/new/practice", valid_practice()).headers["location"].split("?")[0]
    assert bruno.get(edit).status_code == 403
    assert post_form(alice, edit, valid_practice()).status_code == 303
    token = csrf_of(bruno.get("/curate/new/practice").text)
    assert bruno.post(edit, data={**valid_practice(), "csrf": token, "version": "2"}).status_code == 403


def test_script_in_submitted_text_is_shown_as_text(signed_in):
    client = signed_in()
    attack = "<script>alert('x')</script>"
    saved = post_form(client, "/curate/new/practice", valid_practice(**{"title.text": [attack]}))
    page = client.get(saved.headers["location"]).text
    assert attack not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page


def test_the_form_validates_as_the_user_types_through_the_same_validator(signed_in):
    client = signed_in(lang="es")
    token = csrf_of(client.get("/curate/new/practice").text)
    answer = client.post("/curate/validate/practice", data=valid_practice(endDate=["2018"]),
                         headers={"Accept": "application/json", "X-CSRF-Token": token})
    assert answer.status_code == 200
    problems = answer.json()["problems"]
    assert {p["field"] for p in problems if p["severity"] == "Violation"} >= {"startDate", "endDate"}
    assert any(p["field"] == "endDate" and "en curso" in p["message"] for p in problems)
    assert client.post("/curate/validate/practice", data=valid_practice()).status_code == 403, "CSRF"
    clean = client.post("/curate/validate/practice", data=valid_practice(),
                        headers={"Accept": "application/json", "X-CSRF-Token": token}).json()["problems"]
    assert [p for p in clean if p["severity"] == "Violation"] == []


def test_autosave_creates_the_draft_then_saves_new_versions(signed_in):
    client = signed_in()
    token = csrf_of(client.get("/curate/new/practice").text)
    json_headers = {"Accept": "application/json", "X-CSRF-Token": token}
    first = client.post("/curate/new/practice", data={"title.text": ["Half-written"], "title.lang": ["en"],
                                                      "version": "0", "_action": "autosave"}, headers=json_headers)
    assert first.status_code == 200 and first.json()["saved"] and first.json()["version"] == 1
    edit = first.json()["edit"]
    second = client.post(edit, data={"title.text": ["Half-written, more"], "title.lang": ["en"], "version": "1",
                                     "_action": "autosave"}, headers=json_headers)
    assert second.json()["version"] == 2 and any(p["field"] == "abstract" for p in second.json()["problems"])
    stale = client.post(edit, data={"title.text": ["From an old tab"], "title.lang": ["en"], "version": "1",
                                    "_action": "autosave"}, headers=json_headers)
    assert stale.status_code == 412 and stale.json()["latest"] == 2
    assert "Half-written, more" in client.get(edit).text


def test_anyone_can_ask_the_pickers_choices_by_label_code_or_acronym(server):
    url, _ = server
    with httpx.Client(base_url=url) as client:
        found = client.get("/api/vocabularies/countries/search", params={"q": "argen", "lang": "es"}).json()
        assert found["choices"][0]["iri"] == "https://w3id.org/gcmkg/country/ARG"
        assert found["choices"][0]["under"] == "América del Sur", "under its M49 region, named as the UN names it"
        iom = client.get("/api/vocabularies/organisations/search", params={"q": "OIM"}).json()["choices"]
        assert iom[0]["iri"] == "https://w3id.org/gcmkg/id/org/iom"
        target = client.get("/api/vocabularies/sdg/search", params={"q": "10.7"}).json()["choices"][0]
        assert target["iri"] == "http://metadata.un.org/sdg/10.7" and target["display"].startswith("10.7 ")
        assert client.get("/api/vocabularies/nothing/search").status_code == 404


def test_a_new_organisation_drafted_by_the_contributor_can_be_picked_on_their_practice(signed_in, server):
    url, _ = server
    client = signed_in()
    organisation = {"prefLabel.text": ["Clínica Jurídica Móvil"], "prefLabel.lang": ["es"],
                    "altLabel.text": ["CJM"], "altLabel.lang": ["es"],
                    "classification": ["https://w3id.org/gcmkg/organisation-type/civil-society"]}
    assert post_form(client, "/curate/new/organisation", organisation).status_code == 303
    mine = client.get("/api/vocabularies/organisations/search", params={"q": "CJM"})
    assert mine.json()["choices"][0]["label"] == "Clínica Jurídica Móvil"
    assert mine.headers["cache-control"] == "private, no-store"
    assert httpx.get(url + "/api/vocabularies/organisations/search", params={"q": "CJM"}).json()["choices"] == [], \
        "a draft is nobody else's business"
    assert '<option value="Clínica Jurídica Móvil">' in html.unescape(client.get("/curate/new/practice").text)
    saved = post_form(client, "/curate/new/practice", valid_practice(implementingOrganisation=["cjm"]))
    assert saved.status_code == 303, "typed as its acronym, the draft organisation is found"
    assert 'value="Clínica Jurídica Móvil"' in html.unescape(client.get(saved.headers["location"]).text)


def test_a_practice_naming_a_draft_organisation_is_told_the_organisation_is_still_a_draft(signed_in):
    # Regression: the validator counted the review store's drafts as organisations, so a practice
    # passed while linking one, and once published would have pointed at nothing public.
    client = signed_in()
    organisation = {"prefLabel.text": ["Red de Acogida Rural"], "prefLabel.lang": ["es"],
                    "altLabel.text": ["RAR"], "altLabel.lang": ["es"],
                    "classification": ["https://w3id.org/gcmkg/organisation-type/civil-society"]}
    assert post_form(client, "/curate/new/organisation", organisation).status_code == 303
    practice = valid_practice(implementingOrganisation=["RAR"])
    checked = client.post("/curate/validate/practice", headers={"Accept": "application/json"},
                          data={**practice, "csrf": csrf_of(client.get("/curate/new/practice").text)})
    found = [p for p in checked.json()["problems"] if p["field"] == "implementingOrganisation"]
    assert found and "still a draft" in found[0]["message"] and found[0]["severity"] == "Violation"
    refused = post_form(client, "/curate/new/practice", practice, action="submit")
    assert refused.status_code == 422
    assert any("still a draft" in e for e in field_errors(refused.text, "implementingOrganisation"))
