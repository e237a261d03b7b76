from django.apps import AppConfig


class PlacementsConfig(AppConfig):
    name = "steadfast.placements"
    label = "placements"
