"""The API's reference page: drawn from the OpenAPI document, readable without signing in, and
checked with axe-core, at a desk and on a phone."""

import pytest
from playwright.sync_api import Page, expect

from .conftest import visit

pytestmark = pytest.mark.browser


def test_a_developer_reads_the_api_reference(page: Page, live_server) -> None:
    visit(page, "/api/v1/docs")
    expect(page.get_by_role("heading", name="API reference")).to_be_visible()
    expect(page.get_by_role("heading", name="Add a child")).to_be_visible()
    page.get_by_role("link", name="Schemas").click()
    expect(page.locator("#schema-ChildOut")).to_be_visible()


def test_the_reference_reads_on_a_phone(page: Page, live_server) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    visit(page, "/api/v1/docs")
    expect(page.get_by_role("heading", name="API reference")).to_be_visible()
