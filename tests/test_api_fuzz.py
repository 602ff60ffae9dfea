"""The API under bad input: schemathesis generates requests from our own OpenAPI spec (valid
and invalid values for every parameter) and checks that no answer is a 5xx, that every status
is one the spec declares, and that errors come in the one JSON shape.

NEWSGRAPH_FUZZ_EXAMPLES sets the examples per operation (default 15, kept small for CI)."""
from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, status_code_conformance

from newsgraph.web.app import create_app

from .web_support import demo_database

EXAMPLES = int(os.environ.get("NEWSGRAPH_FUZZ_EXAMPLES", "15"))
CASES: dict[str, int] = {}

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


# The app opens its database per request, so the spec can be read before the database exists;
# the fixture below points the app at the demo database before any request is made.
APP = create_app("not-built-yet.duckdb")
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _demo_database(tmp_path_factory):
    APP.state.db = str(demo_database(tmp_path_factory))


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_error_and_one_error_shape(case):
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error, status_code_conformance])
    CASES[case.operation.label] = CASES.get(case.operation.label, 0) + 1
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"}, body
        assert body["error"]["status"] == response.status_code
        assert body["error"]["code"] and body["error"]["message"]


def test_report_how_many_cases_ran():
    """Prints the number of generated requests (run after the fuzz test; see docs/benchmarks.md)."""
    if not CASES:
        pytest.skip("the fuzz test did not run in this session")
    print(f"\nschemathesis: {sum(CASES.values())} requests over {len(CASES)} operations")
    for label, count in sorted(CASES.items()):
        print(f"  {count:5d}  {label}")
