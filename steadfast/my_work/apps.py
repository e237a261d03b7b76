from django.apps import AppConfig


class MyWorkConfig(AppConfig):
    name = "steadfast.my_work"
    label = "my_work"
    verbose_name = "My work"
