"""Pages served by gunicorn under the production settings, with the static files collected and
served by WhiteNoise under their hashed names."""

import http.client
import re
import time

from .conftest import CSRF_TOKEN, HOST, PASSWORD, BehindTheLoadBalancer, healthz


def test_the_sign_in_page_links_its_styles_and_scripts_by_their_collected_names(deployment):
    page = BehindTheLoadBalancer().get(f"{deployment.url}/accounts/login/", timeout=30)
    assert page.status_code == 200
    assert '<h1 class="govuk-heading-l">Sign in to Steadfast</h1>' in page.text
    stylesheet = re.search(r'href="(/static/stylesheets/application\.[0-9a-f]{12}\.css)"', page.text)
    script = re.search(r'src="(/static/javascripts/application\.[0-9a-f]{12}\.js)"', page.text)
    assert stylesheet and script, page.text[:2000]
    for path in (stylesheet.group(1), script.group(1)):
        asset = BehindTheLoadBalancer().get(
            f"{deployment.url}{path}", headers={"Accept-Encoding": "gzip"}, timeout=30
        )
        assert asset.status_code == 200
        assert "immutable" in asset.headers["Cache-Control"]
        assert asset.headers.get("Content-Encoding") == "gzip"


def test_every_page_carries_the_content_security_policy_with_a_nonce_for_its_script(deployment):
    page = BehindTheLoadBalancer().get(f"{deployment.url}/accounts/login/", timeout=30)
    nonce = re.search(r"'nonce-([^']+)'", page.headers["Content-Security-Policy"]).group(1)
    assert f'nonce="{nonce}"' in page.text
    assert page.headers["X-Frame-Options"] == "DENY"


def test_a_social_worker_signs_in_through_the_form_and_lands_on_my_work(deployment):
    session = deployment.signed_in("social.worker")
    page = session.get(f"{deployment.url}/", timeout=30)
    assert page.status_code == 200
    assert '<h1 class="govuk-heading-l">My work</h1>' in page.text
    assert "Sign out" in page.text
    children = session.get(f"{deployment.url}/children/", timeout=30)
    assert children.status_code == 200 and "/children/" in children.text


STAFF = "supervising.social.worker"


def test_staff_must_set_up_a_second_factor_and_carers_need_not(deployment):
    """The production settings require a second factor of staff: before one is set up, every page
    sends a member of staff to set it up; a foster carer signs in with a password alone. (The
    member of staff is one no other test here signs in as, so has no second factor yet.)"""
    session = BehindTheLoadBalancer()
    data = {"username": STAFF, "password": PASSWORD, "next": ""}
    assert deployment.post_form(session, "/accounts/login/", data).status_code == 302
    for path in ("/", "/children/", "/oversight/"):
        page = session.get(f"{deployment.url}{path}", timeout=30)
        assert page.status_code == 302, path
        assert page.headers["Location"].startswith("/accounts/two-factor/set-up/?next="), path
    set_up = session.get(f"{deployment.url}/accounts/two-factor/set-up/", timeout=30)
    assert set_up.status_code == 200 and "Set up two-factor sign-in" in set_up.text

    carer = BehindTheLoadBalancer()
    data = {"username": "foster.carer", "password": PASSWORD, "next": ""}
    assert deployment.post_form(carer, "/accounts/login/", data).status_code == 302
    assert carer.get(f"{deployment.url}/portal/", timeout=30).status_code == 200

    # Once set up, the next sign-in asks for the code before anything else.
    deployment.signed_in(STAFF)
    again = BehindTheLoadBalancer()
    data = {"username": STAFF, "password": PASSWORD, "next": ""}
    deployment.post_form(again, "/accounts/login/", data)
    assert again.get(f"{deployment.url}/", timeout=30).headers["Location"].startswith("/accounts/login/code/")


def test_the_session_cookie_is_secure_and_hidden_from_scripts(deployment):
    session = deployment.signed_in("social.worker")
    cookie = next(c for c in session.cookies if c.name == "sessionid")
    assert cookie.secure
    assert cookie.has_nonstandard_attr("HttpOnly")


def test_a_page_that_does_not_exist_answers_the_services_own_404(deployment):
    session = deployment.signed_in("social.worker")
    for path in ("/no-such-page/", "/children/999999999/"):
        page = session.get(f"{deployment.url}{path}", timeout=30)
        assert page.status_code == 404
        assert '<h1 class="govuk-heading-l">Page not found</h1>' in page.text
        assert "Sign out" in page.text  # drawn with the navigation of the signed-in person


def test_the_emergency_opening_pages_render_under_the_production_settings(deployment):
    """The page that opens a record in an emergency (just signed in, so no need to confirm again),
    its way in from the 404 page, and the managers' list of openings."""
    session = deployment.signed_in("social.worker")
    page = session.get(f"{deployment.url}/emergency-openings/open/", timeout=30)
    assert page.status_code == 200
    assert '<h1 class="govuk-heading-l">Open a record in an emergency</h1>' in page.text
    missing = session.get(f"{deployment.url}/children/999999999/", timeout=30)
    assert missing.status_code == 404 and 'href="/emergency-openings/open/"' in missing.text
    manager = deployment.signed_in("team.manager")
    listing = manager.get(f"{deployment.url}/emergency-openings/", timeout=30)
    assert listing.status_code == 200
    assert (
        '<h1 class="govuk-heading-l" id="emergency-openings">Records opened in an emergency</h1>'
        in listing.text
    )


def test_plain_http_is_sent_to_https_but_the_health_check_answers_as_it_is(deployment):
    response = BehindTheLoadBalancer().get(
        f"{deployment.url}/accounts/login/",
        headers={"X-Forwarded-Proto": "http"},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 301
    assert response.headers["Location"] == f"https://{HOST}/accounts/login/"
    assert healthz(deployment.url) == 200


def test_a_host_not_allowed_is_refused(deployment):
    response = BehindTheLoadBalancer().get(
        f"{deployment.url}/accounts/login/", headers={"Host": "evil.example"}, timeout=30
    )
    assert response.status_code == 400


def test_a_form_sent_without_its_token_answers_the_services_own_page(deployment):
    response = BehindTheLoadBalancer().post(
        f"{deployment.url}/accounts/login/",
        data={"username": "social.worker", "password": "anything"},
        headers={"Origin": f"https://{HOST}"},
        timeout=30,
    )
    assert response.status_code == 403
    assert '<h1 class="govuk-heading-l">The form could not be sent</h1>' in response.text


def test_an_idle_keep_alive_connection_is_still_open_when_the_next_request_comes(deployment):
    """A load balancer or browser sends its next request on a connection it kept open. gunicorn's
    default keep-alive of 2 seconds closed such a connection under it, and the request was lost
    with nothing logged; the committed settings keep it open far longer than a pause."""
    host, port = deployment.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
    try:
        connection.request("GET", "/accounts/login/", headers=headers)
        first = connection.getresponse()
        first.read()
        assert first.status == 200 and first.getheader("Connection", "").lower() != "close"
        time.sleep(5)  # longer than gunicorn's default keep-alive, shorter than any real pause
        connection.request("GET", "/accounts/login/", headers=headers)
        second = connection.getresponse()
        second.read()
        assert second.status == 200
    finally:
        connection.close()


def test_the_pages_of_meetings_and_the_carers_portal_render_with_their_collected_files(deployment):
    """Arranging a meeting can load its autocomplete script from the collected files, and a carer's
    home, messages, numbers to call and views page answer under the production settings."""
    staff = deployment.signed_in("social.worker")
    children = staff.get(f"{deployment.url}/children/", timeout=30).text
    child = re.search(r'href="/children/(\d+)/"', children).group(1)
    arrange = staff.get(f"{deployment.url}/children/{child}/meetings/arrange/", timeout=30)
    assert arrange.status_code == 200 and "Arrange a meeting" in arrange.text
    assert "data-autocomplete" in arrange.text
    # application.js imports the autocomplete by its plain name, beside itself, when a page has one.
    module = BehindTheLoadBalancer().get(
        f"{deployment.url}/static/javascripts/accessible-autocomplete.min.js", timeout=30
    )
    assert module.status_code == 200 and "javascript" in module.headers["Content-Type"]

    carer = deployment.signed_in("foster.carer")
    home = carer.get(f"{deployment.url}/portal/", timeout=30)
    assert home.status_code == 200 and "What we have told you" in home.text
    for path in ("/portal/messages/", "/portal/contacts/"):
        page = carer.get(f"{deployment.url}{path}", timeout=30)
        assert page.status_code == 200, path
    views = re.search(r'href="(/portal/meetings/\d+/views/)"', home.text).group(1)
    page = carer.get(f"{deployment.url}{views}", timeout=30)
    assert page.status_code == 200 and "Your views before the meeting" in page.text


def test_a_passkey_is_added_for_the_sites_https_address_with_the_librarys_collected_script(deployment):
    """Under the production settings the passkey page loads django-otp-webauthn's script from the
    collected static files, with the request's nonce, and a passkey made for the site's https
    address (STEADFAST_SITE_URL) is accepted; one made for another address is not."""
    from steadfast.accounts.tests.software_authenticator import SoftwareAuthenticator

    session = deployment.signed_in("senior.practitioner")
    page = session.get(f"{deployment.url}/accounts/passkeys/add/", timeout=30)
    assert page.status_code == 200 and "Add a passkey" in page.text
    nonce = re.search(r"'nonce-([^']+)'", page.headers["Content-Security-Policy"]).group(1)
    for name in (r"javascripts/passkeys", r"django_otp_webauthn/otp_webauthn_register"):
        script = re.search(rf'src="(/static/{name}\.[0-9a-f]{{12}}\.js)" nonce="{nonce}"', page.text)
        assert script, name
        served = BehindTheLoadBalancer().get(f"{deployment.url}{script.group(1)}", timeout=30)
        assert served.status_code == 200 and "javascript" in served.headers["Content-Type"]
    token = re.search(r'"csrfToken": "([^"]+)"', page.text).group(1)
    headers = {"Origin": f"https://{HOST}", "X-CSRFToken": token, "Content-Type": "application/json"}

    def ceremony(origin: str) -> int:
        begin = session.post(
            f"{deployment.url}/accounts/passkeys/registration/begin/", headers=headers, timeout=30
        )
        options = begin.json()
        assert options["rp"]["id"] == HOST
        answer = SoftwareAuthenticator(origin=origin, rp_id=HOST).register(options)
        return session.post(
            f"{deployment.url}/accounts/passkeys/registration/complete/",
            json=answer,
            headers=headers,
            timeout=30,
        ).status_code

    assert ceremony("https://elsewhere.example.invalid") == 400
    assert ceremony(f"https://{HOST}") == 200
    account = session.get(f"{deployment.url}/accounts/", timeout=30).text
    assert "Passkey 1" in account
    links = re.findall(r'href="(/accounts/passkeys/\d+/(?:name|remove)/)"', account)
    assert len(links) == 2, account
    for link in links:
        page = session.get(f"{deployment.url}{link}", timeout=30)
        assert page.status_code == 200 and "Passkey 1" in page.text, link


def test_the_records_pages_render_under_the_production_settings(deployment):
    """The records team's pages, and the restricted records to review, answer under the
    production settings for those who may see them."""
    officer = deployment.signed_in("records.officer")
    for path, text in (
        ("/records/bundles/", "Subject access bundles"),
        ("/records/bundles/add/?reference=DEMO000001", "Make the bundle about"),
        ("/records/retention/", "Retention review"),
    ):
        page = officer.get(f"{deployment.url}{path}", timeout=30)
        assert page.status_code == 200 and text in page.text, path
    # Making a bundle answers at once: its PDF is left to the background worker (none runs here).
    found = officer.get(f"{deployment.url}/records/bundles/add/?reference=DEMO000001", timeout=30)
    made = officer.post(
        f"{deployment.url}/records/bundles/make/",
        data={
            "csrfmiddlewaretoken": CSRF_TOKEN.search(found.text).group(1),
            "child": re.search(r'name="child" value="(\d+)"', found.text).group(1),
        },
        headers={"Origin": f"https://{HOST}"},
        timeout=30,
    )
    assert made.status_code == 302 and re.fullmatch(r"/records/bundles/\d+/", made.headers["Location"])
    bundle = officer.get(f"{deployment.url}{made.headers['Location']}", timeout=30)
    assert bundle.status_code == 200 and "The PDF is being prepared" in bundle.text
    manager = deployment.signed_in("fostering.team.manager")
    listed = manager.get(f"{deployment.url}/restrictions/", timeout=30)
    assert listed.status_code == 200 and "Overdue" in listed.text
    review = re.search(r'href="(/households/\d+/restriction/review/)"', listed.text).group(1)
    page = manager.get(f"{deployment.url}{review}", timeout=30)
    assert page.status_code == 200 and "Review the restriction" in page.text


def test_the_learning_briefs_pages_render_under_the_production_settings(deployment):
    """The oversight lists of assessments, a household's record with its visits and impact and
    stress sections, a child's record with their home's ratings, and the supervision form with a
    scale or a reason for each child placed."""
    manager = deployment.signed_in("team.manager")
    for path, text in (
        ("/oversight/", "Assessments missing or showing strain"),
        ("/oversight/siblings-apart-unassessed/", "Brothers and sisters living apart"),
        ("/oversight/impact-ratings-low/", "Households with a low rating"),
        ("/oversight/impact-assessments-overdue/", "Households overdue an impact and stress assessment"),
    ):
        page = manager.get(f"{deployment.url}{path}", timeout=30)
        assert page.status_code == 200 and text in page.text, path
    supervising = deployment.signed_in("supervising.social.worker")
    listed = supervising.get(f"{deployment.url}/households/", timeout=30)
    household = re.search(r'href="/households/(\d+)/"', listed.text).group(1)
    record = supervising.get(f"{deployment.url}/households/{household}/", timeout=30)
    assert record.status_code == 200 and "Impact and stress" in record.text
    form = supervising.get(f"{deployment.url}/households/{household}/supervision/record/", timeout=30)
    assert form.status_code == 200 and "Reason no scale was given for" in form.text
    worker = deployment.signed_in("social.worker")
    children = worker.get(f"{deployment.url}/children/", timeout=30)
    child = re.search(r'href="/children/(\d+)/"', children.text).group(1)
    page = worker.get(f"{deployment.url}/children/{child}/", timeout=30)
    assert page.status_code == 200 and "Statutory visits" in page.text
