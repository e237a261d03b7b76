from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", login_not_required(views.login), name="login"),
    path("login/code/", views.login_code, name="login-code"),
    path("logout/", views.logout, name="logout"),
    path("", views.account, name="account"),
    path("password/", views.password_change, name="password-change"),
    path("confirm/", views.confirm, name="confirm"),
    path("two-factor/set-up/", views.authenticator_set_up, name="authenticator-set-up"),
    path("two-factor/recovery-codes/", views.recovery_codes_make, name="recovery-codes-make"),
    path("two-factor/remove/", views.second_factor_remove, name="second-factor-remove"),
    path("session/", views.session_extend, name="session-extend"),
]
