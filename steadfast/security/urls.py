from django.urls import path

from . import views

app_name = "security"
urlpatterns = [
    path("activate/<str:uidb64>/<str:token>/", views.account_activate, name="account-activate"),
    path("confirmations/", views.confirmation_list, name="confirmation-list"),
    path("confirmations/<int:pk>/confirm/", views.account_confirm, name="account-confirm"),
    path("confirmations/<int:pk>/refuse/", views.account_refuse, name="account-refuse"),
    path("account-changes/", views.account_change_list, name="account-change-list"),
    path("refusals/", views.refusal_list, name="refusal-list"),
    path("refusals/<int:pk>/", views.refusal_detail, name="refusal-detail"),
]
