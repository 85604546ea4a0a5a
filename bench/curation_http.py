"""The curation goals of issue 8 over HTTP, on `gcmkg serve` with a demo store in a temp dir.

- The submission form's live validation: POST /curate/validate/practice of a practice of about 200
  triples, as the form's script sends it while a user types (goal: median within 50 ms). The body is
  encoded once, as a browser's FormData is: the figure is the server's round trip, not the client's.
- From "publish" to the entry being found by the public faceted search (goal: within 1 s): entries are
  put through the workflow with the JSON API (a contributor's, a curator's and three reviewers' tokens),
  then the curator publishes and /api/search is asked until the entry's title word is found.

Run by bench/curation.py.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

from local_server import free_port, wait_for

BIN = Path(sys.executable).parent
API = "/api/curation"


def filled_practice() -> dict[str, list[str]]:
    """A practice whose triples number about 200: many places, SDG targets, objectives and texts."""
    countries = ["ARG", "BRA", "CHL", "COL", "ECU", "PER", "URY", "PRY", "BOL", "VEN", "MEX", "GTM", "HND", "SLV",
                 "NIC", "CRI", "PAN", "DOM", "HTI", "CUB", "JAM", "MDA", "ROU", "UKR", "POL", "DEU", "FRA", "ESP",
                 "ITA", "PRT", "MAR", "TUN", "SEN", "GHA", "NGA", "KEN", "ETH", "UGA", "ZAF", "EGY"] * 2
    targets = [f"{goal}.{n}" for goal in (1, 3, 4, 5, 8, 10, 16, 17) for n in range(1, 8)]
    texts = {"en": "A long paragraph about the practice. " * 20, "es": "Un párrafo largo sobre la práctica. " * 20,
             "fr": "Un long paragraphe sur la pratique. " * 20}
    form = {"language": ["en"], "practiceType": ["https://w3id.org/gcmkg/practice-type/project-programme"],
            "primaryObjective": [f"https://w3id.org/gcmkg/gcm/objective/{n}" for n in (5, 15, 16)],
            "secondaryObjective": [f"https://w3id.org/gcmkg/gcm/objective/{n}" for n in range(1, 24)],
            "guidingPrinciple": ["https://w3id.org/gcmkg/gcm/principle/human-rights"],
            "spatial": countries[:40], "sdg": targets, "startDate": ["2019-03-01"], "ongoing": ["true"],
            "implementingOrganisation": ["IOM"], "partnerOrganisation": ["UNDP"],
            "source": ["https://example.org/practice"],
            "mediaLink": [f"https://example.org/media/{n}" for n in range(60)]}
    for key in ("title", "abstract", "benefitAndImpact", "keyLessons", "replicationRecommendations", "innovation"):
        form[key + ".text"] = [f"{key}: {text}" for text in texts.values()]
        form[key + ".lang"] = list(texts)
    return form


def http_figures(requests: int, publications: int) -> None:
    """Start a server, print both figures, stop it."""
    from gcmkg.curation import db
    from gcmkg.curation.accounts import Accounts
    from gcmkg.curation.demo import add_people, sample_practice_json
    from gcmkg.curation.reviews import CRITERIA
    from gcmkg.curation.sessions import Sessions
    with tempfile.TemporaryDirectory() as folder:
        store = str(Path(folder) / "store")
        subprocess.run([str(BIN / "gcmkg"), "--store", store, "demo"], check=True, capture_output=True)
        added = subprocess.run([str(BIN / "gcmkg"), "--store", store, "user", "add", "bench@example.org",
                                "--role", "contributor"], check=True, capture_output=True, text=True)
        password = re.search(r"password \(shown once\): (\S+)", added.stdout).group(1)
        engine = db.open_database(store)
        accounts = Accounts(engine)
        people = {a.email.split("@")[0]: a for a, _ in add_people(accounts).values()}
        sessions = Sessions(accounts)

        def token(who: str, role: str) -> dict:
            return {"Authorization": "Bearer " + sessions.issue_token(people[who], role)}
        port = free_port()
        server = subprocess.Popen([str(BIN / "gcmkg"), "--store", store, "serve", "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_for(url + "/void", timeout=120)
            with httpx.Client(base_url=url, headers={"Accept": "text/html"}, timeout=30) as client:
                validation(client, password, requests)
                alice, carlos = token("alice.contributor", "contributor"), token("carlos.curator", "curator")
                reviewers = {who: token(who, "reviewer") for who in ("una.reviewer", "ext.one", "ext.two")}
                review = {"verdict": "approve", "comment": "Fine.", "assessments": {
                    c: {"met": True, "justification": f"It is {c}."} for c in CRITERIA}}
                waits = []
                for n in range(publications):
                    word = f"benchword{n}x{port}"
                    entry = f"practice/bench-published-{n}"
                    client.post(API + "/entries", json=sample_practice_json(entry, f"Clinic {word}"),
                                headers=alice).raise_for_status()
                    client.post(f"{API}/entries/{entry}/transitions/submit", headers=alice).raise_for_status()
                    for who, headers in reviewers.items():
                        client.post(f"{API}/entries/{entry}/assignments", headers=carlos,
                                    json={"reviewer": people[who].email}).raise_for_status()
                        client.post(f"{API}/entries/{entry}/conflict-declaration", headers=headers,
                                    json={"conflict": False}).raise_for_status()
                        client.post(f"{API}/entries/{entry}/reviews", headers=headers, json=review).raise_for_status()
                    start = time.perf_counter()
                    client.post(f"{API}/entries/{entry}/transitions/publish", headers=carlos).raise_for_status()
                    while client.get("/api/search", params={"q": word},
                                     headers={"Accept": "application/json"}).json()["total"] < 1:
                        if time.perf_counter() - start > 30:
                            raise RuntimeError(f"{entry} was not found by the search 30 s after publishing")
                        time.sleep(0.01)
                    waits.append((time.perf_counter() - start) * 1000)
            print(f"publish -> found by /api/search, {publications} entries: median {statistics.median(waits):.0f} ms,"
                  f" slowest {max(waits):.0f} ms (goal: <= 1000 ms)")
        finally:
            server.terminate()
            server.wait(timeout=30)
            engine.dispose()


def validation(client: httpx.Client, password: str, requests: int) -> None:
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"email": "bench@example.org", "password": password, "csrf": token})
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/curate/new/practice").text).group(1)
    headers = {"Accept": "application/json", "X-CSRF-Token": token,
               "Content-Type": "application/x-www-form-urlencoded"}
    form = filled_practice()
    body = urlencode(form, doseq=True).encode()
    first = client.post("/curate/validate/practice", content=body, headers=headers)
    first.raise_for_status()
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        client.post("/curate/validate/practice", content=body, headers=headers).raise_for_status()
        times.append((time.perf_counter() - start) * 1000)
    triples = 1 + sum(len(v) for k, v in form.items() if not k.endswith(".lang"))
    times.sort()
    print(f"validate a {triples}-triple practice through /curate/validate/practice, {requests} requests:"
          f" median {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms"
          f" (goal: median <= 50 ms); problems reported: {len(first.json()['problems'])}")
