"""The API served by gunicorn under the production settings, behind the load balancer."""

import datetime
import re
import uuid

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


def test_a_social_worker_makes_a_token_and_reads_and_changes_a_child_with_it(deployment):
    worker = deployment.signed_in("social.worker")
    expires = datetime.date.today() + datetime.timedelta(days=7)
    made = deployment.post_form(
        worker,
        "/accounts/api-tokens/create/",
        {
            "name": "Deployment check",
            "scopes": ["read", "write:children"],
            "expires_on-day": expires.day,
            "expires_on-month": expires.month,
            "expires_on-year": expires.year,
        },
    )
    assert made.status_code == 200, made.text[:500]
    token = re.search(r'id="new-token"><code>([^<]+)</code>', made.text).group(1)
    caller = BehindTheLoadBalancer()
    caller.headers["Authorization"] = f"Bearer {token}"
    page = caller.get(f"{deployment.url}/api/v1/children/?limit=5", timeout=30)
    assert page.status_code == 200 and page.json()["items"], page.text[:500]
    child = page.json()["items"][0]
    changed = caller.patch(
        f"{deployment.url}/api/v1/children/{child['id']}",
        json={"version": child["version"], "school": "Deployment Academy"},
        timeout=30,
    )
    assert changed.status_code == 200, changed.text[:500]
    assert changed.json()["version"] == child["version"] + 1
    stale = caller.patch(
        f"{deployment.url}/api/v1/children/{child['id']}",
        json={"version": child["version"], "school": "Another Academy"},
        timeout=30,
    )
    assert stale.status_code == 409 and stale.json()["current_version"] == child["version"] + 1
    new_child = {
        "child_identifier": f"DEP-{uuid.uuid4().hex[:8]}",
        "legal_first_name": "Deploy",
        "legal_last_name": "Apichild",
        "date_of_birth": "2014-07-04",
        "sex": "female",
        "ethnicity": "white_british",
        "social_worker": "social.worker",
    }
    key = {"Idempotency-Key": str(uuid.uuid4())}
    first = caller.post(f"{deployment.url}/api/v1/children/", json=new_child, headers=key, timeout=30)
    again = caller.post(f"{deployment.url}/api/v1/children/", json=new_child, headers=key, timeout=30)
    assert first.status_code == again.status_code == 201, first.text[:500]
    assert again.headers["Idempotent-Replayed"] == "true" and again.json() == first.json()
