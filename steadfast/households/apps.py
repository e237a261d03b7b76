from django.apps import AppConfig


class HouseholdsConfig(AppConfig):
    name = "steadfast.households"
    label = "households"
