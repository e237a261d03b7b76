from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "steadfast.audit"
    label = "audit"

    def ready(self) -> None:
        from . import receivers  # noqa: F401
