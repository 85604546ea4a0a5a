"""A curator signs in, works with a session and API tokens, and signs out; an attacker's tricks fail.

Against a real server on an embedded store whose accounts were made with `gcmkg user add`.
"""

from __future__ import annotations

import re

import httpx
import pytest

from curation_site import csrf_of, sign_in, site_with_users

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from site_with_users(tmp_path_factory.mktemp("signin"), {
        "carla@example.org": ["curator", "contributor"], "throttled@example.org": ["contributor"]},
        names={"carla@example.org": "Carla Curadora"})


def test_a_curator_signs_in_sees_their_account_and_signs_out(server):
    url, passwords = server
    with httpx.Client(base_url=url) as client:
        assert client.get("/account", headers=HTML).headers["location"] == "/login?next=%2Faccount"
        answer = sign_in(client, "carla@example.org", passwords["carla@example.org"])
        assert answer.status_code == 303 and answer.headers["location"] == "/account"
        cookie = answer.headers["set-cookie"]
        assert "gcmkg_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
        page = client.get("/account", headers=HTML)
        assert page.status_code == 200 and "Carla Curadora" in page.text and "/curate/desk" in page.text
        assert page.headers["cache-control"] == "no-store"
        out = client.post("/logout", data={"csrf": csrf_of(page.text)})
        assert out.status_code == 303
        assert client.get("/account", headers=HTML).status_code == 303, "the session ended"


def test_a_login_renews_the_session_so_a_planted_session_id_is_worthless(server):
    url, passwords = server
    with httpx.Client(base_url=url) as first:
        sign_in(first, "carla@example.org", passwords["carla@example.org"])
        old = first.cookies["gcmkg_session"]
        again = sign_in(first, "carla@example.org", passwords["carla@example.org"])
        assert again.status_code == 303 and first.cookies["gcmkg_session"] != old
    planted = httpx.get(url + "/account", cookies={"gcmkg_session": old}, headers=HTML)
    assert planted.status_code == 303, "the session a login replaced no longer opens anything"


def test_a_form_posted_without_its_csrf_token_is_refused(server):
    url, passwords = server
    with httpx.Client(base_url=url) as client:
        client.get("/login", headers=HTML)
        missing = client.post("/login", data={"email": "carla@example.org", "password": passwords["carla@example.org"]})
        assert missing.status_code == 403 and "CSRF" in missing.json()["detail"]
        sign_in(client, "carla@example.org", passwords["carla@example.org"])
        forged = client.post("/account/tokens", data={"role": "curator", "csrf": "0" * 64})
        assert forged.status_code == 403
        # Another site's page posts with the victim's cookies but cannot know the token.
        other = httpx.Client(base_url=url)
        other.get("/login", headers=HTML)
        stolen_form = csrf_of(other.get("/login", headers=HTML).text)
        assert client.post("/logout-everywhere", data={"csrf": stolen_form}).status_code == 403
        assert client.get("/account", headers=HTML).status_code == 200, "still signed in"


def test_a_script_uses_an_api_token_until_it_is_revoked(server):
    url, passwords = server
    with httpx.Client(base_url=url) as client:
        sign_in(client, "carla@example.org", passwords["carla@example.org"])
        page = client.post("/account/tokens", data={"role": "contributor", "label": "nightly import",
                                                    "csrf": csrf_of(client.get("/account").text)})
        token = re.search(r'<code class="token">(gcmkg_[^<]+)</code>', page.text).group(1)
        assert token not in client.get("/account").text, "a token is shown once"
        bearer = {"Authorization": f"Bearer {token}", **HTML}
        assert "nightly import" in httpx.get(url + "/account", headers=bearer).text
        # A script's request carries no ambient credential, so it needs no CSRF token.
        assert httpx.post(url + "/account/tokens", headers=bearer, data={"role": "contributor"}).status_code == 200
        token_id = re.search(r'/account/tokens/(\d+)/revoke', page.text).group(1)
        client.post(f"/account/tokens/{token_id}/revoke", data={"csrf": csrf_of(client.get("/account").text)})
    refused = httpx.get(url + "/account", headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith("Bearer")
    assert refused.json()["type"].endswith("/unauthorised")


def test_a_wrong_bearer_token_is_not_rescued_by_a_session_cookie(server):
    url, passwords = server
    with httpx.Client(base_url=url) as client:
        sign_in(client, "carla@example.org", passwords["carla@example.org"])
        assert client.get("/account", headers={"Authorization": "Bearer gcmkg_forged"}).status_code == 401


def test_guessing_passwords_is_throttled_even_when_the_right_one_comes(server):
    url, passwords = server
    with httpx.Client(base_url=url) as client:
        for _ in range(5):
            assert sign_in(client, "throttled@example.org", "wrong password!").status_code == 401
        right = sign_in(client, "throttled@example.org", passwords["throttled@example.org"])
        assert right.status_code == 429 and "15" in right.text


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
def test_a_login_link_cannot_send_the_user_to_another_site(server, target):
    url, passwords = server
    with httpx.Client(base_url=url) as client:
        assert sign_in(client, "carla@example.org", passwords["carla@example.org"], target).headers["location"] \
            == "/account"


def test_the_sign_in_page_speaks_spanish_and_french(server):
    url, _ = server
    assert "Iniciar sesión" in httpx.get(url + "/login?lang=es").text
    assert "Mot de passe oublié" in httpx.get(url + "/login?lang=fr").text


def test_a_password_reset_request_does_not_tell_who_has_an_account(server):
    url, _ = server
    answers = []
    for email in ("carla@example.org", "nobody@example.org"):
        with httpx.Client(base_url=url) as client:
            page = client.get("/password-reset", headers=HTML)
            answers.append(client.post("/password-reset", data={"email": email, "csrf": csrf_of(page.text)}))
    assert [a.status_code for a in answers] == [200, 200]
    assert re.sub(r'value="[^"]+"', "", answers[0].text) == re.sub(r'value="[^"]+"', "", answers[1].text)
