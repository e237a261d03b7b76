from django.apps import AppConfig


class SupportRequestsConfig(AppConfig):
    name = "steadfast.support_requests"
    label = "support_requests"
    verbose_name = "Requests for help"

    def ready(self) -> None:
        from steadfast.core import record_sections

        from .record_sections import SECTIONS

        record_sections.register(*SECTIONS)
