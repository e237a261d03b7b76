from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import passkey_views, token_pages, views

app_name = "accounts"
urlpatterns = [
    path("login/", login_not_required(views.login), name="login"),
    path("login/code/", views.login_code, name="login-code"),
    path("login/passkey/begin/", passkey_views.passkey_sign_in_begin, name="passkey-sign-in-begin"),
    path("login/passkey/complete/", passkey_views.passkey_sign_in_complete, name="passkey-sign-in-complete"),
    path("logout/", views.logout, name="logout"),
    path("", views.account, name="account"),
    path("password/", views.password_change, name="password-change"),
    path("confirm/", views.confirm, name="confirm"),
    path("two-factor/set-up/", views.authenticator_set_up, name="authenticator-set-up"),
    path("two-factor/recovery-codes/", views.recovery_codes_make, name="recovery-codes-make"),
    path("two-factor/remove/", views.second_factor_remove, name="second-factor-remove"),
    path("passkeys/add/", passkey_views.passkey_add, name="passkey-add"),
    path("passkeys/<int:pk>/name/", passkey_views.passkey_name, name="passkey-name"),
    path("passkeys/<int:pk>/remove/", passkey_views.passkey_remove, name="passkey-remove"),
    path(
        "passkeys/registration/begin/",
        passkey_views.passkey_registration_begin,
        name="passkey-registration-begin",
    ),
    path(
        "passkeys/registration/complete/",
        passkey_views.passkey_registration_complete,
        name="passkey-registration-complete",
    ),
    path("session/", views.session_extend, name="session-extend"),
    path("api-tokens/", token_pages.api_token_list, name="api-token-list"),
    path("api-tokens/create/", token_pages.api_token_create, name="api-token-create"),
    path("api-tokens/<int:pk>/revoke/", token_pages.api_token_revoke, name="api-token-revoke"),
]
