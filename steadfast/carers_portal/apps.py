from django.apps import AppConfig


class CarersPortalConfig(AppConfig):
    name = "steadfast.carers_portal"
    label = "carers_portal"
    verbose_name = "Carers' portal"
