from django.urls import path, re_path

from . import views

app_name = "oversight"
urlpatterns = [
    path("oversight/", views.oversight_index, name="index"),
    path("oversight/signals/", views.oversight_signals, name="signals"),
    # Only the lists that exist, so the other pages under /oversight/ keep their own routes.
    re_path(
        rf"^oversight/(?P<list_name>{'|'.join(views.LIST_NAMES)})/$",
        views.oversight_list,
        name="list",
    ),
]
