"""A contributor fills in the submission form in a real browser: live validation, autosave, fixing an error
the form shows, submitting; keyboard only where it counts; axe-core finds no serious violation."""

from __future__ import annotations

import re

from form_support import server  # noqa: F401 - fixture
from harness import axe_violations, browser, new_page, screenshot  # noqa: F401 - fixtures


def sign_in(page, passwords, email="alice@example.org", target="/curate/new/practice"):
    page.goto(target)
    page.wait_for_url(re.compile(r"/login\?next="))
    page.fill("#email", email)
    page.fill("#password", passwords[email])
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(target) + "$"))


def test_contributor_fixes_the_error_the_form_shows_then_submits(server, new_page):
    url, passwords = server
    page = new_page(base_url=url)
    sign_in(page, passwords)
    assert axe_violations(page) == []

    page.fill("#input-title", "Mobile legal clinics")
    page.select_option("#input-language", "en")
    page.check('input[name="practiceType"][value$="/project-programme"]')
    page.check('input[name="primaryObjective"][value$="/objective/15"]')
    page.fill("#input-abstract", "Lawyers travel with a van to where migrants work.")
    page.locator("#input-spatial").press_sequentially("Argen")
    page.wait_for_function("document.querySelector('#choices-countries option[value=\"ARG Argentina\"]') !== null")
    page.fill("#input-spatial", "ARG Argentina")
    page.fill("#input-startDate", "2022")
    page.fill("#input-endDate", "2020")
    page.check('input[name="ongoing"][value="false"]')
    page.fill("#input-source", "https://example.org/legal-clinics")

    # As the user types, the server's validator puts the date problem next to the field...
    start_problem = page.locator("#problems-startDate .field-error")
    start_problem.wait_for()
    assert "no later than the end date" in start_problem.inner_text()
    assert not page.locator("#error-summary").is_hidden()
    # ...and the draft is saved on its own: the address becomes the draft's.
    page.wait_for_url(re.compile(r"/curate/entries/practice/mobile-legal-clinics-[0-9a-f]+/edit$"))
    page.locator("#save-status", has_text="Draft saved").wait_for()
    draft = page.url

    # Leaving and coming back finds the draft.
    page.goto("/")
    page.goto(draft)
    assert page.input_value("#input-title") == "Mobile legal clinics"
    assert page.input_value("#input-endDate") == "2020"

    # Submitting with the keyboard: refused, the problem shown next to its field and in the summary.
    page.focus("button[value=submit]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "Not submitted" in page.locator(".notice").inner_text()
    link = page.locator('#error-summary a[href="#field-startDate"]')
    assert link.is_visible()
    screenshot(page, "submission-form-error")
    assert axe_violations(page) == []
    link.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#field-startDate"

    page.fill("#input-endDate", "2024")
    page.locator("#problems-startDate .field-error").wait_for(state="detached")
    page.focus("button[value=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?done=submitted$"))
    assert "Submitted for review" in page.locator(".notice").inner_text()
    assert page.locator("button[value=submit]").count() == 0


def test_a_keyboard_user_reaches_every_kind_of_field_in_order(server, new_page):
    url, passwords = server
    page = new_page(base_url=url)
    sign_in(page, passwords, target="/curate/new/norm")
    page.focus("#input-title")
    reached = []
    for _ in range(120):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id || document.activeElement.name || ''"))
    for control in ("input-language", "input-type_document", "input-addressesObjective", "input-jurisdiction",
                    "input-date_document", "input-passed_by"):
        assert control in reached, control
    assert reached.index("input-jurisdiction") < reached.index("input-date_document") \
        < reached.index("input-passed_by")


def test_the_form_fits_a_phone_in_french(server, new_page):
    url, passwords = server
    page = new_page(width=390, height=844, locale="fr-FR", base_url=url, is_mobile=True, has_touch=True)
    sign_in(page, passwords, target="/curate/new/organisation")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.evaluate("window.scrollTo(2000, 0) || window.scrollX === 0"), "sideways scrolling"
    assert axe_violations(page) == []
    screenshot(page, "phone-organisation-form-fr")


def test_the_upload_page_is_accessible_and_reports_problems_by_cell(server, new_page, tmp_path):
    url, passwords = server
    page = new_page(base_url=url)
    sign_in(page, passwords, target="/curate/upload/practice")
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the spreadsheet template").click()
    from openpyxl import load_workbook
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)
    book = load_workbook(template)
    sheet = book.worksheets[0]
    column = next(c.column for c in sheet[1] if c.value.endswith("[title@en]"))
    sheet.cell(2, column).value = "Uploaded with the keyboard"
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    page.set_input_files("#upload-file", str(filled))
    page.focus("form.upload-form button[type=submit]")
    with page.expect_navigation():      # the upload's answer is a new page: wait for it, not the old one
        page.keyboard.press("Enter")
    assert "row 2: Uploaded with the keyboard" in page.locator("main").inner_text()
    assert page.locator(".upload-problems").count() == 1
    assert axe_violations(page) == []
    screenshot(page, "submission-upload-problems")
