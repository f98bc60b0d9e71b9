"""The OpenAPI document: valid, versioned with the package, and covering every route."""

import re

from openapi_spec_validator import validate

import churn_studio_ext
from churn_studio_ext.server.app import ROUTES
from churn_studio_ext.server.handlers import API_PREFIX


def spec_path_pattern(path: str) -> str:
    """Turn an OpenAPI path such as /experiments/{experimentName} into a comparable pattern."""
    return re.sub(r"\{[^}]+\}", "{}", path)


def route_pattern(route: str) -> str:
    path = route[len(f"/{API_PREFIX}") :]
    return re.sub(r"\(\?P<[^>]+>[^)]*\)", "{}", path)


def test_spec_is_valid_openapi(openapi_spec):
    validate(openapi_spec)
    assert openapi_spec["openapi"].startswith("3.1")


def test_spec_version_matches_package(openapi_spec):
    assert openapi_spec["info"]["version"] == churn_studio_ext.__version__


def test_spec_paths_match_routes(openapi_spec):
    routes = sorted(route_pattern(route) for route, _handler in ROUTES)
    paths = sorted(spec_path_pattern(path) for path in openapi_spec["paths"])

    assert paths == routes


def test_every_operation_documents_errors(openapi_spec):
    for path, operations in openapi_spec["paths"].items():
        for verb, operation in operations.items():
            responses = operation["responses"]
            successes = [status for status in responses if status.startswith("2")]
            assert successes, f"{verb} {path} has no 2xx response"
            assert "403" in responses, f"{verb} {path} does not document the authentication error"
