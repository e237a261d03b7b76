from django.urls import path

from . import api_client_pages, views

app_name = "security"
urlpatterns = [
    path("activate/<str:uidb64>/<str:token>/", views.account_activate, name="account-activate"),
    path("confirmations/", views.confirmation_list, name="confirmation-list"),
    path("confirmations/<int:pk>/confirm/", views.account_confirm, name="account-confirm"),
    path("confirmations/<int:pk>/refuse/", views.account_refuse, name="account-refuse"),
    path("account-changes/", views.account_change_list, name="account-change-list"),
    path("refusals/", views.refusal_list, name="refusal-list"),
    path("refusals/<int:pk>/", views.refusal_detail, name="refusal-detail"),
    path("api-clients/", api_client_pages.api_client_list, name="api-client-list"),
    path("api-clients/register/", api_client_pages.api_client_register, name="api-client-register"),
    path("api-clients/<int:pk>/revoke/", api_client_pages.api_client_revoke, name="api-client-revoke"),
    path("api-tokens/", api_client_pages.api_token_list, name="api-token-list"),
    path("api-tokens/<int:pk>/revoke/", api_client_pages.api_token_revoke, name="api-token-revoke"),
]
