"""A team manager opens the service measures from the navigation: every chart loads as an image
under the content security policy, the page passes axe, another year can be chosen, and the
children behind a measure are listed; an analyst sees the same figures."""

import urllib.error
import urllib.request

import pytest
from playwright.sync_api import Page, Route, expect

from steadfast.measures.tests.test_measures_views import latest_year_ending, three_placements_in_the_year
from steadfast.measures.tests.test_published_statistics import use_synthetic_figures
from tests.scenario import Scenario

from .conftest import click_through, sign_in, sign_out, visit

pytestmark = pytest.mark.browser

# Every image on the page has loaded and has a size: none was blocked or broken.
IMAGES_LOADED = (
    "() => [...document.images].map(i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0])"
)


@pytest.fixture
def published(settings, tmp_path):
    """The Department's file with SYNTHETIC figures for the latest year that has ended."""
    return use_synthetic_figures(settings, tmp_path, year=latest_year_ending().year)


def _one_chart_at_a_time(page: Page) -> None:
    """Fetch the charts one after another. The live server answers each request in a thread of
    its own, and on SQLite the test database lives in memory, in one connection those threads
    share, so eleven charts asked for at once would use it at the same time. Each chart is fetched
    here with a blocking request, which holds Playwright's event loop (and so every other
    chart's handler) until it is answered."""

    def fetch(route: Route) -> None:
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())
        request = urllib.request.Request(route.request.url, headers={"Cookie": cookies})
        try:
            with urllib.request.urlopen(request) as response:
                status, headers, body = response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            status, headers, body = error.code, dict(error.headers), error.read()
        route.fulfill(status=status, headers=headers, body=body)

    page.route("**/measures/charts/**", fetch)


def _charts_loaded(page: Page) -> None:
    images = page.evaluate(IMAGES_LOADED)
    assert len(images) == 11
    assert all(loaded for _, loaded in images), images
    assert all(src.startswith("/measures/charts/") for src, _ in images)


def test_a_manager_reads_the_measures_with_every_chart_as_an_image(
    page: Page, scenario: Scenario, published
) -> None:
    year = latest_year_ending()
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    three_placements_in_the_year(scenario.users["social_worker"], "Quinn", year.replace(year=year.year - 1))

    _one_chart_at_a_time(page)
    sign_in(page, "team_manager")
    click_through(page, page.get_by_role("link", name="Measures"))
    assert page.url.endswith("/measures/")
    expect(page.get_by_role("heading", name="Service measures", level=1)).to_be_visible()
    _charts_loaded(page)
    expect(page.locator("#table-dfe-comparison")).to_contain_text("Synthetic Borough")
    expect(page.get_by_role("img", name="Year ending 31 March", exact=False).first).to_be_visible()
    expect(page.locator("#year-shown")).to_contain_text(
        f"year ending 31 March {year.year}, the latest year with published figures to compare with"
    )
    expect(page.locator("#table-dfe")).to_contain_text("Lower is better")

    # An earlier year, from the picker.
    page.get_by_label("Year ending 31 March").select_option(str(year.year - 1))
    click_through(page, page.get_by_role("button", name="Show this year"))
    expect(page.locator("#table-dfe")).to_contain_text(f"year ending 31 March {year.year - 1}")
    expect(page.locator("#year-shown")).to_contain_text("the year you chose")
    expect(page.locator(".govuk-inset-text")).to_contain_text(
        f"Published figures for the year ending 31 March {year.year - 1} are not available"
    )
    _charts_loaded(page)

    # The children behind a measure: only those the manager may see.
    click_through(
        page,
        page.get_by_role(
            "link", name="Children looked after on 31 March with 3 or more placements during the year"
        ),
    )
    expect(page.locator("#children")).to_contain_text("Quinn Example")
    sign_out(page)

    sign_in(page, "analyst")
    visit(page, "/measures/")
    _charts_loaded(page)
    expect(page.get_by_text("Quentin")).to_have_count(0)


def test_a_social_worker_finds_no_measures(page: Page, scenario: Scenario) -> None:
    sign_in(page, "social_worker")
    expect(page.get_by_role("link", name="Measures")).to_have_count(0)
    visit(page, "/measures/", status=404)
