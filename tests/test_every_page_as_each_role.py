"""Every page, as each demo sign-in reaches it, read as a person would.

Each demo sign-in starts at the start page and follows the links the pages show them, one or
two of each kind of page and every link on My work, over a small seeded demo authority. Every
link must open for the person it is shown to (a link that answers 404 or refuses the method
is a dead end), no page may show markup as text (a tag escaped into the page, as a `~`
join in a template makes of a literal beside an escaped value), and every page and download
must tell browsers to keep no copy and deny the device features (docs/security.md)."""

import re
from collections import deque
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import transaction
from django.test import Client

from steadfast.accounts.models import Role, User
from steadfast.demo.services import seed_demo_authority
from steadfast.demo.staff import DEMO_USERS

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("every-page")]

CHILDREN = 40
# How many pages of one kind (the same path but for its ids, the same query parameters) to open.
PER_KIND = 2
LINK = re.compile(r"""\bhref="([^"#]*)""")
# A tag shown as text: its angle bracket escaped into the page.
ESCAPED_TAG = re.compile(
    r"&lt;/?(?:a|abbr|b|br|div|em|h[1-6]|i|li|ol|p|span|strong|table|td|th|tr|ul)\b", re.IGNORECASE
)
# Where a crawl does not go: files, signing out, Django's own admin, and the sign-in pages.
NOT_FOLLOWED = ("/static/", "/accounts/logout/", "/admin/", "/accounts/login/", "/accounts/password/")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """A small demo authority, seeded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo_authority(children=CHILDREN, password="demo-password-for-tests")
        yield
        transaction.set_rollback(True)


def _kind(url: str) -> str:
    parts = urlsplit(url)
    names = sorted({name for name, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return re.sub(r"\d+", "<n>", parts.path) + ("?" + "&".join(names) if names else "")


def _links(html: str) -> list[str]:
    found = []
    for href in LINK.findall(html):
        url = unescape(href)
        if url.startswith("/") and not url.startswith("//") and not url.startswith(NOT_FOLLOWED):
            found.append(url)
    return found


def _crawl(client: Client) -> tuple[int, list[str]]:
    """Open the start page and every link the pages show, up to PER_KIND pages of each kind;
    the pages opened and what was wrong."""
    problems: list[str] = []
    seen_urls: set[str] = set()
    opened_by_kind: dict[str, int] = {}
    queue: deque[tuple[str, str]] = deque([("/", "signing in")])
    opened = 0
    while queue:
        url, shown_on = queue.popleft()
        if url in seen_urls:
            continue
        seen_urls.add(url)
        kind = _kind(url)
        if opened_by_kind.get(kind, 0) >= PER_KIND and shown_on != "/":
            continue
        opened_by_kind[kind] = opened_by_kind.get(kind, 0) + 1
        response = client.get(url, follow=True)
        opened += 1
        if response.status_code != 200:
            problems.append(f"{url} (linked from {shown_on}) answered {response.status_code}")
            continue
        if "no-store" not in response.get("Cache-Control", ""):
            problems.append(f"{url} may be kept in a browser's cache: no Cache-Control: no-store")
        if "camera=()" not in response.get("Permissions-Policy", ""):
            problems.append(f"{url} has no Permissions-Policy denying the camera")
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode()
        for match in ESCAPED_TAG.finditer(html):
            problems.append(f"{url} shows markup as text: …{html[match.start() : match.end() + 40]}…")
        final = response.redirect_chain[-1][0] if response.redirect_chain else url
        queue.extend((link, final) for link in _links(html))
    return opened, problems


@pytest.mark.parametrize("username", [row[0] for row in DEMO_USERS])
def test_every_link_opens_and_no_page_shows_markup_as_text(demo, username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    opened, problems = _crawl(client)
    assert opened > 1, f"{username} reached no page beyond the start"
    assert not problems, f"{username}:\n" + "\n".join(problems)


# The pages of API credentials, reached from Your account: a person's own tokens for everyone
# but a carer, the registered systems and everyone's tokens for administrators alone.
OWN_TOKEN_PAGES = ("/accounts/api-tokens/", "/accounts/api-tokens/create/")
ADMINISTRATORS_API_PAGES = (
    "/security/api-clients/",
    "/security/api-clients/register/",
    "/security/api-tokens/",
)


@pytest.mark.parametrize("username", [row[0] for row in DEMO_USERS])
def test_the_api_credentials_pages_open_for_those_whose_account_links_to_them(demo, username):
    client = Client()
    user = User.objects.get(username=username)
    client.force_login(user)
    account = client.get("/accounts/").content.decode()
    holds_tokens = user.role != Role.FOSTER_CARER
    administers = user.role == Role.ADMINISTRATOR
    assert ('href="/accounts/api-tokens/"' in account) == holds_tokens
    assert ('href="/security/api-clients/"' in account) == administers
    for path in OWN_TOKEN_PAGES:
        assert client.get(path).status_code == (200 if holds_tokens else 404), path
    for path in ADMINISTRATORS_API_PAGES:
        assert client.get(path).status_code == (200 if administers else 404), path
