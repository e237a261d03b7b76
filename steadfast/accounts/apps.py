from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "steadfast.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import receivers  # noqa: F401
