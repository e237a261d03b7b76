"""The API served by gunicorn under the production settings, behind the load balancer."""

from .conftest import BehindTheLoadBalancer


def test_the_reference_and_the_openapi_document_are_served(deployment):
    caller = BehindTheLoadBalancer()
    reference = caller.get(f"{deployment.url}/api/v1/docs", timeout=30)
    assert reference.status_code == 200 and "API reference</h1>" in reference.text
    assert "script-src 'self'" in reference.headers["Content-Security-Policy"]
    document = caller.get(f"{deployment.url}/api/v1/openapi.json", timeout=30)
    assert document.status_code == 200 and document.json()["openapi"] == "3.1.0"


def test_a_call_without_a_token_is_401_as_a_problem(deployment):
    answer = BehindTheLoadBalancer().get(f"{deployment.url}/api/v1/children/", timeout=30)
    assert answer.status_code == 401
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.json()["title"] == "A valid token is needed"
