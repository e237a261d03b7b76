from django.urls import path

from . import views

app_name = "young_people"

urlpatterns = [
    path("my-views/<str:token>/", views.my_views, name="my-views"),
    path("children/<int:child_id>/own-page/invite/", views.invitation_add, name="invitation-add"),
    path("own-page/invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation-revoke"),
    path("own-page/views/<int:pk>/", views.views_detail, name="views-detail"),
    path("own-page/views/<int:pk>/acted/", views.views_acted, name="views-acted"),
    path("own-page/drawings/<int:pk>/", views.drawing, name="drawing"),
]
