"""The JSON API against its own OpenAPI description: schemathesis generates requests from the schema and
sends them to a real uvicorn server; every answer must be documented, well-typed and never a server error."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                              status_code_conformance)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 25       # per operation, from a fixed seed: bounded, and the same requests on every run


def test_every_json_api_answer_is_documented_and_never_a_server_error(site):
    schema = schemathesis.openapi.from_url(site + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/search", "/api/practices", "/api/{kind}/{slug}"}
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  database=None)
        def answers_as_documented(case):
            case.call_and_validate(base_url=site, checks=CHECKS, timeout=30)
        answers_as_documented()
