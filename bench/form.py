"""The submission form's live validation, timed over HTTP: POST /curate/validate/practice.

    python bench/form.py                 # 50 requests with an entry of about 200 triples

Starts `gcmkg serve` on a demo store in a temp dir, signs a contributor in,
and sends the same filled form again and again, as the form's script does
while a user types (debounced). Prints the median and p95 in milliseconds of
the whole round trip (parsing the form, resolving picker values, SHACL
validation, the JSON answer). Issue 8 sets the goal: median within 50 ms.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from local_server import free_port, wait_for

BIN = Path(sys.executable).parent


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = str(Path(folder) / "store")
        subprocess.run([str(BIN / "gcmkg"), "--store", store, "demo"], check=True, capture_output=True)
        added = subprocess.run([str(BIN / "gcmkg"), "--store", store, "user", "add", "bench@example.org",
                                "--role", "contributor"], check=True, capture_output=True, text=True)
        password = re.search(r"password \(shown once\): (\S+)", added.stdout).group(1)
        port = free_port()
        server = subprocess.Popen([str(BIN / "gcmkg"), "--store", store, "serve", "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_for(url + "/void", timeout=120)
            with httpx.Client(base_url=url, headers={"Accept": "text/html"}, timeout=30) as client:
                token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
                client.post("/login", data={"email": "bench@example.org", "password": password, "csrf": token})
                token = re.search(r'name="csrf" value="([^"]+)"', client.get("/curate/new/practice").text).group(1)
                headers = {"Accept": "application/json", "X-CSRF-Token": token}
                form = filled_practice()
                first = client.post("/curate/validate/practice", data=form, headers=headers)
                first.raise_for_status()
                times = []
                for _ in range(args.requests):
                    start = time.perf_counter()
                    client.post("/curate/validate/practice", data=form, headers=headers).raise_for_status()
                    times.append((time.perf_counter() - start) * 1000)
            triples = 1 + sum(len(v) for k, v in form.items() if not k.endswith(".lang"))
            times.sort()
            print(f"validate a {triples}-triple practice through /curate/validate/practice, {args.requests} requests:"
                  f" median {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms"
                  f" (goal: median <= 50 ms); problems reported: {len(first.json()['problems'])}")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
