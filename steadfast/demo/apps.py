from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "steadfast.demo"
    label = "demo"
