from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "steadfast.accounts"
    label = "accounts"
