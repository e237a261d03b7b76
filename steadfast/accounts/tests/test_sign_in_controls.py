"""The controls on signing in: limits on guessing, the second factor, changing a password,
sessions' limits and their ending, confirming who you are before a sensitive step, and the
headers every page carries. docs/security.md names the requirement each test proves."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from steadfast.accounts import second_factor, services, signing_in
from steadfast.accounts.forms import WRONG_PASSWORD
from steadfast.accounts.models import RecoveryCodeDevice, Role, User
from steadfast.audit.models import AuditEvent
from steadfast.audit.services import SIGN_IN_FAILED, SIGN_IN_LOCKED_OUT
from tests.factories import AllocationFactory, ChildFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-test-password-123"
LOCKED_OUT = "Too many attempts to sign in"


def sign_in(client: Client, username: str, password: str = PASSWORD, **extra):
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or so many 30-second steps on)."""
    return str(totp(device.bin_key, t0=-30 * steps_ahead)).zfill(6)


def with_authenticator(user: User) -> tuple[TOTPDevice, list[str]]:
    device = second_factor.new_authenticator(user)
    codes = services.set_up_authenticator(actor=user, device=device, code=code_for(device))
    device.refresh_from_db()
    return device, codes


def signed_in_with_code(user: User, device: TOTPDevice) -> Client:
    client = Client()
    client.force_login(user)
    assert client.post("/accounts/login/code/", {"code": code_for(device, steps_ahead=1)}).status_code == 302
    return client


def move_session_clock(client: Client, key: str, by: datetime.timedelta) -> None:
    session = client.session
    session[key] = session[key] - by.total_seconds()
    session.save()


# Limits on guessing ---------------------------------------------------------------------------


def test_ten_wrong_passwords_lock_the_account_for_five_minutes_and_the_lockout_is_audited():
    UserFactory(username="guessed")
    client = Client()
    for _ in range(9):
        assert "Enter a correct username and password" in sign_in(client, "guessed", "wrong").content.decode()
    tenth = sign_in(client, "guessed", "wrong")
    assert tenth.status_code == 429
    assert LOCKED_OUT in tenth.content.decode()
    assert "5 minutes" in tenth.content.decode()
    # Even the right password is refused now, from another computer too.
    again = sign_in(Client(REMOTE_ADDR="192.0.2.44"), "guessed")
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(event_type=SIGN_IN_LOCKED_OUT, details__username="guessed").exists()

    # Five minutes on, the person signs in.
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=5, seconds=1))
    assert sign_in(Client(), "guessed").status_code == 302


def test_nine_wrong_passwords_still_let_the_right_one_in():
    UserFactory(username="typo")
    client = Client()
    for _ in range(9):
        sign_in(client, "typo", "wrong")
    assert sign_in(client, "typo").status_code == 302


def test_ten_wrong_guesses_from_one_address_lock_that_address_whatever_accounts_they_name():
    UserFactory(username="elsewhere")
    attacker = Client(REMOTE_ADDR="198.51.100.7")
    for n in range(10):
        sign_in(attacker, f"someone{n}", "wrong")
    assert sign_in(attacker, "elsewhere").status_code == 429
    # The same account from another address is not held up.
    assert sign_in(Client(REMOTE_ADDR="198.51.100.8"), "elsewhere").status_code == 302


def test_behind_a_load_balancer_the_address_counted_is_the_one_it_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="office.worker")
    # Everyone reaches the server from the load balancer's address; the attacker's own header
    # is not believed, the balancer's addition is.
    attacker = Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.1, 198.51.100.7")
    for n in range(10):
        sign_in(attacker, f"someone{n}", "wrong")
    colleague = Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert sign_in(colleague, "office.worker").status_code == 302
    assert AuditEvent.objects.filter(event_type=SIGN_IN_FAILED, ip_address="198.51.100.7").count() == 10


def test_the_django_admin_signs_in_only_through_steadfasts_page():
    UserFactory(username="admin.person", role=Role.ADMINISTRATOR, is_staff=True)
    client = Client()
    response = client.post("/admin/login/?next=/admin/", {"username": "admin.person", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/password_change/").status_code == 302


# The second factor ----------------------------------------------------------------------------


def test_someone_with_an_authenticator_gives_its_code_before_any_page():
    user = UserFactory(username="two.step")
    device, _ = with_authenticator(user)
    client = Client()
    response = sign_in(client, "two.step", HTTP_HOST="testserver")
    assert response.status_code == 302
    # Every page sends them to the code, and nothing shows until it is given.
    children = client.get("/children/")
    assert children.status_code == 302
    assert children["Location"].startswith("/accounts/login/code/?next=%2Fchildren%2F")

    wrong = client.post("/accounts/login/code/?next=/children/", {"code": "000000", "next": "/children/"})
    assert second_factor.WRONG_CODE in wrong.content.decode()
    failure = AuditEvent.objects.get(event_type=SIGN_IN_FAILED)
    assert failure.details == {"username": "two.step", "step": "second factor"}

    device.refresh_from_db()
    device.throttling_failure_count = 0  # the app's next code, without waiting out the throttle
    device.save()
    right = client.post(
        "/accounts/login/code/", {"code": code_for(device, steps_ahead=1), "next": "/children/"}
    )
    assert right.status_code == 302 and right["Location"] == "/children/"
    assert client.get("/children/").status_code == 200


def test_a_recovery_code_signs_in_once_and_is_stored_only_as_a_hash():
    user = UserFactory(username="lost.phone")
    _, codes = with_authenticator(user)
    shown = second_factor.shown(codes[0])
    stored = RecoveryCodeDevice.objects.get(user=user).codes.values_list("code_hash", flat=True)
    assert len(stored) == second_factor.RECOVERY_CODE_COUNT
    assert all(codes[0] not in h and h.startswith("md5$") for h in stored)

    client = Client()
    sign_in(client, "lost.phone")
    assert client.post("/accounts/login/code/", {"code": shown.upper()}).status_code == 302
    assert client.get("/children/").status_code == 200

    again = Client()
    sign_in(again, "lost.phone")
    assert second_factor.WRONG_CODE in again.post("/accounts/login/code/", {"code": shown}).content.decode()
    assert second_factor.recovery_codes_left(user) == second_factor.RECOVERY_CODE_COUNT - 1


def test_ten_wrong_codes_lock_out_and_sign_out_the_half_signed_in_session(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the lockout alone, not the app's own wait
    user = UserFactory(username="code.guesser")
    with_authenticator(user)
    client = Client()
    sign_in(client, "code.guesser")
    for _ in range(9):
        assert client.post("/accounts/login/code/", {"code": "123456"}).status_code == 200
    tenth = client.post("/accounts/login/code/", {"code": "123456"})
    assert tenth.status_code == 429
    assert "_auth_user_id" not in client.session
    assert sign_in(Client(), "code.guesser").status_code == 429


def test_where_staff_must_use_a_second_factor_they_set_one_up_before_anything_else(settings):
    settings.SECOND_FACTOR_REQUIRED_FOR_STAFF = True
    user = UserFactory(username="new.starter")
    client = Client()
    sign_in(client, "new.starter")
    page = client.get("/")
    assert page.status_code == 302 and page["Location"].startswith("/accounts/two-factor/set-up/")
    set_up = client.get("/accounts/two-factor/set-up/")
    assert b"data:image/svg+xml" in set_up.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post("/accounts/two-factor/set-up/", {"code": "999999"}).status_code == 200
    done = client.post("/accounts/two-factor/set-up/", {"code": code_for(device)})
    assert "Two-factor sign-in is set up" in done.content.decode()
    assert done.content.decode().count("<li><code>") == second_factor.RECOVERY_CODE_COUNT
    assert client.get("/").status_code == 200
    # They may not simply remove it.
    client.post("/accounts/two-factor/remove/")
    assert second_factor.authenticator_for(user) is not None


def test_a_foster_carer_is_offered_a_second_factor_but_not_made_to_use_one(settings):
    settings.SECOND_FACTOR_REQUIRED_FOR_STAFF = True
    UserFactory(username="carer", role=Role.FOSTER_CARER)
    client = Client()
    sign_in(client, "carer")
    account = client.get("/accounts/")
    assert account.status_code == 200
    assert "Set up two-factor sign-in" in account.content.decode()


def test_someone_may_stop_using_a_second_factor_where_it_is_not_required():
    user = UserFactory(username="optional")
    client = signed_in_with_code(user, with_authenticator(user)[0])
    assert client.post("/accounts/two-factor/remove/").status_code == 302
    assert second_factor.authenticator_for(user) is None
    assert RecoveryCodeDevice.objects.filter(user=user).count() == 0


# Passwords ------------------------------------------------------------------------------------


def test_a_person_changes_their_own_password_and_stays_signed_in():
    user = UserFactory(username="changer")
    client = Client()
    client.force_login(user)
    other_browser = Client()
    other_browser.force_login(user)
    new = "correct horse battery staple"
    response = client.post(
        "/accounts/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert client.get("/accounts/").status_code == 200
    # Every other session of theirs ends.
    assert other_browser.get("/accounts/").status_code == 302
    assert AuditEvent.objects.filter(actor=user, event_type=services.PASSWORD_CHANGED).exists()
    assert sign_in(Client(), "changer", new).status_code == 302


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("short-pw-1", "This password is too short. It must contain at least 12 characters."),
        ("password1234", "This password is too common."),
        ("738291047362", "This password is entirely numeric."),
    ],
)
def test_a_new_password_must_be_long_uncommon_and_not_all_numbers(new, message):
    user = UserFactory(username="weak")
    client = Client()
    client.force_login(user)
    page = client.post(
        "/accounts/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    ).content.decode()
    assert message in page
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_wrong_current_password_is_refused_and_counted_as_a_guess():
    user = UserFactory(username="forgetful")
    client = Client()
    client.force_login(user)
    new = "a long enough new password"
    page = client.post(
        "/accounts/password/", {"old_password": "nope", "new_password1": new, "new_password2": new}
    ).content.decode()
    assert WRONG_PASSWORD in page
    assert AuditEvent.objects.filter(
        event_type=SIGN_IN_FAILED, details={"username": "forgetful", "step": "changing a password"}
    ).exists()


# Sessions -------------------------------------------------------------------------------------


def test_a_session_ends_after_thirty_minutes_without_a_request_and_says_why():
    client = Client()
    client.force_login(UserFactory())
    move_session_clock(client, signing_in.LAST_SEEN_AT, datetime.timedelta(minutes=29))
    assert client.get("/accounts/").status_code == 200  # 29 minutes idle: still signed in
    move_session_clock(client, signing_in.LAST_SEEN_AT, datetime.timedelta(minutes=30))
    response = client.get("/accounts/", follow=True)
    assert response.redirect_chain[0][0] == "/accounts/login/?next=/accounts/"
    assert signing_in.IDLE_ENDED in response.content.decode()


def test_a_session_ends_ten_hours_after_signing_in_however_busy():
    client = Client()
    client.force_login(UserFactory())
    move_session_clock(client, signing_in.SIGNED_IN_AT, datetime.timedelta(hours=10))
    response = client.get("/", follow=True)
    assert signing_in.TIME_ENDED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_administrator_ends_a_persons_sessions_from_their_next_request():
    user = UserFactory(username="ended")
    administrator = UserFactory(role=Role.ADMINISTRATOR, is_staff=True)
    client = Client()
    client.force_login(user)
    admin_client = Client()
    admin_client.force_login(administrator)
    response = admin_client.post(
        "/admin/accounts/user/", {"action": "end_sessions", "_selected_action": [user.pk]}
    )
    assert response.status_code == 302
    page = client.get("/", follow=True)
    assert signing_in.ENDED_BY_ADMINISTRATOR in page.content.decode()
    assert AuditEvent.objects.filter(actor=administrator, event_type=services.SESSIONS_ENDED).exists()
    # Signing in again starts a new session that holds.
    sign_in(client, "ended")
    assert client.get("/accounts/").status_code == 200


def test_a_switched_off_account_is_signed_out_at_its_next_request():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    assert client.get("/accounts/").status_code == 200
    User.objects.filter(pk=user.pk).update(is_active=False)
    response = client.get("/accounts/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_an_ended_allocation_closes_the_childs_record_at_the_next_request():
    worker = UserFactory()
    child = ChildFactory()
    allocation = AllocationFactory(worker=worker, child=child)
    client = Client()
    client.force_login(worker)
    assert client.get(f"/children/{child.pk}/").status_code == 200
    services.end_allocation(actor=worker, allocation=allocation, end_date=allocation.start_date)
    assert client.get(f"/children/{child.pk}/").status_code == 404


def test_the_timeout_warning_is_on_every_signed_in_page_and_staying_signed_in_starts_the_clock_again():
    client = Client()
    client.force_login(UserFactory())
    # A request within a minute of the last one noted is not noted again (the session is written
    # at most once a minute), so the page counts down from the one before.
    move_session_clock(client, signing_in.LAST_SEEN_AT, datetime.timedelta(seconds=40))
    page = client.get("/accounts/").content.decode()
    assert 'id="timeout-warning"' in page
    assert 'data-warn-before="120"' in page
    ends_in = int(page.split('data-ends-in="')[1].split('"')[0])
    assert 1755 <= ends_in <= 1760
    assert client.post("/accounts/session/", HTTP_X_REQUESTED_WITH="fetch").status_code == 204
    page = client.get("/accounts/").content.decode()
    assert int(page.split('data-ends-in="')[1].split('"')[0]) >= 1790
    assert 'id="timeout-warning"' not in Client().get("/accounts/login/").content.decode()


# Confirming who you are -----------------------------------------------------------------------


def test_a_whole_list_is_downloaded_only_after_the_password_is_entered_again(scenario):
    client = Client()
    client.force_login(scenario.users["team_manager"])
    url = "/oversight/three-or-more-placements/?format=csv"
    assert client.get(url).status_code == 200  # just signed in: no need to confirm
    move_session_clock(client, signing_in.SIGNED_IN_AT, datetime.timedelta(minutes=6))
    asked = client.get(url)
    assert asked.status_code == 302
    assert asked["Location"].startswith("/accounts/confirm/?next=")
    wrong = client.post("/accounts/confirm/", {"password": "wrong", "next": url}).content.decode()
    assert WRONG_PASSWORD in wrong
    assert AuditEvent.objects.filter(
        event_type=SIGN_IN_FAILED, details__step="confirming a password"
    ).exists()
    confirmed = client.post("/accounts/confirm/", {"password": PASSWORD, "next": url}, follow=True)
    assert "You have confirmed it is you" in confirmed.content.decode()
    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")


def test_the_measures_downloads_ask_too_and_the_code_when_there_is_a_second_factor(scenario):
    analyst = scenario.users["analyst"]
    client = signed_in_with_code(analyst, with_authenticator(analyst)[0])
    # Giving the code at sign-in confirmed who they are; six minutes on, that has lapsed.
    move_session_clock(client, signing_in.SIGNED_IN_AT, datetime.timedelta(minutes=6))
    move_session_clock(client, signing_in.CONFIRMED_AT, datetime.timedelta(minutes=6))
    url = "/measures/tables/dfe.csv"
    assert client.get(url)["Location"].startswith("/accounts/confirm/")
    form = client.get(f"/accounts/confirm/?next={url}").content.decode()
    assert 'name="code"' in form
    assert (
        second_factor.WRONG_CODE
        in client.post(
            "/accounts/confirm/", {"password": PASSWORD, "code": "000000", "next": url}
        ).content.decode()
    )


def test_changing_a_second_factor_asks_for_the_password_again():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    move_session_clock(client, signing_in.SIGNED_IN_AT, datetime.timedelta(minutes=6))
    for url in ("/accounts/two-factor/set-up/", "/accounts/two-factor/remove/"):
        assert client.get(url)["Location"].startswith("/accounts/confirm/")
    assert client.post("/accounts/two-factor/recovery-codes/")["Location"].startswith("/accounts/confirm/")


# Headers --------------------------------------------------------------------------------------


def test_pages_deny_device_features_and_are_never_kept_in_a_cache(scenario):
    client = Client()
    for url in ("/accounts/login/", "/healthz", "/no-such-page/"):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"], url
        policy = response["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in policy, (url, feature)
    static = client.get("/static/stylesheets/application.css")
    assert "no-store" not in static.get("Cache-Control", "")
