from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "steadfast.supervision"
    verbose_name = "Supervision of carers"

    def ready(self) -> None:
        from steadfast.core import record_sections

        from .record_sections import SECTIONS

        record_sections.register(*SECTIONS)
