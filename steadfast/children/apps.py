from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "steadfast.children"
    label = "children"
