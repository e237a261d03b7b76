from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "steadfast.retention"
    verbose_name = "Retention"
