"""One error shape for every route: an RFC 9457 problem document.

`type` is one of a few stable words a client can switch on (malformed,
forbidden, timeout, too-large, not-found, invalid-parameter, unavailable).
"""

from __future__ import annotations

from fastapi.responses import JSONResponse

PROBLEM_BASE = "https://w3id.org/gcmkg/problems/"

TITLES = {
    "malformed": "Malformed request",
    "forbidden": "Not allowed here",
    "timeout": "Query timed out",
    "too-large": "Too large",
    "not-found": "Not found",
    "invalid-parameter": "Invalid parameter",
    "not-acceptable": "No acceptable format",
    "unavailable": "Service unavailable",
    "internal": "Internal error",
}


class Problem(Exception):
    """Raise anywhere in a route; the app turns it into a problem response."""

    def __init__(self, kind: str, status: int, detail: str, **extra):
        super().__init__(detail)
        self.kind, self.status, self.detail, self.extra = kind, status, detail, extra


def problem_document(problem: Problem) -> dict:
    """The problem as its JSON document."""
    return {"type": PROBLEM_BASE + problem.kind, "title": TITLES.get(problem.kind, problem.kind),
            "status": problem.status, "detail": problem.detail, **problem.extra}


def problem_response(problem: Problem) -> JSONResponse:
    return JSONResponse(problem_document(problem), status_code=problem.status,
                        media_type="application/problem+json")
