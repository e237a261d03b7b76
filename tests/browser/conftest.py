"""Browser tests: Playwright's sync API drives Debian's Chromium against pytest-django's live server.

Every page a test lands on must pass `assert_accessible(page)`: it fails the test on any axe-core
violation, any console error (a Content Security Policy violation shows up there), any uncaught
script error, any failed request or error response, or a page whose GOV.UK stylesheet or
JavaScript did not load. The `page` fixture counts the documents the tab loads and fails the test
at teardown if one of them was never checked, so a check cannot be forgotten. The helpers `visit`,
`click_through` and `sign_in` navigate and check in one step.
"""

import contextlib
import hashlib
import os

# Playwright's sync API runs an asyncio event loop on this (the main) thread, inside a greenlet,
# from the moment the session-scoped browser starts until the session ends. Django sees that
# running loop and refuses ORM calls from this thread with SynchronousOnlyOperation: the test's own
# factories, and every database test that pytest runs after the browser tests in the same session.
# Nothing here actually runs Django code inside the loop: the test thread and the live server's
# thread each use their own connection synchronously, so the guard is safe to switch off.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, sync_playwright

from tests.scenario import Scenario, build_scenario

PASSWORD = "a-test-password-123"  # what tests/factories.py gives every user
DASH = "\N{EN DASH}"
TITLE_END = f" {DASH} Steadfast {DASH} Northbridge Council (fictional)"  # every page title ends so
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Slow enough for a loaded 2-core machine, quick enough that a wrong locator fails fast.
TIMEOUT_MS = 10_000

_axe = Axe()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    # Lets the page fixture's teardown know whether the test body already failed.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@dataclass
class PageWatch:
    """What happened in one tab since its last check."""

    problems: list[str] = field(default_factory=list)
    documents: int = 0  # documents loaded in this tab
    checked: int = 0  # the last document that passed assert_accessible
    current_url: str = ""
    unchecked: list[str] = field(default_factory=list)
    allowed_statuses: dict[str, int] = field(default_factory=dict)  # path -> expected status

    def on_document(self, page: Page) -> None:
        if self.documents and self.checked != self.documents:
            self.unchecked.append(self.current_url)
        self.documents += 1
        self.current_url = page.url

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        where = message.location.get("url", "")
        if message.text.startswith("Failed to load resource") and self._allowed(where):
            return  # Chromium's note about a document we expected to answer with an error
        self.problems.append(f"console error: {message.text} (at {where or 'unknown'})")

    def on_page_error(self, error: Exception) -> None:
        self.problems.append(f"uncaught script error: {error}")

    def on_request_failed(self, request: Request) -> None:
        self.problems.append(f"request failed: {request.method} {request.url}: {request.failure}")

    def on_response(self, response: Response) -> None:
        if response.status < 400:
            return
        if response.request.resource_type == "document" and self._allowed(response.url, response.status):
            return
        self.problems.append(
            f"{response.status} for {response.request.method} {response.url} "
            f"({response.request.resource_type})"
        )

    def _allowed(self, url: str, status: int | None = None) -> bool:
        path = re.sub(r"^https?://[^/]+", "", url).split("?")[0]
        expected = self.allowed_statuses.get(path)
        return expected is not None and (status is None or status == expected)


_watches: dict[Page, PageWatch] = {}


def expect_error_status(page: Page, path: str, status: int) -> None:
    """Declare that navigating to `path` should answer `status`, so that response (and
    Chromium's console note about it) is not reported as a problem."""
    _watches[page].allowed_statuses[path] = status


def _format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe found {len(violations)} accessibility violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- {v['id']} [{v.get('impact')}]: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    target: {target}")
            lines.append(f"      html: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      why:  {summary[:400]}")
    return "\n".join(lines)


# Both prove the page is styled and scripted: GOV.UK's stylesheet gives the skip link its class
# rules, and GOV.UK Frontend's JavaScript (an ES module, run before `load`) marks the components it
# starts with `data-<module>-init`.
_ASSETS_CHECK = """() => {
  const sheets = [...document.styleSheets].filter(s => s.href && s.href.includes('/static/'));
  const styled = sheets.length > 0 && sheets.every(s => s.cssRules.length > 0);
  const skip = document.querySelector('.govuk-skip-link');
  const hidden = skip ? getComputedStyle(skip).position === 'absolute' : false;
  const scripted = document.body.classList.contains('govuk-frontend-supported')
    && !!document.querySelector('[data-govuk-skip-link-init]');
  return {styled: styled && hidden, scripted};
}"""


_NO_SCRIPTS = "GOV.UK Frontend's JavaScript did not start"
# What the failure adds when the page's inline start-up script was blocked for want of a nonce.
_MISSING_NONCE_HINT = (
    "Hint: the inline <script> has no nonce attribute, so the CSP blocked it. GOV.UK's template only "
    "writes the nonce when `cspNonce` is truthy, and Django's LazyNonce is falsy until something "
    "generates it: base.html should pass `csp_nonce|string`."
)


def _missing_nonce(page: Page, problems: list[str]) -> bool:
    blocked = any("Content Security Policy" in p and "inline script" in p for p in problems)
    return blocked and page.evaluate("() => !!document.querySelector('script:not([src]):not([nonce])')")


# axe-core gives the same answer for the same markup at the same size, so a page identical to one
# that has passed (the sign-in form, say, met in most tests) is not checked again. What differs
# from one request to the next and is no concern of axe's (the CSRF token, the CSP nonce) is left
# out of the comparison; any other difference means the page is checked.
_passed_axe: set[str] = set()
_PER_REQUEST = re.compile(r'(?<=name="csrfmiddlewaretoken" value=")[^"]*|(?<=nonce=")[^"]*')


def markup_digest(html: str, viewport: dict | None) -> str:
    """A digest of a page's markup, less what changes with every request, and of its size."""
    return hashlib.sha256(f"{viewport}\n{_PER_REQUEST.sub('', html)}".encode()).hexdigest()


def assert_accessible(page: Page) -> None:
    """Check the page now showing: assets loaded, no console errors, CSP violations or failed
    requests since the last check, and no axe-core violations."""
    page.wait_for_load_state("load")
    watch = _watches[page]
    url = page.url
    problems, watch.problems = watch.problems, []
    assets = page.evaluate(_ASSETS_CHECK)
    if not assets["styled"]:
        problems.append("the GOV.UK stylesheet did not load or apply")
    if not assets["scripted"]:
        problems.append(_NO_SCRIPTS)
    if _missing_nonce(page, problems):
        problems.append(_MISSING_NONCE_HINT)
    if problems:
        pytest.fail(f"Problems loading {url}:\n- " + "\n- ".join(problems))

    markup = markup_digest(page.evaluate("() => document.documentElement.outerHTML"), page.viewport_size)
    if markup not in _passed_axe:
        violations = _axe.run(page).response["violations"]
        if violations:
            pytest.fail(_format_violations(url, violations))
        _passed_axe.add(markup)
    # axe's own script runs through the DevTools protocol, so it causes no CSP reports, but check.
    if watch.problems:
        pytest.fail(f"Problems while checking {url}:\n- " + "\n- ".join(watch.problems))
    watch.checked = watch.documents


def visit(page: Page, path: str, *, status: int = 200) -> Response:
    """Go to `path` on the live server, expect `status`, and check the page."""
    if status != 200:
        expect_error_status(page, path.split("?")[0], status)
    response = page.goto(path)
    assert response is not None and response.status == status, (
        f"{path} answered {response.status if response else 'nothing'}, expected {status}"
    )
    assert_accessible(page)
    return response


def click_through(page: Page, locator) -> None:
    """Click a link or button that loads a new page, wait for it, and check it."""
    with page.expect_navigation():
        locator.click()
    assert_accessible(page)


def fill_date(page: Page, legend: str, day: datetime.date) -> None:
    """Fill a GOV.UK date input, found by its fieldset's legend."""
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def sign_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real form; lands on the home page's destination."""
    visit(page, "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    click_through(page, page.get_by_role("button", name="Sign in"))
    assert "/accounts/login/" not in page.url, f"signing in as {username} failed"


def sign_out(page: Page) -> None:
    click_through(page, page.get_by_role("button", name="Sign out"))
    assert page.url.endswith("/accounts/login/")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextlib.contextmanager
def _watched_tab(browser: Browser, live_server, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser context (no cookies) and tab on the live server, watched for problems,
    and failing the test if a page it landed on was never checked."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    watch = PageWatch()
    _watches[tab] = watch
    tab.on("domcontentloaded", watch.on_document)
    tab.on("console", watch.on_console)
    tab.on("pageerror", watch.on_page_error)
    tab.on("requestfailed", watch.on_request_failed)
    tab.on("response", watch.on_response)
    try:
        yield tab
        unchecked = watch.unchecked + ([watch.current_url] if watch.checked != watch.documents else [])
        problems = list(watch.problems)
    finally:
        context.close()
        del _watches[tab]
    call = getattr(request.node, "rep_call", None)
    if call is not None and call.passed:
        # Only worth saying when the test itself passed; otherwise it is noise after the real failure.
        if unchecked:
            pytest.fail("These pages were never checked with assert_accessible: " + ", ".join(unchecked))
        if problems:
            pytest.fail("Problems after the last check:\n- " + "\n- ".join(problems))


@pytest.fixture
def page(browser: Browser, live_server, request: pytest.FixtureRequest) -> Iterator[Page]:
    with _watched_tab(browser, live_server, request) as tab:
        yield tab


@pytest.fixture
def other_page(browser: Browser, live_server, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A second person's browser, with its own cookies, watched and checked like `page`."""
    with _watched_tab(browser, live_server, request) as tab:
        yield tab


@pytest.fixture
def scenario(live_server) -> Scenario:
    """The shared synthetic authority, in the live server's (transactional) database."""
    return build_scenario()
