"""The 500 and 503 pages under the manifest static storage that production uses, with the
static files the deployment collected: drawn without the database, the session or the person
signed in, so they render whatever failed."""

import re

import pytest
from django.db import OperationalError
from django.test import Client, override_settings

BROKEN = "steadfast.my_work.views.work_for"
PRODUCTION_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture
def production_static(deployment):
    with override_settings(STORAGES=PRODUCTION_STATIC, STATIC_ROOT=deployment.static_root):
        yield


@pytest.fixture
def signed_in(scenario, production_static) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(scenario.users["social_worker"])
    return client


def _stylesheet(html: str) -> str:
    return re.search(r'href="/static/(stylesheets/application\.[0-9a-f]{12}\.css)"', html).group(1)


def test_an_unexpected_error_answers_the_services_own_500_page(signed_in, monkeypatch, deployment):
    def broken(*args, **kwargs):
        raise RuntimeError("something unexpected")

    monkeypatch.setattr(BROKEN, broken)
    page = signed_in.get("/")
    assert page.status_code == 500
    html = page.content.decode()
    assert '<h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>' in html
    assert (deployment.static_root / _stylesheet(html)).exists()
    assert "Sign out" not in html


def test_a_database_that_cannot_be_reached_answers_503_with_a_retry_after(signed_in, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BROKEN, unreachable)
    page = signed_in.get("/")
    assert page.status_code == 503
    assert page["Retry-After"] == "30"
    assert '<h1 class="govuk-heading-l">Sorry, the service is unavailable</h1>' in page.content.decode()
