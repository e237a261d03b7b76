from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "steadfast.meetings"
    verbose_name = "Stability meetings"
