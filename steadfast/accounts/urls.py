from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", login_not_required(views.login), name="login"),
    path("logout/", views.logout, name="logout"),
]
