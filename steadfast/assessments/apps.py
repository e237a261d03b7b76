from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "steadfast.assessments"
    label = "assessments"
    verbose_name = "Assessments and carers' training"

    def ready(self) -> None:
        from steadfast.core import record_sections

        from .record_sections import SECTIONS

        record_sections.register(*SECTIONS)
