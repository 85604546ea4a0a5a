"""The HTTP/1.1 protocol the server speaks: uvicorn's httptools one, with our problem shape for the
requests it cannot read at all.

Such a request never reaches the app, so uvicorn answers it itself, in plain
text. The usual cause on a SPARQL endpoint is a GET whose URL is too long:
httptools reads a request target of at most MAX_REQUEST_TARGET bytes
(measured: 65,535 passes, 65,536 does not). Clients get the same problem
JSON as for every other error, with the way out (POST takes 256 KiB).
"""

from __future__ import annotations

import json

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from .problems import Problem, problem_document
from .security_headers import HEADERS

MAX_REQUEST_TARGET = 65_535


class ProblemHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's HttpToolsProtocol; its 400 for unreadable requests is a problem document."""

    def send_400_response(self, msg: str) -> None:
        body = json.dumps(problem_document(Problem(
            "malformed", 400,
            f"the request could not be read as HTTP/1.1; the usual cause is a URL longer than "
            f"{MAX_REQUEST_TARGET:,} bytes: send a long SPARQL query by POST (up to 256 KiB)"))).encode()
        head = [b"HTTP/1.1 400 Bad Request\r\n"]
        for name, value in (*self.server_state.default_headers, *HEADERS):
            head.extend([name, b": ", value, b"\r\n"])
        head.extend([b"content-type: application/problem+json\r\n",
                     b"content-length: " + str(len(body)).encode("ascii") + b"\r\n",
                     b"connection: close\r\n\r\n"])
        self.transport.write(b"".join(head) + body)
        self.transport.close()
