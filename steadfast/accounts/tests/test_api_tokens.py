"""API credentials: personal access tokens made, found and revoked (tokens.py), and the pages on
which a person makes and revokes their own."""

import datetime
import hashlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.accounts import signing_in, tokens
from steadfast.accounts.models import ApiClient, ApiToken, Role, Scope, User
from steadfast.audit.models import AuditEvent
from tests.factories import TeamFactory, UserFactory

from .test_sign_in_controls import move_session_clock

pytestmark = pytest.mark.django_db

LIST = "/accounts/api-tokens/"
CREATE = "/accounts/api-tokens/create/"
RAW_TOKEN = re.compile(r"sfp_[A-Za-z0-9_-]{20,}")


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def a_token(user: User, *, name: str = "Visits spreadsheet", scopes=(Scope.READ,), days: int = 30):
    return tokens.issue_personal_token(actor=user, name=name, scopes=list(scopes), expires_on=in_days(days))


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(*, name="Visits spreadsheet", scopes=(Scope.READ,), expires: datetime.date | None = None):
    expires = expires or in_days(30)
    return {
        "name": name,
        "scopes": list(scopes),
        "expires_on-day": str(expires.day),
        "expires_on-month": str(expires.month),
        "expires_on-year": str(expires.year),
    }


# Issuing a personal access token ---------------------------------------------------------------


def test_a_token_is_returned_once_and_only_its_hash_is_kept():
    user = UserFactory()
    token, raw = a_token(user, scopes=[Scope.WRITE_LOGS, Scope.READ, Scope.READ])
    assert raw.startswith(tokens.PERSONAL_PREFIX) and len(raw) > 40
    token.refresh_from_db()
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {token.key_hash, token.name}
    assert not ApiToken.objects.filter(key_hash=raw).exists()
    assert token.scopes == sorted({Scope.READ, Scope.WRITE_LOGS})
    assert token.client is None and token.user == user
    assert timezone.localtime(token.expires_at).date() == in_days(30)
    assert token.state == "active"


def test_two_tokens_never_share_a_secret():
    user = UserFactory()
    assert a_token(user)[1] != a_token(user)[1]


def test_issuing_a_token_is_audited_without_its_secret():
    user = UserFactory()
    token, raw = a_token(user, name="  Visits   spreadsheet ")
    event = AuditEvent.objects.get(event_type=tokens.TOKEN_CREATED)
    assert (event.actor, event.object_id) == (user, str(token.pk))
    assert event.details == {"name": "Visits spreadsheet", "scopes": [Scope.READ]}
    assert raw not in str(event.details)


@pytest.mark.parametrize(
    ("scopes", "message"),
    [
        ([], tokens.NO_SCOPE),
        (["read", "delete:everything"], "delete:everything is not a scope"),
    ],
)
def test_a_token_needs_known_scopes(scopes, message):
    with pytest.raises(ValidationError) as refused:
        a_token(UserFactory(), scopes=scopes)
    assert message in str(refused.value)
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    ("days", "message"),
    [(0, tokens.EXPIRY_NOT_AHEAD), (-3, tokens.EXPIRY_NOT_AHEAD), (91, "at most 90 days")],
)
def test_a_token_expires_after_today_and_within_the_longest_allowed(days, message, settings):
    settings.API_PERSONAL_TOKEN_MAX_DAYS = 90
    with pytest.raises(ValidationError) as refused:
        a_token(UserFactory(), days=days)
    assert message in str(refused.value.message_dict["expires_on"])
    assert not ApiToken.objects.exists()


def test_a_token_may_last_exactly_the_longest_allowed(settings):
    settings.API_PERSONAL_TOKEN_MAX_DAYS = 90
    token, _ = a_token(UserFactory(), days=90)
    assert token.state == "active"


@pytest.mark.parametrize(
    ("name", "message"), [("   ", tokens.TOKEN_NAME_MISSING), ("x" * 121, tokens.NAME_TOO_LONG)]
)
def test_a_token_needs_a_name_of_sensible_length(name, message):
    with pytest.raises(ValidationError) as refused:
        a_token(UserFactory(), name=name)
    assert refused.value.message_dict["name"] == [message]


@pytest.mark.parametrize("role", [Role.FOSTER_CARER, Role.CONNECTED_SYSTEM])
def test_carers_and_systems_hold_no_personal_token(role):
    user = UserFactory(role=role)
    assert not tokens.may_hold_personal_tokens(user)
    with pytest.raises(ValidationError, match=tokens.CANNOT_HOLD_TOKENS):
        a_token(user)


def test_revoking_a_token_is_audited_and_cannot_be_done_twice():
    user = UserFactory()
    token, raw = a_token(user)
    tokens.revoke_token(actor=user, token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None and token.state == "revoked"
    event = AuditEvent.objects.get(event_type=tokens.TOKEN_REVOKED)
    assert (event.actor, event.object_id) == (user, str(token.pk))
    with pytest.raises(ValidationError, match=tokens.TOKEN_ALREADY_REVOKED):
        tokens.revoke_token(actor=user, token=token)
    assert AuditEvent.objects.filter(event_type=tokens.TOKEN_REVOKED).count() == 1
    assert tokens.bearer_of(raw) is None


# Finding who a bearer token acts as ----------------------------------------------------------


def test_a_valid_token_acts_as_its_holder_with_its_scopes():
    user = UserFactory()
    token, raw = a_token(user, scopes=[Scope.READ, Scope.WRITE_VISITS])
    bearer = tokens.bearer_of(raw)
    assert bearer is not None
    assert (bearer.user, bearer.token_id, bearer.client_id) == (user, token.pk, None)
    assert bearer.scopes == frozenset({Scope.READ, Scope.WRITE_VISITS})
    assert bearer.may(Scope.READ) and not bearer.may(Scope.WRITE_CHILDREN)


def test_an_expired_token_acts_as_no_one():
    token, raw = a_token(UserFactory())
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert tokens.bearer_of(raw) is None
    token.refresh_from_db()
    assert token.state == "expired"


@pytest.mark.parametrize(
    "mangle",
    [
        lambda raw: raw.replace(tokens.PERSONAL_PREFIX, "xxx_", 1),
        lambda raw: raw.removeprefix(tokens.PERSONAL_PREFIX),
        lambda raw: raw[:-1],
        lambda raw: raw + "a",
        lambda raw: "",
        lambda raw: tokens.PERSONAL_PREFIX,
        lambda raw: hashlib.sha256(raw.encode()).hexdigest(),
    ],
)
def test_a_wrong_or_mangled_token_acts_as_no_one(mangle):
    _, raw = a_token(UserFactory())
    assert tokens.bearer_of(mangle(raw)) is None


def test_the_token_of_a_switched_off_account_acts_as_no_one():
    user = UserFactory()
    _, raw = a_token(user)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert tokens.bearer_of(raw) is None


def test_the_token_of_someone_whose_role_became_a_carer_acts_as_no_one():
    user = UserFactory()
    _, raw = a_token(user)
    User.objects.filter(pk=user.pk).update(role=Role.FOSTER_CARER)
    assert tokens.bearer_of(raw) is None


def test_last_used_is_written_at_most_once_a_minute(django_assert_num_queries):
    token, raw = a_token(UserFactory())
    assert token.last_used_at is None
    with django_assert_num_queries(2):  # the token, and writing when it was used
        assert tokens.bearer_of(raw) is not None
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    with django_assert_num_queries(1):  # the token only: used again within the minute
        assert tokens.bearer_of(raw) is not None
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - datetime.timedelta(seconds=61))
    with django_assert_num_queries(2):
        assert tokens.bearer_of(raw) is not None
    token.refresh_from_db()
    assert token.last_used_at > first - datetime.timedelta(seconds=1)


@given(raw=st.text(max_size=80))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_no_made_up_token_acts_as_anyone(raw):
    assert tokens.bearer_of(raw) is None


# A registered system's client credentials ----------------------------------------------------


def a_client(*, scopes=(Scope.READ, Scope.WRITE_CHILDREN), teams=None) -> tuple[ApiClient, str]:
    administrator = UserFactory(role=Role.ADMINISTRATOR)
    return tokens.register_client(
        actor=administrator, name="Case management system", scopes=list(scopes), teams=teams or []
    )


def test_registering_a_system_gives_it_an_account_that_cannot_sign_in_and_is_audited():
    team = TeamFactory()
    client, secret = a_client(teams=[team])
    assert secret.startswith(tokens.SECRET_PREFIX)
    assert client.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    account = client.account
    assert account.role == Role.CONNECTED_SYSTEM
    assert not account.has_usable_password()
    assert account.may_read_records and account.is_active
    assert list(client.teams.all()) == [team]
    event = AuditEvent.objects.get(event_type=tokens.CLIENT_REGISTERED)
    assert event.actor == client.registered_by
    assert event.details["teams"] == [team.name]
    assert secret not in str(event.details)


def test_two_systems_may_not_share_a_name():
    a_client()
    with pytest.raises(ValidationError) as refused:
        a_client()
    assert "already registered" in refused.value.message_dict["name"][0]
    assert ApiClient.objects.count() == 1
    assert User.objects.filter(role=Role.CONNECTED_SYSTEM).count() == 1


def test_a_system_with_an_unknown_scope_is_not_registered_and_leaves_no_account():
    with pytest.raises(ValidationError):
        a_client(scopes=["read", "admin"])
    assert not ApiClient.objects.exists()
    assert not User.objects.filter(role=Role.CONNECTED_SYSTEM).exists()


def test_the_right_secret_gets_a_short_lived_token_with_the_systems_scopes(settings):
    client, secret = a_client()
    token = tokens.issue_client_token(client_id=client.client_id, secret=secret)
    assert token is not None and token.raw.startswith(tokens.SYSTEM_PREFIX)
    assert (token.user, token.client) == (client.account, client)
    assert token.scopes == sorted([Scope.READ, Scope.WRITE_CHILDREN])
    lifetime = token.expires_at - timezone.now()
    assert settings.API_CLIENT_TOKEN_LIFETIME - datetime.timedelta(seconds=5) < lifetime
    assert lifetime <= settings.API_CLIENT_TOKEN_LIFETIME
    bearer = tokens.bearer_of(token.raw)
    assert bearer is not None
    assert (bearer.user, bearer.client_id) == (client.account, client.client_id)
    event = AuditEvent.objects.get(event_type=tokens.CLIENT_TOKEN_ISSUED)
    assert (event.actor, event.details["token_id"]) == (client.account, token.pk)
    assert token.raw not in str(event.details)


def test_a_system_may_ask_for_fewer_scopes_but_not_more():
    client, secret = a_client(scopes=[Scope.READ, Scope.WRITE_CHILDREN])
    fewer = tokens.issue_client_token(client_id=client.client_id, secret=secret, scopes=[Scope.READ])
    assert fewer is not None and fewer.scopes == [Scope.READ]
    more = [Scope.READ, Scope.WRITE_CONCERNS]
    assert tokens.issue_client_token(client_id=client.client_id, secret=secret, scopes=more) is None
    unknown = ["read", "everything"]
    assert tokens.issue_client_token(client_id=client.client_id, secret=secret, scopes=unknown) is None
    assert ApiToken.objects.count() == 1


@pytest.mark.parametrize(
    "credentials",
    [
        lambda client, secret: (client.client_id, secret + "x"),
        lambda client, secret: (client.client_id, ""),
        lambda client, secret: (client.client_id, client.secret_hash),
        lambda client, secret: ("sfclient_unknown", secret),
        lambda client, secret: (client.client_id.upper(), secret),
    ],
)
def test_a_wrong_secret_or_client_gets_no_token(credentials):
    client, secret = a_client()
    client_id, given_secret = credentials(client, secret)
    assert tokens.issue_client_token(client_id=client_id, secret=given_secret) is None
    assert not ApiToken.objects.exists()
    assert not AuditEvent.objects.filter(event_type=tokens.CLIENT_TOKEN_ISSUED).exists()


def test_a_revoked_system_gets_no_token_and_its_tokens_stop_at_once():
    client, secret = a_client()
    token = tokens.issue_client_token(client_id=client.client_id, secret=secret)
    administrator = client.registered_by
    tokens.revoke_client(actor=administrator, client=client)
    client.refresh_from_db()
    assert client.revoked_at is not None
    assert not User.objects.get(pk=client.account_id).is_active
    assert tokens.bearer_of(token.raw) is None
    assert tokens.issue_client_token(client_id=client.client_id, secret=secret) is None
    event = AuditEvent.objects.get(event_type=tokens.CLIENT_REVOKED)
    assert (event.actor, event.object_id) == (administrator, str(client.pk))
    with pytest.raises(ValidationError, match=tokens.CLIENT_ALREADY_REVOKED):
        tokens.revoke_client(actor=administrator, client=client)
    assert AuditEvent.objects.filter(event_type=tokens.CLIENT_REVOKED).count() == 1


def test_scopes_read_in_words_in_the_order_scope_lists_them():
    assert tokens.scope_words([Scope.WRITE_LOGS, Scope.READ, "gone:scope"]) == [
        Scope.READ.label,
        Scope.WRITE_LOGS.label,
        "gone:scope",
    ]


# The pages: the person's own tokens ------------------------------------------------------------


def test_the_account_page_links_to_the_persons_tokens():
    page = signed_in(UserFactory()).get("/accounts/").content.decode()
    assert f'href="{LIST}"' in page
    assert "/security/api-clients/" not in page


def test_a_person_lists_their_own_tokens_newest_first_with_their_state():
    user = UserFactory()
    older, _ = a_token(user, name="Older token")
    revoked, _ = a_token(user, name="Revoked token")
    tokens.revoke_token(actor=user, token=revoked)
    expired, _ = a_token(user, name="Expired token")
    ApiToken.objects.filter(pk=older.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(hours=1))
    a_token(UserFactory(), name="Someone else's token")

    page = signed_in(user).get(LIST)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("Expired token") < html.index("Revoked token") < html.index("Older token")
    assert "Someone else&#39;s token" not in html and "Someone else's token" not in html
    assert Scope.READ.label in html
    assert html.count("/revoke/") == 1
    assert f"/accounts/api-tokens/{older.pk}/revoke/" in html
    for state in ("Active", "Revoked", "Expired"):
        assert f">{state}</strong>" in html


def test_a_person_creates_a_token_and_sees_it_once():
    user = UserFactory()
    client = signed_in(user)
    form = client.get(CREATE)
    assert form.status_code == 200
    offered = in_days(30)
    html = form.content.decode()
    for part, value in (("day", offered.day), ("month", offered.month), ("year", offered.year)):
        assert f'name="expires_on-{part}" type="text" value="{value}"' in html

    made = client.post(CREATE, form_data(scopes=[Scope.READ, Scope.WRITE_VISITS]))
    assert made.status_code == 200
    assert "no-store" in made["Cache-Control"]
    raws = set(RAW_TOKEN.findall(made.content.decode()))
    assert len(raws) == 1
    raw = raws.pop()
    token = ApiToken.objects.get(user=user)
    assert tokens.bearer_of(raw).token_id == token.pk
    shown = made.content.decode()
    assert "Authorization: Bearer &lt;token&gt;" in shown
    assert 'href="/api/v1/docs"' in shown
    assert "only time it is shown" in shown
    # Never again: not on the list, not on the form.
    for page in (LIST, CREATE):
        assert raw not in client.get(page).content.decode()


def test_creating_a_token_asks_the_person_to_confirm_who_they_are_first():
    user = UserFactory()
    client = signed_in(user)
    move_session_clock(client, signing_in.SIGNED_IN_AT, datetime.timedelta(minutes=6))
    asked = client.get(CREATE)
    assert asked.status_code == 302
    assert asked["Location"].startswith("/accounts/confirm/")
    assert client.post(CREATE, form_data())["Location"].startswith("/accounts/confirm/")
    assert not ApiToken.objects.exists()
    assert client.get(LIST).status_code == 200  # the list asks nothing


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (form_data(scopes=()), "scopes", tokens.NO_SCOPE),
        ({**form_data(), "scopes": ["read", "everything"]}, "scopes", "Choose what the token may do"),
        (form_data(name="   "), "name", tokens.TOKEN_NAME_MISSING),
        (form_data(name="n" * 121), "name", tokens.NAME_TOO_LONG),
        (form_data(expires=in_days(0)), "expires_on", tokens.EXPIRY_NOT_AHEAD),
        (form_data(expires=in_days(-400)), "expires_on", tokens.EXPIRY_NOT_AHEAD),
        (form_data(expires=in_days(91)), "expires_on", "A token can last at most 90 days"),
        ({**form_data(), "expires_on-month": "13"}, "expires_on", "Expiry date must be a real date"),
        ({**form_data(), "expires_on-day": ""}, "expires_on", "Expiry date must include a day"),
    ],
)
def test_the_create_form_says_what_is_wrong(data, field, message, settings):
    settings.API_PERSONAL_TOKEN_MAX_DAYS = 90
    answer = signed_in(UserFactory()).post(CREATE, data)
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "govuk-error-summary" in html
    assert message in html.replace("&#39;", "'")
    expected_id = f"id_{field}-day" if field == "expires_on" else f"id_{field}"
    assert f'href="#{expected_id}"' in html
    assert not ApiToken.objects.exists()


@given(
    name=st.text(max_size=200),
    scopes=st.lists(st.sampled_from([*Scope.values, "", "admin", "read "]), max_size=4),
    day=st.text(max_size=4),
    month=st.text(max_size=4),
    year=st.text(max_size=6),
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_no_input_to_the_create_form_breaks_it(name, scopes, day, month, year):
    user = User.objects.filter(username="holder").first() or UserFactory(username="holder")
    client = signed_in(user)

    answer = client.post(
        CREATE,
        {
            "name": name,
            "scopes": scopes,
            "expires_on-day": day,
            "expires_on-month": month,
            "expires_on-year": year,
        },
    )
    assert answer.status_code == 200
    made = ApiToken.objects.filter(user=user).count()
    assert ("Token created" in answer.content.decode()) == (made == 1)
    ApiToken.objects.filter(user=user).delete()


def test_a_person_revokes_their_own_token_after_confirming():
    user = UserFactory()
    token, raw = a_token(user)
    client = signed_in(user)
    confirm = client.get(f"/accounts/api-tokens/{token.pk}/revoke/")
    assert confirm.status_code == 200
    assert "Revoke the token Visits spreadsheet" in confirm.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None  # asking is not revoking
    done = client.post(f"/accounts/api-tokens/{token.pk}/revoke/", follow=True)
    assert done.redirect_chain == [(LIST, 302)]
    assert "Your token Visits spreadsheet has been revoked" in done.content.decode()
    assert tokens.bearer_of(raw) is None
    again = client.post(f"/accounts/api-tokens/{token.pk}/revoke/", follow=True)
    assert tokens.TOKEN_ALREADY_REVOKED in again.content.decode()
    assert client.get(f"/accounts/api-tokens/{token.pk}/revoke/")["Location"] == LIST


def test_someone_elses_token_is_answered_404_and_left_alone():
    owner = UserFactory()
    token, raw = a_token(owner)
    colleague = signed_in(UserFactory(team=owner.team, role=Role.TEAM_MANAGER))
    for method in (colleague.get, colleague.post):
        assert method(f"/accounts/api-tokens/{token.pk}/revoke/").status_code == 404
    assert colleague.get("/accounts/api-tokens/not-a-number/revoke/").status_code == 404
    assert tokens.bearer_of(raw) is not None


def test_a_systems_token_is_no_ones_personal_token():
    client, secret = a_client()
    token = tokens.issue_client_token(client_id=client.client_id, secret=secret)
    administrator = signed_in(client.registered_by)
    assert administrator.get(f"/accounts/api-tokens/{token.pk}/revoke/").status_code == 404


@pytest.mark.parametrize("role", [Role.FOSTER_CARER, Role.CONNECTED_SYSTEM])
def test_carers_and_systems_get_404_from_every_token_page(role):
    owner = UserFactory()
    token, _ = a_token(owner)
    client = signed_in(UserFactory(role=role, team=None))
    for path in (LIST, CREATE, f"/accounts/api-tokens/{token.pk}/revoke/"):
        assert client.get(path).status_code == 404, path
        assert client.post(path).status_code == 404, path
    assert 'href="/accounts/api-tokens/"' not in client.get("/accounts/").content.decode()


def test_someone_not_signed_in_is_sent_to_sign_in():
    answer = Client().get(LIST)
    assert answer.status_code == 302
    assert answer["Location"].startswith("/accounts/login/")


def test_the_list_takes_the_same_queries_however_many_tokens(django_assert_max_num_queries):
    user = UserFactory()
    client = signed_in(user)
    a_token(user)
    with django_assert_max_num_queries(30) as few:
        client.get(LIST)
    for _ in range(10):
        a_token(user)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(LIST).status_code == 200
