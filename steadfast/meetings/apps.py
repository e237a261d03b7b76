from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "steadfast.meetings"
    verbose_name = "Stability meetings"

    def ready(self) -> None:
        from steadfast.core import record_sections

        from .record_sections import SECTIONS

        record_sections.register(*SECTIONS)
