from django.apps import AppConfig


class EmergencyAccessConfig(AppConfig):
    name = "steadfast.emergency_access"
    label = "emergency_access"
    verbose_name = "Opening a record in an emergency"
