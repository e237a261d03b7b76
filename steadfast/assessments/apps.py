from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "steadfast.assessments"
    label = "assessments"
    verbose_name = "Assessments and carers' training"
