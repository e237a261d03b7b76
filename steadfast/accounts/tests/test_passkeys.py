"""Passkeys as a second factor: adding one (after confirming who you are, beside an authenticator
app), naming and removing it, and signing in with it in place of the code, with a passkey in
software answering the ceremonies. docs/security.md names the requirement each test proves."""

import base64
import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django_otp_webauthn.models import WebAuthnCredential
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.accounts import passkeys, services, signing_in
from steadfast.accounts.models import User
from steadfast.audit.models import AuditEvent
from steadfast.audit.services import SIGN_IN_FAILED
from tests.factories import UserFactory

from .software_authenticator import SoftwareAuthenticator, b64url
from .test_sign_in_controls import PASSWORD, move_session_clock, signed_in_with_code, with_authenticator

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
REGISTRATION_BEGIN = "/accounts/passkeys/registration/begin/"
REGISTRATION_COMPLETE = "/accounts/passkeys/registration/complete/"
SIGN_IN_BEGIN = "/accounts/login/passkey/begin/"
SIGN_IN_COMPLETE = "/accounts/login/passkey/complete/"


def post_json(client: Client, url: str, body=None):
    return client.post(url, json.dumps(body) if body is not None else "", content_type="application/json")


def add_passkey(client: Client, authenticator: SoftwareAuthenticator | None = None) -> SoftwareAuthenticator:
    authenticator = authenticator or SoftwareAuthenticator()
    options = post_json(client, REGISTRATION_BEGIN)
    assert options.status_code == 200, options.content
    answer = post_json(client, REGISTRATION_COMPLETE, authenticator.register(options.json()))
    assert answer.status_code == 200, answer.content
    return authenticator


def person_with_a_passkey(username: str = "keyholder") -> tuple[User, SoftwareAuthenticator]:
    user = UserFactory(username=username)
    device, _ = with_authenticator(user)
    authenticator = add_passkey(signed_in_with_code(user, device))
    return user, authenticator


def half_signed_in(user: User, **extra) -> Client:
    """Signed in with the password, the second factor still to come."""
    client = Client(**extra)
    assert (
        client.post("/accounts/login/", {"username": user.username, "password": PASSWORD}).status_code == 302
    )
    assert client.get("/")["Location"].startswith("/accounts/login/code/")
    return client


# Adding, naming and removing ------------------------------------------------------------------


def test_a_person_adds_a_passkey_beside_their_authenticator_names_it_and_both_are_audited():
    user = UserFactory(username="adder")
    device, _ = with_authenticator(user)
    client = signed_in_with_code(user, device)
    page = client.get("/accounts/passkeys/add/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="passkey-register-button"' in html
    assert "/static/django_otp_webauthn/otp_webauthn_register.js" in html
    assert "To add a passkey, your browser must run JavaScript" in html  # what shows without it

    options = post_json(client, REGISTRATION_BEGIN).json()
    assert options["rp"] == {"name": "Steadfast", "id": "localhost"}
    answer = post_json(client, REGISTRATION_COMPLETE, SoftwareAuthenticator().register(options))
    assert answer.status_code == 200
    passkey = WebAuthnCredential.objects.get(user=user)
    assert answer.json() == {"id": passkey.pk, "redirect_url": f"/accounts/passkeys/{passkey.pk}/name/"}
    assert passkey.name == "Passkey 1"
    added = AuditEvent.objects.get(event_type=services.PASSKEY_ADDED)
    assert (added.actor, added.details["passkey_id"]) == (user, passkey.pk)

    assert client.get(f"/accounts/passkeys/{passkey.pk}/name/").status_code == 200
    blank = client.post(f"/accounts/passkeys/{passkey.pk}/name/", {"name": "   "})
    assert passkeys.NAME_MISSING in blank.content.decode()
    named = client.post(f"/accounts/passkeys/{passkey.pk}/name/", {"name": "Work  laptop"})
    assert named["Location"] == "/accounts/"
    passkey.refresh_from_db()
    assert passkey.name == "Work laptop"
    assert AuditEvent.objects.filter(
        event_type=services.PASSKEY_RENAMED, details__name="Work laptop"
    ).exists()
    account = client.get("/accounts/").content.decode()
    assert "Work laptop" in account
    assert "Your passkey is now called Work laptop" in account


def test_adding_a_passkey_asks_the_person_to_confirm_who_they_are_first():
    user = UserFactory()
    device, _ = with_authenticator(user)
    client = signed_in_with_code(user, device)
    move_session_clock(client, signing_in.SIGNED_IN_AT, datetime.timedelta(minutes=6))
    move_session_clock(client, signing_in.CONFIRMED_AT, datetime.timedelta(minutes=6))
    assert client.get("/accounts/passkeys/add/")["Location"].startswith("/accounts/confirm/")
    refused = post_json(client, REGISTRATION_BEGIN)
    assert refused.status_code == 400
    assert refused.json()["detail"] == passkeys.CONFIRM_FIRST
    assert not WebAuthnCredential.objects.exists()


def test_a_passkey_is_added_only_beside_an_authenticator_app():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    assert passkeys.AUTHENTICATOR_FIRST in client.get("/accounts/passkeys/add/").content.decode()
    refused = post_json(client, REGISTRATION_BEGIN)
    assert (refused.status_code, refused.json()["detail"]) == (400, passkeys.AUTHENTICATOR_FIRST)
    # Nor can the ceremony be finished without its beginning.
    assert (
        post_json(
            client,
            REGISTRATION_COMPLETE,
            SoftwareAuthenticator().register({"challenge": "AAAA", "rp": {"id": "localhost"}}),
        ).status_code
        == 400
    )
    assert not WebAuthnCredential.objects.exists()


def test_a_person_has_at_most_ten_passkeys():
    user = UserFactory()
    device, _ = with_authenticator(user)
    client = signed_in_with_code(user, device)
    for _ in range(passkeys.MOST_PASSKEYS):
        add_passkey(client)
    assert passkeys.passkeys_for(user).count() == 10
    assert [p.name for p in passkeys.passkeys_for(user)][-1] == "Passkey 10"
    refused = post_json(client, REGISTRATION_BEGIN)
    assert (refused.status_code, refused.json()["detail"]) == (400, passkeys.TOO_MANY)
    assert "Add a passkey" not in client.get("/accounts/").content.decode()


def test_a_passkey_made_for_another_site_is_not_added():
    user = UserFactory()
    device, _ = with_authenticator(user)
    client = signed_in_with_code(user, device)
    options = post_json(client, REGISTRATION_BEGIN).json()
    answer = post_json(
        client,
        REGISTRATION_COMPLETE,
        SoftwareAuthenticator().register(options, origin="https://phish.example"),
    )
    assert (answer.status_code, answer.json()["detail"]) == (400, passkeys.NOT_ADDED)
    assert not WebAuthnCredential.objects.exists()
    assert not AuditEvent.objects.filter(event_type=services.PASSKEY_ADDED).exists()


def test_removing_a_passkey_asks_to_confirm_who_you_are_and_is_audited():
    user = UserFactory()
    device, _ = with_authenticator(user)
    client = signed_in_with_code(user, device)
    add_passkey(client)
    passkey = WebAuthnCredential.objects.get(user=user)
    move_session_clock(client, signing_in.SIGNED_IN_AT, datetime.timedelta(minutes=6))
    move_session_clock(client, signing_in.CONFIRMED_AT, datetime.timedelta(minutes=6))
    url = f"/accounts/passkeys/{passkey.pk}/remove/"
    assert client.get(url)["Location"].startswith("/accounts/confirm/")
    assert client.post(url)["Location"].startswith("/accounts/confirm/")
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()

    session = client.session
    session[signing_in.CONFIRMED_AT] = datetime.datetime.now(datetime.UTC).timestamp()
    session.save()
    assert "Remove the passkey Passkey 1" in client.get(url).content.decode()
    assert client.post(url)["Location"] == "/accounts/"
    assert not WebAuthnCredential.objects.filter(pk=passkey.pk).exists()
    removed = AuditEvent.objects.get(event_type=services.PASSKEY_REMOVED)
    assert (removed.actor, removed.details["name"]) == (user, "Passkey 1")
    assert "Your passkey Passkey 1 has been removed" in client.get("/accounts/").content.decode()


def test_another_persons_passkey_cannot_be_seen_named_or_removed():
    owner, _ = person_with_a_passkey("owner")
    passkey = WebAuthnCredential.objects.get(user=owner)
    other = UserFactory()
    client = Client()
    client.force_login(other)
    for url in (f"/accounts/passkeys/{passkey.pk}/name/", f"/accounts/passkeys/{passkey.pk}/remove/"):
        assert client.get(url).status_code == 404
        assert client.post(url, {"name": "Mine now"}).status_code == 404
    passkey.refresh_from_db()
    assert passkey.name == "Passkey 1"


def test_stopping_two_factor_sign_in_or_an_administrators_reset_removes_the_passkeys_too():
    carer, _ = person_with_a_passkey("carer")
    services.remove_second_factor(actor=carer)
    assert not WebAuthnCredential.objects.filter(user=carer).exists()
    worker, _ = person_with_a_passkey("worker")
    services.reset_second_factor(actor=UserFactory(is_staff=True), user=worker)
    assert not WebAuthnCredential.objects.filter(user=worker).exists()


# Signing in with a passkey ---------------------------------------------------------------------


def test_a_passkey_signs_in_in_place_of_the_code_and_is_audited():
    user, authenticator = person_with_a_passkey()
    client = half_signed_in(user)
    page = client.get("/accounts/login/code/?next=/children/").content.decode()
    assert "Use your passkey" in page
    assert "To use your passkey, your browser must run JavaScript. Enter a code instead." in page
    assert "/static/django_otp_webauthn/otp_webauthn_auth.js" in page

    options = post_json(client, SIGN_IN_BEGIN).json()
    assert [c["id"] for c in options["allowCredentials"]] == [b64url(authenticator.credential_id)]
    # Each ceremony has its own challenge of 64 random bytes; beginning again replaces it.
    challenge = options["challenge"]
    assert len(base64.urlsafe_b64decode(challenge + "=" * (-len(challenge) % 4))) == 64
    options = post_json(client, SIGN_IN_BEGIN).json()
    assert options["challenge"] != challenge
    answer = post_json(client, SIGN_IN_COMPLETE + "?next=/children/", authenticator.sign_in(options))
    assert answer.status_code == 200, answer.content
    assert answer.json()["redirect_url"] == "/children/"
    assert client.get("/children/").status_code == 200
    passed = AuditEvent.objects.get(event_type="SECOND_FACTOR_PASSED", details__kind="passkey")
    assert (passed.actor, passed.details["kind"]) == (user, "passkey")
    assert WebAuthnCredential.objects.get(user=user).last_used_at is not None
    # Signed in, the endpoints have nothing more to do.
    assert post_json(client, SIGN_IN_BEGIN).status_code == 404


def test_a_passkey_that_is_not_accepted_counts_as_a_wrong_guess_and_the_code_still_asked():
    user, authenticator = person_with_a_passkey()
    client = half_signed_in(user)
    options = post_json(client, SIGN_IN_BEGIN).json()
    answer = post_json(
        client, SIGN_IN_COMPLETE, authenticator.sign_in(options, origin="https://phish.example")
    )
    assert (answer.status_code, answer.json()["detail"]) == (400, passkeys.NOT_ACCEPTED)
    failed = AuditEvent.objects.get(event_type=SIGN_IN_FAILED)
    assert failed.details["step"] == "second factor (passkey)"
    assert client.get("/")["Location"].startswith("/accounts/login/code/")
    # Another person's passkey is refused as well, as is an answer sent twice.
    _, strangers = person_with_a_passkey("stranger")
    options = post_json(client, SIGN_IN_BEGIN).json()
    assert post_json(client, SIGN_IN_COMPLETE, strangers.sign_in(options)).status_code == 400
    answer = authenticator.sign_in(post_json(client, SIGN_IN_BEGIN).json())
    assert post_json(client, SIGN_IN_COMPLETE, answer).status_code == 200
    replayed = half_signed_in(user)
    post_json(replayed, SIGN_IN_BEGIN)
    assert post_json(replayed, SIGN_IN_COMPLETE, answer).status_code == 400


def test_ten_wrong_passkeys_lock_the_account_out_and_sign_out_the_half_signed_in_session():
    user, authenticator = person_with_a_passkey()
    client = half_signed_in(user)
    for _ in range(9):
        options = post_json(client, SIGN_IN_BEGIN).json()
        wrong = authenticator.sign_in(options, rp_id="phish.example")
        assert post_json(client, SIGN_IN_COMPLETE, wrong).status_code == 400
    options = post_json(client, SIGN_IN_BEGIN).json()
    tenth = post_json(client, SIGN_IN_COMPLETE, authenticator.sign_in(options, rp_id="phish.example"))
    assert tenth.status_code == 429
    assert "Wait 5 minutes, then sign in again" in tenth.json()["detail"]
    assert "_auth_user_id" not in client.session
    # Signing in again is refused for the five minutes, even with the right password.
    again = Client().post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert again.status_code == 429


def test_the_sign_in_endpoints_answer_404_to_a_session_with_no_passkey_to_give():
    user = UserFactory()
    device, _ = with_authenticator(user)
    client = half_signed_in(user)  # an authenticator, but no passkey
    assert post_json(client, SIGN_IN_BEGIN).status_code == 404
    assert post_json(client, SIGN_IN_COMPLETE, {}).status_code == 404
    assert "Use your passkey" not in client.get("/accounts/login/code/").content.decode()
    signed_in = signed_in_with_code(user, device)
    assert post_json(signed_in, SIGN_IN_BEGIN).status_code == 404
    assert signed_in.post(SIGN_IN_COMPLETE, "[]", content_type="application/json").status_code == 400
    assert not AuditEvent.objects.filter(event_type=SIGN_IN_FAILED).exists()
    # Nobody signed in is sent to sign in.
    assert Client().post(SIGN_IN_BEGIN)["Location"].startswith("/accounts/login/")


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
_answers = st.one_of(
    _json,
    st.fixed_dictionaries(
        {
            "id": st.text(max_size=30),
            "rawId": st.text(max_size=30),
            "type": st.sampled_from(["public-key", "x"]),
        },
        optional={
            "response": st.dictionaries(
                st.sampled_from(["clientDataJSON", "attestationObject", "authenticatorData", "signature"]),
                st.text(alphabet="ABCDEFGHIJabcdefgh0123456789-_", max_size=40),
            )
        },
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answer=_answers)
def test_no_answer_to_a_ceremony_is_a_server_error(answer):
    user = User.objects.filter(username="fuzzed").first()
    if user is None:
        user, _ = person_with_a_passkey("fuzzed")
    device = user.totpdevice_set.get()
    registering = Client()
    registering.force_login(user)
    session = registering.session
    session[signing_in.SECOND_FACTOR_PENDING] = False
    session.save()
    post_json(registering, REGISTRATION_BEGIN)
    assert post_json(registering, REGISTRATION_COMPLETE, answer).status_code == 400
    assert (
        registering.post(REGISTRATION_COMPLETE, "not json", content_type="application/json").status_code
        == 400
    )
    signing = Client()
    signing.force_login(user)
    post_json(signing, SIGN_IN_BEGIN)
    assert post_json(signing, SIGN_IN_COMPLETE, answer).status_code in (400, 429)
    assert device.pk  # the authenticator is untouched


# Settings -------------------------------------------------------------------------------------


def test_passkeys_may_be_made_and_used_by_the_sites_own_pages_only():
    policy = Client().get("/accounts/login/")["Permissions-Policy"]
    assert "publickey-credentials-get=(self)" in policy
    assert "publickey-credentials-create=(self)" in policy
    assert "camera=()" in policy


def _production_check(**env: str) -> subprocess.CompletedProcess:
    base = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "STEADFAST_"))
    }
    production = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-for-the-passkey-check-0123456789",
        "DJANGO_ALLOWED_HOSTS": "steadfast.example.invalid,other.example.invalid",
        "DATABASE_URL": "sqlite://:memory:",
    }
    code = (
        "from django.conf import settings as s; print(s.OTP_WEBAUTHN_RP_ID, s.OTP_WEBAUTHN_ALLOWED_ORIGINS)"
    )
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=base | production | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_in_production_passkeys_belong_to_the_sites_https_address_and_http_is_refused():
    from_hosts = _production_check()
    assert from_hosts.returncode == 0, from_hosts.stderr
    assert from_hosts.stdout.strip() == "steadfast.example.invalid ['https://steadfast.example.invalid']"
    from_url = _production_check(STEADFAST_SITE_URL="https://records.example.invalid:8443")
    assert from_url.stdout.strip() == "records.example.invalid ['https://records.example.invalid:8443']"
    insecure = _production_check(STEADFAST_SITE_URL="http://steadfast.example.invalid")
    assert insecure.returncode != 0
    assert "Set STEADFAST_SITE_URL to the site's https:// address: passkeys need https." in insecure.stderr
