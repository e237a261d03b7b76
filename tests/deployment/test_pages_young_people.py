"""The child's own page and the staff pages around it, served by gunicorn under the production
settings."""

import html
import re
from urllib.parse import urlsplit

from .conftest import BehindTheLoadBalancer


def test_a_child_opens_their_own_page_from_a_code_and_sends_their_views(deployment):
    """The demo social worker has a child's answer on My work, reads it, shows another child a
    code, and the child's page, opened with no sign-in, answers with its own headers, its own
    styles and script by their collected names, and no cookie."""
    worker = deployment.signed_in("social.worker")
    home = worker.get(f"{deployment.url}/", timeout=30).text
    views_path = re.search(r'href="(/own-page/views/\d+/)"', home).group(1)
    detail = worker.get(f"{deployment.url}{views_path}", timeout=30)
    assert detail.status_code == 200 and '<h1 class="govuk-heading-l">In their own words</h1>' in detail.text
    child_id = re.search(r'href="/children/(\d+)/#childs-own-views"', detail.text).group(1)

    shown = deployment.post_form(
        worker,
        f"/children/{child_id}/own-page/invite/",
        {"purpose": "general", "page_version": "younger", "days": "3", "sent_how": "qr"},
    )
    assert shown.status_code == 200 and "<svg" in shown.text, shown.text[:2000]
    address = html.unescape(re.search(r'id="views-link-address">([^<]+)<', shown.text).group(1))
    path = urlsplit(address).path

    child = BehindTheLoadBalancer()
    page = child.get(f"{deployment.url}{path}", timeout=30)
    assert page.status_code == 200 and "Hello" in page.text
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert "noindex" in page.headers["X-Robots-Tag"]
    assert "Set-Cookie" not in page.headers
    for asset in (
        r"/static/stylesheets/my-views\.[0-9a-f]{12}\.css",
        r"/static/javascripts/read-aloud\.[0-9a-f]{12}\.js",
    ):
        found = re.search(asset, page.text)
        assert found, asset
        assert child.get(f"{deployment.url}{found.group(0)}", timeout=30).status_code == 200
    sent = child.post(
        f"{deployment.url}{path}",
        data={"going_well": "My dog (fictional)", "home_score": "10"},
        headers={"Origin": "null"},
        timeout=30,
    )
    assert sent.status_code == 200 and "Thank you" in sent.text
    gone = child.get(f"{deployment.url}{path}", timeout=30)
    assert gone.status_code == 404 and "Page not found" in gone.text
