from django.apps import AppConfig


class RestrictionsConfig(AppConfig):
    name = "steadfast.restrictions"
    verbose_name = "Restricted records reviewed"

    def ready(self) -> None:
        from steadfast.core import record_sections

        from .record_sections import SECTIONS

        record_sections.register(*SECTIONS)
