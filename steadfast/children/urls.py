from django.urls import path

from . import views

app_name = "children"
urlpatterns = [
    path("", views.child_list, name="child-list"),
    path("add/", views.child_add, name="child-add"),
    path("<int:pk>/", views.child_detail, name="child-detail"),
    path("<int:pk>/edit/", views.child_edit, name="child-edit"),
    path("<int:pk>/allocate/", views.child_allocate, name="child-allocate"),
    path("<int:pk>/grants/add/", views.child_grant, name="child-grant"),
    path("<int:pk>/grants/<int:grant_id>/revoke/", views.child_grant_revoke, name="child-grant-revoke"),
]
