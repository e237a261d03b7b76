from django.apps import AppConfig


class YoungPeopleConfig(AppConfig):
    name = "steadfast.young_people"
    verbose_name = "The child's own page"

    def ready(self) -> None:
        from steadfast.core import record_sections

        from .record_sections import SECTIONS

        record_sections.register(*SECTIONS)
