from django.apps import AppConfig


class GridsConfig(AppConfig):
    name = "steadfast.grids"
    verbose_name = "Safety and Well-being Grids"

    def ready(self) -> None:
        from steadfast.core import record_sections

        from .record_sections import SECTIONS

        record_sections.register(*SECTIONS)
