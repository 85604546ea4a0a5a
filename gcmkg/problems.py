"""One error shape for every route: an RFC 9457 problem document.

`type` is one of a few stable words a client can switch on (malformed,
forbidden, timeout, too-large, not-found, invalid-parameter, unavailable, unauthorised,
conflict, precondition-failed, gone).
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
    "unauthorised": "Sign in first",
    "conflict": "Conflict with the current state",
    "precondition-failed": "Changed since you read it",
    "gone": "No longer published",
}


class Problem(Exception):
    """Raise anywhere in a route; the app turns it into a problem response."""

    def __init__(self, kind: str, status: int, detail: str, **extra):
        super().__init__(detail)
        self.kind, self.status, self.detail, self.extra = kind, status, detail, extra
        self.headers: dict[str, str] = {}   # e.g. WWW-Authenticate on a 401, ETag on a 412


def invalid_parameter(error) -> Problem:
    """The problem for a bad parameter (graph.search.InvalidParameter, or anything with `.parameter` and
    `.value`): it names the parameter, and the value when the value is what is wrong."""
    value = getattr(error, "value", None)
    extra = {"value": value} if value is not None else {}
    return Problem("invalid-parameter", 422, str(error), parameter=error.parameter, **extra)


def problem_document(problem: Problem) -> dict:
    """The problem as its JSON document."""
    return {"type": PROBLEM_BASE + problem.kind, "title": TITLES.get(problem.kind, problem.kind),
            "status": problem.status, "detail": problem.detail, **problem.extra}


def problem_response(problem: Problem) -> JSONResponse:
    return JSONResponse(problem_document(problem), status_code=problem.status,
                        media_type="application/problem+json", headers=problem.headers or None)
