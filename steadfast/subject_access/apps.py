from django.apps import AppConfig


class SubjectAccessConfig(AppConfig):
    name = "steadfast.subject_access"
    verbose_name = "Subject access"
