"""No input, however hostile, gets a server error: every form and every query parameter, as the
people allowed to use them.

Over a small seeded demo authority (a fixed database, built once for the module and rolled
back after it), each of a few demo sign-ins follows the links the pages show them, as
`test_every_page_as_each_role` does, and gathers every form it meets (where it posts, each
field's name) and every query parameter it sees in a link. Hypothesis then posts hostile values
to every field of those forms (huge numbers, twenty-digit date parts, other scripts' digits, NUL
bytes, very long strings, several values for one name, fields left out) and puts hostile values
in every query parameter a view reads, and no answer may be a 5xx. A last test walks the URL
configuration itself and fills each path's parameters with hostile values.

What keeps it to a few minutes on one core (marked `# fits:` below): the demo has few children;
each sign-in opens one page of each kind; the examples are few, derandomised (the same inputs
every run, so a failure reproduces) and share the one database; no shrinking beyond the first
failure is needed to read it, as the failing request is in the message.
"""

import re
import time
from collections import deque
from html import unescape
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.accounts.models import User
from steadfast.demo.services import seed_demo_authority

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("hostile-input")]

CHILDREN = 6  # fits: a handful of children gives every kind of page and form
USERNAMES = ("social.worker", "team.manager", "foster.carer")  # fits: a worker, a manager, a carer
PER_KIND = 1  # fits: one page of each kind per sign-in
EXAMPLES = 25  # fits: per sign-in, for forms and for query strings alike
LINK = re.compile(r"""\bhref="([^"#]*)""")
NOT_FOLLOWED = ("/static/", "/accounts/logout/", "/admin/", "/accounts/login/", "/accounts/password/")
# Query parameters some view reads whether or not a link on the pages carries it.
KNOWN_PARAMETERS = (
    "page",
    "year",
    "concern",
    "reviews",
    "placement",
    "invitee",
    "kind",
    "format",
    "next",
    "q",
    "search",
    "reason",
    "status",
)
# Forms that end the session or the account's second factor; posting them would stop the walk.
NOT_POSTED = ("/accounts/logout/", "/accounts/two-factor/", "/accounts/password/")

HOSTILE_TEXT = st.sampled_from(
    [
        "",
        " ",
        "9" * 20,
        "9" * 400,
        "-1",
        "0",
        "1.5",
        "1e308",
        "NaN",
        "²",
        "٣",
        "\uff11\uff12",  # fullwidth digits
        "\x00",
        "a\x00b",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "../../etc/passwd",
        "x" * 20_000,
        "\ud7ff\ufffd",
        "2026-02-30",
        "31",
        "13",
    ]
)
HOSTILE_VALUE = st.one_of(
    HOSTILE_TEXT,
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.lists(HOSTILE_TEXT, min_size=2, max_size=3),
    st.none(),  # the field left out
)


class _Forms(HTMLParser):
    """The post forms on a page: where each posts and its fields' names."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, tuple[str, ...]]] = []
        self._action: str | None = None
        self._fields: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form" and (found.get("method") or "").lower() == "post":
            self._action, self._fields = found.get("action") or "", []
        elif self._action is not None and tag in ("input", "textarea", "select", "button"):
            name = found.get("name")
            if name and name != "csrfmiddlewaretoken" and name not in self._fields:
                self._fields.append(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._action is not None:
            self.forms.append((self._action, tuple(self._fields)))
            self._action = None


def _kind(url: str) -> str:
    parts = urlsplit(url)
    names = sorted({name for name, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return re.sub(r"\d+", "<n>", parts.path) + ("?" + "&".join(names) if names else "")


def _walk(client: Client) -> tuple[list[tuple[str, tuple[str, ...]]], list[str], set[str]]:
    """The forms (path posted to, fields), the pages and the query parameters one sign-in meets."""
    forms: dict[str, tuple[str, tuple[str, ...]]] = {}
    pages: list[str] = []
    parameters: set[str] = set(KNOWN_PARAMETERS)
    seen: set[str] = set()
    kinds: dict[str, int] = {}
    queue: deque[str] = deque(["/"])
    while queue:
        url = queue.popleft()
        kind = _kind(url)
        if url in seen or kinds.get(kind, 0) >= PER_KIND:
            continue
        seen.add(url)
        kinds[kind] = kinds.get(kind, 0) + 1
        response = client.get(url, follow=True)
        if response.redirect_chain:
            url = response.redirect_chain[-1][0]
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        path = urlsplit(url).path
        pages.append(path)
        html = response.content.decode()
        parser = _Forms()
        parser.feed(html)
        for action, fields in parser.forms:
            target = urlsplit(unescape(action) or url).path or path
            if not target.startswith(NOT_POSTED):
                forms.setdefault(_kind(target) + "|" + ",".join(fields), (target, fields))
        for href in LINK.findall(html):
            link = unescape(href)
            if link.startswith("/") and not link.startswith("//") and not link.startswith(NOT_FOLLOWED):
                parameters.update(name for name, _ in parse_qsl(urlsplit(link).query, keep_blank_values=True))
                queue.append(link)
    return list(forms.values()), pages, parameters


@pytest.fixture(scope="module")
def walked(django_db_setup, django_db_blocker):
    """The demo authority, and what each sign-in meets in it; rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        started = time.monotonic()
        seed_demo_authority(children=CHILDREN, password="demo-password-for-tests")
        print(f"seeded in {time.monotonic() - started:.0f}s")
        found = {}
        for username in USERNAMES:
            client = Client()
            client.force_login(User.objects.get(username=username))
            found[username] = _walk(client)
            print(f"{username} walked by {time.monotonic() - started:.0f}s: {len(found[username][0])} forms")
        yield found
        transaction.set_rollback(True)


SWEEP = ("9" * 20, "²", "a\x00b", "x" * 20_000, ["1", "2"], None)
"""Each of these in every field of every form at once, before the drawn examples, so that no
form is missed however few examples are drawn."""


def _data(fields: tuple[str, ...], values: list) -> dict:
    return {name: value for name, value in zip(fields, values, strict=True) if value is not None}


@pytest.mark.parametrize("username", USERNAMES)
def test_hostile_values_in_every_field_of_every_form_never_get_a_server_error(walked, username):
    forms, _, _ = walked[username]
    assert len(forms) >= (3 if username == "foster.carer" else 10), f"{username} met too few forms: {forms}"
    client = Client()
    client.force_login(User.objects.get(username=username))
    for path, fields in forms:
        for value in SWEEP:
            data = _data(fields, [value] * len(fields))
            assert client.post(path, data).status_code < 500, f"POST {path} {data!r:.500}"

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,  # fits: the same inputs every run
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def post_hostile(data):
        path, fields = data.draw(st.sampled_from(forms), label="form")
        values = data.draw(
            st.lists(HOSTILE_VALUE, min_size=len(fields), max_size=len(fields)), label="values"
        )
        response = client.post(path, _data(fields, values))
        assert response.status_code < 500, f"POST {path} {_data(fields, values)!r:.500}"

    post_hostile()


@pytest.mark.parametrize("username", USERNAMES)
def test_hostile_values_in_every_query_parameter_never_get_a_server_error(walked, username):
    _, pages, parameters = walked[username]
    client = Client()
    client.force_login(User.objects.get(username=username))
    names = sorted(parameters)

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def get_hostile(data):
        path = data.draw(st.sampled_from(pages), label="page")
        chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True))
        values = data.draw(st.lists(HOSTILE_VALUE, min_size=len(chosen), max_size=len(chosen)))
        query = _data(tuple(chosen), values)
        response = client.get(path, query)
        assert response.status_code < 500, f"GET {path} {query!r:.500}"

    get_hostile()


def _patterns(resolvers, prefix: str = ""):
    """Every URL pattern in the configuration, as its full route and its converters."""
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), getattr(entry.pattern, "converters", {})


HOSTILE_PATH_PARTS = {
    "int": ["0", "9" * 25, "2147483648"],
    "str": ["%00", "9" * 25, "x" * 300, "%C2%B2", "..%2F..%2F"],
    "slug": ["x" * 300, "9" * 25, "-"],
}


def test_every_path_in_the_url_configuration_takes_hostile_parameters_without_a_server_error(walked):
    client = Client()
    client.force_login(User.objects.get(username="team.manager"))
    tried = 0
    for route, _converters in _patterns(get_resolver().url_patterns):
        if route.startswith(("admin/", "^admin/", "static/")) or route.startswith(NOT_POSTED[0][1:]):
            continue
        if "(?P<" in route or "^" in route:
            continue  # a regular expression route: its own values are the only ones it takes
        names = re.findall(r"<(?:(\w+):)?(\w+)>", route)
        if not names:
            continue
        for attempt in range(3):
            path = route
            for kind, name in names:
                options = HOSTILE_PATH_PARTS.get(kind or "str", HOSTILE_PATH_PARTS["str"])
                path = path.replace(
                    f"<{kind}:{name}>" if kind else f"<{name}>", options[attempt % len(options)]
                )
            response = client.get("/" + path)
            tried += 1
            assert response.status_code < 500, f"GET /{path}"
    assert tried > 50
