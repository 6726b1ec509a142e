"""Schemathesis generates requests from the OpenAPI description and runs them in-process
against the WSGI app, with jarfalla's token: no 500, every answer as described."""

import contextlib

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings

from .conftest import token_for

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 12


@contextlib.contextmanager
def connection_kept_open():
    """The WSGI handler closes the database connection after each request, which would end
    the test's transaction (Django's test client does the same as this)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_the_openapi_description_is_served_and_valid(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/agreements/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["personalToken"]["scheme"] == "bearer"


def test_schemathesis_finds_no_failure(demo):
    headers = {"Authorization": f"Bearer {token_for('jarfalla')}"}
    with connection_kept_open():
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 20
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(
                max_examples=MAX_EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def run(case):
                case.call_and_validate(headers=headers)

            run()


def test_the_documentation_is_served_from_our_own_static_files(client):
    response = client.get("/api/v1/dokumentation/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "<style" not in html and "http" not in html.split("<body>")[1].split("</body>")[0]
    script = client.get("/api/v1/dokumentation/?script=")
    assert script.status_code == 200
    assert "/api/v1/openapi.json" in script.content.decode()
