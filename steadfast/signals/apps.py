from django.apps import AppConfig


class SignalsConfig(AppConfig):
    name = "steadfast.signals"
    label = "signals"
    verbose_name = "Stability signals"

    def ready(self) -> None:
        from steadfast.core import record_sections

        from .record_sections import SECTIONS

        record_sections.register(*SECTIONS)
